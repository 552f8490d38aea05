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
        guard let text = map.string("source", required: true, &diagnostics)?.trimmingCharacters(in: " ") else { return nil }
        guard let scheme = Self.scheme(of: text) else { return .citation(text) }
        if let problem = urlProblem(text, scheme: scheme) {
            diagnostics.append(.error("'source' \(problem); write a full http(s) address such as https://linkerd.io/2/features/, or plain text for a citation",
                                      at: map.location(of: node)))
            return nil
        }
        return .url(text)
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

    /// `https` in `https://…`: letters, digits, `+`, `-`, `.` before `://`.
    private static func scheme(of text: String) -> String? {
        guard let range = text.range(of: "://") else { return nil }
        let scheme = text[..<range.lowerBound]
        guard let first = scheme.unicodeScalars.first, first.properties.isAlphabetic,
              scheme.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0)) })
        else { return nil }
        return scheme.lowercased()
    }

    private static func urlProblem(_ text: String, scheme: String) -> String? {
        guard scheme == "http" || scheme == "https" else { return "uses the scheme '\(scheme)', which a reader's browser may not open" }
        let rest = text.dropFirst(scheme.count + 3)
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if host.isEmpty { return "has no host name" }
        if text.contains(where: { $0.isWhitespace }) { return "contains a space" }
        return nil
    }
}
