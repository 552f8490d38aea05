/// Gives headings stable, unique ids: the same text always yields the same slug, repeats get `-1`, `-2`.
struct HeadingSlugger {
    private var used: Set<String>

    /// `reserved` holds ids the templates use themselves, so a heading cannot steal them.
    init(reserved: Set<String> = []) {
        used = reserved
    }

    mutating func unique(for text: String) -> String {
        let base = Self.slugify(text).isEmpty ? "section" : Self.slugify(text)
        var candidate = base
        var counter = 1
        while used.contains(candidate) {
            candidate = "\(base)-\(counter)"
            counter += 1
        }
        used.insert(candidate)
        return candidate
    }

    /// Lowercase letters and digits of any script, words joined by `-`; punctuation dropped.
    static func slugify(_ text: String) -> String {
        var result = ""
        var pendingDash = false
        for scalar in text.unicodeScalars {
            let properties = scalar.properties
            if properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark {
                if pendingDash && !result.isEmpty { result.append("-") }
                pendingDash = false
                result.unicodeScalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            } else if properties.isWhitespace || scalar == "-" || scalar == "_" {
                pendingDash = true
            }
        }
        return result
    }
}
