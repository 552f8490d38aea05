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
            "v": item.markdown.vocabulary,
        ] as [String: Any])
    }

    /// The whole index from the articles' entries (by position in site order) and the catalog, as bytes: on a
    /// large site it is tens of megabytes, so each entry is appended as it comes rather than all held first.
    static func render(site: ResolvedSite, articleEntry: (Int) -> String) -> [UInt8] {
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
        var output: [UInt8] = []
        output.reserveCapacity(estimatedSize(site))
        // Written as JSONWriter would write {"pages": […], "v": 1}: keys sorted, entries already encoded.
        output += "{\"pages\":[".utf8
        var separator: [UInt8] = []
        for index in site.articles.indices {
            output += separator
            output += articleEntry(index).utf8
            separator = [UInt8(ascii: ",")]
        }
        for entry in entries {
            output += separator
            output += JSONWriter.encode(entry).utf8
            separator = [UInt8(ascii: ",")]
        }
        output += "],\"v\":1}\n".utf8
        return output
    }

    /// Slightly more than the index usually takes, so its buffer is allocated once instead of doubling.
    private static func estimatedSize(_ site: ResolvedSite) -> Int {
        site.articles.reduce(4096) { total, article in
            total + 400 + article.title.utf8.count * 2 + article.metaDescription.utf8.count + MarkdownRenderer.excerptLength
                + MarkdownRenderer.vocabularySize * 9
        }
    }
}
