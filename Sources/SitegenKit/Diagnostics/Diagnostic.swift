/// One problem found in the input, printed compiler-style: `path:line:column: error: message`.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// How bad a problem is; any error fails the build. A note is not a problem, only worth knowing
    /// (an external link that redirects).
    public enum Severity: String, Sendable {
        case error
        case warning
        case note
    }

    public var severity: Severity
    public var location: SourceLocation?
    public var message: String

    public init(_ severity: Severity, _ message: String, at location: SourceLocation?) {
        self.severity = severity
        self.message = message
        self.location = location
    }

    public static func error(_ message: String, at location: SourceLocation?) -> Diagnostic {
        Diagnostic(.error, message, at: location)
    }

    public static func warning(_ message: String, at location: SourceLocation?) -> Diagnostic {
        Diagnostic(.warning, message, at: location)
    }

    public static func note(_ message: String, at location: SourceLocation?) -> Diagnostic {
        Diagnostic(.note, message, at: location)
    }

    public var isError: Bool { severity == .error }

    /// The line printed for it, with control characters in the path and message escaped (`TerminalText`): every
    /// printer prints this, so none can let a value's ESC or CR through to the terminal.
    public var description: String {
        let message = TerminalText.escaped(message)
        guard let location else { return "sitegen: \(severity.rawValue): \(message)" }
        return "\(TerminalText.escaped(location.path)):\(location.line):\(location.column): \(severity.rawValue): \(message)"
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.isError } }

    /// Diagnostics in reading order: by file, line and column, location-less ones first.
    public func sortedForDisplay() -> [Diagnostic] {
        enumerated().sorted { a, b in
            switch (a.element.location, b.element.location) {
            case let (l?, r?) where l != r: return l < r
            case (nil, _?): return true
            case (_?, nil): return false
            default: return a.offset < b.offset
            }
        }.map(\.element)
    }
}

extension Diagnostic: Error {}
