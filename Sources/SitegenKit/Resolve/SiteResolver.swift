/// The resolve stage: drops drafts, orders articles, and checks that every URL has one owner
/// and every `related:` slug exists.
enum SiteResolver {

    /// `related` computes related reading for the ordered articles; a rebuild passes one that reuses the last result.
    static func resolve(config: SiteConfig, articles: [Article], catalog: Catalog, assets: [AssetFile], includeDrafts: Bool,
                        related: ([Article], [String: Int], Int) -> [[Int]] = RelatedIndex.compute) -> (ResolvedSite, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        // Indices are sorted, not articles: moving large structs through a merge sort was most of a rebuild's resolve.
        // The sort keys are taken out first: reading them through `articles[i]` in the comparator copied whole articles.
        let dates = articles.map(\.date), titles = articles.map(\.title), slugs = articles.map(\.slug), paths = articles.map(\.sourcePath)
        let published = articles.indices.filter { includeDrafts || !articles[$0].draft }
        let ordered = published.sorted { left, right in
            if dates[left] != dates[right] { return dates[left] > dates[right] }
            if titles[left] != titles[right] { return titles[left] < titles[right] }
            return slugs[left] < slugs[right]
        }.map { articles[$0] }

        // URLs are compared case-insensitively: on macOS and Windows hosts two such folders are one.
        var owners: [String: Int] = [:]
        owners.reserveCapacity(articles.count)
        // Top-level names a static file publishes (`schema` for static/schema/…): an article may not take them.
        let staticNames = Set(assets.compactMap { asset in
            asset.sourceName.hasPrefix(AssetFile.staticPrefix) ? asset.outputPath.split(separator: "/").first.map { $0.lowercased() } : nil
        })
        for position in articles.indices.sorted(by: { paths[$0] < paths[$1] }) {
            let slug = slugs[position]
            // Most slugs are already lower case ASCII: lowercasing them would copy each one.
            let key = slug.utf8.contains(where: { ($0 >= 0x41 && $0 <= 0x5A) || $0 >= 0x80 }) ? slug.lowercased() : slug
            if let owner = owners[key] {
                diagnostics.append(.error(
                    "url_slug '\(slug)' gives the URL /\(slug)/, which \(paths[owner]) already uses (url_slug '\(slugs[owner])'); URLs must differ in more than letter case",
                    at: articles[position].slugLocation))
            } else if RouteTable.reservedNames.contains(key) || staticNames.contains(key) {
                diagnostics.append(.error("url_slug '\(slug)' is reserved for a file the site generates", at: articles[position].slugLocation))
            } else {
                owners[key] = position
            }
        }

        var index: [String: Int] = [:]
        index.reserveCapacity(ordered.count)
        for position in ordered.indices { index[ordered[position].slug] = position }
        let allSlugs = slugs
        for position in ordered.indices where !ordered[position].related.isEmpty {
            for reference in ordered[position].related where index[reference.slug] == nil {
                let draftNote = allSlugs.contains(reference.slug) ? " (that article is a draft)" : Suggestion.hint(for: reference.slug, in: allSlugs)
                diagnostics.append(.error("related article '\(reference.slug)' does not exist\(draftNote)", at: reference.location))
            }
        }
        if let authors = config.authors {
            let names = Set(authors.map(\.name))
            for article in articles where !names.contains(article.author) {
                diagnostics.append(.error(
                    "author '\(article.author)' is not in authors.yaml\(Suggestion.hint(for: article.author, in: authors.map(\.name).sorted())); add them there or correct the name",
                    at: article.authorLocation ?? SourceLocation(path: article.sourcePath)))
            }
        }
        diagnostics += AliasTable.problems(articles: ordered, staticNames: staticNames)
        let related = related(ordered, index, config.relatedLinks)
        let tags = TagIndex.build(ordered)
        diagnostics += tags.problems
        let site = ResolvedSite(config: config, articles: ordered, articleIndex: index, assets: assets, catalog: catalog,
                                related: related, tags: tags.pages)
        return (site, diagnostics)
    }
}
