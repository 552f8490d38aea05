import Yams

/// Parses YAML into Yams' node tree, turning its errors into diagnostics at the YAML's own line.
enum YAMLDocument {
    /// The root node, or nil with diagnostics. `lineOffset` maps YAML line 1 to its line in the file.
    static func parse(_ text: String, path: String, lineOffset: Int = 0) -> (Node?, [Diagnostic]) {
        do {
            return (try Yams.compose(yaml: text), [])
        } catch let error as YamlError {
            return (nil, [diagnostic(for: error, path: path, lineOffset: lineOffset)])
        } catch {
            return (nil, [.error("invalid YAML: \(error)", at: SourceLocation(path: path, line: lineOffset + 1))])
        }
    }

    static func diagnostic(for error: YamlError, path: String, lineOffset: Int) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(path: path, line: mark.line + lineOffset, column: mark.column)
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            var message = "invalid YAML: \(problem)"
            if let context { message += " (\(context.text))" }
            if problem.contains("tab") { message += "; indent YAML with spaces, not tabs" }
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
}
