import Logging

/// Runs the pipeline and remembers what every stage produced, so the next build redoes only what a change
/// touched. A first build, or one given no list of changes, reads and renders everything; both paths run
/// the same stage functions, which is what keeps an incremental build byte-identical to a full one.
/// Not thread-safe: one owner (the CLI, or `RebuildCoordinator`) calls `build` at a time.
public final class BuildSession {
    public let options: BuildOptions
    let fileSystem: any FileSystem
    let directives: DirectiveRegistry
    let logger: Logger
    let progress: (@Sendable (BuildProgress) -> Void)?

    private var state = State()
    /// Paths changed since the last successful build: a failed build leaves them pending for the next.
    private var pending: Set<String> = []
    private var needsFullRead = true

    public init(options: BuildOptions, fileSystem: any FileSystem = LocalFileSystem(), directives: DirectiveRegistry = .standard,
                logger: Logger = Logger(label: "sitegen"), progress: (@Sendable (BuildProgress) -> Void)? = nil) {
        self.options = options
        self.fileSystem = fileSystem
        self.directives = directives
        self.logger = logger
        self.progress = progress
    }

    /// What one build produced.
    public struct Result: Sendable {
        public var diagnostics: [Diagnostic]
        /// The whole site, when the build succeeded and did not stream its files to a sink.
        public var files: [OutputFile]
        /// Every output path, in a fixed order.
        public var paths: [String]
        /// Files whose bytes differ from the last successful build (all files after a full read).
        public var changed: [OutputFile]
        /// Output paths the last successful build had and this one does not.
        public var removed: [String]
        /// Output files made afresh rather than reused.
        public var rendered: Int
        public var pageCount: Int
        /// The site's settings, when they could be read (the preview server needs the base path).
        public var config: SiteConfig?

        public var succeeded: Bool { !diagnostics.hasErrors }
    }

    /// Builds after `changedPaths` (source paths as the watcher reports them) changed; nil reads everything again.
    /// With a sink, every file goes to it as it is made and none is kept, so the next build renders every page.
    public func build(changedPaths: Set<String>? = nil, into sink: (any OutputSink)? = nil) -> Result {
        if let changedPaths, !needsFullRead {
            pending.formUnion(changedPaths)
        } else {
            needsFullRead = true
        }
        // The state is changed in place: copying it first, to throw the copy away on failure, would copy every
        // cache of a large site on each rebuild. A failed build leaves caches that are right for what they were
        // computed from; generations only grow, and "changed" means changed since the last successful build.
        state.generation += 1
        let result = run(&state, changed: needsFullRead ? nil : pending, sink: sink)
        if result.succeeded {
            state.succeeded = state.generation
            pending = []
            needsFullRead = false
        }
        return result
    }

    /// Forget everything, so the next build reads and renders the whole site (after a missed watch event).
    public func invalidateAll() {
        needsFullRead = true
    }

    private func begin(_ step: BuildStep) {
        logger.debug("[\(step.number)/\(BuildStep.allCases.count)] \(step.rawValue)")
        progress?(BuildProgress(step: step, completed: 0, total: 0))
    }

    // MARK: - The pipeline, stage by stage, with reuse

    private func run(_ state: inout State, changed: Set<String>?, sink: (any OutputSink)?) -> Result {
        let generation = state.generation
        // Anything stamped later than this changed since the output was last written.
        let since = state.succeeded
        func failed(_ diagnostics: [Diagnostic]) -> Result {
            Result(diagnostics: diagnostics, files: [], paths: [], changed: [], removed: [], rendered: 0, pageCount: 0, config: state.config?.config)
        }

        begin(.load)
        let loader = SourceLoader(fileSystem: fileSystem)
        let tree: SourceTree
        var diagnostics: [Diagnostic]
        var assetGenerations: [String: Int] = [:]
        // Edits to articles alone: the last tree with those files read again (no folder is listed).
        let reread = changed.flatMap { changed in state.loaded.flatMap { loader.rereadArticles($0.tree, changed: changed) } }
        if let reread, state.loaded != nil {
            for (position, file) in reread {
                state.loaded!.tree.articles[position] = file
                state.sources[file.path] = file
            }
            tree = state.loaded!.tree
            diagnostics = state.loaded!.diagnostics
            assetGenerations = state.assets.mapValues(\.generation)
        } else {
            let (loadedTree, loadDiagnostics) = loader.load(
                content: options.contentDirectory, templates: options.templatesDirectory,
                previous: state.sources, previousAssets: state.assetFiles, changed: changed)
            tree = loadedTree
            diagnostics = loadDiagnostics
            let texts = [tree.siteConfig, tree.catalogFeatures].compactMap { $0 } + tree.articles + tree.catalogMeshes + tree.templates
            state.sources = Dictionary(texts.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
            for asset in tree.assets {
                let old = state.assets[asset.outputPath]
                assetGenerations[asset.outputPath] = old?.bytes == asset.bytes ? old!.generation : generation
            }
            state.assets = Dictionary(uniqueKeysWithValues: tree.assets.map { ($0.outputPath, (bytes: $0.bytes, generation: assetGenerations[$0.outputPath]!)) })
            state.assetFiles = Dictionary(uniqueKeysWithValues: tree.assets.map { (options.templatesDirectory + "/" + $0.outputPath, $0) })
            state.loaded = (tree, loadDiagnostics)
        }

        begin(.validate)
        // Site settings.
        var config: SiteConfig?
        if let file = tree.siteConfig {
            if let cached = state.config, cached.text == file.text {
                config = cached.config
                diagnostics += cached.diagnostics
            } else {
                let (decoded, problems) = SiteConfigDecoder.decode(file, baseURLOverride: options.baseURL)
                config = decoded
                diagnostics += problems
                let unchanged = state.config?.config == decoded && decoded != nil
                state.config = (file.text, decoded, problems, unchanged ? state.config!.generation : generation)
            }
        }
        if var decoded = config, let policy = options.linkPolicy {
            decoded.linkPolicy = policy
            config = decoded
        }

        // Articles: only files read again are decoded again.
        let toDecode = (reread?.map(\.file) ?? tree.articles).filter { file in state.articles[file.path].map { $0.text != file.text } ?? true }
        let decoded = Parallel.map(toDecode) { file in (file.path, file.text, ArticleDecoder.decode(file)) }
        for (path, text, (article, problems)) in decoded {
            let old = state.articles[path]
            let unchanged = old?.article == article && article != nil
            let listed = article.map(ListingEntry.init) == old?.article.map(ListingEntry.init) && article != nil
            state.articles[path] = ArticleEntry(text: text, article: article, diagnostics: problems,
                                                generation: unchanged ? old!.generation : generation,
                                                listingGeneration: listed ? old!.listingGeneration : generation)
        }
        // Patched in place where possible: a local copy of a 10,000-element cache, changed, is a copy of all of it.
        if let reread, state.articleEntries.count == tree.articles.count, state.articleList.count == tree.articles.count {
            for (position, file) in reread {
                state.articleEntries[position] = state.articles[file.path]!
                if let article = state.articleEntries[position].article {
                    state.articleList[position] = article
                } else {
                    state.articleList = []
                }
            }
        } else {
            let livePaths = Set(tree.articles.map(\.path))
            // Every cache holds its live keys at least, so equal counts mean nothing to drop (and no 10k-entry copy).
            if state.articles.count != livePaths.count { state.articles = state.articles.filter { livePaths.contains($0.key) } }
            state.articleEntries = tree.articles.compactMap { state.articles[$0.path] }
            state.articleList = state.articleEntries.compactMap(\.article)
        }
        let articleEntries = state.articleEntries
        diagnostics += articleEntries.flatMap(\.diagnostics)
        // With an article that failed to decode the build stops before any stage reads the list.
        let articles = state.articleList

        // Catalog: small, so any change decodes all of it and compares entity by entity.
        let catalogTexts = ([tree.catalogFeatures].compactMap { $0 } + tree.catalogMeshes).map { [$0.path, $0.text] }
        if state.catalog?.texts != catalogTexts {
            let (catalog, problems) = CatalogDecoder.decode(features: tree.catalogFeatures, meshes: tree.catalogMeshes)
            state.catalog = CatalogEntry(texts: catalogTexts, catalog: catalog, diagnostics: problems, previous: state.catalog, generation: generation)
        }
        let catalogEntry = state.catalog!
        diagnostics += catalogEntry.diagnostics
        let catalog = catalogEntry.catalog

        // Templates: compiled together; each page template's generation covers its partials and parents.
        let templateTexts = tree.templates.map { [$0.path, $0.text] }
        if state.templates?.texts != templateTexts {
            let (set, problems) = TemplateSet.compile(
                tree.templates, directory: options.templatesDirectory, alsoRequired: catalog.meshes.isEmpty ? [] : CatalogPages.templates)
            var generations: [String: Int] = [:]
            for file in tree.templates {
                let name = TemplateSet.templateName(of: file.path, directory: options.templatesDirectory)
                let old = state.templates?.textByName[name]
                generations[name] = old == file.text ? (state.templates?.generations[name] ?? generation) : generation
            }
            let textByName = Dictionary(uniqueKeysWithValues: tree.templates.map {
                (TemplateSet.templateName(of: $0.path, directory: options.templatesDirectory), $0.text)
            })
            state.templates = TemplatesEntry(texts: templateTexts, set: set, diagnostics: problems, textByName: textByName, generations: generations)
        } else if !catalog.meshes.isEmpty, let set = state.templates?.set {
            // A catalog that appears makes its templates required.
            let missing = CatalogPages.templates.filter { !set.names.contains($0) }
            diagnostics += missing.map { .error("the template '\($0)' is missing (expected \(options.templatesDirectory)/\($0).mustache)", at: nil) }
        }
        diagnostics += state.templates!.diagnostics
        guard let config, let templates = state.templates?.set, !diagnostics.hasErrors else { return failed(diagnostics) }
        let configGeneration = state.config!.generation

        begin(.resolve)
        // When every article that changed kept all it shows outside its body, the order, URLs, related reading
        // and tags stand: the last resolved site is reused with the new bodies put in place.
        let changedPositions = articleEntries.indices.filter { articleEntries[$0].generation > since }
        let site: ResolvedSite
        var resolveReused = false
        let reusable = state.resolved.map { reused in
            reused.config == config && reused.assets == tree.assets && catalogEntry.catalogGeneration <= since
                && reused.articles.count == articles.count
                && changedPositions.allSatisfy { articles[$0].sameOutsideBody(as: reused.articles[$0]) }
        } ?? false
        if reusable {
            // Changed in place; holding a copy while changing it would copy every article.
            for position in changedPositions {
                guard let index = state.resolved!.site.articleIndex[articles[position].slug] else { continue }
                state.resolved!.site.articles[index] = articles[position]
                state.resolved!.articles[position] = articles[position]
            }
            site = state.resolved!.site
            diagnostics += state.resolved!.diagnostics
            resolveReused = true
        } else {
            var relatedCache = state.related
            let (resolved, resolveDiagnostics) = SiteResolver.resolve(
                config: config, articles: articles, catalog: catalog, assets: tree.assets, includeDrafts: options.includeDrafts
            ) { ordered, index, count in
                let inputs = ordered.map(RelatedIndex.Input.init)
                if let cached = relatedCache, cached.inputs == inputs, cached.count == count { return cached.result }
                let result = RelatedIndex.compute(inputs: inputs, index: index, count: count)
                relatedCache = RelatedEntry(inputs: inputs, count: count, result: result)
                return result
            }
            state.related = relatedCache
            site = resolved
            diagnostics += resolveDiagnostics
            let listing = site.articles.map(ListingEntry.init)
            if state.listing?.entries != listing {
                state.listing = (listing, generation)
            }
            let sourcePages = Dictionary(
                site.articles.map { (SitePath.normalize($0.sourcePath), ResolvedSite.sitePath(of: $0)) }, uniquingKeysWith: { first, _ in first })
            state.resolved = ResolveEntry(articles: articles, config: config, assets: tree.assets, site: site,
                                          diagnostics: resolveDiagnostics, sourcePages: sourcePages)
        }

        begin(.renderMarkdown)
        var renderer = MarkdownRenderer(
            allowRawHTML: config.allowRawHTML, basePath: config.baseURL.path, directives: directives,
            context: DirectiveContext(site: config, catalog: catalog), reservedIDs: templates.staticIDs)
        renderer.sourcePages = state.resolved!.sourcePages
        // Everything every body depends on besides its own text and the catalog entries it shows.
        let markdownContext = MarkdownContext(config: config, reservedIDs: templates.staticIDs, directiveNames: directives.names)
        if state.markdownContext?.value != markdownContext { state.markdownContext = (markdownContext, generation) }
        let sourcePages = renderer.sourcePages
        if !resolveReused, state.sourcePages?.value != sourcePages { state.sourcePages = (sourcePages, generation) }
        let contextGeneration = state.markdownContext!.generation, sourcePagesGeneration = state.sourcePages!.generation

        // The commonest edit while writing changes article bodies and nothing else. Then every later stage
        // works on those articles alone and takes the rest, by position, from the last build.
        let sitePositions = changedPositions.compactMap { site.articleIndex[articles[$0].slug] }
        let bodiesOnly = resolveReused && changed != nil && sink == nil && state.pages != nil && state.bodies != nil && state.links != nil
            && configGeneration <= since && contextGeneration <= since
            && assetGenerations.values.allSatisfy { $0 <= since }
            && state.templates!.generations.values.allSatisfy { $0 <= since }

        let stale: [Article]
        if bodiesOnly {
            stale = sitePositions.map { site.articles[$0] }
        } else {
            stale = site.articles.filter { article in
                guard let entry = state.markdown[article.sourcePath], let articleEntry = state.articles[article.sourcePath] else { return true }
                return articleEntry.generation > entry.renderedAt
                    || contextGeneration > entry.renderedAt
                    || (entry.markdown.usesSourceLinks && sourcePagesGeneration > entry.renderedAt)
                    || entry.markdown.dependencies.contains { catalogEntry.generation(of: $0) > entry.renderedAt }
            }
        }
        let counter = progress.map { ProgressCounter(step: .renderMarkdown, total: stale.count, observer: $0) }
        let finalRenderer = renderer
        let fresh = Parallel.map(stale) { article -> (String, RenderedMarkdown, [Diagnostic]) in
            defer { counter?.advance() }
            let (markdown, problems) = finalRenderer.render(article.body, path: article.sourcePath, firstLine: article.bodyStartLine)
            return (article.sourcePath, markdown, problems)
        }
        for (path, markdown, problems) in fresh {
            state.markdown[path] = MarkdownEntry(markdown: markdown, diagnostics: problems, renderedAt: generation)
        }
        let rendered: [RenderedArticle]
        let catalogPages: [CatalogPage]
        if bodiesOnly {
            for position in sitePositions {
                let entry = state.markdown[site.articles[position].sourcePath]!
                state.bodies!.rendered[position] = RenderedArticle(article: site.articles[position], markdown: entry.markdown)
                state.bodies!.diagnostics[position] = entry.diagnostics
            }
            rendered = state.bodies!.rendered
            catalogPages = state.bodies!.catalogPages
        } else {
            let published = Set(site.articles.map(\.sourcePath))
            if state.markdown.count != published.count { state.markdown = state.markdown.filter { published.contains($0.key) } }
            let entries = site.articles.map { state.markdown[$0.sourcePath]! }
            rendered = zip(site.articles, entries).map { RenderedArticle(article: $0, markdown: $1.markdown) }
            catalogPages = CatalogPages.render(catalog, context: renderer.context)
            state.bodies = BodiesEntry(rendered: rendered, diagnostics: entries.map(\.diagnostics), catalogPages: catalogPages)
        }
        diagnostics += state.bodies!.diagnostics.joined()

        begin(.checkLinks)
        // While the pages, their anchors and the settings stay the same, an article's link problems change only
        // when its body was rendered again; a rebuild checks those articles alone.
        var targets: [String: Set<String>]
        var targetsKept = false
        if bodiesOnly {
            // The rest of the inputs are unchanged by definition; only the edited pages' anchors can move.
            targets = state.links!.inputs.targets
            targetsKept = true
            for position in sitePositions {
                let path = ResolvedSite.sitePath(of: site.articles[position]), anchors = rendered[position].markdown.anchors
                if targets[path] != anchors {
                    targets[path] = anchors
                    targetsKept = false
                }
            }
        } else {
            targets = LinkChecker.targets(site: site, rendered: rendered, catalogPages: catalogPages)
        }
        let checker = LinkChecker(targets: targets, templateAnchors: templates.staticIDs, baseURL: config.baseURL)
        let linkInputs = LinkInputs(targets: targets, templateAnchors: checker.templateAnchors, baseURL: config.baseURL,
                                    navigation: config.navigation, policy: config.linkPolicy)
        // Kept problems are changed in place, never through a copy of the whole map.
        let reuseProblems = targetsKept || state.links?.inputs == linkInputs
        if !reuseProblems { state.links = (linkInputs, [:]) }
        let renderedNow = Set(fresh.map(\.0))
        let unchecked: [RenderedArticle]
        if !reuseProblems {
            unchecked = rendered
        } else if bodiesOnly {
            unchecked = sitePositions.map { rendered[$0] }
        } else {
            unchecked = rendered.filter { state.links!.problems[$0.article.sourcePath] == nil || renderedNow.contains($0.article.sourcePath) }
        }
        for (item, problems) in zip(unchecked, Parallel.map(unchecked) { checker.check($0, policy: config.linkPolicy) }) {
            state.links!.problems[item.article.sourcePath] = problems
        }
        if state.links!.problems.count != rendered.count {
            let published = Set(site.articles.map(\.sourcePath))
            state.links!.problems = state.links!.problems.filter { published.contains($0.key) }
        }
        let linkProblems = state.links!.problems
        diagnostics += checker.check(navigation: config.navigation, policy: config.linkPolicy)
        if linkProblems.values.contains(where: { !$0.isEmpty }) {
            diagnostics += rendered.flatMap { linkProblems[$0.article.sourcePath]! }
        }
        guard !diagnostics.hasErrors else { return failed(diagnostics) }

        begin(.renderPages)
        let templateEntry = state.templates!
        let articleStates = state.articles, markdownStates = state.markdown
        func sourcePath(_ slug: String) -> String? { site.articleIndex[slug].map { site.articles[$0].sourcePath } }
        let versions = PageVersions(
            article: { slug in sourcePath(slug).flatMap { articleStates[$0]?.generation } ?? generation },
            listed: { slug in sourcePath(slug).flatMap { articleStates[$0]?.listingGeneration } ?? generation },
            markdown: { slug in sourcePath(slug).flatMap { markdownStates[$0]?.renderedAt } ?? generation },
            template: { name in (templates.closures[name] ?? [name]).map { templateEntry.generations[$0] ?? generation }.max() ?? generation },
            asset: { assetGenerations[$0] ?? generation },
            config: max(configGeneration, contextGeneration),
            listing: state.listing!.generation,
            catalog: catalogEntry.catalogGeneration)
        // Search entries are kept between rebuilds and re-encoded only for articles whose text, fields or
        // settings moved on. A streaming build has no next rebuild: it encodes each entry as the index is written.
        let searchEntry: @Sendable (Int) -> String
        let baseURL = config.baseURL
        if sink == nil {
            func searchKey(_ item: RenderedArticle) -> String {
                "\(versions.article(item.article.slug))|\(versions.markdown(item.article.slug))|\(versions.config)"
            }
            if !bodiesOnly {
                // Articles may have moved: line the kept entries up with the site's order.
                let previousEntries = state.searchEntries, previousIndex = state.searchIndex
                state.searchEntries = rendered.map { item in
                    previousIndex[item.article.sourcePath].map { previousEntries[$0] } ?? (key: "", json: "")
                }
                state.searchIndex = Dictionary(rendered.indices.map { (rendered[$0].article.sourcePath, $0) }, uniquingKeysWith: { first, _ in first })
            }
            let candidates = bodiesOnly ? sitePositions : Array(rendered.indices)
            let staleEntries = candidates.map { ($0, searchKey(rendered[$0])) }.filter { state.searchEntries[$0.0].key != $0.1 }
            for ((position, key), json) in zip(staleEntries, Parallel.map(staleEntries.map { rendered[$0.0] }) { SearchIndex.entry(for: $0, baseURL: baseURL) }) {
                state.searchEntries[position] = (key, json)
            }
            let entries = state.searchEntries
            searchEntry = { entries[$0].json }
        } else {
            state.searchEntries = []
            state.searchIndex = [:]
            searchEntry = { SearchIndex.entry(for: rendered[$0], baseURL: baseURL) }
        }
        // A bodies-only rebuild makes just those articles' pages and the search index; every other key is unchanged.
        let only: Set<String>? = bodiesOnly
            ? Set(sitePositions.flatMap { ["\(site.articles[$0].slug)/index.html", SearchIndex.partPath($0 / SearchIndex.partSize)] }) : nil
        let jobs = PageRenderer(site: site, templates: templates, catalogPages: catalogPages, searchEntry: searchEntry)
            .jobs(rendered, versions: versions, only: only)
        let pageCounter = progress.map { ProgressCounter(step: .renderPages, total: jobs.count, observer: $0) }
        let previous = changed == nil ? [:] : state.outputs
        let made = PageRenderer.run(jobs, previous: previous, sink: sink, progress: pageCounter)
        diagnostics += made.diagnostics
        guard !diagnostics.hasErrors else { return failed(diagnostics) }

        var changedFiles: [OutputFile] = []
        for (index, (job, file)) in zip(jobs, made.files).enumerated() {
            // Only files made now can differ; comparing every reused page would read the whole site again.
            if made.fresh[index], state.outputs[file.path]?.file.bytes != file.bytes { changedFiles.append(file) }
        }
        if bodiesOnly {
            var pages = state.pages!
            for (job, file) in zip(jobs, made.files) {
                state.outputs[file.path] = (job.key, file)
                if let index = pages.positions[file.path] { pages.files[index] = file }
            }
            state.pages = pages
            return Result(diagnostics: diagnostics, files: pages.files, paths: pages.paths, changed: changedFiles, removed: [],
                          rendered: made.rendered, pageCount: pages.pageCount, config: config)
        }
        var outputs: [String: (key: String, file: OutputFile)] = [:]
        if sink == nil {
            for (job, file) in zip(jobs, made.files) { outputs[file.path] = (job.key, file) }
        }
        let paths = Set(made.paths)
        let removed = state.outputs.keys.filter { !paths.contains($0) }.sorted()
        state.outputs = outputs
        let pageCount = made.paths.filter { $0.hasSuffix(".html") }.count
        state.pages = sink == nil ? PagesEntry(files: made.files, paths: made.paths,
                                               positions: Dictionary(made.paths.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first }),
                                               pageCount: pageCount) : nil
        return Result(diagnostics: diagnostics, files: made.files, paths: made.paths, changed: changedFiles, removed: removed,
                      rendered: made.rendered, pageCount: pageCount, config: config)
    }
}

// MARK: - What a session remembers

extension BuildSession {
    struct ArticleEntry {
        var text: String
        var article: Article?
        var diagnostics: [Diagnostic]
        /// The build in which the decoded article last changed.
        var generation: Int
        /// The build in which what other pages show of it (title, description, date…) last changed.
        var listingGeneration: Int
    }

    struct MarkdownEntry {
        var markdown: RenderedMarkdown
        var diagnostics: [Diagnostic]
        var renderedAt: Int
    }

    struct TemplatesEntry {
        var texts: [[String]]
        var set: TemplateSet?
        var diagnostics: [Diagnostic]
        var textByName: [String: String]
        var generations: [String: Int]
    }

    /// Every rendered body in site order, with its diagnostics, and the catalog pages, as the last build made them.
    struct BodiesEntry {
        var rendered: [RenderedArticle]
        var diagnostics: [[Diagnostic]]
        var catalogPages: [CatalogPage]
    }

    /// The last build's files in order, with each path's position, so a rebuild can patch a few in place.
    struct PagesEntry {
        var files: [OutputFile]
        var paths: [String]
        var positions: [String: Int]
        var pageCount: Int
    }

    /// A resolved site with what it was resolved from, so a rebuild that changed only bodies can reuse it.
    struct ResolveEntry {
        var articles: [Article]
        var config: SiteConfig
        var assets: [AssetFile]
        var site: ResolvedSite
        var diagnostics: [Diagnostic]
        /// Each article's source path (normalised) → its page, for links written to `.md` files.
        var sourcePages: [String: String]
    }

    struct RelatedEntry {
        var inputs: [RelatedIndex.Input]
        var count: Int
        var result: [[Int]]
    }

    /// What renders a body besides its text: settings, the ids templates reserve, the directives there are.
    struct MarkdownContext: Equatable {
        var config: SiteConfig
        var reservedIDs: Set<String>
        var directiveNames: [String]
    }

    /// Everything besides an article's own links that decides whether they resolve.
    struct LinkInputs: Equatable {
        var targets: [String: Set<String>]
        var templateAnchors: Set<String>
        var baseURL: BaseURL
        var navigation: [SiteConfig.NavigationItem]
        var policy: SiteConfig.LinkPolicy
    }

    /// What the index, tag pages, feed and sitemap show of one article.
    struct ListingEntry: Equatable {
        var slug: String
        var title: String
        var summary: String?
        var description: String
        var author: String
        var date: ArticleDate
        var tags: [String]

        init(_ article: Article) {
            slug = article.slug
            title = article.title
            summary = article.summary
            description = article.metaDescription
            author = article.author
            date = article.date
            tags = article.tags
        }
    }

    /// The catalog with the build in which each mesh and feature last changed.
    struct CatalogEntry {
        var texts: [[String]]
        var catalog: Catalog
        var diagnostics: [Diagnostic]
        var meshGenerations: [String: Int]
        var featureGenerations: [String: Int]
        var allMeshesGeneration: Int
        var allFeaturesGeneration: Int

        var catalogGeneration: Int { max(allMeshesGeneration, allFeaturesGeneration) }

        init(texts: [[String]], catalog: Catalog, diagnostics: [Diagnostic], previous: CatalogEntry?, generation: Int) {
            self.texts = texts
            self.catalog = catalog
            self.diagnostics = diagnostics
            let old = previous?.catalog
            var meshes: [String: Int] = [:]
            for mesh in catalog.meshes {
                meshes[mesh.id] = old?.mesh(mesh.id) == mesh ? (previous?.meshGenerations[mesh.id] ?? generation) : generation
            }
            var features: [String: Int] = [:]
            for feature in catalog.features {
                features[feature.id] = old?.feature(feature.id) == feature ? (previous?.featureGenerations[feature.id] ?? generation) : generation
            }
            meshGenerations = meshes
            featureGenerations = features
            let meshesSame = old?.meshes == catalog.meshes
            let featuresSame = old?.features == catalog.features && old?.groups == catalog.groups
            allMeshesGeneration = meshesSame ? (previous?.allMeshesGeneration ?? generation) : generation
            allFeaturesGeneration = featuresSame ? (previous?.allFeaturesGeneration ?? generation) : generation
        }

        /// When what a dependency names last changed; a mesh or feature that is gone counts as changed now.
        func generation(of dependency: CatalogDependency) -> Int {
            switch dependency {
            case .mesh(let id): meshGenerations[id] ?? allMeshesGeneration
            case .feature(let id): featureGenerations[id] ?? allFeaturesGeneration
            case .allMeshes: allMeshesGeneration
            case .allFeatures: allFeaturesGeneration
            }
        }
    }

    struct State {
        var generation = 0
        /// The generation of the last successful build.
        var succeeded = 0
        var sources: [String: SourceFile] = [:]
        var assetFiles: [String: AssetFile] = [:]
        var assets: [String: (bytes: [UInt8], generation: Int)] = [:]
        var config: (text: String, config: SiteConfig?, diagnostics: [Diagnostic], generation: Int)?
        var articles: [String: ArticleEntry] = [:]
        var catalog: CatalogEntry?
        var templates: TemplatesEntry?
        var related: RelatedEntry?
        var resolved: ResolveEntry?
        /// The last source tree with its load diagnostics, and every article's entry in tree order.
        var loaded: (tree: SourceTree, diagnostics: [Diagnostic])?
        var articleEntries: [ArticleEntry] = []
        /// The decoded articles in tree order (empty while one fails to decode).
        var articleList: [Article] = []
        var listing: (entries: [ListingEntry], generation: Int)?
        var markdownContext: (value: MarkdownContext, generation: Int)?
        var sourcePages: (value: [String: String], generation: Int)?
        var markdown: [String: MarkdownEntry] = [:]
        /// Search entries in site order, and each article's position in them by source path.
        var searchEntries: [(key: String, json: String)] = []
        var searchIndex: [String: Int] = [:]
        var bodies: BodiesEntry?
        var pages: PagesEntry?
        var links: (inputs: LinkInputs, problems: [String: [Diagnostic]])?
        var outputs: [String: (key: String, file: OutputFile)] = [:]
    }
}
