import Yams

/// Reads `source` and `checked` beside a fact, and `reviewed` on a mesh, each problem at its own node.
enum ProvenanceDecoder {
    static let keys = ["source", "checked"]

    static func decode(_ map: YAMLMap, _ diagnostics: inout [Diagnostic]) -> Provenance {
        let source = source(map, &diagnostics)
        return Provenance(source: source, checked: date(map, "checked", &diagnostics),
                          sourceLocation: source == nil ? nil : map.value("source").map { map.location(of: $0) })
    }

    /// A URL when it names a scheme (it must then be a usable http(s) address), otherwise citation text.
    static func source(_ map: YAMLMap, _ diagnostics: inout [Diagnostic]) -> Provenance.Source? {
        guard let node = map.value("source") else { return nil }
        if node.scalar == nil {
            diagnostics.append(.error(
                "'source' must be a URL or the text of a citation, not a \(node.mapping != nil ? "mapping" : "list"); for example source: https://istio.io/latest/docs/",
                at: map.location(of: node)))
            return nil
        }
        guard let value = map.string("source", required: true, &diagnostics) else { return nil }
        // Whether the value is meant as an address is read with invisible characters set aside, so `\u{200B}https://…`
        // is still an address, and then the whole value is checked as written: it fails at the invisible character.
        let text = value.trimmingCharacters(in: " ")
        let visible = String(String.UnicodeScalarView(value.unicodeScalars.filter { $0 == " " || !URLPolicy.isInvisible($0) }))
        guard Self.isAddress(visible.trimmingCharacters(in: " ")) else { return .citation(text) }
        if let problem = URLPolicy.addressProblem(value) {
            diagnostics.append(.error("'source' \(problem.reason(hint: "write a full http(s) address such as https://linkerd.io/2/features/, or plain text for a citation"))",
                                      at: map.location(of: node)))
            return nil
        }
        return .url(value)
    }

    /// A calendar date `YYYY-MM-DD`; YAML reads it as a timestamp, which is fine, so only the text is checked.
    static func date(_ map: YAMLMap, _ key: String, _ diagnostics: inout [Diagnostic]) -> Provenance.Dated? {
        guard let node = map.value(key) else { return nil }
        let location = map.location(of: node)
        guard let scalar = node.scalar else {
            diagnostics.append(.error("'\(key)' must be a date such as 2026-03-15", at: location))
            return nil
        }
        switch ArticleDate.parse(scalar.string) {
        case .success(let date) where date.time == nil:
            return Provenance.Dated(date: date, location: location)
        case .success:
            diagnostics.append(.error("'\(key)' takes a date without a time, such as \(scalar.string.prefix(10))", at: location))
        case .failure(let invalid):
            diagnostics.append(.error("invalid date '\(scalar.string)' for '\(key)': \(invalid.reason); write a real calendar date as YYYY-MM-DD", at: location))
        }
        return nil
    }

    /// `scheme://…`, or a scheme a citation would not start with but a link might (`javascript:alert(1)`).
    private static func isAddress(_ text: String) -> Bool {
        guard let scheme = URLPolicy.scheme(of: text) else { return false }
        return text.utf8.dropFirst(scheme.utf8.count + 1).starts(with: "//".utf8)
            || ["http", "https", "javascript", "vbscript", "data", "blob", "file", "mailto"].contains(scheme)
    }
}
