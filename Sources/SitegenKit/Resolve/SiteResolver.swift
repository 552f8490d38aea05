/// The resolve stage: drops drafts, orders articles, and checks that every URL has one owner
/// and every `related:` slug exists.
enum SiteResolver {
    /// Top-level names the site generates itself; an article may not take them.
    static let generatedNames = ["index.html", "404.html", "sitemap.xml", "atom.xml", "robots.txt", "assets", "meshes", "compare", "catalog.json", "tags", "search", "search-index.json"]

    /// `related` computes related reading for the ordered articles; a rebuild passes one that reuses the last result.
    static func resolve(config: SiteConfig, articles: [Article], catalog: Catalog, assets: [AssetFile], includeDrafts: Bool,
                        related: ([Article], [String: Int], Int) -> [[Int]] = RelatedIndex.compute) -> (ResolvedSite, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        // Indices are sorted, not articles: moving large structs through a merge sort was most of a rebuild's resolve.
        let published = articles.indices.filter { includeDrafts || !articles[$0].draft }
        let ordered = published.sorted { left, right in
            if articles[left].date != articles[right].date { return articles[left].date > articles[right].date }
            if articles[left].title != articles[right].title { return articles[left].title < articles[right].title }
            return articles[left].slug < articles[right].slug
        }.map { articles[$0] }

        // URLs are compared case-insensitively: on macOS and Windows hosts two such folders are one.
        var owners: [String: Int] = [:]
        for position in articles.indices.sorted(by: { articles[$0].sourcePath < articles[$1].sourcePath }) {
            let article = articles[position]
            let key = article.slug.lowercased()
            if let owner = owners[key].map({ articles[$0] }) {
                diagnostics.append(.error(
                    "url_slug '\(article.slug)' gives the URL /\(article.slug)/, which \(owner.sourcePath) already uses (url_slug '\(owner.slug)'); URLs must differ in more than letter case",
                    at: article.slugLocation))
            } else if generatedNames.contains(key) {
                diagnostics.append(.error("url_slug '\(article.slug)' is reserved for a file the site generates", at: article.slugLocation))
            } else {
                owners[key] = position
            }
        }

        var index: [String: Int] = [:]
        for (position, article) in ordered.enumerated() { index[article.slug] = position }
        let allSlugs = articles.map(\.slug)
        for article in ordered {
            for reference in article.related where index[reference.slug] == nil {
                let draftNote = allSlugs.contains(reference.slug) ? " (that article is a draft)" : Suggestion.hint(for: reference.slug, in: allSlugs)
                diagnostics.append(.error("related article '\(reference.slug)' does not exist\(draftNote)", at: reference.location))
            }
        }
        let related = related(ordered, index, config.relatedLinks)
        let site = ResolvedSite(config: config, articles: ordered, articleIndex: index, assets: assets, catalog: catalog,
                                related: related, tags: TagIndex.build(ordered))
        return (site, diagnostics)
    }
}
