/// `/search-index.json`: a compact index the search box reads: each mesh and each compared feature, and the
/// parts (`/search/part-N.json`) that hold the articles, each with its sections, opening words and vocabulary,
/// `partSize` articles to a part in site order. Short keys keep it small on large sites. Each article's entry
/// is its own JSON fragment, and an edit to one article rewrites only its part, not every article's entry.
enum SearchIndex {
    /// One article's entry as JSON.
    static func entry(for item: RenderedArticle, baseURL: BaseURL) -> String {
        let url = baseURL.rooted(ResolvedSite.sitePath(of: item.article))
        let sections = item.markdown.headings.filter { $0.level <= 3 }.map { [$0.text, "#" + $0.id] }
        return JSONWriter.encode([
            "k": "article", "t": item.article.title, "u": url, "d": item.article.metaDescription,
            "w": item.article.keywords + item.article.tags, "s": sections, "x": item.markdown.excerpt,
            "v": item.markdown.vocabulary,
        ] as [String: Any])
    }

    /// Articles per part: small enough that rewriting one part after an edit is cheap, few enough parts
    /// (20 for 10,000 articles) that the browser fetches them quickly.
    static let partSize = 500

    static func partCount(articles: Int) -> Int { (articles + partSize - 1) / partSize }

    /// Where part `number` (from 0) is written, relative to the output folder.
    static func partPath(_ number: Int) -> String { "search/part-\(number + 1).json" }

    /// The index: the catalog's entries and the URLs of the article parts.
    static func render(catalog: Catalog, articleCount: Int, baseURL base: BaseURL) -> [UInt8] {
        var entries: [[String: Any]] = []
        for mesh in catalog.meshes {
            entries.append(["k": "mesh", "t": mesh.name, "u": base.rooted(mesh.sitePath), "d": mesh.summary,
                            "w": mesh.capabilities + [mesh.proxyName, mesh.vendor], "s": [[String]](), "x": ""])
        }
        if !catalog.meshes.isEmpty {
            let sections = catalog.features.map { [$0.label, "#matrix"] }
            entries.append(["k": "compare", "t": "Compare " + TableMarkup.list(catalog.meshes.map(\.name)),
                            "u": base.rooted("/compare/"), "d": "Every feature side by side.",
                            "w": catalog.features.map(\.label), "s": sections,
                            "x": catalog.features.map { "\($0.label): \($0.description)" }.joined(separator: " ")])
        }
        let parts = (0..<partCount(articles: articleCount)).map { base.rooted("/" + partPath($0)) }
        return Array(JSONWriter.encode(["pages": entries, "parts": parts, "v": 2] as [String: Any]).utf8) + [0x0A]
    }

    /// One part: the entries of the articles at positions `number * partSize ..< (number + 1) * partSize`,
    /// appended one by one as bytes rather than all held first.
    static func renderPart(_ number: Int, articleCount: Int, articleEntry: (Int) -> String) -> [UInt8] {
        let positions = (number * partSize)..<min((number + 1) * partSize, articleCount)
        var output: [UInt8] = []
        output.reserveCapacity(64 + positions.count * (600 + MarkdownRenderer.excerptLength + MarkdownRenderer.vocabularySize * 9))
        // Written as JSONWriter would write {"pages": […]}: entries already encoded.
        output += "{\"pages\":[".utf8
        for position in positions {
            if position > positions.lowerBound { output.append(UInt8(ascii: ",")) }
            output += articleEntry(position).utf8
        }
        output += "]}\n".utf8
        return output
    }
}
