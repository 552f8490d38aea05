/// Every path the site generates, named once: pages, listings, feeds, search parts, catalog files and assets.
/// Link checking takes its targets from it, page rendering makes one file per route, and the sitemap lists
/// its pages, so a new kind of output is added here and nowhere else.
public struct RouteTable: Sendable {
    /// What a route's file is made from.
    public enum Kind: Sendable, Hashable {
        case catalogJSON, sitemap, atom
        /// A collection's feature matrix as CSV, by the collection's position in the catalog.
        case matrixCSV(Int)
        /// One file of the search index (`SearchIndex.paths`), made by `SearchStage`.
        case searchFile
        case index, notFound, tagIndex, search, tag(Int), catalogPage(Int), article(Int)
        /// Page 2, 3, … of the index, and of a tag (the tag's position, then the page number).
        case indexPage(Int), tagPage(Int, Int)
        /// An author's page, by position in `SiteConfig.authors`.
        case author(Int)
        /// An article's old URL (the article's position, then the alias's), and `_redirects` listing them all.
        case redirect(Int, Int), redirects
        case robots, asset(Int)
    }

    public struct Route: Sendable, Hashable {
        public var kind: Kind
        /// Relative to the output folder: `slug/index.html`, `atom.xml`.
        public var outputPath: String
        /// As links name it: `/slug/`, `/atom.xml`.
        public var sitePath: String
        /// Whether the sitemap lists it.
        public var listed: Bool
    }

    public private(set) var routes: [Route] = []
    /// Each route's position by site path.
    private(set) var positions: [String: Int] = [:]
    /// Routes left out because an earlier one has the same output path, or one differing only in letter case: the
    /// earlier route, then the one left out. Every entry is an error (`RouteConflicts`), so such a build writes nothing;
    /// leaving them out keeps any list made from the table (the sitemap, the search index) free of duplicates.
    private(set) var conflicts: [(kept: Route, dropped: Route)] = []
    /// How many routes are HTML pages.
    private(set) var pageCount = 0

    /// The first path segment of every route that is not an article: an article's slug may not take one.
    /// A test builds every kind of route and checks each is covered.
    static let reservedNames: Set<String> = ["index.html", "404.html", "sitemap.xml", "atom.xml", "robots.txt", "assets",
                                             "catalog.json", "tags", "search", "search-index.json",
                                             "authors", "page", "_redirects"]

    /// The routes in a fixed order: whole-site files and listings first, articles last, since a long job
    /// started last would run alone at the end.
    init(site: ResolvedSite, catalogPages: [CatalogPage]) {
        func file(_ kind: Kind, _ path: String) { routes.append(Route(kind: kind, outputPath: path, sitePath: "/" + path, listed: false)) }
        func page(_ kind: Kind, _ sitePath: String, listed: Bool = true) {
            let output = sitePath.hasSuffix("/") ? String(sitePath.dropFirst()) + "index.html" : String(sitePath.dropFirst())
            routes.append(Route(kind: kind, outputPath: output, sitePath: sitePath, listed: listed))
        }
        if !catalogPages.isEmpty {
            file(.catalogJSON, "catalog.json")
        }
        for (position, collection) in site.catalog.collections.enumerated() where !collection.entries.isEmpty {
            file(.matrixCSV(position), String(collection.declaration.comparePath.dropFirst()) + "matrix.csv")
        }
        for path in SearchIndex.paths(documents: CatalogSearchEntries.count(site.catalog) + site.articles.count) { file(.searchFile, path) }
        file(.sitemap, "sitemap.xml")
        file(.atom, "atom.xml")
        let pageSize = site.config.pageSize
        page(.index, "/")
        for number in Pagination.laterPages(count: site.articles.count, pageSize: pageSize) { page(.indexPage(number), Pagination.path("/", number)) }
        page(.notFound, "/404.html", listed: false)
        page(.tagIndex, "/tags/")
        page(.search, "/search/", listed: false)
        for (position, tag) in site.tags.enumerated() {
            page(.tag(position), tag.sitePath)
            for number in Pagination.laterPages(count: tag.articles.count, pageSize: pageSize) {
                page(.tagPage(position, number), Pagination.path(tag.sitePath, number))
            }
        }
        for (position, author) in (site.config.authors ?? []).enumerated() { page(.author(position), author.sitePath) }
        for (position, catalogPage) in catalogPages.enumerated() { page(.catalogPage(position), catalogPage.sitePath) }
        for position in site.articles.indices { page(.article(position), ResolvedSite.sitePath(slug: site.articles[position].slug)) }
        var hasAliases = false
        for position in site.articles.indices {
            for (number, alias) in site.articles[position].aliases.enumerated() {
                page(.redirect(position, number), alias.path, listed: false)
                hasAliases = true
            }
        }
        if hasAliases { file(.redirects, "_redirects") }
        file(.robots, "robots.txt")
        for (position, asset) in site.assets.enumerated() { file(.asset(position), asset.outputPath) }
        removeConflicts()
        positions = Dictionary(routes.enumerated().map { ($1.sitePath, $0) }, uniquingKeysWith: { first, _ in first })
        pageCount = routes.filter { $0.outputPath.hasSuffix(".html") }.count
    }

    /// Keeps the first route for each output path, compared without letter case: two files differing only in case
    /// are one on a case-insensitive file system (macOS, Windows), where the site may be built or copied, and one
    /// page would overwrite the other there. The output path holds the site path, so this covers site paths too.
    private mutating func removeConflicts() {
        var owners: [String: Int] = [:]
        owners.reserveCapacity(routes.count)
        var kept: [Route] = []
        kept.reserveCapacity(routes.count)
        for route in routes {
            let path = route.outputPath
            // Most paths are already lower case ASCII: lowercasing them would copy each one.
            let key = path.utf8.contains(where: { ($0 >= 0x41 && $0 <= 0x5A) || $0 >= 0x80 }) ? path.lowercased() : path
            if let owner = owners[key] {
                conflicts.append((kept[owner], route))
            } else {
                owners[key] = kept.count
                kept.append(route)
            }
        }
        if !conflicts.isEmpty { routes = kept }
    }

    public var outputPaths: [String] { routes.map(\.outputPath) }

    /// A fingerprint of every path, for results that read the whole list (a "did you mean" over all pages).
    var fingerprint: Fingerprint {
        var hasher = StableHasher()
        for route in routes { hasher.combine(route.outputPath) }
        return hasher.finish()
    }
}
