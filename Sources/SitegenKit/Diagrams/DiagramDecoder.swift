import Yams

/// Reads a diagram description from YAML, reporting every problem at its node.
enum DiagramDecoder {
    static let nodeKeys = ["box", "title", "lines", "align", "row", "column"]
    static let descriptionKeys = ["caption", "style", "edges"] + nodeKeys
    static let edgeKeys = ["from", "to", "arrow", "label"]
    /// Deeper nesting than this is refused, so hostile input cannot exhaust the stack.
    static let maximumDepth = 24

    /// `extraKeys` are keys the caller reads itself (a directive's `id`), allowed alongside the description's.
    static func decode(_ map: YAMLMap, extraKeys: [String] = [], _ diagnostics: inout [Diagnostic]) -> DiagramDescription? {
        let errorsBefore = diagnostics.filter(\.isError).count
        map.rejectUnknownKeys(descriptionKeys + extraKeys, in: "a diagram", &diagnostics)
        let caption = map.string("caption", &diagnostics)
        var style: DiagramStyle?
        if let text = map.string("style", &diagnostics) {
            style = DiagramStyle(rawValue: text)
            if style == nil, let node = map.value("style") {
                diagnostics.append(.error("style must be unicode or ascii", at: map.location(of: node)))
            }
        }
        guard let root = node(map, depth: 0, checkKeys: false, &diagnostics) else { return nil }
        let boxes = root.boxes
        if boxes.isEmpty {
            diagnostics.append(.error("the diagram is empty: it needs at least one box (a mapping with 'box: <id>')", at: map.location))
            return nil
        }
        checkIds(root, ancestors: [], seen: [:], &diagnostics)

        var edges: [DiagramEdge] = []
        let ids = boxes.compactMap(\.id)
        for item in map.mapList("edges", &diagnostics) ?? [] {
            item.rejectUnknownKeys(edgeKeys, in: "an edge", &diagnostics)
            let from = item.string("from", required: true, &diagnostics)
            let to = item.string("to", required: true, &diagnostics)
            for (key, id) in [("from", from), ("to", to)] {
                if let id, !ids.contains(id), let node = item.value(key) {
                    diagnostics.append(.error(
                        "edge \(key) unknown box '\(id)'\(Suggestion.hint(for: id, in: ids)); boxes are: \(ids.joined(separator: ", "))",
                        at: item.location(of: node)))
                }
            }
            if let from, let to, from == to {
                diagnostics.append(.error("an edge cannot join box '\(from)' to itself", at: item.location))
            }
            let arrow = item.bool("arrow", &diagnostics) ?? false
            let label = item.string("label", &diagnostics)
            if let from, let to { edges.append(DiagramEdge(from: from, to: to, arrow: arrow, label: label, location: item.location)) }
        }
        guard diagnostics.filter(\.isError).count == errorsBefore else { return nil }
        return DiagramDescription(root: root, edges: edges, caption: caption, style: style, location: map.location)
    }

    private static func node(_ map: YAMLMap, depth: Int, checkKeys: Bool, _ diagnostics: inout [Diagnostic]) -> DiagramNode? {
        if depth > maximumDepth {
            diagnostics.append(.error("the diagram is nested more than \(maximumDepth) levels deep", at: map.location))
            return nil
        }
        if checkKeys { map.rejectUnknownKeys(nodeKeys, in: "a diagram box", &diagnostics) }
        let id = map.value("box") == nil ? nil : map.identifier("box", &diagnostics)
        let title = map.string("title", &diagnostics) ?? ""
        let lines = map.texts("lines", &diagnostics)
        var alignment = DiagramNode.Alignment.center
        if let text = map.string("align", &diagnostics) {
            if let value = DiagramNode.Alignment(rawValue: text) {
                alignment = value
            } else if let node = map.value("align") {
                diagnostics.append(.error("align must be center or left", at: map.location(of: node)))
            }
        }
        if map.value("row") != nil && map.value("column") != nil {
            diagnostics.append(.error("a box lays its children out in a row or a column, not both", at: map.location))
        }
        let direction: DiagramNode.Direction = map.value("row") != nil ? .row : .column
        var children: [DiagramNode] = []
        if let list = map.mapList(direction.rawValue, &diagnostics) {
            children = list.compactMap { node($0, depth: depth + 1, checkKeys: true, &diagnostics) }
        }
        if id == nil && map.value("box") == nil {
            if !title.isEmpty || !lines.isEmpty {
                diagnostics.append(.error("a box with a title or lines needs an id: add 'box: <id>'", at: map.location))
            } else if children.isEmpty && depth > 0 {
                diagnostics.append(.error("this item is neither a box ('box: <id>') nor a row or column of boxes", at: map.location))
            }
        }
        return DiagramNode(id: id, title: title, lines: lines, alignment: alignment, direction: direction, children: children, location: map.location)
    }

    /// A box reusing an ancestor's id would be drawn inside itself; any other reuse makes edges ambiguous.
    private static func checkIds(_ node: DiagramNode, ancestors: [String], seen: [String: SourceLocation], _ diagnostics: inout [Diagnostic]) {
        var seen = seen
        walk(node, ancestors: ancestors, seen: &seen, &diagnostics)
    }

    private static func walk(_ node: DiagramNode, ancestors: [String], seen: inout [String: SourceLocation], _ diagnostics: inout [Diagnostic]) {
        var ancestors = ancestors
        if let id = node.id {
            if ancestors.contains(id) {
                diagnostics.append(.error("box '\(id)' is inside itself", at: node.location))
            } else if let first = seen[id] {
                diagnostics.append(.error("box id '\(id)' is used twice (first at line \(first.line))", at: node.location))
            }
            seen[id] = seen[id] ?? node.location
            ancestors.append(id)
        }
        for child in node.children { walk(child, ancestors: ancestors, seen: &seen, &diagnostics) }
    }
}
