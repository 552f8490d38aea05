/// HCL and Terraform: block types and labels, attribute names, strings with `${…}` and `%{…}` templates,
/// heredocs, numbers, literals, functions, references (`var.x`), types and comments (`#`, `//`, `/* */`).
struct HCLLexer: CodeLexer {
    func lex(_ s: ByteScanner, into w: inout TokenWriter) {
        var run = HCLRun(s: s)
        while run.i < s.end { run.step(into: &w) }
    }
}

/// One pass of the HCL lexer.
private struct HCLRun {
    private static let keywords = WordSet(["for", "in", "if", "else", "endif", "endfor"])
    private static let literals = WordSet(["true", "false", "null"])
    private static let types = WordSet(["string", "number", "bool", "any", "list", "map", "set", "object", "tuple"])
    /// Roots of Terraform references: `var.region`, `each.value`, `module.vpc.id`.
    private static let references = WordSet(["var", "local", "module", "data", "each", "count", "path", "self", "terraform"])

    private enum Context {
        case string
        /// A heredoc's body, ended by a line holding only its delimiter.
        case heredoc(start: Int, end: Int)
        /// `${…}` or `%{…}`, with `depth` braces open inside.
        case template(depth: Int)
    }

    let s: ByteScanner
    var i: Int
    private var contexts: [Context] = []
    /// Open brackets outside templates; a `{` body or the top level is where attributes and blocks start.
    private var brackets: [UInt8] = []
    /// At the start of an attribute or block: after a line feed, `{` or `,` in a body.
    private var statementStart = true
    /// Between a block's type and its `{`, where words and strings are labels.
    private var blockHeader = false

    init(s: ByteScanner) {
        self.s = s
        self.i = s.start
    }

    private var inBody: Bool { contexts.isEmpty && (brackets.last ?? 0x7B) == 0x7B }

    mutating func step(into w: inout TokenWriter) {
        switch contexts.last {
        case .string?:
            stringText(into: &w)
            return
        case let .heredoc(start, end)?:
            heredocLine(delimiter: start, end, into: &w)
            return
        default:
            break
        }
        let byte = s[i]
        let start = i
        switch byte {
        case ByteScanner.newline:
            i += 1
            if inBody { statementStart = true }
            return
        case ByteScanner.space, ByteScanner.tab, ByteScanner.carriageReturn:
            i += 1
            return
        case 0x23:  // #
            i = s.lineEnd(from: i)
            w.mark(.comment, start, s.contentEnd(from: start, lineEnd: i))
            return
        case 0x2F where s[i + 1] == 0x2F:  // //
            i = s.lineEnd(from: i)
            w.mark(.comment, start, s.contentEnd(from: start, lineEnd: i))
            return
        case 0x2F where s[i + 1] == 0x2A:  // /* */
            i = JSONLexer.blockCommentEnd(s, from: i + 2)
            w.mark(.comment, start, i)
            return
        case 0x22:  // "
            if blockHeader {
                i = s.quotedEnd(from: i, quote: 0x22, escapes: true, to: s.lineEnd(from: i)).end
                w.mark(.type, start, i)
                return
            }
            w.mark(.string, i, i + 1)
            contexts.append(.string)
            i += 1
        case 0x3C where s[i + 1] == 0x3C:  // <<EOF, <<-EOF
            var nameStart = i + 2
            if s[nameStart] == 0x2D { nameStart += 1 }
            let nameEnd = s.end(from: nameStart, while: ByteScanner.isIdentifierByte)
            if nameEnd > nameStart && ByteScanner.isIdentifierStart(s[nameStart]) {
                w.mark(.string, start, nameEnd)
                // The body starts on the next line; the rest of this one is left plain.
                i = min(s.lineEnd(from: nameEnd) + 1, s.end)
                contexts.append(.heredoc(start: nameStart, end: nameEnd))
            } else {
                i += 2
            }
        case 0x30...0x39:
            i = numberEnd(from: i)
            w.mark(.number, start, i)
        case 0x7B:  // {
            i += 1
            if case let .template(depth)? = contexts.last {
                contexts[contexts.count - 1] = .template(depth: depth + 1)
            } else {
                brackets.append(byte)
            }
            blockHeader = false
            statementStart = inBody
            return
        case 0x7D:  // }
            if case let .template(depth)? = contexts.last {
                if depth == 0 {
                    w.mark(.punct, i, i + 1)
                    contexts.removeLast()
                    i += 1
                    return
                }
                contexts[contexts.count - 1] = .template(depth: depth - 1)
            } else if !brackets.isEmpty {
                brackets.removeLast()
            }
            i += 1
        case 0x28, 0x5B:  // ( [
            if contexts.isEmpty { brackets.append(byte) }
            i += 1
        case 0x29, 0x5D:  // ) ]
            if contexts.isEmpty && !brackets.isEmpty { brackets.removeLast() }
            i += 1
        case 0x2C:  // ,
            i += 1
            statementStart = inBody
            return
        default:
            if ByteScanner.isIdentifierStart(byte) {
                identifier(into: &w)
            } else {
                i += 1
            }
        }
        statementStart = false
    }

    private mutating func identifier(into w: inout TokenWriter) {
        let start = i
        let end = s.end(from: i) { ByteScanner.isIdentifierByte($0) || $0 == 0x2D }
        i = end
        if Self.keywords.contains(s, start, end) {
            w.mark(.keyword, start, end)
            return
        }
        if blockHeader {
            w.mark(.type, start, end)
            return
        }
        if statementStart && inBody {
            let next = s.skipBlanks(from: end)
            let byte = s[next]
            if (byte == 0x3D && s[next + 1] != 0x3D) || byte == 0x3A {  // name = value, or name: value in an object
                w.mark(.key, start, end)
                return
            }
            if byte == 0x7B || byte == 0x22 || (ByteScanner.isIdentifierStart(byte) && next > end) {
                w.mark(.keyword, start, end)
                blockHeader = true
                return
            }
        }
        if Self.literals.contains(s, start, end) {
            w.mark(.literal, start, end)
        } else if Self.types.contains(s, start, end) {
            w.mark(.type, start, end)
        } else if s[end] == 0x28 {
            w.mark(.function, start, end)
        } else if s[end] == 0x2E && Self.references.contains(s, start, end) {
            w.mark(.variable, start, end)
        }
    }

    /// A quoted string's text up to its closing quote or a template; it may not span lines.
    private mutating func stringText(into w: inout TokenWriter) {
        let start = i
        let lineEnd = s.lineEnd(from: i)
        var j = i
        while j < lineEnd {
            let byte = s[j]
            if byte == 0x22 {
                w.mark(.string, start, j + 1)
                contexts.removeLast()
                i = j + 1
                return
            }
            if byte == ByteScanner.backslash {
                j += 2
                continue
            }
            if let opener = templateOpener(at: j) {
                w.mark(.string, start, j)
                openTemplate(at: j, length: opener, into: &w)
                return
            }
            j += escapedTemplateLength(at: j)
        }
        w.mark(.string, start, lineEnd)
        contexts.removeLast()
        i = lineEnd
    }

    /// One heredoc line: the delimiter ends it; other lines are string text with templates.
    private mutating func heredocLine(delimiter start: Int, _ end: Int, into w: inout TokenWriter) {
        let lineEnd = s.lineEnd(from: i)
        let atLineStart = i == s.start || s[i - 1] == ByteScanner.newline
        if atLineStart {
            let first = s.skipBlanks(from: i, to: lineEnd)
            let last = s.contentEnd(from: first, lineEnd: lineEnd)
            if last - first == end - start && (0..<(end - start)).allSatisfy({ s[first + $0] == s[start + $0] }) {
                w.mark(.string, first, last)
                contexts.removeLast()
                i = lineEnd
                return
            }
        }
        let textStart = i
        var j = i
        while j < lineEnd {
            if let opener = templateOpener(at: j) {
                w.mark(.string, textStart, j)
                openTemplate(at: j, length: opener, into: &w)
                return
            }
            j += escapedTemplateLength(at: j)
        }
        // The line feed too, so a body's lines make one span.
        i = min(lineEnd + 1, s.end)
        w.mark(.string, textStart, i)
    }

    /// `${` or `%{`: 2; nil elsewhere.
    private func templateOpener(at offset: Int) -> Int? {
        (s[offset] == 0x24 || s[offset] == 0x25) && s[offset + 1] == 0x7B ? 2 : nil
    }

    /// `$${` and `%%{` are literal text: step over all three bytes.
    private func escapedTemplateLength(at offset: Int) -> Int {
        let byte = s[offset]
        return (byte == 0x24 || byte == 0x25) && s[offset + 1] == byte && s[offset + 2] == 0x7B ? 3 : 1
    }

    private mutating func openTemplate(at offset: Int, length: Int, into w: inout TokenWriter) {
        w.mark(.punct, offset, offset + length)
        contexts.append(.template(depth: 0))
        i = offset + length
    }

    /// Digits, a fraction and an exponent with its sign.
    private func numberEnd(from offset: Int) -> Int {
        var j = s.end(from: offset, while: ByteScanner.isDigit)
        if s[j] == 0x2E && ByteScanner.isDigit(s[j + 1]) { j = s.end(from: j + 1, while: ByteScanner.isDigit) }
        if s[j] | 0x20 == 0x65 {
            var exponent = j + 1
            if s[exponent] == 0x2B || s[exponent] == 0x2D { exponent += 1 }
            if ByteScanner.isDigit(s[exponent]) { j = s.end(from: exponent, while: ByteScanner.isDigit) }
        }
        return j
    }
}
