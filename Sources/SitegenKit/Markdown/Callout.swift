/// GitHub's alert kinds (`> [!NOTE]` … `> [!CAUTION]`) and the markup a callout opens with: a `role="note"`
/// box whose first line names its kind in words, so the label never rests on colour or an icon alone.
enum Callout {
    enum Kind: String, CaseIterable, Sendable {
        case note = "NOTE", tip = "TIP", important = "IMPORTANT", warning = "WARNING", caution = "CAUTION"

        var label: String { rawValue.prefix(1) + rawValue.dropFirst().lowercased() }

        var openingHTML: String {
            let name = rawValue.lowercased()
            return "<div class=\"callout callout-\(name)\" role=\"note\" aria-label=\"\(label)\">\n<p class=\"callout-title\">\(label)</p>\n"
        }
    }

    /// `WARN` for `[!WARN]`: letters between `[!` and `]`, the whole line; nil for anything else (a plain quote).
    static func markerName(_ line: String) -> String? {
        guard line.hasPrefix("[!"), line.hasSuffix("]"), line.count > 3 else { return nil }
        let name = line.dropFirst(2).dropLast()
        return name.allSatisfy({ $0.isASCII && $0.isLetter }) ? String(name) : nil
    }

    /// "; did you mean 'WARNING'?" for `WARN` (a prefix) or `NOET` (a near miss); empty when nothing is close.
    static func suggestion(for name: String) -> String {
        let upper = name.uppercased()
        if let kind = Kind.allCases.first(where: { $0.rawValue.hasPrefix(upper) || upper.hasPrefix($0.rawValue) }) {
            return "; did you mean '\(kind.rawValue)'?"
        }
        return Suggestion.hint(for: upper, in: Kind.allCases.map(\.rawValue))
    }
}
