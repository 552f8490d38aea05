import Yams

/// Parses YAML into Yams' node tree, turning its errors into diagnostics at the YAML's own line.
enum YAMLDocument {
    /// The root node, or nil with diagnostics. `lineOffset` maps YAML line 1 to its line in the file.
    static func parse(_ text: String, path: String, lineOffset: Int = 0) -> (Node?, [Diagnostic]) {
        do {
            let node = try Yams.compose(yaml: text, .basic, .default, .utf8)
            if let node, !fits(node, budget: maximumValues) {
                // Aliases share nodes, so parsing stays small, but walking a "billion laughs" document would not end.
                return (nil, [.error(
                    "refused: this YAML expands to more than \(maximumValues) values (aliases that repeat aliases?); write the values out instead",
                    at: SourceLocation(path: path, line: lineOffset + 1))])
            }
            return (node, [])
        } catch let error as YamlError {
            return (nil, [diagnostic(for: error, path: path, lineOffset: lineOffset)])
        } catch {
            return (nil, [.error("invalid YAML: \(error)", at: SourceLocation(path: path, line: lineOffset + 1))])
        }
    }

    /// The YAML 1.1 type of a node. Documents are composed with Yams' basic resolver, which reads every plain
    /// scalar as text (so hashing keys to find duplicates runs no regular expressions); the default rules run
    /// here, and only on scalars that could be a null, boolean, number, timestamp, merge or value.
    static func tag(of node: Node) -> Tag.Name {
        // An implicit tag reads as ""; nothing resolves a value's tag before this (only keys are hashed).
        guard let scalar = node.scalar, scalar.tag.description == Tag.Name.implicit.rawValue else {
            return Tag.Name(rawValue: node.tag.description)
        }
        guard couldBeNonText(scalar.string) else { return .str }
        return Resolver.default.resolveTag(of: Node.scalar(.init(scalar.string)))
    }

    /// False only for scalars no default rule can match: every one of them starts with a digit, a sign, '.', '~',
    /// '<', '=' or the first letter of a boolean or null, and only timestamps contain a space.
    static func couldBeNonText(_ text: String) -> Bool {
        guard let first = text.utf8.first else { return true }
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
             UInt8(ascii: "~"), UInt8(ascii: "<"), UInt8(ascii: "="):
            return true
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"),
             UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "o"), UInt8(ascii: "O"):
            return text.utf8.count <= 5
        default:
            return false
        }
    }

    /// More values than any front matter, site settings or catalog file needs.
    static let maximumValues = 100_000

    /// Whether the tree, with aliases expanded, has at most `budget` values; stops counting as soon as it has more.
    static func fits(_ node: Node, budget: Int) -> Bool {
        var remaining = budget
        func visit(_ node: Node) -> Bool {
            remaining -= 1
            if remaining < 0 { return false }
            switch node {
            case .mapping(let mapping): return mapping.allSatisfy { visit($0.key) && visit($0.value) }
            case .sequence(let sequence): return sequence.allSatisfy(visit)
            default: return true
            }
        }
        return visit(node)
    }

    static func diagnostic(for error: YamlError, path: String, lineOffset: Int) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(path: path, line: mark.line + lineOffset, column: mark.column)
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            var message = "invalid YAML: \(problem)"
            if let context { message += " (\(context.text))" }
            if problem.contains("tab") || problem.contains("cannot start any token") && Self.hasTab(in: yamlText(error), at: mark) {
                message += "; YAML is indented with spaces, not tabs"
            }
            return .error(message, at: at(mark))
        case let .duplicatedKeysInMapping(duplicates, context):
            let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return .error("duplicate key \(names) in one mapping; each key may appear once", at: at(context.mark))
        case let .reader(problem, offset, _, yaml):
            let line = offset.map { yaml.utf8.prefix($0).filter { $0 == 0x0A }.count + 1 } ?? 1
            return .error("unreadable YAML: \(problem)", at: SourceLocation(path: path, line: line + lineOffset))
        default:
            return .error("invalid YAML: \(error)", at: SourceLocation(path: path, line: lineOffset + 1))
        }
    }

    private static func yamlText(_ error: YamlError) -> String {
        switch error {
        case let .scanner(_, _, _, yaml), let .parser(_, _, _, yaml), let .composer(_, _, _, yaml): yaml
        default: ""
        }
    }

    /// Whether the line of `mark` has a tab before or at its column: the usual cause of libyaml's "cannot start any token".
    static func hasTab(in text: String, at mark: Mark) -> Bool {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard mark.line >= 1, mark.line <= lines.count else { return false }
        return lines[mark.line - 1].prefix(mark.column).contains("\t")
    }
}
