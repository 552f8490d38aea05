/// Pieces shared by the catalog's tables: a scrollable, labelled figure and numbered footnotes.
struct TableMarkup {
    /// Numbered notes under a table; cells link to them.
    struct Footnotes {
        let prefix: String
        private(set) var notes: [String] = []

        init(prefix: String) {
            self.prefix = prefix
        }

        /// Adds a note and returns the superscript link to put in the cell.
        mutating func reference(_ text: String) -> String {
            notes.append(text)
            let number = notes.count
            return "<sup class=\"note-ref\"><a href=\"#\(prefix)-note-\(number)\" id=\"\(prefix)-ref-\(number)\" aria-label=\"Note \(number)\">\(number)</a></sup>"
        }

        var anchors: [String] {
            notes.indices.flatMap { ["\(prefix)-note-\($0 + 1)", "\(prefix)-ref-\($0 + 1)"] }
        }

        var html: String {
            guard !notes.isEmpty else { return "" }
            var html = "<ol class=\"table-notes\">\n"
            for (index, note) in notes.enumerated() {
                let number = index + 1
                html += "<li id=\"\(prefix)-note-\(number)\">\(note) <a href=\"#\(prefix)-ref-\(number)\" aria-label=\"Back to the table\">↩</a></li>\n"
            }
            return html + "</ol>\n"
        }
    }

    /// Wraps a table in a figure whose scroll region is keyboard-focusable and named by the caption.
    static func figure(id: String, className: String, caption: String, head: String, body: String, footnotes: Footnotes,
                       sources: SourceNotes? = nil) -> String {
        """
        <figure class="data-table \(className)" id="\(id)">
        <div class="table-scroll" role="region" aria-labelledby="\(id)-caption" tabindex="0">
        <table>
        <caption id="\(id)-caption">\(HTML.escape(caption))</caption>
        <thead>
        \(head)
        </thead>
        \(body)</table>
        </div>
        \(footnotes.html)\(sources?.tableList ?? "")</figure>

        """
    }

    static func anchors(id: String, footnotes: Footnotes, sources: SourceNotes? = nil) -> [String] {
        [id, "\(id)-caption"] + footnotes.anchors + (sources.map { $0.listedWithTable ? $0.anchors : [] } ?? [])
    }

    /// "Istio, Linkerd and Anthos Service Mesh".
    static func list(_ names: [String]) -> String {
        switch names.count {
        case 0: return ""
        case 1: return names[0]
        default: return names.dropLast().joined(separator: ", ") + " and " + names.last!
        }
    }
}
