/// A Mustache template parsed once into nodes that render `TemplateValue`s straight into bytes, with
/// swift-mustache's semantics: a name is looked up from the innermost context outwards, a list repeats its
/// section, `true` shows it, any other value present pushes itself, and partials and `{{<parent}}` blocks
/// indent and override as swift-mustache does.
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

    indirect enum Node: Sendable {
        case text([UInt8])
        case variable(Path, escaped: Bool)
        case section(Path, [Node])
        case inverted(Path, [Node])
        /// `indentation` is nil unless the tag stands alone on its line; `overrides` are a `{{<parent}}`'s blocks.
        case partial(String, indentation: String?, overrides: [String: [Node]]?)
        case block(String, defaultNodes: [Node], indentation: String)
    }

    let nodes: [Node]

    /// What rendering carries down: the stack of values, the indentation and the blocks in force, and the templates.
    struct Context {
        var stack: [TemplateValue]
        var indentation: [UInt8]?
        var overrides: [String: [Node]]?
        let templates: [String: CompiledTemplate]
    }

    /// Renders with `value` as the outermost context; partials are looked up in `templates`.
    func render(_ value: TemplateValue, templates: [String: CompiledTemplate]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(16 * 1024)
        var context = Context(stack: [value], indentation: nil, overrides: nil, templates: templates)
        Self.render(nodes, context: &context, into: &output)
        return output
    }

    /// One node list, like one swift-mustache `render(context:)`: with an indentation in force, a non-empty
    /// piece that starts after a line break gets it first.
    private static func render(_ nodes: [Node], context: inout Context, into output: inout [UInt8]) {
        guard let indentation = context.indentation, !indentation.isEmpty else {
            for node in nodes { render(node, context: &context, into: &output) }
            return
        }
        var local: [UInt8] = []
        var piece: [UInt8] = []
        for node in nodes {
            piece.removeAll(keepingCapacity: true)
            render(node, context: &context, into: &piece)
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

    private static func render(_ node: Node, context: inout Context, into output: inout [UInt8]) {
        switch node {
        case .text(let bytes):
            output.append(contentsOf: bytes)
        case .variable(let path, let escaped):
            guard let value = lookUp(path, in: context.stack) else { return }
            switch value {
            case .string(let text): escaped ? HTML.escape(text, into: &output) : output.append(contentsOf: text.utf8)
            case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
            case .int(let number): output.append(contentsOf: String(number).utf8)
            // swift-mustache prints Swift's description of a list or dictionary; no template should show one.
            case .list, .object: break
            }
        case .section(let path, let body):
            switch lookUp(path, in: context.stack) {
            case nil, .bool(false)?: return
            case .bool(true)?: render(body, context: &context, into: &output)
            case .list(let items)?:
                for item in items { renderPushing(item, body, context: &context, into: &output) }
            case let value?: renderPushing(value, body, context: &context, into: &output)
            }
        case .inverted(let path, let body):
            switch lookUp(path, in: context.stack) {
            case nil, .bool(false)?: render(body, context: &context, into: &output)
            case .list(let items)? where items.isEmpty: renderPushing(.list([]), body, context: &context, into: &output)
            default: return
            }
        case .partial(let name, let indentation, let overrides):
            guard let template = context.templates[name] else { return }
            var inner = context
            if let indentation { inner.indentation = (context.indentation ?? []) + Array(indentation.utf8) }
            if let overrides {
                // Blocks already in force win over the partial's own, as in swift-mustache.
                inner.overrides = context.overrides.map { $0.merging(overrides) { outer, _ in outer } } ?? overrides
            }
            render(template.nodes, context: &inner, into: &output)
        case .block(let name, let defaultNodes, let indentation):
            var inner = context
            inner.indentation = (context.indentation ?? []) + Array(indentation.utf8)
            render(context.overrides?[name] ?? defaultNodes, context: &inner, into: &output)
        }
    }

    private static func renderPushing(_ value: TemplateValue, _ body: [Node], context: inout Context, into output: inout [UInt8]) {
        context.stack.append(value)
        render(body, context: &context, into: &output)
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
