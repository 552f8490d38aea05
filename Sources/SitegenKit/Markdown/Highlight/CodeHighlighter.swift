/// Highlights fenced code at build time: HTML with `tok-…` classes for the languages it knows, nil for the rest.
public enum CodeHighlighter {
    /// The inner HTML of `<code>` for `code`: escaped text with `<span class="tok-…">` around tokens. `language`
    /// is an info string; its first word names the language, in any case. Nil when that language is not known.
    public static func highlight(_ code: String, language: String) -> String? {
        guard let known = CodeLanguage(infoString: language) else { return nil }
        return String(decoding: known.render(code, prefix: [], suffix: []), as: UTF8.self)
    }

    /// The whole block as libcmark would write it, highlighted: `<pre><code class="language-…">…</code></pre>` and
    /// a line feed, the class naming the first word of `info` as written. Nil when the language is not known.
    /// `code` is read only for a known language, so other blocks cost no copy of their text.
    static func codeBlock(_ code: @autoclosure () -> String, info: String) -> String? {
        guard let language = CodeLanguage(infoString: info) else { return nil }
        let prefix = Array("<pre><code class=\"language-\(HTML.escape(String(CodeLanguage.firstWord(of: info))))\">".utf8)
        return String(decoding: language.render(code(), prefix: prefix, suffix: closingTags), as: UTF8.self)
    }

    private static let closingTags = Array("</code></pre>\n".utf8)
}

/// A lexer for one language: marks tokens of `scanner`'s range on the writer, in order.
protocol CodeLexer: Sendable {
    func lex(_ scanner: ByteScanner, into writer: inout TokenWriter)
}

/// The languages the highlighter knows, found by the names and aliases a fence may use.
enum CodeLanguage: Sendable, CaseIterable {
    case yaml, shell, console, json, go, dockerfile, hcl

    private static let names: [String: CodeLanguage] = [
        "yaml": .yaml, "yml": .yaml,
        "bash": .shell, "sh": .shell, "shell": .shell, "zsh": .shell,
        "console": .console,
        "json": .json, "jsonc": .json,
        "go": .go, "golang": .go,
        "dockerfile": .dockerfile, "docker": .dockerfile, "containerfile": .dockerfile,
        "hcl": .hcl, "terraform": .hcl, "tf": .hcl,
    ]

    /// Every name a fence may use, for tests and documentation.
    static var allNames: [String] { names.keys.sorted() }

    init?(infoString: String) {
        let word = Self.firstWord(of: infoString)
        // No name is longer than 16 bytes; a long first word is not lowercased only to miss.
        guard !word.isEmpty, word.utf8.count <= 16, let language = Self.names[word.lowercased()] else { return nil }
        self = language
    }

    /// The info string up to its first white space, as libcmark takes the language for the class.
    static func firstWord(of infoString: String) -> Substring {
        // libcmark's cmark_isspace: space, \t, \n, \v, \f, \r.
        let utf8 = infoString.utf8
        let end = utf8.firstIndex { $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) } ?? utf8.endIndex
        return infoString[..<end]
    }

    var lexer: any CodeLexer {
        switch self {
        case .yaml: YAMLLexer()
        case .shell: ShellLexer(console: false)
        case .console: ShellLexer(console: true)
        case .json: JSONLexer()
        case .go: GoLexer()
        case .dockerfile: DockerfileLexer()
        case .hcl: HCLLexer()
        }
    }

    func render(_ code: String, prefix: [UInt8], suffix: [UInt8]) -> [UInt8] {
        var code = code
        let lexer = self.lexer
        return code.withUTF8 { bytes in
            var writer = TokenWriter(text: bytes, prefix: prefix)
            lexer.lex(ByteScanner(bytes), into: &writer)
            return writer.finish(suffix: suffix)
        }
    }
}
