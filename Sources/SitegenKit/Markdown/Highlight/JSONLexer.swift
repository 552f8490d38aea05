/// JSON and JSON with comments: keys apart from string values, numbers, `true`/`false`/`null`, punctuation.
struct JSONLexer: CodeLexer {
    private static let literals = WordSet(["true", "false", "null"])

    func lex(_ s: ByteScanner, into w: inout TokenWriter) {
        var i = s.start
        while i < s.end {
            let byte = s[i]
            switch byte {
            case 0x22:  // "
                // A string may not hold a raw line feed, so an unterminated one stops at its line.
                let (end, _) = s.quotedEnd(from: i, quote: 0x22, escapes: true, to: s.lineEnd(from: i))
                w.mark(Self.isKey(s, after: end) ? .key : .string, i, end)
                i = end
            case 0x7B, 0x7D, 0x5B, 0x5D, 0x2C, 0x3A:  // { } [ ] , :
                w.mark(.punct, i, i + 1)
                i += 1
            case 0x2F where s[i + 1] == 0x2F:  // //
                let end = s.lineEnd(from: i)
                w.mark(.comment, i, end)
                i = end
            case 0x2F where s[i + 1] == 0x2A:  // /*
                let end = Self.blockCommentEnd(s, from: i + 2)
                w.mark(.comment, i, end)
                i = end
            case 0x2D, 0x30...0x39:  // - and digits
                let end = s.end(from: i + 1) { ByteScanner.isDigit($0) || $0 == 0x2E || $0 == 0x65 || $0 == 0x45 || $0 == 0x2B || $0 == 0x2D }
                if byte != 0x2D || ByteScanner.isDigit(s[i + 1]) { w.mark(.number, i, end) }
                i = end
            default:
                guard ByteScanner.isIdentifierStart(byte) else {
                    i += 1
                    continue
                }
                // Bare words: the literals, or (JSON5-style) an unquoted key.
                let end = s.end(from: i) { ByteScanner.isIdentifierByte($0) || $0 == 0x2D }
                if Self.literals.contains(s, i, end) {
                    w.mark(.literal, i, end)
                } else if Self.isKey(s, after: end) {
                    w.mark(.key, i, end)
                }
                i = end
            }
        }
    }

    /// A string is a key when a colon follows it, across white space.
    private static func isKey(_ s: ByteScanner, after offset: Int) -> Bool {
        let next = s.end(from: offset) { ByteScanner.isSpaceOrEnd($0) && $0 != 0 }
        return s[next] == 0x3A
    }

    static func blockCommentEnd(_ s: ByteScanner, from offset: Int) -> Int {
        var i = offset
        while i < s.end {
            if s[i] == 0x2A && s[i + 1] == 0x2F { return i + 2 }
            i += 1
        }
        return s.end
    }
}
