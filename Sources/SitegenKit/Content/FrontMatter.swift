/// An article split into its YAML front matter and its Markdown body.
public struct FrontMatter: Sendable, Equatable {
    /// The YAML between the `---` lines, or nil when the file has none.
    public var yaml: String?
    /// The file line on which the YAML starts (the line after the opening `---`).
    public var yamlStartLine: Int
    /// A slice of the file's text, so a build does not hold every body twice.
    public var body: Substring
    /// The file line on which the body starts, so Markdown positions map back to the file.
    public var bodyStartLine: Int

    /// Splits `text`; only a `---` on line 1 opens front matter, so a later `---` stays Markdown.
    public static func split(_ text: String, path: String) -> Result<FrontMatter, Diagnostic> {
        let utf8 = text.utf8
        var start = utf8.startIndex
        if utf8.starts(with: [0xEF, 0xBB, 0xBF]) { start = utf8.index(start, offsetBy: 3) }
        guard let firstEnd = lineEnd(utf8, from: start), isFence(utf8[start..<firstEnd.contentEnd], allowDots: false) else {
            return .success(FrontMatter(yaml: nil, yamlStartLine: 1, body: text[...], bodyStartLine: 1))
        }
        let yamlStart = firstEnd.next
        var cursor = yamlStart
        var line = 2
        while cursor < utf8.endIndex, let end = lineEnd(utf8, from: cursor) {
            if isFence(utf8[cursor..<end.contentEnd], allowDots: true) {
                let yaml = String(text[yamlStart..<cursor])
                let body = text[end.next...]
                return .success(FrontMatter(yaml: yaml, yamlStartLine: 2, body: body, bodyStartLine: line + 1))
            }
            cursor = end.next
            line += 1
        }
        return .failure(.error(
            "front matter opened with '---' on line 1 is never closed; add a line with '---' after the YAML",
            at: SourceLocation(path: path, line: 1, column: 1)))
    }

    private static func lineEnd(_ utf8: String.UTF8View, from start: String.Index) -> (contentEnd: String.Index, next: String.Index)? {
        guard start < utf8.endIndex else { return nil }
        guard let newline = utf8[start...].firstIndex(of: 0x0A) else { return (utf8.endIndex, utf8.endIndex) }
        var contentEnd = newline
        if contentEnd > start, utf8[utf8.index(before: contentEnd)] == 0x0D { contentEnd = utf8.index(before: contentEnd) }
        return (contentEnd, utf8.index(after: newline))
    }

    /// `---` (or `...` closing a block) with nothing after it but spaces.
    private static func isFence(_ line: Substring.UTF8View, allowDots: Bool) -> Bool {
        var bytes = Array(line)
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes.removeLast() }
        return bytes == Array("---".utf8) || (allowDots && bytes == Array("...".utf8))
    }
}
