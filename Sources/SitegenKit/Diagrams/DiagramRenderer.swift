/// A diagram drawn as text, with the layout it came from.
public struct RenderedDiagram: Sendable {
    public var text: String
    var layout: DiagramLayout
    var routes: [EdgeRouter.Route]
}

/// Lays out, routes and draws a diagram, and wraps it in accessible HTML.
public enum DiagramRenderer {
    public static func render(_ description: DiagramDescription, style: DiagramStyle) -> (RenderedDiagram?, [Diagnostic]) {
        let layout = DiagramLayout(description)
        var canvas = Canvas(width: layout.width, height: layout.height)
        // Outer boxes first, so each cell ends up owned by the innermost box over it.
        for (index, placed) in layout.nodes.enumerated() where placed.node.isBox {
            canvas.drawBox(placed.frame, owner: index)
            let frame = placed.frame, node = placed.node
            let innerWidth = frame.width - 2
            var row = frame.y + 1
            if !node.title.isEmpty {
                canvas.write(node.title, x: frame.x + 1 + (innerWidth - TerminalWidth.of(node.title)) / 2, y: row)
                row += 1
            }
            for line in node.lines {
                let x = node.alignment == .left ? frame.x + 2 : frame.x + 1 + (innerWidth - TerminalWidth.of(line)) / 2
                canvas.write(line, x: x, y: row)
                row += 1
            }
        }
        let (routes, diagnostics) = EdgeRouter(layout: layout).draw(description.edges, on: &canvas)
        guard diagnostics.isEmpty else { return (nil, diagnostics) }
        return (RenderedDiagram(text: canvas.render(style), layout: layout, routes: routes), [])
    }

    /// A figure whose drawing scrolls sideways instead of wrapping, with a caption and a text alternative for screen readers.
    static func html(_ diagram: RenderedDiagram, description: DiagramDescription, id: String, caption: String?) -> String {
        let caption = caption ?? description.caption
        var html = "<figure class=\"diagram\" id=\"\(id)\">\n"
        html += "<pre class=\"diagram-art\" role=\"img\" tabindex=\"0\" aria-label=\"\(HTML.escape(textAlternative(description)))\">"
        html += HTML.escape(diagram.text) + "</pre>\n"
        if let caption, !caption.isEmpty { html += "<figcaption>\(HTML.escape(caption))</figcaption>\n" }
        return html + "</figure>\n"
    }

    /// "Diagram: Cluster contains Service A, …. Connections: Gateway to Controller, …."
    static func textAlternative(_ description: DiagramDescription) -> String {
        var names: [String: String] = [:]
        for box in description.root.boxes {
            let lines = box.lines.map { $0.hasPrefix("- ") ? String($0.dropFirst(2)) : $0 }
            let title = box.title.isEmpty ? (box.id ?? "box") : box.title
            names[box.id ?? ""] = lines.isEmpty ? title : "\(title) (\(lines.joined(separator: ", ")))"
        }
        func phrase(_ node: DiagramNode) -> String {
            let name = names[node.id ?? ""] ?? ""
            let inner = node.boxesAtTopLevel
            return inner.isEmpty ? name : "\(name), containing \(inner.map(phrase).joined(separator: "; "))"
        }
        let top = description.root.isBox ? [description.root] : description.root.boxesAtTopLevel
        var text = "Diagram. Components: " + top.map(phrase).joined(separator: ". ") + "."
        if !description.edges.isEmpty {
            let connections = description.edges.map { edge in
                let from = names[edge.from] ?? edge.from, to = names[edge.to] ?? edge.to
                return "\(from) \(edge.arrow ? "to" : "and") \(to)" + (edge.label.map { " (\($0))" } ?? "")
            }
            text += " Connections: " + connections.joined(separator: "; ") + "."
        }
        return text
    }
}

extension DiagramNode {
    /// Boxes directly inside this group, looking through nested groups.
    var boxesAtTopLevel: [DiagramNode] {
        children.flatMap { $0.isBox ? [$0] : $0.boxesAtTopLevel }
    }
}
