/// What is wrong with a route table's output paths, reported where the route comes from: a path the writer would
/// refuse (`OutputPath`), and two routes for one path (`RouteTable.conflicts`), at the later route's source, naming
/// the earlier one's. Checks the aliases and static files already reported more precisely (`AliasTable`,
/// `SiteResolver`) still go through here, so whatever kind of route a later feature adds cannot take a path silently.
struct RouteProblems {
    var site: ResolvedSite
    var catalogPages: [CatalogPage]
    /// Static files and assets are named under it in diagnostics.
    var templatesDirectory: String
    /// Places an earlier check already reported an error at (an alias that is a page's path, a slug a static file
    /// takes): a conflict of a route from one of them is that same problem, not reported twice.
    var alreadyReported: Set<SourceLocation> = []

    func diagnostics(for table: RouteTable) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for route in table.routes {
            guard let problem = OutputPath.problem(with: route.outputPath) else { continue }
            let source = self.source(of: route)
            diagnostics.append(.error("\(source.what) would be written at '\(OutputPath.escaped(route.outputPath))', which \(problem); "
                                          + "nothing can be published there", at: source.location))
        }
        for (kept, dropped) in table.conflicts {
            let earlier = source(of: kept), later = source(of: dropped)
            if [earlier.location, later.location].contains(where: { $0.map(alreadyReported.contains) ?? false }) { continue }
            // Reported where the user can act: the later source when it has a place, else the earlier one.
            let (here, other) = later.location != nil || earlier.location == nil ? (later, earlier) : (earlier, later)
            let (herePath, otherPath) = later.location != nil || earlier.location == nil ? (dropped, kept) : (kept, dropped)
            let same = herePath.outputPath == otherPath.outputPath
            let what = same ? "\(herePath.sitePath) (from \(here.what)) is also published by \(other.what)"
                : "\(herePath.sitePath) (from \(here.what)) differs only in letter case from \(otherPath.sitePath), published by \(other.what); "
                    + "on a case-insensitive file system they are one file"
            diagnostics.append(.error(what + "; one file would overwrite the other\(here.advice)", at: here.location))
        }
        return diagnostics
    }

    /// Where a route comes from, in words and, where it has one, the place in a source file.
    func source(of route: RouteTable.Route) -> (what: String, location: SourceLocation?, advice: String) {
        switch route.kind {
        case .article(let position):
            let article = site.articles[position]
            return ("the article \(article.sourcePath)", article.slugLocation, "")
        case .redirect(let position, let number):
            let article = site.articles[position], alias = article.aliases[number]
            return ("the alias '\(OutputPath.escaped(alias.path))' of \(article.sourcePath)", alias.location, "")
        case .tag(let position), .tagPage(let position, _):
            let tag = site.tags[position]
            guard let first = tag.articles.first else { return ("the tag '\(tag.name)'", nil, "") }
            let article = site.articles[first]
            let number = article.tags.firstIndex(of: tag.name)
            let location = number.flatMap { $0 < article.tagLocations.count ? article.tagLocations[$0] : nil } ?? SourceLocation(path: article.sourcePath)
            return ("the tag '\(tag.name)' (\(article.sourcePath))", location, "")
        case .author(let position):
            let id = site.config.authors.map { position < $0.count ? $0[position].id : "" } ?? ""
            return ("the author '\(id)' of authors.yaml", nil, "")
        case .catalogPage(let position):
            return catalogPages[position].origin
        case .asset(let position):
            let asset = site.assets[position]
            return ("the file \(asset.sourceName)", SourceLocation(path: templatesDirectory + "/" + asset.sourceName), "")
        case .searchFile: return ("the search index", nil, "")
        case .indexPage(let number): return ("page \(number) of the index", nil, "")
        case .matrixCSV(let position):
            let declaration = site.catalog.collections[position].declaration
            return ("the matrix.csv of collection '\(declaration.id)'", declaration.keyLocations["paths.compare"], "; change its paths.compare")
        case .catalogJSON, .catalogSchema, .sitemap, .atom, .index, .notFound, .tagIndex, .search, .redirects, .robots:
            return ("sitegen's own \(route.outputPath)", nil, "")
        }
    }
}
