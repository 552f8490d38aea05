/// `/search-index.json`: a compact index the search box reads: each article with its sections and opening
/// words, each mesh, and each compared feature. Short keys keep it small on large sites.
/// Each article's entry is its own JSON fragment, so a rebuild re-encodes only the articles that changed.
enum SearchIndex {
    /// One article's entry as JSON.
    static func entry(for item: RenderedArticle, baseURL: BaseURL) -> String {
        let url = baseURL.rooted(ResolvedSite.sitePath(of: item.article))
        let sections = item.markdown.headings.filter { $0.level <= 3 }.map { [$0.text, "#" + $0.id] }
        return JSONWriter.encode([
            "k": "article", "t": item.article.title, "u": url, "d": item.article.metaDescription,
            "w": item.article.keywords + item.article.tags, "s": sections, "x": item.markdown.excerpt,
            "v": item.markdown.vocabulary.joined(separator: " "),
        ] as [String: Any])
    }

    /// The whole index from the articles' entries (in site order) and the catalog.
    static func render(site: ResolvedSite, articleEntries: [String]) -> String {
        let base = site.config.baseURL
        var entries: [[String: Any]] = []
        for mesh in site.catalog.meshes {
            entries.append(["k": "mesh", "t": mesh.name, "u": base.rooted(mesh.sitePath), "d": mesh.summary,
                            "w": mesh.capabilities + [mesh.proxyName, mesh.vendor], "s": [[String]](), "x": ""])
        }
        if !site.catalog.meshes.isEmpty {
            let sections = site.catalog.features.map { [$0.label, "#matrix"] }
            entries.append(["k": "compare", "t": "Compare " + TableMarkup.list(site.catalog.meshes.map(\.name)),
                            "u": base.rooted("/compare/"), "d": "Every feature side by side.",
                            "w": site.catalog.features.map(\.label), "s": sections,
                            "x": site.catalog.features.map { "\($0.label): \($0.description)" }.joined(separator: " ")])
        }
        // Written as JSONWriter would write {"pages": […], "v": 1}: keys sorted, fragments already encoded.
        let pages = articleEntries + entries.map { JSONWriter.encode($0) }
        return "{\"pages\":[" + pages.joined(separator: ",") + "],\"v\":1}\n"
    }
}
