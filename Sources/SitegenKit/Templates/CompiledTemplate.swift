/// A Mustache template parsed once into nodes that render `TemplateValue`s straight into bytes, with
/// swift-mustache's semantics: a name is looked up from the innermost context outwards, a list repeats its
/// section, `true` shows it, any other value present pushes itself, and partials and `{{<parent}}` blocks
/// indent and override as swift-mustache does. A render is bounded: partials nest at most `Limits.depth` deep
/// (a partial may recurse over nested data, so the depth, not the partial graph, is the rule) and a page
/// writes at most `Limits.bytes` bytes through at most `Limits.nodes` nodes, so no template and no data makes
/// a page take unbounded time or memory.
struct CompiledTemplate: Sendable {
    /// Where a name is looked up: `.` is the current value, `.a.b` starts at it, `a.b` climbs the stack for `a`.
    enum Path: Sendable, Equatable {
        case current
        case top([String])
        case stack([String])

        init(_ name: String) {
            let parts = name.split(separator: ".").map(String.init)
            if name == "." || parts.isEmpty {
                self = .current
            } else {
                self = name.first == "." ? .top(parts) : .stack(parts)
            }
        }
    }

    /// Where a `{{> name}}` or `{{<name}}` tag stands, for errors.
    struct TagPosition: Sendable, Equatable {
        var path: String
        var line: Int
        var column: Int

        var location: SourceLocation { SourceLocation(path: path, line: line, column: column) }
    }

    indirect enum Node: Sendable {
        case text([UInt8])
        case variable(Path, escaped: Bool)
        case section(Path, [Node])
        case inverted(Path, [Node])
        /// `indentation` is nil unless the tag stands alone on its line; `overrides` are a `{{<parent}}`'s blocks.
        case partial(String, indentation: String?, overrides: [String: [Node]]?, at: TagPosition)
        case block(String, defaultNodes: [Node], indentation: String)
    }

    /// How far one page's render may go.
    struct Limits: Sendable {
        /// Partials (and parents) open at once.
        var depth = 64
        /// Bytes written, counted where text and values are written (before partials' indentation).
        var bytes = 64 << 20
        /// Nodes rendered: a partial graph that doubles at each level writes nothing yet grows exponentially.
        var nodes = 1 << 24

        static let standard = Limits()
    }

    /// Why a render stopped: the message and the tag where it did; `cancelled` when another page ran out first.
    struct LimitExceeded: Error, Sendable {
        var message: String
        var location: SourceLocation
        var cancelled = false
    }

    let nodes: [Node]
    /// The template's file, where an error is placed when no partial is open.
    var path = ""

    /// An open partial: its name and the tag that opened it.
    fileprivate struct Open {
        var name: String
        var tag: TagPosition
    }

    /// What rendering carries down: the stack of values, the indentation and the blocks in force, and the templates;
    /// and what it has spent of its limits, with the partials open, to say where it stopped.
    struct Context {
        var stack: [TemplateValue]
        var indentation: [UInt8]?
        var overrides: [String: [Node]]?
        let templates: [String: CompiledTemplate]
        let limits: Limits
        /// Set by the first page of a build that runs out of budget; the others look every 65,536 nodes.
        let stop: RenderStop?
        var bytes = 0
        var nodes = 0
        fileprivate var open: [Open] = []
        let root: String
    }

    /// Renders with `value` as the outermost context; partials are looked up in `templates`.
    func render(_ value: TemplateValue, templates: [String: CompiledTemplate], limits: Limits = .standard,
                stop: RenderStop? = nil) -> Result<[UInt8], LimitExceeded> {
        var output: [UInt8] = []
        output.reserveCapacity(16 * 1024)
        var context = Context(stack: [value], indentation: nil, overrides: nil, templates: templates, limits: limits, stop: stop, root: path)
        do {
            try Self.render(nodes, context: &context, into: &output)
        } catch {
            return .failure(error)
        }
        return .success(output)
    }

    /// One node list, like one swift-mustache `render(context:)`: with an indentation in force, a non-empty
    /// piece that starts after a line break gets it first.
    private static func render(_ nodes: [Node], context: inout Context, into output: inout [UInt8]) throws(LimitExceeded) {
        guard let indentation = context.indentation, !indentation.isEmpty else {
            for node in nodes { try render(node, context: &context, into: &output) }
            return
        }
        var local: [UInt8] = []
        var piece: [UInt8] = []
        for node in nodes {
            piece.removeAll(keepingCapacity: true)
            try render(node, context: &context, into: &piece)
            if !piece.isEmpty, endsWithLineFeed(local) { local.append(contentsOf: indentation) }
            local.append(contentsOf: piece)
        }
        output.append(contentsOf: local)
    }

    /// Whether the last Character is "\n" (a final "\r\n" is one Character, so it is not).
    private static func endsWithLineFeed(_ bytes: [UInt8]) -> Bool {
        guard bytes.last == 0x0A else { return false }
        return bytes.count < 2 || bytes[bytes.count - 2] != 0x0D
    }

    private static func render(_ node: Node, context: inout Context, into output: inout [UInt8]) throws(LimitExceeded) {
        context.nodes &+= 1
        if context.nodes & 0xFFFF == 0 {
            if context.nodes > context.limits.nodes {
                throw stopped(context, "rendering stopped after \(context.limits.nodes) steps; partials or sections multiply")
            }
            if context.stop?.isStopped == true {
                throw LimitExceeded(message: "", location: SourceLocation(path: context.root), cancelled: true)
            }
        }
        switch node {
        case .text(let bytes):
            try spend(bytes.count, &context)
            output.append(contentsOf: bytes)
        case .variable(let path, let escaped):
            guard let value = lookUp(path, in: context.stack) else { return }
            let start = output.count
            switch value {
            case .string(let text): escaped ? HTML.escape(text, into: &output) : output.append(contentsOf: text.utf8)
            case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
            case .int(let number): output.append(contentsOf: String(number).utf8)
            // swift-mustache prints Swift's description of a list or dictionary; no template should show one.
            case .list, .object: break
            }
            try spend(output.count - start, &context)
        case .section(let path, let body):
            switch lookUp(path, in: context.stack) {
            case nil, .bool(false)?: return
            case .bool(true)?: try render(body, context: &context, into: &output)
            case .list(let items)?:
                for item in items { try renderPushing(item, body, context: &context, into: &output) }
            case let value?: try renderPushing(value, body, context: &context, into: &output)
            }
        case .inverted(let path, let body):
            switch lookUp(path, in: context.stack) {
            case nil, .bool(false)?: try render(body, context: &context, into: &output)
            case .list(let items)? where items.isEmpty: try renderPushing(.list([]), body, context: &context, into: &output)
            default: return
            }
        case .partial(let name, let indentation, let overrides, let tag):
            guard let template = context.templates[name] else { return }
            context.open.append(Open(name: name, tag: tag))
            if context.open.count > context.limits.depth { throw tooDeep(context) }
            // Changed in place and put back, so the value stack is not copied for every partial.
            let (outerIndentation, outerOverrides) = (context.indentation, context.overrides)
            if let indentation { context.indentation = (outerIndentation ?? []) + Array(indentation.utf8) }
            if let overrides {
                // Blocks already in force win over the partial's own, as in swift-mustache.
                context.overrides = outerOverrides.map { $0.merging(overrides) { outer, _ in outer } } ?? overrides
            }
            try render(template.nodes, context: &context, into: &output)
            (context.indentation, context.overrides) = (outerIndentation, outerOverrides)
            context.open.removeLast()
        case .block(let name, let defaultNodes, let indentation):
            let outerIndentation = context.indentation
            context.indentation = (outerIndentation ?? []) + Array(indentation.utf8)
            try render(context.overrides?[name] ?? defaultNodes, context: &context, into: &output)
            context.indentation = outerIndentation
        }
    }

    private static func spend(_ bytes: Int, _ context: inout Context) throws(LimitExceeded) {
        context.bytes &+= bytes
        if context.bytes > context.limits.bytes {
            throw stopped(context, "rendering stopped: the page would be larger than \(context.limits.bytes >> 20) MB")
        }
    }

    /// At the innermost open partial's tag, or the page's template when none is open.
    private static func stopped(_ context: Context, _ reason: String) -> LimitExceeded {
        context.stop?.stop()
        let location = context.open.last?.tag.location ?? SourceLocation(path: context.root, line: 1, column: 1)
        let chain = context.open.isEmpty ? "" : " (in \(describe(context)))"
        return LimitExceeded(message: reason + chain, location: location)
    }

    private static func tooDeep(_ context: Context) -> LimitExceeded {
        LimitExceeded(
            message: "partials nest more than \(context.limits.depth) deep: \(describe(context)); a partial that includes itself needs data that ends",
            location: context.open[context.open.count - 1].tag.location)
    }

    /// Each open partial up to the first that repeats: `layout → partials/self → partials/self → …`. The page's own
    /// template is left out, so every page a partial fails gives one message.
    private static func describe(_ context: Context) -> String {
        var names: [String] = []
        var seen: Set<String> = []
        for open in context.open {
            names.append(open.name)
            if !seen.insert(open.name).inserted {
                if names.count < context.open.count { names.append("…") }
                break
            }
        }
        // A long chain of distinct partials keeps its ends.
        if names.count > 8 { names = names.prefix(3) + ["…"] + names.suffix(3) }
        return names.joined(separator: " → ")
    }

    private static func renderPushing(_ value: TemplateValue, _ body: [Node], context: inout Context,
                                      into output: inout [UInt8]) throws(LimitExceeded) {
        context.stack.append(value)
        try render(body, context: &context, into: &output)
        context.stack.removeLast()
    }

    private static func lookUp(_ path: Path, in stack: [TemplateValue]) -> TemplateValue? {
        switch path {
        case .current:
            return stack.last
        case .top(let names):
            guard let top = stack.last else { return nil }
            return descend(top, names[...])
        case .stack(let names):
            // The first name climbs the stack; the rest must be found beneath it.
            for value in stack.reversed() {
                if let found = value.child(names[0]) { return descend(found, names.dropFirst()) }
            }
            return nil
        }
    }

    private static func descend(_ value: TemplateValue, _ names: ArraySlice<String>) -> TemplateValue? {
        var value = value
        for name in names {
            guard let child = value.child(name) else { return nil }
            value = child
        }
        return value
    }
}
