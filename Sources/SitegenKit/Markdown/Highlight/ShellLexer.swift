/// POSIX shell, bash and zsh scripts, and console sessions: comments, strings, variables, keywords, command words,
/// flags, redirections, heredocs and line continuations.
struct ShellLexer: CodeLexer {
    /// A session rather than a script: only lines after a `$ ` prompt are commands, the others are their output.
    var console: Bool

    func lex(_ s: ByteScanner, into w: inout TokenWriter) {
        lex(s, atLineStart: true, into: &w)
    }

    /// `atLineStart` false when the range starts inside a line (a Dockerfile's `RUN` arguments): no prompt there.
    func lex(_ s: ByteScanner, atLineStart: Bool, into w: inout TokenWriter) {
        var run = ShellRun(s: s, console: console, lineStart: atLineStart)
        while run.i < s.end { run.step(into: &w) }
    }
}

/// One pass of the shell lexer: the position and what the bytes before it decided.
private struct ShellRun {
    private static let keywords = WordSet([
        "if", "then", "else", "elif", "fi", "case", "esac", "for", "select", "while", "until", "do", "done",
        "function", "time", "coproc", "[[", "]]", "!",
    ])
    /// Keywords after which the next word is again a command.
    private static let openers = WordSet(["if", "then", "else", "elif", "while", "until", "do", "time", "!", "coproc"])
    /// Commands that run the command named after them, so that word is coloured as a command too.
    private static let wrappers = WordSet(["sudo", "doas", "exec", "nohup", "env", "command", "builtin", "xargs", "watch", "nice", "timeout"])
    /// Commands whose `NAME=value` arguments define variables.
    private static let declarers = WordSet(["export", "local", "declare", "readonly", "typeset"])

    private enum Context {
        case doubleQuote
        /// `$(…)`, `<(…)`: `depth` parentheses open inside; `closer` colours the `)` that ends it.
        case substitution(depth: Int, closer: TokenKind)
        case backtick
    }

    /// What a new word is, from where it starts.
    private enum Role { case command, argument, pattern }

    let s: ByteScanner
    let console: Bool
    var i: Int
    private var contexts: [Context] = []
    /// The next word is a command (after a line feed, `;`, `|`, `&&`, `then`, …).
    private var command = true
    /// The last byte belongs to a word, so what follows continues it (`--set=a"$b"`).
    private var inWord = false
    private var lineStart: Bool
    /// Heredocs opened on this line, whose bodies start after it: delimiter range and whether tabs are stripped.
    private var heredocs: [(start: Int, end: Int, stripTabs: Bool)] = []
    /// Words until the `in` of a `for`/`select`/`case`, and whether it is a `case`.
    private var wordsUntilIn = 0
    private var mayBeIn = false
    private var inIsCase = false
    /// Inside a `case`, where words before `)` are patterns, not commands.
    private var casePattern = false
    private var expectFunctionName = false
    /// The next word is a redirection's target.
    private var redirectTarget = false
    private var declaring = false

    init(s: ByteScanner, console: Bool, lineStart: Bool) {
        self.s = s
        self.console = console
        self.i = s.start
        self.lineStart = lineStart
    }

    private var atTop: Bool { contexts.isEmpty }

    mutating func step(into w: inout TokenWriter) {
        if case .doubleQuote? = contexts.last {
            doubleQuoted(into: &w)
            return
        }
        if lineStart {
            lineStart = false
            if atTop && prompt(into: &w) { return }
        }
        let byte = s[i]
        switch byte {
        case ByteScanner.newline:
            i += 1
            if !heredocs.isEmpty {
                heredocBodies(into: &w)
                heredocs.removeAll()
            }
            lineStart = true
            endWord()
            if !casePattern { command = true }
            wordsUntilIn = 0
            declaring = false
        case ByteScanner.space, ByteScanner.tab, ByteScanner.carriageReturn:
            i += 1
            endWord()
        case 0x23 where !inWord:  // # starts a comment only at a word's start
            let end = s.lineEnd(from: i)
            w.mark(.comment, i, end)
            i = end
        case ByteScanner.backslash:
            backslash(into: &w)
        case 0x27:  // '
            beginPart()
            let end = s.quotedEnd(from: i, quote: 0x27, escapes: false, to: s.end).end
            w.mark(.string, i, end)
            i = end
        case 0x22:  // "
            beginPart()
            w.mark(.string, i, i + 1)
            contexts.append(.doubleQuote)
            i += 1
        case 0x24:  // $
            beginPart()
            dollar(quoted: false, into: &w)
        case 0x60:  // `
            if case .backtick? = contexts.last {
                w.mark(.variable, i, i + 1)
                contexts.removeLast()
                i += 1
                inWord = true
                command = false
            } else {
                beginPart()
                w.mark(.variable, i, i + 1)
                contexts.append(.backtick)
                i += 1
                startCommand()
            }
        case 0x7C, 0x26, 0x3B:  // | & ;
            control(into: &w)
        case 0x28:  // (
            w.mark(.punct, i, i + 1)
            i += 1
            endWord()
            if case let .substitution(depth, closer)? = contexts.last {
                contexts[contexts.count - 1] = .substitution(depth: depth + 1, closer: closer)
            }
            if !casePattern { startCommand() }
        case 0x29:  // )
            if case let .substitution(depth, closer)? = contexts.last {
                if depth == 0 {
                    w.mark(closer, i, i + 1)
                    contexts.removeLast()
                    i += 1
                    inWord = true
                    command = false
                    return
                }
                contexts[contexts.count - 1] = .substitution(depth: depth - 1, closer: closer)
            }
            w.mark(.punct, i, i + 1)
            i += 1
            endWord()
            if casePattern {
                casePattern = false
                startCommand()
            } else {
                command = false
            }
        case 0x3C, 0x3E:  // < >
            redirect(from: i, into: &w)
        default:
            word(into: &w)
        }
    }

    // MARK: Lines

    /// A `$ ` prompt at a line's start; in a console session, a line without one is output, left plain.
    private mutating func prompt(into w: inout TokenWriter) -> Bool {
        let next = s[i + 1]
        if s[i] == 0x24 && (next == ByteScanner.space || next == ByteScanner.newline || next == ByteScanner.carriageReturn || i + 1 >= s.end) {
            let end = next == ByteScanner.space ? i + 2 : i + 1
            w.mark(.prompt, i, end)
            i = end
            startCommand()
            return true
        }
        if console {
            i = s.lineEnd(from: i)
            return true
        }
        return false
    }

    private mutating func backslash(into w: inout TokenWriter) {
        if s[i + 1] == ByteScanner.newline || (s[i + 1] == ByteScanner.carriageReturn && s[i + 2] == ByteScanner.newline) {
            // A line continuation: the command goes on, and a console's next line is not output.
            w.mark(.punct, i, i + 1)
            i += s[i + 1] == ByteScanner.newline ? 2 : 3
            endWord()
            return
        }
        let role = beginPart()
        if role == .command { command = false }
        i = min(i + 2, s.end)
    }

    /// The bodies of the heredocs opened on the line just ended, each up to its delimiter line.
    private mutating func heredocBodies(into w: inout TokenWriter) {
        for heredoc in heredocs {
            let bodyStart = i
            var found = false
            while i < s.end {
                let lineEnd = s.lineEnd(from: i)
                let first = heredoc.stripTabs ? s.end(from: i, to: lineEnd) { $0 == ByteScanner.tab } : i
                let last = s.contentEnd(from: first, lineEnd: lineEnd)
                if last - first == heredoc.end - heredoc.start && equalBytes(first, heredoc.start, count: last - first) {
                    w.mark(.string, bodyStart, last)
                    i = lineEnd
                    found = true
                    break
                }
                i = min(lineEnd + 1, s.end)
            }
            if !found {
                w.mark(.string, bodyStart, s.end)
                i = s.end
                return
            }
            // A second heredoc's body starts after the first's delimiter line.
            if heredoc.start != heredocs.last?.start, i < s.end { i += 1 }
        }
    }

    private func equalBytes(_ a: Int, _ b: Int, count: Int) -> Bool {
        for offset in 0..<count where s[a + offset] != s[b + offset] { return false }
        return true
    }

    // MARK: Words

    private mutating func endWord() {
        inWord = false
    }

    private mutating func startCommand() {
        command = true
        inWord = false
        declaring = false
    }

    /// Called as any part of a word begins; for the word's first part, decides its role and updates the state
    /// a new word changes. A quoted or substituted command word is not coloured as a command, but ends the command position.
    @discardableResult
    private mutating func beginPart() -> Role? {
        guard !inWord else { return nil }
        inWord = true
        mayBeIn = wordsUntilIn == 1
        if wordsUntilIn > 0 { wordsUntilIn -= 1 }
        if redirectTarget {
            redirectTarget = false
            return .argument
        }
        if casePattern { return .pattern }
        if command {
            command = false
            return .command
        }
        return .argument
    }

    /// An unquoted run of word bytes.
    private mutating func word(into w: inout TokenWriter) {
        let start = i
        // A file descriptor before a redirection (`2>&1`) belongs to the redirection.
        if !inWord && ByteScanner.isDigit(s[i]) {
            let digitsEnd = s.end(from: i, while: ByteScanner.isDigit)
            if s[digitsEnd] == 0x3C || s[digitsEnd] == 0x3E {
                redirect(from: digitsEnd, tokenStart: start, into: &w)
                return
            }
        }
        let end = max(s.end(from: i, while: Self.isWordByte), i + 1)
        i = end
        guard let role = beginPart() else { return }  // the rest of a word already begun
        switch role {
        case .pattern:
            if isWord("esac", start, end) {
                w.mark(.keyword, start, end)
                casePattern = false
            }
        case .command:
            commandWord(start, end, into: &w)
        case .argument:
            argument(start, end, into: &w)
        }
    }

    private mutating func commandWord(_ start: Int, _ end: Int, into w: inout TokenWriter) {
        if Self.keywords.contains(s, start, end) {
            w.mark(.keyword, start, end)
            if Self.openers.contains(s, start, end) {
                startCommand()
            } else if isWord("for", start, end) || isWord("select", start, end) || isWord("case", start, end) {
                wordsUntilIn = 2
                inIsCase = isWord("case", start, end)
            } else if isWord("function", start, end) {
                expectFunctionName = true
            } else if isWord("esac", start, end) {
                casePattern = false
            }
            return
        }
        if end - start == 1 && (s[start] == 0x7B || s[start] == 0x7D) {  // { } grouping
            w.mark(.punct, start, end)
            if s[start] == 0x7B { startCommand() }
            return
        }
        if let equals = assignmentEquals(start, end) {
            w.mark(.variable, start, equals)
            command = true  // `NAME=value command`: the command is still to come
            return
        }
        if s[start] == 0x2D && end - start > 1 {  // options of a wrapper: `sudo -E kubectl`
            markFlag(start, end, into: &w)
            command = true
            return
        }
        if s.end(from: start, to: end, while: ByteScanner.isDigit) == end {  // `timeout 30 kubectl`
            w.mark(.number, start, end)
            command = true
            return
        }
        if s[end] == 0x28 && s[end + 1] == 0x29 {  // name() { …; }
            w.mark(.function, start, end)
            w.mark(.punct, end, end + 2)
            i = end + 2
            startCommand()
            return
        }
        w.mark(.command, start, end)
        if Self.wrappers.contains(s, start, end) { startCommand() }
        if Self.declarers.contains(s, start, end) { declaring = true }
    }

    private mutating func argument(_ start: Int, _ end: Int, into w: inout TokenWriter) {
        if expectFunctionName {
            expectFunctionName = false
            w.mark(.function, start, end)
            if s[end] == 0x28 && s[end + 1] == 0x29 {
                w.mark(.punct, end, end + 2)
                i = end + 2
            }
            startCommand()
            return
        }
        if mayBeIn && isWord("in", start, end) {
            w.mark(.keyword, start, end)
            if inIsCase {
                casePattern = true
                command = false
            }
            return
        }
        if isWord("]]", start, end) {
            w.mark(.keyword, start, end)
            return
        }
        if s[start] == 0x2D && end - start > 1 {
            markFlag(start, end, into: &w)
        } else if s.end(from: start, to: end, while: ByteScanner.isDigit) == end {
            w.mark(.number, start, end)
        } else if declaring, let equals = assignmentEquals(start, end) {
            w.mark(.variable, start, equals)
        }
    }

    /// `--namespace=prod` is a flag up to the `=`; the value is not.
    private func markFlag(_ start: Int, _ end: Int, into w: inout TokenWriter) {
        let equals = s.end(from: start, to: end) { $0 != 0x3D }
        w.mark(.flag, start, equals)
    }

    /// Where the `=` (or `+=`) of `NAME=…` or `NAME[index]=…` starts, if the word is an assignment.
    private func assignmentEquals(_ start: Int, _ end: Int) -> Int? {
        guard ByteScanner.isLetter(s[start]) || s[start] == 0x5F else { return nil }
        var index = s.end(from: start, to: end) { ByteScanner.isIdentifierByte($0) && $0 < 0x80 }
        if s[index] == 0x5B, index < end {  // [index]
            index = s.end(from: index, to: end) { $0 != 0x5D } + 1
        }
        if s[index] == 0x2B && s[index + 1] == 0x3D && index + 1 < end { return index }
        return s[index] == 0x3D && index < end ? index : nil
    }

    private func isWord(_ word: StaticString, _ start: Int, _ end: Int) -> Bool {
        end - start == word.utf8CodeUnitCount && s.matches(word, at: start)
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0D, 0x7C, 0x26, 0x3B, 0x28, 0x29, 0x3C, 0x3E, 0x27, 0x22, 0x24, 0x60, 0x5C: false
        default: true
        }
    }

    // MARK: Operators

    /// `|`, `||`, `|&`, `&`, `&&`, `;`, `;;`, `;&`, `;;&`, and `&>`/`&>>`, which redirect.
    private mutating func control(into w: inout TokenWriter) {
        let first = s[i], second = s[i + 1]
        if first == 0x26 && second == 0x3E {
            redirect(from: i + 1, tokenStart: i, into: &w)
            return
        }
        var length = 1
        if first == 0x3B && second == 0x3B {
            length = s[i + 2] == 0x26 ? 3 : 2
        } else if (first == 0x7C && (second == 0x7C || second == 0x26)) || (first == 0x26 && second == 0x26) || (first == 0x3B && second == 0x26) {
            length = 2
        }
        w.mark(.punct, i, i + length)
        let patternAlternative = casePattern && first == 0x7C && length == 1
        i += length
        endWord()
        redirectTarget = false
        wordsUntilIn = 0
        if first == 0x3B && length > 1 {
            casePattern = true  // `;;` ends a branch; a pattern comes next
            command = false
        } else if !patternAlternative {
            startCommand()
        }
    }

    /// A redirection from `offset` (at `<` or `>`), coloured from `tokenStart` (a file descriptor before it).
    private mutating func redirect(from offset: Int, tokenStart: Int? = nil, into w: inout TokenWriter) {
        let start = tokenStart ?? offset
        endWord()
        if s[offset] == 0x3C && s[offset + 1] == 0x3C {
            if s[offset + 2] == 0x3C {  // <<< here-string
                w.mark(.punct, start, offset + 3)
                i = offset + 3
                redirectTarget = true
                return
            }
            heredoc(from: offset, tokenStart: start, into: &w)
            return
        }
        if s[offset + 1] == 0x28 && tokenStart == nil {  // <( >( process substitution
            w.mark(.punct, offset, offset + 2)
            contexts.append(.substitution(depth: 0, closer: .punct))
            i = offset + 2
            startCommand()
            return
        }
        var end = offset + 1
        let next = s[end]
        if next == 0x3E || next == 0x26 || next == 0x7C || (s[offset] == 0x3C && next == 0x3E) { end += 1 }
        var duplicates = false
        if s[end - 1] == 0x26 {  // >&2, <&-: the target is a descriptor
            let digits = s.end(from: end, while: ByteScanner.isDigit)
            if digits > end || s[end] == 0x2D {
                end = max(digits, s[end] == 0x2D ? end + 1 : digits)
                duplicates = true
            }
        }
        w.mark(.punct, start, end)
        i = end
        redirectTarget = !duplicates
    }

    /// `<<EOF`, `<<-EOF`, `<<'EOF'`, `<<"EOF"`: remembers the delimiter; the body follows the line.
    private mutating func heredoc(from offset: Int, tokenStart: Int, into w: inout TokenWriter) {
        var operatorEnd = offset + 2
        let stripTabs = s[operatorEnd] == 0x2D
        if stripTabs { operatorEnd += 1 }
        w.mark(.punct, tokenStart, operatorEnd)
        let wordStart = s.skipBlanks(from: operatorEnd, to: s.lineEnd(from: operatorEnd))
        var delimiter = (start: wordStart, end: wordStart)
        var end = wordStart
        let first = s[wordStart]
        if first == 0x27 || first == 0x22 {
            let lineEnd = s.lineEnd(from: wordStart)
            let (close, closed) = s.quotedEnd(from: wordStart, quote: first, escapes: false, to: lineEnd)
            end = close
            delimiter = (wordStart + 1, closed ? close - 1 : close)
        } else if ByteScanner.isLetter(first) || first == 0x5F {
            // Only a name-like word: `$((1<<2))` shifts, it opens no heredoc.
            end = s.end(from: wordStart, while: Self.isWordByte)
            delimiter = (wordStart, end)
        }
        if end > wordStart { w.mark(.string, wordStart, end) }
        if delimiter.end > delimiter.start {
            heredocs.append((delimiter.start, delimiter.end, stripTabs))
        }
        i = max(end, operatorEnd)
    }

    // MARK: Strings and variables

    /// Inside `"…"`: text up to the closing quote, with `$…` and backticks coloured as variables.
    private mutating func doubleQuoted(into w: inout TokenWriter) {
        let start = i
        var j = i
        while j < s.end {
            let byte = s[j]
            if byte == 0x22 {
                w.mark(.string, start, j + 1)
                contexts.removeLast()
                i = j + 1
                inWord = true
                return
            }
            if byte == ByteScanner.backslash {
                j += 2
                continue
            }
            if byte == 0x24 && Self.startsExpansion(s[j + 1]) {
                w.mark(.string, start, j)
                i = j
                dollar(quoted: true, into: &w)
                return
            }
            if byte == 0x60 {
                w.mark(.string, start, j)
                w.mark(.variable, j, j + 1)
                contexts.append(.backtick)
                i = j + 1
                startCommand()
                return
            }
            j += 1
        }
        w.mark(.string, start, s.end)
        i = s.end
    }

    private static func startsExpansion(_ byte: UInt8) -> Bool {
        byte == 0x28 || byte == 0x7B || ByteScanner.isIdentifierStart(byte) && byte < 0x80 || ByteScanner.isDigit(byte) || isSpecialParameter(byte)
    }

    /// `$@ $* $# $? $$ $! $-`
    private static func isSpecialParameter(_ byte: UInt8) -> Bool {
        byte == 0x40 || byte == 0x2A || byte == 0x23 || byte == 0x3F || byte == 0x24 || byte == 0x21 || byte == 0x2D
    }

    /// `$(`, `${…}`, `$NAME`, `$1`, `$?`; outside quotes also `$'…'` and `$"…"`. A lone `$` stays plain.
    private mutating func dollar(quoted: Bool, into w: inout TokenWriter) {
        let next = s[i + 1]
        switch next {
        case 0x28:  // $( and $((
            w.mark(.variable, i, i + 2)
            contexts.append(.substitution(depth: 0, closer: .variable))
            i += 2
            startCommand()
        case 0x7B:  // ${…}, nested braces counted, never past the line
            let lineEnd = s.lineEnd(from: i)
            var depth = 0
            var j = i + 2
            while j < lineEnd {
                let byte = s[j]
                if byte == 0x7D {
                    if depth == 0 { break }
                    depth -= 1
                } else if byte == 0x7B {
                    depth += 1
                } else if byte == ByteScanner.backslash {
                    j += 1
                }
                j += 1
            }
            let end = min(j + 1, lineEnd)
            w.mark(.variable, i, end)
            i = end
        case 0x27 where !quoted:  // $'…' with backslash escapes
            let end = s.quotedEnd(from: i + 1, quote: 0x27, escapes: true, to: s.end).end
            w.mark(.string, i, end)
            i = end
        case 0x22 where !quoted:  // $"…", translated text
            w.mark(.string, i, i + 2)
            contexts.append(.doubleQuote)
            i += 2
        default:
            if ByteScanner.isLetter(next) || next == 0x5F {
                let end = s.end(from: i + 1) { (ByteScanner.isIdentifierByte($0) && $0 < 0x80) }
                w.mark(.variable, i, end)
                i = end
            } else if ByteScanner.isDigit(next) || Self.isSpecialParameter(next) {
                w.mark(.variable, i, i + 2)
                i += 2
            } else {
                i += 1
            }
        }
    }
}
