/// Dockerfiles and Containerfiles: instructions (any case), comments, strings, variables, flags, `AS` stage
/// names; `RUN`, `CMD` and `ENTRYPOINT` arguments go to the shell lexer, or the JSON lexer in exec form.
struct DockerfileLexer: CodeLexer {
    private static let instructions = WordSet([
        "from", "run", "cmd", "label", "maintainer", "expose", "env", "add", "copy", "entrypoint", "volume", "user",
        "workdir", "arg", "onbuild", "stopsignal", "healthcheck", "shell",
    ], ignoringCase: true)

    /// How an instruction's arguments are coloured.
    private enum Arguments {
        case plain
        /// `FROM image AS name`.
        case stage
        /// `NAME=value` pairs whose names take this kind (ENV and ARG: variables; LABEL: keys).
        case assignments(TokenKind)
        /// `EXPOSE 8080/tcp`.
        case ports
        /// A command: shell form or exec form.
        case command
    }

    func lex(_ s: ByteScanner, into w: inout TokenWriter) {
        var i = s.start
        while i < s.end {
            let lineEnd = s.lineEnd(from: i)
            let first = s.skipBlanks(from: i, to: lineEnd)
            if first < lineEnd && s[first] == 0x23 {  // comments and parser directives
                w.mark(.comment, first, s.contentEnd(from: first, lineEnd: lineEnd))
            } else if first < s.contentEnd(from: first, lineEnd: lineEnd) {
                i = instruction(s, from: first, into: &w)
                continue
            }
            i = lineEnd + 1
        }
    }

    /// One instruction from its first word to the end of its last continued line; returns where it ends.
    private func instruction(_ s: ByteScanner, from first: Int, into w: inout TokenWriter) -> Int {
        var end = Self.instructionEnd(s, from: first)
        var nameStart = first
        var nameEnd = s.end(from: first, while: ByteScanner.isLetter)
        guard Self.instructions.contains(s, nameStart, nameEnd) else {
            arguments(s.slice(first, end), .plain, into: &w)
            return end
        }
        w.mark(.keyword, nameStart, nameEnd)
        if spells("onbuild", s, nameStart, nameEnd) {  // ONBUILD RUN …: the trigger is an instruction too
            let next = s.skipBlanks(from: nameEnd, to: end)
            let nextEnd = s.end(from: next, while: ByteScanner.isLetter)
            if Self.instructions.contains(s, next, nextEnd) {
                w.mark(.keyword, next, nextEnd)
                (nameStart, nameEnd) = (next, nextEnd)
            }
        }
        let style: Arguments
        if spells("run", s, nameStart, nameEnd) || spells("cmd", s, nameStart, nameEnd) || spells("entrypoint", s, nameStart, nameEnd) || spells("shell", s, nameStart, nameEnd) {
            style = .command
            end = Self.heredocsEnd(s, arguments: nameEnd, instructionEnd: end)
        } else if spells("from", s, nameStart, nameEnd) {
            style = .stage
        } else if spells("env", s, nameStart, nameEnd) || spells("arg", s, nameStart, nameEnd) {
            style = .assignments(.variable)
        } else if spells("label", s, nameStart, nameEnd) {
            style = .assignments(.key)
        } else if spells("expose", s, nameStart, nameEnd) {
            style = .ports
        } else if spells("healthcheck", s, nameStart, nameEnd) {
            return healthcheck(s, from: nameEnd, to: end, into: &w)
        } else {
            style = .plain
        }
        arguments(s.slice(nameEnd, end), style, into: &w)
        return end
    }

    /// `HEALTHCHECK [options] CMD command` or `HEALTHCHECK NONE`.
    private func healthcheck(_ s: ByteScanner, from start: Int, to end: Int, into w: inout TokenWriter) -> Int {
        var p = s.skipBlanks(from: start, to: end)
        while p < end && s[p] == 0x2D {
            let wordEnd = s.end(from: p, to: end) { !ByteScanner.isSpaceOrEnd($0) && $0 != ByteScanner.backslash }
            w.mark(.flag, p, s.end(from: p, to: wordEnd) { $0 != 0x3D })
            p = s.end(from: wordEnd, to: end) { ByteScanner.isSpaceOrEnd($0) || $0 == ByteScanner.backslash }
        }
        let wordEnd = s.end(from: p, to: end, while: ByteScanner.isLetter)
        if spells("cmd", s, p, wordEnd) || spells("none", s, p, wordEnd) {
            w.mark(.keyword, p, wordEnd)
            p = wordEnd
        }
        arguments(s.slice(p, end), .command, into: &w)
        return end
    }

    private func arguments(_ s: ByteScanner, _ style: Arguments, into w: inout TokenWriter) {
        if case .command = style {
            let first = s.skipBlanks(from: s.start)
            if s[first] == 0x5B {  // exec form: a JSON array
                JSONLexer().lex(s.slice(first, s.end), into: &w)
            } else {
                ShellLexer(console: false).lex(s, atLineStart: false, into: &w)
            }
            return
        }
        var i = s.start
        var lineStart = false
        var words = 0
        var stageNameNext = false
        while i < s.end {
            let byte = s[i]
            switch byte {
            case ByteScanner.newline:
                i += 1
                lineStart = true
                continue
            case ByteScanner.space, ByteScanner.tab, ByteScanner.carriageReturn:
                i += 1
                continue
            case ByteScanner.backslash:
                if s[i + 1] == ByteScanner.newline || (s[i + 1] == ByteScanner.carriageReturn && s[i + 2] == ByteScanner.newline) {
                    w.mark(.punct, i, i + 1)
                    i += 1
                } else {
                    i += 2
                }
            case 0x23 where lineStart:  // a comment line inside a continued instruction
                let end = s.lineEnd(from: i)
                w.mark(.comment, i, s.contentEnd(from: i, lineEnd: end))
                i = end
            case 0x22, 0x27:
                let end = s.quotedEnd(from: i, quote: byte, escapes: byte == 0x22, to: s.lineEnd(from: i)).end
                w.mark(.string, i, end)
                i = end
            case 0x24:
                i = Self.variable(s, at: i, into: &w)
            default:
                let end = s.end(from: i) { !ByteScanner.isSpaceOrEnd($0) && $0 != 0x22 && $0 != 0x27 && $0 != 0x24 && $0 != ByteScanner.backslash }
                let wordEnd = max(end, i + 1)
                let first = s[i - 1] == 0x20 || s[i - 1] == ByteScanner.tab || i == s.start || s[i - 1] == ByteScanner.newline
                if first { words += 1 }
                word(s, i, wordEnd, isFirstPart: first, index: words, style, stageNameNext: &stageNameNext, into: &w)
                i = wordEnd
            }
            lineStart = false
        }
    }

    private func word(_ s: ByteScanner, _ start: Int, _ end: Int, isFirstPart: Bool, index: Int, _ style: Arguments,
                      stageNameNext: inout Bool, into w: inout TokenWriter) {
        guard isFirstPart else { return }
        if s.matches("--", at: start) {
            w.mark(.flag, start, s.end(from: start, to: end) { $0 != 0x3D })
            return
        }
        switch style {
        case .stage:
            if spells("as", s, start, end) {
                w.mark(.keyword, start, end)
                stageNameNext = true
            } else if stageNameNext {
                w.mark(.type, start, end)
                stageNameNext = false
            }
        case let .assignments(kind):
            let nameEnd = s.end(from: start, to: end) { ByteScanner.isIdentifierByte($0) || $0 == 0x2E || $0 == 0x2D }
            if nameEnd > start && nameEnd < end && s[nameEnd] == 0x3D {
                w.mark(kind, start, nameEnd)
            } else if index == 1 && nameEnd == end {  // `ARG NAME`, or the old `ENV NAME value`
                w.mark(kind, start, end)
            }
        case .ports:
            w.mark(.number, start, s.end(from: start, to: end, while: ByteScanner.isDigit))
        case .plain, .command:
            break
        }
    }

    /// `$NAME` or `${NAME…}`; returns the offset after it.
    static func variable(_ s: ByteScanner, at offset: Int, into w: inout TokenWriter) -> Int {
        if s[offset + 1] == 0x7B {
            let close = s.end(from: offset + 2, to: s.lineEnd(from: offset)) { $0 != 0x7D }
            let end = min(close + 1, s.lineEnd(from: offset))
            w.mark(.variable, offset, end)
            return end
        }
        let end = s.end(from: offset + 1) { ByteScanner.isIdentifierByte($0) && $0 < 0x80 }
        if end > offset + 1 { w.mark(.variable, offset, end) }
        return max(end, offset + 1)
    }

    private func spells(_ word: StaticString, _ s: ByteScanner, _ start: Int, _ end: Int) -> Bool {
        guard end - start == word.utf8CodeUnitCount else { return false }
        let pointer = word.utf8Start
        for index in 0..<(end - start) where s[start + index] | 0x20 != pointer[index] { return false }
        return true
    }

    /// The end of the instruction starting at `first`: the line end of its last line, following `\` continuations
    /// across the blank and comment lines Docker skips inside them.
    static func instructionEnd(_ s: ByteScanner, from first: Int) -> Int {
        var lineStart = first
        while true {
            let lineEnd = s.lineEnd(from: lineStart)
            var last = s.contentEnd(from: lineStart, lineEnd: lineEnd)
            while last > lineStart && ByteScanner.isBlank(s[last - 1]) { last -= 1 }
            guard last > lineStart, s[last - 1] == ByteScanner.backslash, lineEnd < s.end else { return lineEnd }
            var next = lineEnd + 1
            while next < s.end {
                let nextEnd = s.lineEnd(from: next)
                let content = s.skipBlanks(from: next, to: s.contentEnd(from: next, lineEnd: nextEnd))
                if content < s.contentEnd(from: next, lineEnd: nextEnd) && s[content] != 0x23 { break }
                next = nextEnd + 1
            }
            guard next < s.end else { return s.end }
            lineStart = next
        }
    }

    /// `RUN <<EOF` takes the lines up to each heredoc's delimiter too, so the shell lexer sees the bodies.
    static func heredocsEnd(_ s: ByteScanner, arguments start: Int, instructionEnd: Int) -> Int {
        var end = instructionEnd
        var p = start
        while p + 2 < instructionEnd {
            guard s[p] == 0x3C && s[p + 1] == 0x3C && s[p + 2] != 0x3C else {
                p += 1
                continue
            }
            var q = p + 2
            let stripTabs = s[q] == 0x2D
            if stripTabs { q += 1 }
            if s[q] == 0x22 || s[q] == 0x27 { q += 1 }
            let delimiterEnd = s.end(from: q, to: instructionEnd) { ByteScanner.isIdentifierByte($0) && $0 < 0x80 }
            p = max(delimiterEnd, p + 2)
            guard delimiterEnd > q, ByteScanner.isLetter(s[q]) || s[q] == 0x5F else { continue }
            // Find the delimiter line after what is already taken.
            var line = end + 1
            while line < s.end {
                let lineEnd = s.lineEnd(from: line)
                let first = stripTabs ? s.end(from: line, to: lineEnd) { $0 == ByteScanner.tab } : line
                let last = s.contentEnd(from: first, lineEnd: lineEnd)
                if last - first == delimiterEnd - q && (0..<(last - first)).allSatisfy({ s[first + $0] == s[q + $0] }) {
                    break
                }
                line = lineEnd + 1
            }
            end = min(s.lineEnd(from: min(line, s.end)), s.end)
        }
        return end
    }
}
