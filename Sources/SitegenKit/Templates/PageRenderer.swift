/// Makes the file of one route. Everything it shows is read through the `SiteReader`, which records it.
enum PageRenderer {
    /// A page that could not be made: the problem, the same for every page a template fails alike, and the page.
    struct Failure: Error, Sendable {
        var diagnostic: Diagnostic
        var page: String
        /// Not made because another page stopped the build's rendering: nothing of its own to report.
        var cancelled = false
    }

    /// `stop` is shared by the build's pages: the first to run past its render budget stops the rest.
    static func make(_ route: RouteTable.Route, reader: SiteReader, stop: RenderStop? = nil) -> Result<OutputFile, Failure> {
        let path = route.outputPath
        let context = PageContext(reader: reader)
        func page(_ template: String, source: String? = nil, _ values: () -> TemplateValue) -> Result<OutputFile, Failure> {
            switch reader.render(values(), template: template, stop: stop) {
            case .success(let html):
                return .success(OutputFile(path: path, bytes: html))
            case .failure(let error):
                // At the template tag where rendering stopped, else at the article.
                return .failure(Failure(diagnostic: .error(error.message, at: error.location ?? source.map { SourceLocation(path: $0) }), page: path,
                                        cancelled: error.cancelled))
            }
        }
        func failure(_ message: String) -> Result<OutputFile, Failure> {
            .failure(Failure(diagnostic: .error(message, at: nil), page: path))
        }
        switch route.kind {
        case .catalogJSON:
            return .success(OutputFile(path: path, text: CatalogJSON.render(reader.catalog, baseURL: reader.config.baseURL)))
        case .catalogSchema(let name):
            let text = CollectionSchema.files(reader.catalog).first { $0.path == name }?.contents ?? ""
            return .success(OutputFile(path: path, text: text))
        case .matrixCSV(let position):
            return .success(OutputFile(path: path, text: MatrixCSV.render(reader.collection(at: position))))
        case .searchFile:
            guard let bytes = reader.searchFile(path) else { return failure("the search index has no file '\(path)'") }
            return .success(OutputFile(path: path, bytes: bytes))
        case .sitemap:
            return .success(OutputFile(path: path, text: SitemapXML.render(sitemapEntries(reader))))
        case .atom:
            return .success(OutputFile(path: path, bytes: AtomFeed.render(articles: reader.articles, config: reader.config)))
        case .index: return page("index") { context.index() }
        case .notFound: return page("404") { context.notFound() }
        case .tagIndex: return page("tags") { context.tagIndex() }
        case .search: return page("search") { context.search() }
        case .tag(let position): return page("tag") { context.tag(reader.tag(at: position)) }
        case .indexPage(let number): return page("index") { context.index(page: number) }
        case let .tagPage(position, number): return page("tag") { context.tag(reader.tag(at: position), page: number) }
        case .author(let position):
            return page("author") {
                let config = reader.config
                let author = (config.authors ?? [])[position]
                return context.author(author, articles: reader.articles(by: author))
            }
        case let .redirect(position, _):
            let article = reader.articles(inOrderAt: position..<(position + 1))[0]
            return .success(OutputFile(path: path, text: RedirectPage.render(to: ResolvedSite.sitePath(of: article), title: article.title,
                                                                              config: reader.config)))
        case .redirects:
            return .success(OutputFile(path: path, text: RedirectPage.redirectsFile(reader.redirects, baseURL: reader.config.baseURL)))
        case .catalogPage(let position):
            let template = reader.catalogPage(at: position).templateName
            return page(template) { context.catalogPage(at: position) }
        case .article(let position):
            return page("article", source: reader.article(at: position).sourcePath) { context.article(at: position) }
        case .robots:
            return .success(OutputFile(path: path, text: RobotsTxt.render(baseURL: reader.config.baseURL)))
        case .asset(let position):
            return .success(OutputFile(path: path, bytes: reader.asset(at: position).bytes))
        }
    }

    /// The sitemap lists the home page, then articles, catalog pages, the tag list and each tag.
    private static func sitemapEntries(_ reader: SiteReader) -> [SitemapXML.Entry] {
        let base = reader.config.baseURL
        let articles = reader.articles
        func rank(_ kind: RouteTable.Kind) -> Int {
            switch kind {
            case .index: 0
            case .article: 1
            case .catalogPage: 2
            case .tagIndex: 3
            case .tag: 4
            default: 5
            }
        }
        let listed = reader.routes.routes.filter(\.listed).enumerated().sorted { (rank($0.element.kind), $0.offset) < (rank($1.element.kind), $1.offset) }
        // Every URL gets a lastmod: its article's, the newest of the articles a listing shows, or for the catalog's
        // pages the newest date its facts were checked (else the site's newest), never the clock.
        let newest = articles.lazy.map(\.lastModified).max()?.isoDate
        var catalogDates: [ArticleDate] = []
        if listed.contains(where: { if case .catalogPage = $0.element.kind { true } else { false } }) {
            let catalog = reader.catalog
            for collection in catalog.collections {
                for entry in collection.entries {
                    catalogDates += [entry.reviewed?.date].compactMap { $0 }
                        + entry.provenances(in: collection.declaration).compactMap(\.provenance.checked?.date)
                }
            }
        }
        let catalogNewest = catalogDates.max()?.isoDate ?? newest
        return listed.map { _, route in
            let lastModified: String?
            switch route.kind {
            case .article(let position): lastModified = articles[position].lastModified.isoDate
            case .tag(let position): lastModified = reader.tags[position].articles.lazy.map { articles[$0].lastModified }.max()?.isoDate
            case .catalogPage: lastModified = catalogNewest
            default: lastModified = newest
            }
            return SitemapXML.Entry(url: base.absolute(route.sitePath), lastModified: lastModified)
        }
    }
}
