/// Writes a code block's bytes as escaped HTML, wrapping the ranges a lexer marks in `<span class="tok-…">`.
///
/// Every byte of the text goes out exactly once and in order, whatever a lexer marks: text between marks is
/// written plain, a mark that overlaps what is already written is cut, and marks are widened to whole
/// characters. So a lexer can only colour text wrongly, never lose, repeat or split it.
struct TokenWriter {
    let text: UnsafeBufferPointer<UInt8>
    private(set) var html: [UInt8]
    /// Bytes of `text` before this offset have been written.
    private var written: Int
    /// The kind of the last span and the length of `html` right after it closed, to extend it instead of
    /// opening a second span of the same kind where two marks touch.
    private var lastSpan: (kind: TokenKind, htmlEnd: Int)?

    init(text: UnsafeBufferPointer<UInt8>, prefix: [UInt8] = []) {
        self.text = text
        written = text.startIndex
        html = []
        // Spans make a block four to six times its text (YAML and shell in the benchmark corpus): reserve for
        // the usual case at once, so a block regrows its buffer once at most.
        html.reserveCapacity(prefix.count + text.count * 5 + 64)
        html.append(contentsOf: prefix)
    }

    /// Marks `start..<end` (offsets into `text`) as `kind`.
    mutating func mark(_ kind: TokenKind, _ start: Int, _ end: Int) {
        let start = max(characterStart(atOrAfter: start), written)
        let end = characterStart(atOrAfter: min(end, text.endIndex))
        guard start < end else { return }
        writePlain(upTo: start)
        if let last = lastSpan, last.kind == kind, last.htmlEnd == html.count {
            html.removeLast(TokenKind.closingTag.count)
        } else {
            html.append(contentsOf: TokenKind.openingTags[Int(kind.rawValue)])
        }
        HTML.escape(UnsafeBufferPointer(rebasing: text[start..<end]), into: &html)
        html.append(contentsOf: TokenKind.closingTag)
        written = end
        lastSpan = (kind, html.count)
    }

    /// Writes what no mark covered up to the end, then `suffix`, and returns the HTML.
    mutating func finish(suffix: [UInt8] = []) -> [UInt8] {
        writePlain(upTo: text.endIndex)
        html.append(contentsOf: suffix)
        return html
    }

    private mutating func writePlain(upTo end: Int) {
        guard written < end else { return }
        HTML.escape(UnsafeBufferPointer(rebasing: text[written..<end]), into: &html)
        written = end
    }

    /// A span must not start or end inside a multi-byte character: the tag between its bytes would break it.
    private func characterStart(atOrAfter offset: Int) -> Int {
        var offset = max(offset, text.startIndex)
        while offset < text.endIndex && text[offset] & 0xC0 == 0x80 { offset += 1 }
        return min(offset, text.endIndex)
    }
}
