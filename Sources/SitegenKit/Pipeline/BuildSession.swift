import Logging

/// Runs the stages in order and keeps each stage's memos, so the next build — in this process, or in a new one
/// through the cache folder — redoes only results whose recorded inputs changed. The session only sequences;
/// what is reused is decided in one place, `FingerprintTable.verifies`, from traces the stages record as they run.
/// Not thread-safe: one owner (the CLI, or `RebuildCoordinator` on its build queue) calls `build` at a time.
// Unchecked: its state is mutable and unlocked, and safe only because one owner at a time calls it (above);
// it is Sendable so that owner can hand it to its build queue.
public final class BuildSession: @unchecked Sendable {
    public let options: BuildOptions
    let fileSystem: any FileSystem
    let directives: DirectiveRegistry
    let logger: Logger
    let progress: (@Sendable (BuildProgress) -> Void)?
    let destination: Destination
    let cache: BuildCache?
    let memory = MemoryOutput()
    let interner = KeyInterner()
    var state = State()
    /// Made with the session's first build that gets as far as the articles: kept memos point into it.
    var spill: BodySpill?

    public init(options: BuildOptions, destination: Destination = .memory, cache: BuildCache? = nil, fileSystem: any FileSystem = LocalFileSystem(),
                directives: DirectiveRegistry = .standard, logger: Logger = Logger(label: "sitegen"),
                progress: (@Sendable (BuildProgress) -> Void)? = nil) {
        self.options = options
        self.destination = destination
        self.cache = cache
        self.fileSystem = fileSystem
        self.directives = directives
        self.logger = logger
        self.progress = progress
    }

    /// Builds after `changedPaths` (source paths as the watcher reports them) changed; nil reads every folder again.
    public func build(changedPaths: Set<String>? = nil) -> Result {
        let lock = cache?.lock()
        defer { lock?.release() }
        if !state.cacheRead, let cache { state.readJournal(cache, interner: interner) }
        if let changedPaths, state.load != nil { state.pending.formUnion(changedPaths) } else { state.readEverything = true }
        let revision = state.revision
        var result = run(changed: state.readEverything ? nil : state.pending)
        result.notes = state.notes + result.notes
        state.notes = []
        guard result.succeeded else { return result }
        state.pending = []
        state.readEverything = false
        if !result.wholeSiteReused { saveMemos(after: &result, revision: revision) }
        return result
    }

    /// Does, once a build's result is out, what the next build would otherwise do first (the index from keys to
    /// the memos that read them), so the first edit after a build is as quick as the ones that follow.
    public func prepareForNextBuild() {
        state.indexReaders()
    }

    /// Forget what was loaded, so the next build reads every folder again (after a missed watch event).
    public func invalidateAll() {
        state.readEverything = true
    }

    /// The stages in order. Each takes its input and the context (fingerprints, memos, diagnostics, progress);
    /// the session decides only what a destination keeps and where a build stops.
    private func run(changed: Set<String>?) -> Result {
        // Before any stage reads the output folder: anything that repairs what a killed build left there goes first.
        let oneShot = destination.isOneShot
        var context = StageContext(fingerprints: state.fingerprints.take() ?? FingerprintTable(interner: interner), memos: state.memos.take(),
                                   progress: progress)
        // Both outlive the build: what stages published stays current until their memos change or go.
        defer { (state.fingerprints, state.memos) = (context.fingerprints, context.memos) }

        begin(.load)
        let loaded = LoadStage(fileSystem: fileSystem, options: options, interner: interner).run(.init(previous: state.load.take(), changed: changed), in: &context)
        // A one-shot build has no next build to hand its sources to.
        if !oneShot { state.load = loaded }
        var tree = loaded.tree
        _ = consume loaded
        // A build replaces its whole output folder: only one that is sitegen's (a session checks once, before its
        // first write; after that the folder holds its marker).
        // Before anything reads the output, a patch a killed build left half done is finished (`OutputPatch`).
        let outputRefused = destination.publishes
            ? SiteWriter(outputPath: options.outputDirectory).recover() ?? (state.built == 0 ? OutputFolder.problem(options) : nil) : nil
        if let outputRefused { context.diagnostics.append(.error(outputRefused, at: nil)) }

        begin(.validate)
        let config = SettingsStage(options: options).run(.init(site: tree.siteConfig, authors: tree.authors), in: &context)
        var held = OutputHeld()
        if outputRefused == nil {
            let (reused, found) = checkWholeSite(config: config, in: &context)
            if let reused { return reused }
            held = found
        }
        // Without the journal replayed, the memos do not list what the output holds: no patching it.
        if state.memosUnread, let cache, !state.readBase(cache, interner: interner, into: &context.memos) { held.exact = false }
        if oneShot { context.memos.buildOnce(savingMemos: cache != nil) }
        let spill = makeSpill()
        let paths = tree.articles.map(\.path)
        // The last list is patched only where the articles stage's plan says (see `ArticlesStage.run`).
        let previousList = state.articleList.take().flatMap { $0.paths == paths ? $0.articles : nil }
        var articles = ArticlesStage(spill: spill).run(.init(files: tree.articles, previous: previousList), in: &context)
        if !articles.articles.isEmpty, !oneShot { state.articleList = (paths, articles.articles) }
        // From here on the articles' bodies are the only holders of the files' texts (see `BodyTexts`).
        if oneShot { tree.articles = [] }
        let catalog = CatalogStage().run(tree.catalog, in: &context)
        let templates = TemplatesStage(directory: options.templatesDirectory)
            .run(.init(files: tree.templates, catalog: catalog, hasAuthors: config?.authors != nil, previous: state.templates), in: &context)
        state.templates = templates
        guard let config, let templateSet = templates.set, !context.diagnostics.hasErrors else { return Result(diagnostics: context.diagnostics, config: config) }
        var texts = BodyTexts()
        if oneShot {
            // The articles stage's values are the last other copies of the articles: no next build reads them.
            context.memos[ArticlesStage.memos].dropValues()
            texts = BodyTexts(taking: &articles.articles, budget: options.sourceMemoryBudget, fileSystem: fileSystem, fingerprints: context.fingerprints)
        }

        begin(.resolve)
        let (site, sourcePages, frontKeys) = ResolveStage(includeDrafts: options.includeDrafts)
            .run(.init(config: config, articles: articles.articles, catalog: catalog, assets: tree.assets), in: &context)
        FactReviewStage(asOf: options.asOf, strict: options.strictFacts).run(site, in: &context)

        begin(.renderMarkdown)
        let markdown = MarkdownStage(config: config, catalog: catalog, templates: templateSet, directives: directives, sourcePages: sourcePages,
                                     spill: spill, keepsBodies: !oneShot)
            .run(.init(site: site, texts: texts, directiveNames: directives.names), in: &context)

        begin(.checkLinks)
        let routes = RouteStage(templatesDirectory: options.templatesDirectory,
                                alreadyReported: Set(context.diagnostics.lazy.filter(\.isError).compactMap(\.location)))
            .run(.init(site: site, catalogPages: markdown.catalogPages), in: &context)
        // Only a build that publishes into the output folder compares with what that folder published.
        if destination.publishes, state.checkedRoutes != routes.fingerprint,
           let published = PublishedSite(outputDirectory: options.outputDirectory, baseURL: config.baseURL, fileSystem: fileSystem) {
            MovedPagesStage().run(.init(published: published, routes: routes, site: site), in: &context)
        }
        LinkStage().run(.init(routes: routes, bodies: markdown.bodies, catalogPages: markdown.catalogPages,
                              templateAnchors: LinkStage.templateAnchors(templateSet, catalog: catalog), config: config), in: &context)
        guard !context.diagnostics.hasErrors else { return Result(diagnostics: context.diagnostics, config: config) }
        if destination == .nowhere {
            return Result(diagnostics: context.diagnostics, config: config, site: site, links: site.articles.indices.flatMap { markdown.bodies.facts(at: $0).links })
        }

        begin(.renderPages)
        state.outputFolders = held.exact ? held.folders : [:]
        let target = makeTarget(exact: held.exact)
        let search = SearchStage().run(.init(site: site, bodies: markdown.bodies, spill: spill, previous: state.search, keepsRuns: !oneShot,
                                             savesRuns: cache != nil), in: &context)
        state.search = oneShot ? nil : search
        let inputs = PageInputs(site: site, bodies: markdown.bodies, catalogPages: markdown.catalogPages, routes: routes, templates: templateSet,
                                search: search, frontKeys: frontKeys)
        let pages = PagesStage().run(.init(pages: inputs, target: target), in: &context)
        context.diagnostics += markdown.bodies.problems
        context.memos[MarkdownStage.bodyMemos].remember(markdown.bodies.takeRenderedLater())

        begin(.write)
        let wrote = WriteStage().run(.init(pages: pages, target: target, cache: cache), in: &context)
        guard !context.diagnostics.hasErrors else { return Result(diagnostics: context.diagnostics, config: config) }
        // A swap made every folder new: the identities found before it vouch for none of them.
        if (target as? StagedSite)?.replacedWhole == true { state.outputFolders = [:] }
        state.built += 1
        // The output now holds these routes: until they change, no page of it can have gone.
        state.checkedRoutes = routes.fingerprint
        return Result(pages, target: target, wrote: wrote, files: destination == .memory ? memory.all : [], diagnostics: context.diagnostics, config: config)
    }
}
