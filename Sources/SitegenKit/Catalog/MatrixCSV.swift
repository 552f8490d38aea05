/// `<compare path>matrix.csv`: a collection's feature matrix for spreadsheets, one row per feature and one column per entry,
/// each value as the matrix shows it (RFC 4180: quoted where needed, CRLF line ends, UTF-8).
enum MatrixCSV {
    static func render(_ collection: CatalogCollection) -> String {
        var rows = [["Feature"] + collection.entries.map(\.name)]
        for feature in collection.features {
            rows.append([feature.label] + collection.entries.map { entry in entry.features[feature.id]?.label(for: feature) ?? "Not stated" })
        }
        return rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// Quotes a field holding a comma, quote or line break; a field starting with a character a spreadsheet may
    /// take as the start of a formula gets an apostrophe first, so it shows the text instead of running it.
    static func field(_ text: String) -> String {
        var text = text
        if let first = text.unicodeScalars.first, formulaStarts.contains(first) { text = "'" + text }
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// OWASP's CSV injection list (`=`, `+`, `-`, `@`, TAB, CR), a line feed, and the full-width forms of the four
    /// signs, which some spreadsheets read as the ASCII ones. By scalar: `"\r\n"` is one Character, not a CR.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "\n", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"]
}
