import Yams

/// A YAML mapping read field by field, each problem reported at the node's own position.
struct YAMLMap {
    let mapping: Node.Mapping
    let path: String
    let lineOffset: Int
    /// Where the mapping itself starts (or where it would be, for an empty document).
    let location: SourceLocation
    /// Each key's text, in mapping order: found once, since a lookup through the mapping copies every node it passes.
    private let keyNames: [String?]

    init(mapping: Node.Mapping, path: String, lineOffset: Int, location: SourceLocation) {
        self.mapping = mapping
        self.path = path
        self.lineOffset = lineOffset
        self.location = location
        keyNames = mapping.map { $0.key.scalar?.string }
    }

    /// The document root as a mapping; an empty document is an empty mapping.
    static func root(_ node: Node?, path: String, lineOffset: Int, what: String, _ diagnostics: inout [Diagnostic]) -> YAMLMap? {
        let fallback = SourceLocation(path: path, line: lineOffset + 1)
        guard let node else { return YAMLMap(mapping: Node.Mapping([]), path: path, lineOffset: lineOffset, location: fallback) }
        guard let mapping = node.mapping else {
            let location = node.mark.map { SourceLocation(path: path, line: $0.line + lineOffset, column: $0.column) } ?? fallback
            diagnostics.append(.error("\(what) must be a mapping of keys to values", at: location))
            return nil
        }
        return YAMLMap(mapping: mapping, path: path, lineOffset: lineOffset, location: fallback)
    }

    func location(of node: Node) -> SourceLocation {
        guard let mark = node.mark else { return location }
        return SourceLocation(path: path, line: mark.line + lineOffset, column: mark.column)
    }

    func entry(_ key: String) -> (key: Node, value: Node)? {
        guard let offset = keyNames.firstIndex(of: key) else { return nil }
        return mapping[mapping.index(mapping.startIndex, offsetBy: offset)]
    }

    func value(_ key: String) -> Node? { entry(key)?.value }

    var keys: [String] { keyNames.compactMap { $0 } }

    /// Reports every key not in `known`, with the closest known key as a hint.
    func rejectUnknownKeys(_ known: [String], in what: String, _ diagnostics: inout [Diagnostic]) {
        for pair in mapping {
            guard let key = pair.key.scalar?.string else {
                diagnostics.append(.error("keys in \(what) must be plain text", at: location(of: pair.key)))
                continue
            }
            if !known.contains(key) {
                let hint = Suggestion.closest(to: key, in: known).map { "did you mean '\($0)'? " } ?? ""
                diagnostics.append(.error(
                    "unknown key '\(key)' in \(what); \(hint)known keys are: \(known.joined(separator: ", "))",
                    at: location(of: pair.key)))
            }
        }
    }

    func missing(_ key: String, _ diagnostics: inout [Diagnostic]) {
        diagnostics.append(.error("missing required key '\(key)'", at: location))
    }

    /// A text value. Plain scalars that YAML reads as booleans, nulls or floats are refused,
    /// since `no` or `1.10` rarely mean what the author typed.
    func string(_ key: String, required: Bool = false, _ diagnostics: inout [Diagnostic]) -> String? {
        guard let node = value(key) else {
            if required { missing(key, &diagnostics) }
            return nil
        }
        return Self.text(of: node, key: key, map: self, allowEmpty: !required, &diagnostics)
    }

    static func text(of node: Node, key: String, map: YAMLMap, allowEmpty: Bool, _ diagnostics: inout [Diagnostic]) -> String? {
        guard let scalar = node.scalar else {
            diagnostics.append(.error("'\(key)' must be text, not a \(node.mapping != nil ? "mapping" : "list")", at: map.location(of: node)))
            return nil
        }
        let tag = YAMLDocument.tag(of: node)
        if scalar.style == .plain {
            if tag == .null {
                if !allowEmpty { diagnostics.append(.error("'\(key)' must not be empty", at: map.location(of: node))) }
                return nil
            }
            if tag == .bool || tag == .float {
                let kind = tag == .bool ? "a boolean" : "a number"
                diagnostics.append(.error(
                    "'\(key)': YAML reads the unquoted value \(scalar.string) as \(kind); write it in quotes (\"\(scalar.string)\") if you mean text",
                    at: map.location(of: node)))
                return nil
            }
        }
        if !allowEmpty && scalar.string.allSatisfy(\.isWhitespace) {
            diagnostics.append(.error("'\(key)' must not be empty", at: map.location(of: node)))
            return nil
        }
        return scalar.string
    }

    /// A list of text values with their positions; a single scalar counts as a one-item list.
    func stringList(_ key: String, required: Bool = false, _ diagnostics: inout [Diagnostic]) -> [(String, SourceLocation)]? {
        guard let node = value(key) else {
            if required { missing(key, &diagnostics) }
            return nil
        }
        if let sequence = node.sequence {
            return sequence.compactMap { item in
                Self.text(of: item, key: key, map: self, allowEmpty: false, &diagnostics).map { ($0, location(of: item)) }
            }
        }
        if let scalar = node.scalar, scalar.style == .plain, YAMLDocument.tag(of: node) == .null {
            return []
        }
        if node.scalar != nil {
            return Self.text(of: node, key: key, map: self, allowEmpty: false, &diagnostics).map { [($0, location(of: node))] }
        }
        diagnostics.append(.error("'\(key)' must be a list of text values", at: location(of: node)))
        return nil
    }

    func bool(_ key: String, _ diagnostics: inout [Diagnostic]) -> Bool? {
        guard let node = value(key) else { return nil }
        guard let scalar = node.scalar, YAMLDocument.tag(of: node) == .bool, let value = Bool(scalar.string.lowercased()) else {
            diagnostics.append(.error("'\(key)' must be true or false", at: location(of: node)))
            return nil
        }
        return value
    }

    func int(_ key: String, in range: ClosedRange<Int>, _ diagnostics: inout [Diagnostic]) -> Int? {
        guard let node = value(key) else { return nil }
        guard let scalar = node.scalar, let value = Int(scalar.string), range.contains(value) else {
            diagnostics.append(.error("'\(key)' must be a whole number from \(range.lowerBound) to \(range.upperBound)", at: location(of: node)))
            return nil
        }
        return value
    }

    func map(_ key: String, _ diagnostics: inout [Diagnostic]) -> YAMLMap? {
        guard let node = value(key) else { return nil }
        guard let mapping = node.mapping else {
            diagnostics.append(.error("'\(key)' must be a mapping of keys to values", at: location(of: node)))
            return nil
        }
        return YAMLMap(mapping: mapping, path: path, lineOffset: lineOffset, location: location(of: node))
    }

    /// Each item of a list of mappings.
    func mapList(_ key: String, _ diagnostics: inout [Diagnostic]) -> [YAMLMap]? {
        guard let node = value(key) else { return nil }
        guard let sequence = node.sequence else {
            diagnostics.append(.error("'\(key)' must be a list", at: location(of: node)))
            return nil
        }
        return sequence.compactMap { item in
            guard let mapping = item.mapping else {
                diagnostics.append(.error("each item of '\(key)' must be a mapping of keys to values", at: location(of: item)))
                return nil
            }
            return YAMLMap(mapping: mapping, path: path, lineOffset: lineOffset, location: location(of: item))
        }
    }
}

extension YAMLMap {
    /// A number (integer or decimal).
    func number(_ key: String, _ diagnostics: inout [Diagnostic]) -> Double? {
        guard let node = value(key) else { return nil }
        let tag = YAMLDocument.tag(of: node)
        guard let scalar = node.scalar, tag == .int || tag == .float,
              let value = Double(scalar.string), value.isFinite else {
            diagnostics.append(.error("'\(key)' must be a number", at: location(of: node)))
            return nil
        }
        return value
    }

    /// A lowercase identifier (`mtls`, `multi-cluster`), as catalog ids and groups are written.
    func identifier(_ key: String, required: Bool = false, _ diagnostics: inout [Diagnostic]) -> String? {
        guard let text = string(key, required: required, &diagnostics) else { return nil }
        guard Self.isIdentifier(text) else {
            diagnostics.append(.error(
                "'\(key)' must be an id of lowercase letters, digits and '-' (got '\(text)')",
                at: value(key).map(location(of:)) ?? location))
            return nil
        }
        return text
    }

    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) || ("0"..."9").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// Each scalar of a list of text values (no positions).
    func texts(_ key: String, required: Bool = false, _ diagnostics: inout [Diagnostic]) -> [String] {
        (stringList(key, required: required, &diagnostics) ?? []).map(\.0)
    }
}
