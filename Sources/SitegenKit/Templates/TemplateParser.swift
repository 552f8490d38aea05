/// Parses a Mustache template into `CompiledTemplate` nodes exactly as swift-mustache 2 tokenises it: the same
/// standalone-line rules, indentation of partials and blocks, and inheritance, so both render the same bytes
/// (a test renders every template through both). It only runs on text swift-mustache has already accepted.
/// Constructs the fast renderer does not take (set delimiters, transforms, dynamic partials, other pragmas)
/// give nil, and such a template is left to swift-mustache.
struct TemplateParser {
    private let characters: [Character]
    private var position = 0
    /// The content type sitegen puts before every template; any other pragma is left to swift-mustache.
    private let pragma: (name: String, value: String)
    /// The template's file, and where each of its lines starts, for the positions of partial tags.
    private let path: String
    private let lineStarts: [Int]
    /// Characters sitegen put before the file's own first line (the pragma).
    private let prefixLength: Int

    private struct Unsupported: Error {}

    private struct State {
        var sectionName: String?
        var newLine = true
        var isPartialDefinition = false
        var isPartialDefinitionTopLevel = false
        var partialDefinitionIndent: String?

        func withSectionName(_ name: String, newLine: Bool) -> State {
            var state = self
            state.sectionName = name
            state.isPartialDefinitionTopLevel = false
            if !newLine { state.newLine = false }
            return state
        }

        func withInheritancePartial(_ name: String) -> State {
            var state = self
            state.sectionName = name
            state.newLine = true
            state.isPartialDefinition = true
            state.isPartialDefinitionTopLevel = true
            return state
        }
    }

    /// One parsed item before blocks are sorted out: a node, or a `{{$name}}` definition inside `{{<parent}}`.
    private enum Token {
        case node(CompiledTemplate.Node)
        case blockDefinition(String, [CompiledTemplate.Node])
        case contentType
    }

    /// Nil when the template uses something only swift-mustache renders, or (never expected) does not parse.
    /// `path` and `prefixLength` (what was put before the file's text) place partial tags in the file.
    static func parse(_ text: String, pragma: (name: String, value: String), path: String = "", prefixLength: Int = 0) -> CompiledTemplate? {
        var parser = TemplateParser(characters: Array(text), pragma: pragma, path: path, prefixLength: prefixLength)
        guard let tokens = try? parser.parse(State()) else { return nil }
        // The content type must come first, so every escape in the template is sitegen's.
        var nodes: [CompiledTemplate.Node] = []
        for (index, token) in tokens.enumerated() {
            switch token {
            case .node(let node): nodes.append(node)
            case .contentType where index == 0: break
            case .contentType, .blockDefinition: return nil
            }
        }
        return CompiledTemplate(nodes: nodes, path: path)
    }

    private init(characters: [Character], pragma: (name: String, value: String), path: String, prefixLength: Int) {
        self.characters = characters
        self.pragma = pragma
        self.path = path
        self.prefixLength = prefixLength
        var starts = [0]
        for (index, character) in characters.enumerated() where character == "\n" || character == "\r\n" { starts.append(index + 1) }
        lineStarts = starts
    }

    /// The file position of the tag whose `{{` starts at `index`.
    private func tagPosition(at index: Int) -> CompiledTemplate.TagPosition {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= index { low = middle } else { high = middle - 1 }
        }
        let column = index - lineStarts[low] + 1 - (low == 0 ? prefixLength : 0)
        return CompiledTemplate.TagPosition(path: path, line: low + 1, column: max(1, column))
    }

    private var reachedEnd: Bool { position == characters.count }
    private var current: Character { reachedEnd ? "\0" : characters[position] }

    @discardableResult
    private mutating func read(while predicate: (Character) -> Bool) -> String {
        let start = position
        while !reachedEnd, predicate(characters[position]) { position += 1 }
        return String(characters[start..<position])
    }

    private mutating func read(_ string: String) -> Bool {
        let wanted = Array(string)
        guard position + wanted.count <= characters.count, Array(characters[position..<position + wanted.count]) == wanted else { return false }
        position += wanted.count
        return true
    }

    private static func isBlank(_ character: Character) -> Bool { character == " " || character == "\t" }

    private mutating func parse(_ initial: State) throws -> [Token] {
        var tokens: [Token] = []
        var state = initial
        var whiteSpaceBefore = ""
        func text(_ string: String) -> Token { .node(.text(Array(string.utf8))) }
        while !reachedEnd {
            if state.newLine {
                let whiteSpace = read(while: Self.isBlank)
                if state.isPartialDefinition, !state.isPartialDefinitionTopLevel {
                    if let indent = state.partialDefinitionIndent {
                        whiteSpaceBefore = String(whiteSpace.dropFirst(indent.count))
                    } else {
                        state.partialDefinitionIndent = whiteSpace
                    }
                } else {
                    whiteSpaceBefore = whiteSpace
                }
            }
            let plain = readUntilTagOrNewline()
            if current.isNewline {
                tokens.append(text(whiteSpaceBefore + plain + String(current)))
                state.newLine = true
                position += 1
                continue
            }
            if !plain.isEmpty {
                tokens.append(text(whiteSpaceBefore + plain))
                whiteSpaceBefore = ""
                state.newLine = false
            }
            if reachedEnd { break }
            var setNewLine = false
            switch current {
            case "#", "^":
                let inverted = current == "^"
                position += 1
                let name = try parseName()
                if isStandalone(state) {
                    setNewLine = true
                } else if !whiteSpaceBefore.isEmpty {
                    tokens.append(text(whiteSpaceBefore))
                    whiteSpaceBefore = ""
                }
                let body = try nodes(parse(state.withSectionName(name, newLine: setNewLine)))
                let path = CompiledTemplate.Path(name)
                tokens.append(.node(inverted ? .inverted(path, body) : .section(path, body)))
            case "/":
                position += 1
                let name = try parseName()
                guard name == state.sectionName else { throw Unsupported() }
                if !isStandalone(state), !whiteSpaceBefore.isEmpty {
                    tokens.append(text(whiteSpaceBefore))
                }
                return tokens
            case "!":
                position += 1
                try skipComment()
                setNewLine = isStandalone(state)
            case "{", "&":
                let triple = current == "{"
                if !whiteSpaceBefore.isEmpty {
                    tokens.append(text(whiteSpaceBefore))
                    whiteSpaceBefore = ""
                }
                position += 1
                let name = try parseName()
                if triple { guard read("}") else { throw Unsupported() } }
                tokens.append(.node(.variable(CompiledTemplate.Path(name), escaped: false)))
            case ">":
                let tag = tagPosition(at: position - 2)
                position += 1
                read(while: \.isWhitespace)
                guard current != "*" else { throw Unsupported() }
                let name = try parsePartialName()
                if !whiteSpaceBefore.isEmpty { tokens.append(text(whiteSpaceBefore)) }
                if isStandalone(state) {
                    setNewLine = true
                    tokens.append(.node(.partial(name, indentation: whiteSpaceBefore, overrides: nil, at: tag)))
                } else {
                    tokens.append(.node(.partial(name, indentation: nil, overrides: nil, at: tag)))
                }
                whiteSpaceBefore = ""
            case "<":
                let tag = tagPosition(at: position - 2)
                position += 1
                read(while: \.isWhitespace)
                let name = try parsePartialName()
                guard name.first != "*" else { throw Unsupported() }
                if !whiteSpaceBefore.isEmpty { tokens.append(text(whiteSpaceBefore)) }
                if isStandalone(state) { setNewLine = true }
                var overrides: [String: [CompiledTemplate.Node]] = [:]
                for token in try parse(state.withInheritancePartial(name)) {
                    switch token {
                    case .blockDefinition(let block, let body): overrides[block] = body
                    case .node(.text): break
                    default: throw Unsupported()
                    }
                }
                tokens.append(.node(.partial(name, indentation: whiteSpaceBefore, overrides: overrides, at: tag)))
                whiteSpaceBefore = ""
            case "$":
                position += 1
                let name = try parseName()
                if state.isPartialDefinitionTopLevel {
                    if isStandalone(state) { setNewLine = true }
                    tokens.append(.blockDefinition(name, try nodes(parse(state.withSectionName(name, newLine: setNewLine)))))
                } else {
                    if !whiteSpaceBefore.isEmpty { tokens.append(text(whiteSpaceBefore)) }
                    if isStandalone(state) { setNewLine = true }
                    let body = try nodes(parse(state.withSectionName(name, newLine: setNewLine)))
                    tokens.append(.node(.block(name, defaultNodes: body, indentation: whiteSpaceBefore)))
                    whiteSpaceBefore = ""
                }
            case "%":
                position += 1
                try readPragma()
                tokens.append(.contentType)
                setNewLine = isStandalone(state)
            case "=":
                throw Unsupported()
            default:
                if !whiteSpaceBefore.isEmpty {
                    tokens.append(text(whiteSpaceBefore))
                    whiteSpaceBefore = ""
                }
                tokens.append(.node(.variable(CompiledTemplate.Path(try parseName()), escaped: true)))
            }
            state.newLine = setNewLine
        }
        guard state.sectionName == nil else { throw Unsupported() }
        return tokens
    }

    /// A section's or block's body: block definitions and pragmas belong only at the top of `{{<parent}}` and a template.
    private func nodes(_ tokens: [Token]) throws -> [CompiledTemplate.Node] {
        try tokens.map { token in
            guard case .node(let node) = token else { throw Unsupported() }
            return node
        }
    }

    /// Text up to a newline (not included) or just past the next `{{`.
    private mutating func readUntilTagOrNewline() -> String {
        var text = ""
        while !reachedEnd {
            let start = position
            while !reachedEnd, characters[position] != "\n", characters[position] != "\r\n", characters[position] != "{" { position += 1 }
            text += String(characters[start..<position])
            if current.isNewline {
                break
            } else if current == "{" {
                if read("{{") { break }
                text.append("{")
                position += 1
            }
        }
        return text
    }

    private static let nameCharacters = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*")
    private static let partialNameCharacters = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")

    /// A name up to `}}`; a transform (`name(arg)`) is left to swift-mustache.
    private mutating func parseName() throws -> String {
        read(while: \.isWhitespace)
        let name = read(while: Self.nameCharacters.contains)
        read(while: \.isWhitespace)
        guard read("}}") else { throw Unsupported() }
        return name
    }

    private mutating func parsePartialName() throws -> String {
        read(while: \.isWhitespace)
        let name = read(while: Self.partialNameCharacters.contains)
        read(while: \.isWhitespace)
        guard read("}}") else { throw Unsupported() }
        return name
    }

    private mutating func skipComment() throws {
        while !reachedEnd {
            if read("}}") { return }
            position += 1
        }
        throw Unsupported()
    }

    private mutating func readPragma() throws {
        let valueCharacters = Self.nameCharacters
        read(while: \.isWhitespace)
        let name = read(while: valueCharacters.contains)
        read(while: \.isWhitespace)
        guard read(":") else { throw Unsupported() }
        read(while: \.isWhitespace)
        let value = read(while: valueCharacters.contains)
        read(while: \.isWhitespace)
        guard read("}}"), name == pragma.name, value == pragma.value else { throw Unsupported() }
    }

    /// A tag alone on its line (but for blanks) swallows the line's end, as the Mustache spec says.
    private mutating func isStandalone(_ state: State) -> Bool {
        guard state.newLine else { return false }
        if reachedEnd { return true }
        var probe = position
        while probe < characters.count, Self.isBlank(characters[probe]) { probe += 1 }
        guard probe < characters.count, characters[probe].isNewline else { return false }
        position = probe + 1
        return true
    }
}
