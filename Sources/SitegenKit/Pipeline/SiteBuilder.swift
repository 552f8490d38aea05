import Logging

/// The build pipeline: load → validate → resolve → render Markdown → check links → render pages → write.
/// Each stage takes plain values and returns plain values plus diagnostics; only load and write touch the disk.
public struct SiteBuilder: Sendable {
    public var fileSystem: any FileSystem
    public var directives: DirectiveRegistry
    public var logger: Logger
    public var progress: (@Sendable (BuildProgress) -> Void)?

    public init(fileSystem: any FileSystem = LocalFileSystem(), directives: DirectiveRegistry = .standard,
                logger: Logger = Logger(label: "sitegen"), progress: (@Sendable (BuildProgress) -> Void)? = nil) {
        self.fileSystem = fileSystem
        self.directives = directives
        self.logger = logger
        self.progress = progress
    }

    /// The finished site in memory, or nil when any stage reported an error.
    public struct Generated: Sendable {
        public var files: [OutputFile]
        public var pageCount: Int
    }

    /// Builds and, only if every stage succeeded, replaces the output folder.
    public func build(_ options: BuildOptions) -> BuildReport {
        let (generated, diagnostics) = generate(options)
        guard let generated else { return BuildReport(diagnostics: diagnostics, pageCount: 0, filesWritten: 0) }
        begin(.write)
        do {
            try SiteWriter(outputPath: options.outputDirectory).write(generated.files)
        } catch {
            return BuildReport(diagnostics: diagnostics + [.error("\(BuildStep.write.rawValue): \(error)", at: nil)], pageCount: 0, filesWritten: 0)
        }
        return BuildReport(diagnostics: diagnostics, pageCount: generated.pageCount, filesWritten: generated.files.count)
    }

    /// Runs every stage but the write; diagnostics from all stages that could run are returned together.
    public func generate(_ options: BuildOptions) -> (Generated?, [Diagnostic]) {
        begin(.load)
        let (tree, loadDiagnostics) = SourceLoader(fileSystem: fileSystem).load(
            content: options.contentDirectory, templates: options.templatesDirectory)
        var diagnostics = loadDiagnostics

        begin(.validate)
        var config: SiteConfig?
        if let file = tree.siteConfig {
            let (decoded, problems) = SiteConfigDecoder.decode(file, baseURLOverride: options.baseURL)
            config = decoded
            diagnostics += problems
        }
        let decodedArticles = Parallel.map(tree.articles) { ArticleDecoder.decode($0) }
        let articles = decodedArticles.compactMap(\.0)
        diagnostics += decodedArticles.flatMap(\.1)
        let (catalog, catalogDiagnostics) = CatalogDecoder.decode(features: tree.catalogFeatures, meshes: tree.catalogMeshes)
        diagnostics += catalogDiagnostics
        let (templates, templateDiagnostics) = TemplateSet.compile(
            tree.templates, directory: options.templatesDirectory, alsoRequired: catalog.meshes.isEmpty ? [] : CatalogPages.templates)
        diagnostics += templateDiagnostics
        guard var config, let templates, !diagnostics.hasErrors else { return (nil, diagnostics) }
        if let policy = options.linkPolicy { config.linkPolicy = policy }

        begin(.resolve)
        let (site, resolveDiagnostics) = SiteResolver.resolve(
            config: config, articles: articles, catalog: catalog, assets: tree.assets, includeDrafts: options.includeDrafts)
        diagnostics += resolveDiagnostics

        begin(.renderMarkdown)
        var markdownRenderer = MarkdownRenderer(
            allowRawHTML: config.allowRawHTML, basePath: config.baseURL.path, directives: directives,
            context: DirectiveContext(site: config, catalog: catalog), reservedIDs: templates.staticIDs)
        markdownRenderer.sourcePages = Dictionary(
            site.articles.map { (SitePath.normalize($0.sourcePath), ResolvedSite.sitePath(of: $0)) }, uniquingKeysWith: { first, _ in first })
        let renderer = markdownRenderer
        let counter = progress.map { ProgressCounter(step: .renderMarkdown, total: site.articles.count, observer: $0) }
        let renderedPairs = Parallel.map(site.articles) { article -> (RenderedArticle, [Diagnostic]) in
            defer { counter?.advance() }
            let (markdown, problems) = renderer.render(article.body, path: article.sourcePath, firstLine: article.bodyStartLine)
            return (RenderedArticle(article: article, markdown: markdown), problems)
        }
        let rendered = renderedPairs.map(\.0)
        diagnostics += renderedPairs.flatMap(\.1)
        let catalogPages = CatalogPages.render(catalog, context: renderer.context)

        begin(.checkLinks)
        diagnostics += LinkChecker(site: site, rendered: rendered, catalogPages: catalogPages, templateAnchors: templates.staticIDs)
            .check(rendered, navigation: config.navigation, policy: config.linkPolicy)
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }

        begin(.renderPages)
        let pageCounter = progress.map { ProgressCounter(step: .renderPages, total: rendered.count + site.tags.count + catalogPages.count + 3, observer: $0) }
        let (files, pageDiagnostics) = PageRenderer(site: site, templates: templates, catalogPages: catalogPages)
            .render(rendered, progress: pageCounter)
        diagnostics += pageDiagnostics
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        let pageCount = files.filter { $0.path.hasSuffix(".html") }.count
        return (Generated(files: files, pageCount: pageCount), diagnostics)
    }

    private func begin(_ step: BuildStep) {
        logger.debug("[\(step.number)/\(BuildStep.allCases.count)] \(step.rawValue)")
    }
}
