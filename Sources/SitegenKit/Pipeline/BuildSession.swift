import Logging

/// Runs the stages in order and keeps each stage's memos, so the next build — in this process, or in a new one
/// through the cache folder — redoes only results whose recorded inputs changed. The session only sequences;
/// what is reused is decided in one place, `FingerprintTable.verifies`, from traces the stages record as they run.
/// Not thread-safe: one owner (the CLI, or `RebuildCoordinator` on its build queue) calls `build` at a time.
public final class BuildSession: @unchecked Sendable {
    /// Where built files go.
    public enum Destination: Sendable {
        /// Memory: `Result.files` holds the whole site (tests, and comparisons with other builds).
        case memory
        /// The output folder, replaced in one swap whenever anything changed (`sitegen build`).
        case staged
        /// The output folder, swapped in whole by the first build and updated file by file after (the preview).
        case preview
        /// Nowhere: the build stops once links are checked, and `Result.site` and `Result.links` hold what the
        /// content says (`sitegen check`, which needs the articles' links, not the pages).
        case nowhere
    }

    public let options: BuildOptions
    let fileSystem: any FileSystem
    let directives: DirectiveRegistry
    let logger: Logger
    let progress: (@Sendable (BuildProgress) -> Void)?
    let destination: Destination
    let cache: BuildCache?
    private let memory = MemoryOutput()
    private let interner = KeyInterner()
    private var state = State()
    /// Made with the session's first build that gets as far as the articles: kept memos point into it.
    private var spill: BodySpill?

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
        guard !result.wholeSiteReused else { return result }
        if let cache, state.revision != revision || result.wrote || destination == .staged {
            if destination == .staged, state.baseDue {
                // A one-shot build has no next build in this process: let go of the texts and values before
                // writing every memo. (Only then: freeing them one by one takes longer than the exit.)
                state.load = nil
                state.articles.dropValues()
                state.markdown.bodies.dropValues()
            }
            do { try state.save(to: cache, site: wholeSiteMemo(result), interner: interner, spill: spill) } catch { result.notes.append("sitegen: note: \(error)") }
        }
        return result
    }

    /// The whole build's memo, so a new process with nothing changed stops after the load (one-shot builds only:
    /// the preview updates its folder in place).
    private func wholeSiteMemo(_ result: Result) -> Memo? {
        guard destination == .staged, let fingerprints = state.fingerprints else { return nil }
        return WholeSiteStage().memo(WholeSiteStage.Outcome(paths: result.paths, pageCount: result.pageCount), diagnostics: result.diagnostics,
                                     fingerprints: fingerprints, output: options.outputDirectory) { [pages = state.pages] in
            pages[$0].flatMap { try? PagesStage.decode($0.payload) }
        } knownFolder: { [folders = state.outputFolders, touched = WholeSiteStage.folders(above: result.made + result.removed)] folder in
            touched.contains(folder) ? nil : folders[folder]
        }
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

    private func begin(_ step: BuildStep) {
        logger.debug("[\(step.number)/\(BuildStep.allCases.count)] \(step.rawValue)")
        progress?(BuildProgress(step: step, completed: 0, total: 0))
    }

    private func run(changed: Set<String>?) -> Result {
        begin(.load)
        let loaded = LoadStage(fileSystem: fileSystem, options: options, interner: interner)
            .run(previous: state.load.take(), table: state.fingerprints.take(), changed: changed)
        // A one-shot build has no next build to hand its sources to.
        if !oneShot { state.load = loaded }
        var tree = loaded.tree
        var fingerprints = loaded.fingerprints
        var diagnostics = loaded.diagnostics
        _ = consume loaded
        // A build replaces its whole output folder: only one that is sitegen's (a session checks once, before its
        // first write; after that the folder holds its marker).
        // Before anything reads the output, a patch a killed build left half done is finished (`OutputPatch`).
        let outputRefused = destination == .staged || destination == .preview
            ? SiteWriter(outputPath: options.outputDirectory).recover() ?? (state.built == 0 ? OutputFolder.problem(options) : nil) : nil
        if let outputRefused { diagnostics.append(.error(outputRefused, at: nil)) }
        // The table outlives the build: what stages published stays current until their memos change or go.
        defer { state.fingerprints = fingerprints }

        begin(.validate)
        let (config, settingsProblems) = SettingsStage(options: options).run(tree.siteConfig, authors: tree.authors, fingerprints: &fingerprints)
        var exact = false, folders: [String: FileIdentity] = [:]
        if destination == .staged, outputRefused == nil {
            switch WholeSiteStage().check(state.site, fingerprints: fingerprints, output: options.outputDirectory) {
            case .unchanged(let outcome, let problems):
                // Nothing to write, but a killed build's staging folder beside the output still goes.
                SiteWriter(outputPath: options.outputDirectory).removeLeftovers()
                return Result(diagnostics: problems, paths: outcome.paths, pageCount: outcome.pageCount, config: config, wholeSiteReused: true)
            case .changed(let holds, let found): (exact, folders) = (holds, found)
            }
        }
        // Without the journal replayed, the memos do not list what the output holds: no patching it.
        if state.memosUnread, let cache, !state.readBase(cache, interner: interner) { exact = false }
        if oneShot { state.buildOnce(savingMemos: cache != nil) }
        let paths = tree.articles.map(\.path)
        var previousList = state.articleList?.paths == paths ? state.articleList?.articles : nil
        state.articleList = nil
        let inMemory = destination == .memory || destination == .nowhere
        let spill = self.spill ?? (inMemory ? .memory() : .file(in: SiteWriter(outputPath: options.outputDirectory).parent))
        self.spill = spill
        var articles = ArticlesStage(spill: spill).run(tree.articles, previous: &previousList, memos: &state.articles, fingerprints: &fingerprints)
        if !articles.articles.isEmpty, !oneShot { state.articleList = (paths, articles.articles) }
        // From here on the articles' bodies are the only holders of the files' texts (see `BodyTexts`).
        if oneShot { tree.articles = [] }
        let (catalog, catalogProblems) = CatalogStage().run(tree.catalog,
                                                                  memos: &state.catalog, fingerprints: &fingerprints)
        // A collection's missing template is reported at its declaration; the set is compiled without it.
        let available = Set(tree.templates.map { TemplateSet.templateName(of: $0.path, directory: options.templatesDirectory) })
        let missingTemplates = CatalogPages.missingTemplates(catalog, available: available, directory: options.templatesDirectory)
        let templates = TemplatesStage(directory: options.templatesDirectory)
            .run(tree.templates, alsoRequired: CatalogPages.templates(catalog).filter(available.contains) + (config?.authors == nil ? [] : ["author"]),
                 previous: state.templates, fingerprints: &fingerprints)
        state.templates = templates
        diagnostics += settingsProblems + articles.diagnostics + catalogProblems + missingTemplates + templates.diagnostics
        guard let config, let templateSet = templates.set, !diagnostics.hasErrors else { return Result(diagnostics: diagnostics, config: config) }
        let texts: BodyTexts
        if oneShot {
            // The articles stage's values are the last other copies of the articles: no next build reads them.
            state.articles.dropValues()
            texts = BodyTexts(taking: &articles.articles, budget: options.sourceMemoryBudget, fileSystem: fileSystem, fingerprints: fingerprints)
        } else {
            texts = BodyTexts()
        }

        begin(.resolve)
        let (site, resolveProblems, sourcePages, frontKeys) = ResolveStage(includeDrafts: options.includeDrafts).run(
            config: config, articles: articles.articles, catalog: catalog, assets: tree.assets,
            memos: &state.resolve, fingerprints: &fingerprints)
        diagnostics += resolveProblems
        diagnostics += FactReviewStage(asOf: options.asOf, strict: options.strictFacts).run(site)

        begin(.renderMarkdown)
        var renderer = MarkdownRenderer(allowRawHTML: config.allowRawHTML, basePath: config.baseURL.path, directives: directives,
                                        context: DirectiveContext(site: config, catalog: catalog), reservedIDs: templateSet.staticIDs,
                                        pageTemplateIDs: templateSet.staticIDs(onPage: "article"))
        renderer.sourcePages = sourcePages
        // A catalog template's ids belong to its pages alone: a link to `#capabilities` on an article is broken.
        let catalogTemplates = CatalogPages.templates(catalog)
        let catalogTemplateIDs = Dictionary(uniqueKeysWithValues: catalogTemplates.map { ($0, templateSet.staticIDs(onPage: $0)) })
        let pageTemplateIDs = templateSet.names.filter { !catalogTemplates.contains($0) }.reduce(into: Set<String>()) { $0.formUnion(templateSet.staticIDs(onPage: $1)) }
        let markdown = MarkdownStage(renderer: renderer, spill: spill, keepsBodies: !oneShot, catalogTemplateIDs: catalogTemplateIDs)
            .run(site, texts: texts, directiveNames: directives.names, memos: &state.markdown, fingerprints: &fingerprints, progress: progress)
        diagnostics += markdown.diagnostics

        begin(.checkLinks)
        let (routes, routeProblems) = RouteStage(templatesDirectory: options.templatesDirectory,
                                                  alreadyReported: Set(diagnostics.lazy.filter(\.isError).compactMap(\.location)))
            .run(site: site, catalogPages: markdown.catalogPages, memos: &state.routes, fingerprints: &fingerprints)
        diagnostics += routeProblems
        // Only a build that publishes into the output folder compares with what that folder published.
        if destination == .staged || destination == .preview, state.checkedRoutes != routes.fingerprint, let published = PublishedSite(outputDirectory: options.outputDirectory,
                                                                                    baseURL: config.baseURL, fileSystem: fileSystem) {
            diagnostics += MovedPagesStage().run(published: published, routes: routes, site: site)
        }
        diagnostics += LinkStage().run(routes: routes, bodies: markdown.bodies, catalogPages: markdown.catalogPages,
                                       templateAnchors: pageTemplateIDs, config: config, memos: &state.links, fingerprints: &fingerprints)
        guard !diagnostics.hasErrors else { return Result(diagnostics: diagnostics, config: config) }
        if destination == .nowhere {
            let links = site.articles.indices.flatMap { markdown.bodies.facts(at: $0).links }
            return Result(diagnostics: diagnostics, config: config, site: site, links: links)
        }

        begin(.renderPages)
        state.outputFolders = exact ? folders : [:]
        let target = makeTarget(exact: exact)
        let search = SearchStage().run(site: site, bodies: markdown.bodies, spill: spill, previous: state.search, keepsRuns: !oneShot,
                                       savesRuns: cache != nil, memos: &state.searchRuns, fingerprints: &fingerprints)
        state.search = oneShot ? nil : search
        let inputs = PageInputs(site: site, bodies: markdown.bodies, catalogPages: markdown.catalogPages, routes: routes, templates: templateSet,
                                search: search,
                                frontKeys: frontKeys)
        let pages = PagesStage().run(inputs, target: target, memos: &state.pages, fingerprints: fingerprints, progress: progress)
        diagnostics += pages.diagnostics + markdown.bodies.problems
        for (path, body) in markdown.bodies.takeRenderedLater() { state.markdown.bodies.remember(path, value: body) }

        begin(.write)
        var wrote = false
        if !diagnostics.hasErrors {
            let (written, problems) = WriteStage().run(pages, target: target) {
                if pages.rendered > 0 || !(pages.removed?.isEmpty ?? true) { cache?.invalidate() }
            }
            wrote = written
            diagnostics += problems
            if !problems.hasErrors { PagesStage().recordIdentities(of: pages.made, in: target, memos: &state.pages) }
        } else {
            target.discard()
        }
        // Page memos describe files the destination holds; after a failed render or write it may not.
        guard !diagnostics.hasErrors else {
            state.pages.dropAll()
            return Result(diagnostics: diagnostics, config: config)
        }
        state.built += 1
        // The output now holds these routes: until they change, no page of it can have gone.
        state.checkedRoutes = routes.fingerprint
        return Result(diagnostics: diagnostics, files: destination == .memory ? memory.all : [], paths: pages.paths, changed: target.changed,
                      removed: pages.removed ?? [], made: pages.made, pageCount: pages.pageCount, wrote: wrote, written: wrote ? target.writtenCount : 0, config: config)
    }

    /// A `sitegen build`: the session makes one site and ends, so what only a next build would read is not kept.
    private var oneShot: Bool { destination == .staged }

    private func makeTarget(exact: Bool) -> any OutputTarget {
        let writer = SiteWriter(outputPath: options.outputDirectory)
        switch destination {
        case .memory, .nowhere: return memory
        case .staged: return writer.stage(exact: exact)
        case .preview: return state.built == 0 ? writer.stage() : InPlaceOutput(writer: writer)
        }
    }
}
