/// Numbered sources for cited catalog facts: each distinct source gets one number, and every cell or item
/// that rests on it links there. A table lists its own sources under it; a mesh page shares one numbering
/// between its tables and its pros and cons and lists them once, in its "Sources" section.
struct SourceNotes: Sendable {
    /// Anchors are `<prefix>-source-<n>`.
    let prefix: String
    /// Whether the table that cites lists the sources itself (false when its page does).
    let listedWithTable: Bool
    private(set) var sources: [Provenance.Source] = []
    /// The dates each source's facts were checked, in the order cited.
    private(set) var checked: [[ArticleDate]] = []
    private var numbers: [Provenance.Source: Int] = [:]

    init(prefix: String, listedWithTable: Bool = true) {
        self.prefix = prefix
        self.listedWithTable = listedWithTable
    }

    var isEmpty: Bool { sources.isEmpty }

    /// The superscript link for a fact's source, or nothing when it names none.
    mutating func reference(_ provenance: Provenance) -> String {
        guard let source = provenance.source else { return "" }
        let number: Int
        if let known = numbers[source] {
            number = known
        } else {
            sources.append(source)
            checked.append([])
            number = sources.count
            numbers[source] = number
        }
        if let date = provenance.checked?.date, !checked[number - 1].contains(date) { checked[number - 1].append(date) }
        return "<sup class=\"source-ref\"><a href=\"#\(prefix)-source-\(number)\" aria-label=\"Source \(number)\">[\(number)]</a></sup>"
    }

    var anchors: [String] { sources.indices.map { "\(prefix)-source-\($0 + 1)" } }

    /// The numbered list: each source as a link or citation, with the dates its facts were checked.
    var list: String {
        guard !sources.isEmpty else { return "" }
        var html = "<ol class=\"sources\">\n"
        for (index, source) in sources.enumerated() {
            html += "<li id=\"\(prefix)-source-\(index + 1)\">"
            switch source {
            case .url(let url): html += "<a href=\"\(HTML.escape(url))\" rel=\"external\">\(HTML.escape(url))</a>"
            case .citation(let text): html += HTML.escape(text)
            }
            let dates = checked[index].sorted()
            if !dates.isEmpty { html += " <span class=\"checked\">(checked " + TableMarkup.list(dates.map(\.longForm)) + ")</span>" }
            html += "</li>\n"
        }
        return html + "</ol>\n"
    }

    /// `["sources": list]` for a page's template, or nothing, so `{{#fragments.sources}}` shows no empty section.
    var fragment: [String: String] { sources.isEmpty ? [:] : ["sources": list] }

    /// What a table shows under itself: its sources, when it lists them.
    var tableList: String {
        guard listedWithTable, !sources.isEmpty else { return "" }
        return "<div class=\"table-sources\"><p class=\"sources-title\">Sources</p>\n\(list)</div>\n"
    }
}
