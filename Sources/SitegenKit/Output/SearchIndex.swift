/// `/search-index.json`: a compact index the search box reads: the pages a data source makes (each mesh and the
/// comparison, from the catalog), and the
/// parts (`/search/part-N.json`) that hold the articles, each with its sections, opening words and vocabulary,
/// `partSize` articles to a part in site order. Short keys keep it small on large sites. Each article's entry
/// is its own JSON fragment, and an edit to one article rewrites only its part, not every article's entry.
enum SearchIndex {
    /// One article's entry as JSON, keys in sorted order as `JSONWriter` writes them; written field by field
    /// because a part re-renders 500 of these after a title edit, and going through `[String: Any]` cast each value.
    static func entry(for article: Article, summary: BodySummary, baseURL: BaseURL) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256 + summary.excerpt.utf8.count + summary.vocabulary.utf8.count)
        func key(_ name: String, first: Bool = false) {
            output += (first ? "{\"" : ",\"").utf8
            output += name.utf8
            output += "\":".utf8
        }
        key("d", first: true)
        JSONWriter.write(string: article.metaDescription, into: &output)
        key("k")
        JSONWriter.write(string: "article", into: &output)
        key("s")
        output.append(UInt8(ascii: "["))
        var separator = false
        for section in summary.sections {
            if separator { output.append(UInt8(ascii: ",")) }
            JSONWriter.write(strings: [section.text, "#" + section.id], into: &output)
            separator = true
        }
        output.append(UInt8(ascii: "]"))
        key("t")
        JSONWriter.write(string: article.title, into: &output)
        key("u")
        JSONWriter.write(string: baseURL.rooted(ResolvedSite.sitePath(of: article)), into: &output)
        key("v")
        JSONWriter.write(string: summary.vocabulary, into: &output)
        key("w")
        JSONWriter.write(strings: article.keywords + article.tags, into: &output)
        key("x")
        JSONWriter.write(string: summary.excerpt, into: &output)
        output.append(UInt8(ascii: "}"))
        return output
    }

    /// Articles per part: small enough that rewriting one part after an edit is cheap, few enough parts
    /// (20 for 10,000 articles) that the browser fetches them quickly.
    static let partSize = 500

    static func partCount(articles: Int) -> Int { (articles + partSize - 1) / partSize }

    /// Where part `number` (from 0) is written, relative to the output folder.
    static func partPath(_ number: Int) -> String { "search/part-\(number + 1).json" }

    /// An entry that is not an article: a page a data source (the catalog) makes.
    struct Entry {
        var kind: String
        var title: String
        var url: String
        var description: String
        var words: [String]
        /// Each a heading's text and its `#id`.
        var sections: [[String]]
        var excerpt: String
    }

    /// The index: the entries of pages made from data, and the URLs of the article parts.
    static func render(entries: [Entry], articleCount: Int, baseURL base: BaseURL) -> [UInt8] {
        let pages: [[String: Any]] = entries.map {
            ["k": $0.kind, "t": $0.title, "u": $0.url, "d": $0.description, "w": $0.words, "s": $0.sections, "x": $0.excerpt]
        }
        let parts = (0..<partCount(articles: articleCount)).map { base.rooted("/" + partPath($0)) }
        return Array(JSONWriter.encode(["pages": pages, "parts": parts, "v": 2] as [String: Any]).utf8) + [0x0A]
    }

    /// The positions in site order of the articles in part `number`.
    static func positions(ofPart number: Int, articleCount: Int) -> Range<Int> {
        min(number * partSize, articleCount)..<min((number + 1) * partSize, articleCount)
    }

    /// One part: the entries of its articles (`entry(for:summary:baseURL:)`), in site order.
    static func renderPart(_ entries: [[UInt8]]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(64 + entries.reduce(entries.count) { $0 + $1.count })
        // Written as JSONWriter would write {"pages": […]}: entries already encoded.
        output += "{\"pages\":[".utf8
        for (index, entry) in entries.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            output += entry
        }
        output += "]}\n".utf8
        return output
    }
}
