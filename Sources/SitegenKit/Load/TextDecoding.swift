/// Turns file bytes into text, repairing invalid UTF-8 instead of failing the whole file.
enum TextDecoding {
    /// The text, and a warning at the first invalid byte when the bytes were not valid UTF-8.
    static func decode(_ bytes: [UInt8], path: String) -> (String, Diagnostic?) {
        if let text = String(validating: bytes, as: UTF8.self) {
            return (text, nil)
        }
        let location = firstInvalidByte(in: bytes, path: path)
        let warning = Diagnostic.warning("invalid UTF-8; the bad bytes were replaced with U+FFFD", at: location)
        return (String(decoding: bytes, as: UTF8.self), warning)
    }

    private static func firstInvalidByte(in bytes: [UInt8], path: String) -> SourceLocation {
        var line = 1, column = 1, index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return SourceLocation(path: path, line: line, column: column)
            }
            let end = index + length
            if end > bytes.count || bytes[(index + 1)..<end].contains(where: { $0 & 0xC0 != 0x80 })
                || String(validating: bytes[index..<end], as: UTF8.self) == nil {
                return SourceLocation(path: path, line: line, column: column)
            }
            if byte == 0x0A { line += 1; column = 1 } else { column += 1 }
            index = end
        }
        return SourceLocation(path: path, line: line, column: column)
    }
}
