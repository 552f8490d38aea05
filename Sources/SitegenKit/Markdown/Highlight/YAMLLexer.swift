/// YAML, Kubernetes manifests and Helm values included: keys, quoted strings, block scalar bodies, numbers,
/// booleans and null, comments, anchors, aliases, tags, document markers, list dashes and flow punctuation.
/// Plain (unquoted) values stay uncoloured unless they are numbers or literals; Helm's `{{ … }}` is a variable.
/// A key's colon is left plain: it is on nearly every line, and a span for it would add a third to the markup.
struct YAMLLexer: CodeLexer {
    func lex(_ s: ByteScanner, into w: inout TokenWriter) {
        var run = YAMLRun(s: s)
        var i = s.start
        while i < s.end {
            let lineEnd = s.lineEnd(from: i)
            run.line(i, s.contentEnd(from: i, lineEnd: lineEnd), into: &w)
            i = lineEnd + 1
        }
    }
}

/// The state one YAML line leaves for the next: an open block scalar, quoted scalar or flow collection.
private struct YAMLRun {
    /// YAML 1.2's literals, plus YAML 1.1's `yes`/`no`/`on`/`off`, which Kubernetes' parser still reads as booleans.
    private static let literals = WordSet([
        "true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL", "~",
        "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
    ])

    let s: ByteScanner
    /// Inside a block scalar's body: lines indented more than this column belong to it.
    private var blockScalarParent: Int?
    /// A quoted scalar left open at a line's end: its quote, and the column its continuation lines must pass.
    private var openQuote: (quote: UInt8, parent: Int)?
    private var flowDepth = 0
    private var lineStart = 0

    init(s: ByteScanner) { self.s = s }

    private func column(_ offset: Int) -> Int { offset - lineStart }

    /// One line, `start..<end`, without its line end.
    mutating func line(_ start: Int, _ end: Int, into w: inout TokenWriter) {
        lineStart = start
        let first = s.skipBlanks(from: start, to: end)
        let indent = first - start
        if first == start && isDocumentMarker(start, end) {
            // A document marker ends whatever the previous document left open.
            blockScalarParent = nil
            openQuote = nil
            flowDepth = 0
            w.mark(.punct, start, start + 3)
            value(s.skipBlanks(from: start + 3, to: end), end, parent: -1, into: &w)
            return
        }
        if let parent = blockScalarParent {
            if first == end { return }
            if indent > parent {
                w.mark(.string, first, end)
                return
            }
            blockScalarParent = nil
        }
        if let open = openQuote {
            if first == end { return }
            if indent > open.parent {
                let (close, closed) = closeQuote(open.quote, from: first, to: end)
                w.mark(.string, first, close)
                guard closed else { return }
                openQuote = nil
                if flowDepth > 0 { flow(close, end, into: &w) } else { afterValue(close, end, into: &w) }
                return
            }
            openQuote = nil  // an unterminated quote must not swallow the rest of the document
        }
        if flowDepth > 0 {
            flow(first, end, into: &w)
            return
        }
        guard first < end else { return }
        if first == start && s[first] == 0x25 {  // %YAML, %TAG directives
            w.mark(.keyword, first, end)
            return
        }
        blockNode(first, end, into: &w)
    }

    private func isDocumentMarker(_ start: Int, _ end: Int) -> Bool {
        (s.matches("---", at: start) || s.matches("...", at: start)) && (start + 3 >= end || ByteScanner.isBlank(s[start + 3]))
    }

    /// A line in block context: dashes and `?`, then a key and its value, or a value alone.
    private mutating func blockNode(_ first: Int, _ end: Int, into w: inout TokenWriter) {
        var p = first
        var parent = column(first)
        while p < end, s[p] == 0x2D || s[p] == 0x3F, p + 1 >= end || ByteScanner.isBlank(s[p + 1]) {  // "- " and "? "
            w.mark(.punct, p, p + 1)
            parent = column(p)
            p = s.skipBlanks(from: p + 1, to: end)
        }
        guard p < end else { return }
        let byte = s[p]
        if byte == 0x22 || byte == 0x27 {
            let (close, closed) = closeQuote(byte, from: p + 1, to: end)
            let colon = s.skipBlanks(from: close, to: end)
            if closed && isValueIndicator(colon, end) {
                w.mark(.key, p, close)
                value(colon + 1, end, parent: column(p), into: &w)
                return
            }
        } else if !Self.isIndicator(byte), let colon = plainKeyEnd(p, end) {
            w.mark(.key, p, trimmedEnd(p, colon))
            value(colon + 1, end, parent: column(p), into: &w)
            return
        }
        value(p, end, parent: parent, into: &w)
    }

    /// A node's value from `start`: properties (anchor, tag), then a scalar, a block scalar header or a flow collection.
    private mutating func value(_ start: Int, _ end: Int, parent: Int, into w: inout TokenWriter) {
        var p = s.skipBlanks(from: start, to: end)
        while p < end, s[p] == 0x26 || s[p] == 0x2A || s[p] == 0x21 {  // & * !
            let propertyEnd = s.end(from: p + 1, to: end) { !ByteScanner.isBlank($0) && !Self.isFlowIndicator($0) }
            w.mark(s[p] == 0x21 ? .tag : .anchor, p, propertyEnd)
            p = s.skipBlanks(from: propertyEnd, to: end)
        }
        guard p < end else { return }
        let byte = s[p]
        switch byte {
        case 0x23:  // #
            w.mark(.comment, p, end)
        case 0x7C, 0x3E:  // | >
            let headerEnd = s.end(from: p + 1, to: end) { $0 == 0x2D || $0 == 0x2B || ByteScanner.isDigit($0) }
            w.mark(.punct, p, headerEnd)
            blockScalarParent = parent
            afterValue(headerEnd, end, into: &w)
        case 0x22, 0x27:
            let (close, closed) = closeQuote(byte, from: p + 1, to: end)
            w.mark(.string, p, close)
            if closed {
                afterValue(close, end, into: &w)
            } else {
                openQuote = (byte, parent)
            }
        case 0x5B, 0x7B where !(byte == 0x7B && s[p + 1] == 0x7B):  // [ {, but not a template's {{
            flow(p, end, into: &w)
        default:
            plainScalar(p, end, into: &w)
        }
    }

    /// Only a comment may follow a value on its line.
    private func afterValue(_ start: Int, _ end: Int, into w: inout TokenWriter) {
        let p = s.skipBlanks(from: start, to: end)
        if p < end && s[p] == 0x23 { w.mark(.comment, p, end) }
    }

    /// An unquoted value up to a comment: a number or literal is coloured, other text is not.
    private func plainScalar(_ start: Int, _ end: Int, into w: inout TokenWriter) {
        var comment = end
        var hasTemplate = false
        var j = start
        while j < end {
            let byte = s[j]
            if byte == 0x23 && j > start && ByteScanner.isBlank(s[j - 1]) {
                comment = j
                break
            }
            if byte == 0x7B && s[j + 1] == 0x7B { hasTemplate = true }
            j += 1
        }
        let valueEnd = trimmedEnd(start, comment)
        if hasTemplate {
            markTemplates(start, valueEnd, into: &w)
        } else if Self.literals.contains(s, start, valueEnd) {
            w.mark(.literal, start, valueEnd)
        } else if isNumber(start, valueEnd) {
            w.mark(.number, start, valueEnd)
        }
        if comment < end { w.mark(.comment, comment, end) }
    }

    /// Helm's `{{ … }}` expressions inside a value, each up to its `}}` on the line.
    private func markTemplates(_ start: Int, _ end: Int, into w: inout TokenWriter) {
        var j = start
        while j + 1 < end {
            if s[j] == 0x7B && s[j + 1] == 0x7B {
                var close = j + 2
                while close < end && !(s[close] == 0x7D && s[close + 1] == 0x7D) { close += 1 }
                let templateEnd = min(close + 2, end)
                w.mark(.variable, j, templateEnd)
                j = templateEnd
            } else {
                j += 1
            }
        }
    }

    /// Flow collections (`[a, b]`, `{k: v}`), possibly over several lines; `flowDepth` carries between lines.
    private mutating func flow(_ start: Int, _ end: Int, into w: inout TokenWriter) {
        var p = start
        while p < end {
            let byte = s[p]
            switch byte {
            case ByteScanner.space, ByteScanner.tab:
                p += 1
            case 0x23 where p == lineStart || ByteScanner.isBlank(s[p - 1]):
                w.mark(.comment, p, end)
                return
            case 0x7B where s[p + 1] == 0x7B:  // {{ template }}
                var close = p + 2
                while close < end && !(s[close] == 0x7D && s[close + 1] == 0x7D) { close += 1 }
                let templateEnd = min(close + 2, end)
                w.mark(.variable, p, templateEnd)
                p = templateEnd
            case 0x5B, 0x7B:
                w.mark(.punct, p, p + 1)
                flowDepth += 1
                p += 1
            case 0x5D, 0x7D:
                w.mark(.punct, p, p + 1)
                flowDepth = max(0, flowDepth - 1)
                p += 1
                if flowDepth == 0 {
                    afterValue(p, end, into: &w)
                    return
                }
            case 0x2C:
                w.mark(.punct, p, p + 1)
                p += 1
            case 0x3A:  // a key's colon stays plain, as in block context
                p += 1
            case 0x22, 0x27:
                let (close, closed) = closeQuote(byte, from: p + 1, to: end)
                guard closed else {
                    w.mark(.string, p, end)
                    openQuote = (byte, -1)  // inside brackets any indentation continues it
                    return
                }
                w.mark(isValueIndicator(s.skipBlanks(from: close, to: end), end, inFlow: true) ? .key : .string, p, close)
                p = close
            case 0x26, 0x2A, 0x21:  // & * !
                let propertyEnd = s.end(from: p + 1, to: end) { !ByteScanner.isBlank($0) && !Self.isFlowIndicator($0) }
                w.mark(byte == 0x21 ? .tag : .anchor, p, propertyEnd)
                p = propertyEnd
            default:
                var j = p
                var isKey = false
                while j < end {
                    let next = s[j]
                    if Self.isFlowIndicator(next) { break }
                    if next == 0x3A && isValueIndicator(j, end, inFlow: true) {
                        isKey = true
                        break
                    }
                    if next == 0x23 && ByteScanner.isBlank(s[j - 1]) { break }
                    j += 1
                }
                j = max(j, p + 1)
                let scalarEnd = trimmedEnd(p, j)
                if isKey {
                    w.mark(.key, p, scalarEnd)
                } else if Self.literals.contains(s, p, scalarEnd) {
                    w.mark(.literal, p, scalarEnd)
                } else if isNumber(p, scalarEnd) {
                    w.mark(.number, p, scalarEnd)
                }
                p = j
            }
        }
    }

    // MARK: Scanning

    /// The end of a quoted scalar whose text starts at `start`: past the closing quote, or `end` when the line
    /// ends first. Double quotes take backslash escapes; single quotes are escaped by doubling.
    private func closeQuote(_ quote: UInt8, from start: Int, to end: Int) -> (end: Int, closed: Bool) {
        var j = start
        while j < end {
            let byte = s[j]
            if quote == 0x22 && byte == ByteScanner.backslash {
                j += 2
                continue
            }
            if byte == quote {
                if quote == 0x27 && s[j + 1] == 0x27 && j + 1 < end {
                    j += 2
                    continue
                }
                return (j + 1, true)
            }
            j += 1
        }
        return (end, false)
    }

    /// Where the `:` ending a plain key is, if the line's text from `start` is a key.
    private func plainKeyEnd(_ start: Int, _ end: Int) -> Int? {
        var j = start
        while j < end {
            let byte = s[j]
            if byte == 0x3A && isValueIndicator(j, end) { return j }
            if byte == 0x23 && j > start && ByteScanner.isBlank(s[j - 1]) { return nil }
            j += 1
        }
        return nil
    }

    /// A `:` that separates a key from its value: followed by a blank or the line's end (or, in flow, `,]}`).
    private func isValueIndicator(_ offset: Int, _ end: Int, inFlow: Bool = false) -> Bool {
        guard offset < end, s[offset] == 0x3A else { return false }
        let next = offset + 1
        return next >= end || ByteScanner.isBlank(s[next]) || (inFlow && Self.isFlowIndicator(s[next]))
    }

    private func trimmedEnd(_ start: Int, _ end: Int) -> Int {
        var end = end
        while end > start && ByteScanner.isBlank(s[end - 1]) { end -= 1 }
        return end
    }

    /// Integers (decimal, `0x`, `0o`, `0b`, with `_`), decimals with exponents, `.inf` and `.nan`.
    private func isNumber(_ start: Int, _ end: Int) -> Bool {
        var j = start
        if s[j] == 0x2B || s[j] == 0x2D { j += 1 }
        guard j < end else { return false }
        if s[j] == 0x2E && end - j == 4 {
            for word: StaticString in [".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN"] where s.matches(word, at: j) { return true }
        }
        if s[j] == 0x30 && end - j > 2 {
            let base = s[j + 1] | 0x20
            let digit: ((UInt8) -> Bool)? = switch base {
            case 0x78: ByteScanner.isHexDigit
            case 0x6F: { $0 &- 0x30 < 8 }
            case 0x62: { $0 == 0x30 || $0 == 0x31 }
            default: nil
            }
            if let digit { return s.end(from: j + 2, to: end) { digit($0) || $0 == 0x5F } == end }
        }
        let integerEnd = s.end(from: j, to: end) { ByteScanner.isDigit($0) || $0 == 0x5F }
        var k = integerEnd
        var digits = integerEnd > j
        if s[k] == 0x2E && k < end {
            let fractionEnd = s.end(from: k + 1, to: end) { ByteScanner.isDigit($0) || $0 == 0x5F }
            digits = digits || fractionEnd > k + 1
            k = fractionEnd
        }
        guard digits, ByteScanner.isDigit(s[j]) || s[j] == 0x2E else { return false }
        if k < end && (s[k] | 0x20) == 0x65 {
            var exponent = k + 1
            if s[exponent] == 0x2B || s[exponent] == 0x2D { exponent += 1 }
            let exponentEnd = s.end(from: exponent, to: end, while: ByteScanner.isDigit)
            guard exponentEnd > exponent else { return false }
            k = exponentEnd
        }
        return k == end
    }

    /// Bytes that cannot start a plain scalar in block context.
    private static func isIndicator(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x5B, 0x5D, 0x7B, 0x7D, 0x2C, 0x23, 0x26, 0x2A, 0x21, 0x7C, 0x3E, 0x27, 0x22, 0x25, 0x40, 0x60: true
        default: false
        }
    }

    private static func isFlowIndicator(_ byte: UInt8) -> Bool {
        byte == 0x2C || byte == 0x5B || byte == 0x5D || byte == 0x7B || byte == 0x7D
    }
}
