/// The directives an article may use, by name. Adding a directive is a new file plus its line in `standard`.
public struct DirectiveRegistry: Sendable {
    private var directives: [String: any Directive]

    public init(_ directives: [any Directive]) {
        self.directives = Dictionary(directives.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// The directives every site gets (`CatalogDirectives`).
    public static let standard = DirectiveRegistry(CatalogDirectives.all)

    public var names: [String] { directives.keys.sorted() }

    /// What a fenced block's info string asks for.
    enum Match {
        case codeBlock
        case directive(any Directive, arguments: [String])
        case unknown(name: String, message: String)
    }

    /// ```` ```{name} ```` always means a directive; a bare word does when it is registered,
    /// and a near miss of a registered name is reported as a likely typo instead of becoming a code block.
    func match(infoString: String) -> Match {
        let words = infoString.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let first = words.first else { return .codeBlock }
        let arguments = Array(words.dropFirst())
        if first.hasPrefix("{") && first.hasSuffix("}") && first.count > 2 {
            let name = String(first.dropFirst().dropLast())
            if let directive = directives[name] { return .directive(directive, arguments: arguments) }
            return .unknown(name: name, message: unknownMessage(name))
        }
        if let directive = directives[first] { return .directive(directive, arguments: arguments) }
        if first.count >= 5, Suggestion.closest(to: first, in: directives.keys, maxDistance: max(1, first.count / 4)) != nil {
            return .unknown(name: first, message: unknownMessage(first))
        }
        return .codeBlock
    }

    private func unknownMessage(_ name: String) -> String {
        let known = names.isEmpty ? "none are registered" : "known directives are: " + names.joined(separator: ", ")
        return "unknown directive '\(name)'\(Suggestion.hint(for: name, in: names)); \(known)"
    }
}
