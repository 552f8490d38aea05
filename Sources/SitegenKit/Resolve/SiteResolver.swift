/// The resolve stage: drops drafts, orders articles, and checks that every URL has one owner
/// and every `related:` slug exists.
enum SiteResolver {
    /// Top-level names the site generates itself; an article may not take them.
    static let generatedNames = ["index.html", "404.html", "sitemap.xml", "atom.xml", "robots.txt", "assets", "meshes", "compare", "catalog.json", "tags", "search", "search-index.json"]

    /// `related` computes related reading for the ordered articles; a rebuild passes one that reuses the last result.
    static func resolve(config: SiteConfig, articles: [Article], catalog: Catalog, assets: [AssetFile], includeDrafts: Bool,
                        related: ([Article], [String: Int], Int) -> [[Int]] = RelatedIndex.compute) -> (ResolvedSite, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let published = articles.filter { includeDrafts || !$0.draft }
        let ordered = published.sorted { a, b in
            if a.date != b.date { return a.date > b.date }
            if a.title != b.title { return a.title < b.title }
            return a.slug < b.slug
        }

        // URLs are compared case-insensitively: on macOS and Windows hosts two such folders are one.
        var owners: [String: Article] = [:]
        for article in articles.sorted(by: { $0.sourcePath < $1.sourcePath }) {
            let key = article.slug.lowercased()
            if let owner = owners[key] {
                diagnostics.append(.error(
                    "url_slug '\(article.slug)' gives the URL /\(article.slug)/, which \(owner.sourcePath) already uses (url_slug '\(owner.slug)'); URLs must differ in more than letter case",
                    at: article.slugLocation))
            } else if generatedNames.contains(key) {
                diagnostics.append(.error("url_slug '\(article.slug)' is reserved for a file the site generates", at: article.slugLocation))
            } else {
                owners[key] = article
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
