/// The part of a code block a lexer reads, as UTF-8 bytes, with the byte tests the lexers share.
///
/// Offsets are into the whole block, so a lexer can hand a range to another (a Dockerfile's `RUN` to the shell
/// lexer) and both mark the same writer. Reading outside `start..<end` gives 0, so lookahead and lookbehind need
/// no bounds checks; loops still stop at `end`, since a block may itself contain NUL.
struct ByteScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let start: Int
    let end: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.init(bytes, start: bytes.startIndex, end: bytes.endIndex)
    }

    init(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) {
        self.bytes = bytes
        self.start = max(start, bytes.startIndex)
        self.end = max(self.start, min(end, bytes.endIndex))
    }

    /// The same bytes, limited to `start..<end`.
    func slice(_ start: Int, _ end: Int) -> ByteScanner {
        ByteScanner(bytes, start: max(start, self.start), end: min(end, self.end))
    }

    @inline(__always)
    subscript(offset: Int) -> UInt8 {
        offset >= start && offset < end ? bytes[offset] : 0
    }

    /// The offset of the next line feed at or after `offset`, or `end`.
    func lineEnd(from offset: Int) -> Int {
        var index = offset
        while index < end && bytes[index] != ByteScanner.newline { index += 1 }
        return index
    }

    /// `lineEnd` without a carriage return before it, so Windows line ends do not stick to the last token.
    func contentEnd(from offset: Int, lineEnd: Int) -> Int {
        lineEnd > offset && self[lineEnd - 1] == ByteScanner.carriageReturn ? lineEnd - 1 : lineEnd
    }

    /// The first offset from `offset` (up to `limit`) that is not a space or tab.
    func skipBlanks(from offset: Int, to limit: Int? = nil) -> Int {
        let limit = min(limit ?? end, end)
        var index = offset
        while index < limit && ByteScanner.isBlank(bytes[index]) { index += 1 }
        return index
    }

    /// The end of the run of bytes from `offset` that pass `test`.
    func end(from offset: Int, to limit: Int? = nil, while test: (UInt8) -> Bool) -> Int {
        let limit = min(limit ?? end, end)
        var index = offset
        while index < limit && test(bytes[index]) { index += 1 }
        return index
    }

    /// The end of a quoted run from the opening `quote` at `offset`: past the closing quote, or at `limit` when
    /// there is none. `escapes`: a backslash takes the next byte with it.
    func quotedEnd(from offset: Int, quote: UInt8, escapes: Bool, to limit: Int) -> (end: Int, closed: Bool) {
        let limit = min(limit, end)
        var index = offset + 1
        while index < limit {
            let byte = bytes[index]
            if byte == quote { return (index + 1, true) }
            index += escapes && byte == ByteScanner.backslash ? 2 : 1
        }
        return (limit, false)
    }

    /// Whether the bytes at `offset` spell `word` exactly (ASCII).
    func matches(_ word: StaticString, at offset: Int) -> Bool {
        let count = word.utf8CodeUnitCount
        guard offset >= start, offset + count <= end else { return false }
        let pointer = word.utf8Start
        for index in 0..<count where bytes[offset + index] != pointer[index] { return false }
        return true
    }

    // MARK: Byte classes

    static let newline: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let backslash: UInt8 = 0x5C

    @inline(__always) static func isBlank(_ byte: UInt8) -> Bool { byte == space || byte == tab }
    /// Space, tab, carriage return, line feed, or the end (0).
    @inline(__always) static func isSpaceOrEnd(_ byte: UInt8) -> Bool {
        byte == space || byte == tab || byte == newline || byte == carriageReturn || byte == 0
    }
    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }
    @inline(__always) static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }
    @inline(__always) static func isHexDigit(_ byte: UInt8) -> Bool { isDigit(byte) || (byte | 0x20) &- 0x61 < 6 }
    /// Letters, `_`, and any byte of a non-ASCII character (identifiers in Go and HCL may be Unicode).
    @inline(__always) static func isIdentifierStart(_ byte: UInt8) -> Bool { isLetter(byte) || byte == 0x5F || byte >= 0x80 }
    @inline(__always) static func isIdentifierByte(_ byte: UInt8) -> Bool { isIdentifierStart(byte) || isDigit(byte) }
}
