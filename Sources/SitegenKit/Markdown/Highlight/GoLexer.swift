/// Go: keywords, builtin types, literals, strings (interpreted, raw, rune), comments, numbers, and the names
/// of functions and types where they are declared.
struct GoLexer: CodeLexer {
    private static let keywords = WordSet([
        "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for", "func", "go",
        "goto", "if", "import", "interface", "map", "package", "range", "return", "select", "struct", "switch", "type", "var",
    ])
    private static let types = WordSet([
        "any", "bool", "byte", "comparable", "complex64", "complex128", "error", "float32", "float64", "int", "int8",
        "int16", "int32", "int64", "rune", "string", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr",
    ])
    private static let literals = WordSet(["true", "false", "nil", "iota"])

    /// Where a declaration's name is expected after `func` or `type`.
    private enum Declaration {
        case none
        /// Just after `func`; `topLevel` when it opens a line, where a `(` is a method's receiver, not a literal's parameters.
        case afterFunc(topLevel: Bool)
        /// Inside a method's receiver, `depth` parentheses deep.
        case receiver(depth: Int)
        case functionName
        case typeName
    }

    func lex(_ s: ByteScanner, into w: inout TokenWriter) {
        var i = s.start
        var lineStart = s.start
        var declaration = Declaration.none
        while i < s.end {
            let byte = s[i]
            if byte == ByteScanner.newline {
                i += 1
                lineStart = i
                continue
            }
            if ByteScanner.isSpaceOrEnd(byte) && byte != 0 {
                i += 1
                continue
            }
            let tokenStart = i
            switch byte {
            case 0x2F where s[i + 1] == 0x2F:  // //
                i = s.lineEnd(from: i)
                w.mark(.comment, tokenStart, i)
                continue  // a comment leaves a pending declaration as it was
            case 0x2F where s[i + 1] == 0x2A:  // /*
                i = JSONLexer.blockCommentEnd(s, from: i + 2)
                w.mark(.comment, tokenStart, i)
                continue
            case 0x22, 0x27:  // " and ': neither may span lines
                i = s.quotedEnd(from: i, quote: byte, escapes: true, to: s.lineEnd(from: i)).end
                w.mark(.string, tokenStart, i)
            case 0x60:  // `
                i = s.quotedEnd(from: i, quote: 0x60, escapes: false, to: s.end).end
                w.mark(.string, tokenStart, i)
            case 0x30...0x39:
                i = Self.numberEnd(s, from: i)
                w.mark(.number, tokenStart, i)
            case 0x2E where ByteScanner.isDigit(s[i + 1]):
                i = Self.numberEnd(s, from: i)
                w.mark(.number, tokenStart, i)
            case 0x28:  // (
                i += 1
                switch declaration {
                case .afterFunc(topLevel: true): declaration = .receiver(depth: 1)
                case let .receiver(depth): declaration = .receiver(depth: depth + 1)
                default: declaration = .none
                }
                continue
            case 0x29:  // )
                i += 1
                if case let .receiver(depth) = declaration {
                    declaration = depth > 1 ? .receiver(depth: depth - 1) : .functionName
                } else {
                    declaration = .none
                }
                continue
            default:
                guard ByteScanner.isIdentifierStart(byte) else {
                    i += 1
                    if case .receiver = declaration {} else { declaration = .none }
                    continue
                }
                i = s.end(from: i, while: ByteScanner.isIdentifierByte)
                if Self.keywords.contains(s, tokenStart, i) {
                    w.mark(.keyword, tokenStart, i)
                    if s.matches("func", at: tokenStart) && i - tokenStart == 4 {
                        declaration = .afterFunc(topLevel: tokenStart == lineStart)
                    } else if s.matches("type", at: tokenStart) && i - tokenStart == 4 {
                        declaration = .typeName
                    } else if case .receiver = declaration {} else {
                        declaration = .none
                    }
                    continue
                }
                if Self.types.contains(s, tokenStart, i) {
                    w.mark(.type, tokenStart, i)
                } else if Self.literals.contains(s, tokenStart, i) {
                    w.mark(.literal, tokenStart, i)
                } else {
                    switch declaration {
                    case .afterFunc, .functionName: w.mark(.function, tokenStart, i)
                    case .typeName: w.mark(.type, tokenStart, i)
                    case .none, .receiver: break
                    }
                }
                if case .receiver = declaration { continue }
            }
            if case .receiver = declaration {} else { declaration = .none }
        }
    }

    /// Decimal, hex, octal and binary numbers with `_`, fractions, exponents (`e`, or `p` in hex) and `i`.
    private static func numberEnd(_ s: ByteScanner, from offset: Int) -> Int {
        var i = offset
        while i < s.end {
            let byte = s[i]
            if ByteScanner.isDigit(byte) || ByteScanner.isLetter(byte) || byte == 0x5F || byte == 0x2E {
                // A sign belongs to the number only right after an exponent letter.
                let lower = byte | 0x20
                if (lower == 0x65 || lower == 0x70) && (s[i + 1] == 0x2B || s[i + 1] == 0x2D) && !Self.isHex(s, offset, lower) {
                    i += 2
                    continue
                }
                i += 1
            } else {
                break
            }
        }
        return i
    }

    /// In a hex literal `e` is a digit; only `p` takes a sign.
    private static func isHex(_ s: ByteScanner, _ start: Int, _ letter: UInt8) -> Bool {
        letter == 0x65 && s[start] == 0x30 && (s[start + 1] | 0x20) == 0x78
    }
}
