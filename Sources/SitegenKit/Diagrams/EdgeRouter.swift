/// Routes each edge along rows and columns of free space: straight down or across where the boxes
/// face each other, otherwise down, along the gap above the lower box, and down again.
struct EdgeRouter {
    let layout: DiagramLayout

    /// The cells an edge was drawn through, for tests that check it touches both of its boxes.
    struct Route: Sendable {
        var points: [(x: Int, y: Int)]
    }

    /// Draws every edge onto `canvas`; an edge that would cross another box or text is an error at its line.
    func draw(_ edges: [DiagramEdge], on canvas: inout Canvas) -> ([Route], [Diagnostic]) {
        var routes: [Route] = []
        var diagnostics: [Diagnostic] = []
        for edge in edges {
            switch route(edge, on: canvas) {
            case .success(let plan):
                apply(plan, to: &canvas)
                routes.append(Route(points: plan.points))
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
            }
        }
        return (routes, diagnostics)
    }

    private struct Plan {
        var points: [(x: Int, y: Int)]
        var arrow: (x: Int, y: Int, Canvas.Arrow)?
        var label: (text: String, x: Int, y: Int)?
    }

    private func route(_ edge: DiagramEdge, on canvas: Canvas) -> Result<Plan, Diagnostic> {
        guard let fromIndex = layout.boxIndex[edge.from], let toIndex = layout.boxIndex[edge.to] else {
            return .failure(.error("edge between unknown boxes '\(edge.from)' and '\(edge.to)'", at: edge.location))
        }
        let fromLineage = layout.lineage(of: fromIndex), toLineage = layout.lineage(of: toIndex)
        if fromLineage.contains(toIndex) || toLineage.contains(fromIndex) {
            return .failure(.error("an edge cannot join box '\(edge.from)' to '\(edge.to)', which contains it or is inside it", at: edge.location))
        }
        let a = layout.nodes[fromIndex].frame, b = layout.nodes[toIndex].frame
        var plan: Plan
        if a.bottom < b.y || b.bottom < a.y {
            let downward = a.bottom < b.y
            let (upper, lower) = downward ? (fromIndex, toIndex) : (toIndex, fromIndex)
            guard let vertical = verticalRoute(upper: upper, lower: lower) else {
                return .failure(.error("no room to draw the edge from '\(edge.from)' to '\(edge.to)'", at: edge.location))
            }
            plan = Plan(points: vertical.points)
            if edge.arrow {
                let end = downward ? vertical.points.last! : vertical.points.first!
                plan.arrow = (end.x, end.y, downward ? .down : .up)
            }
            if let label = edge.label {
                // Beside the first vertical stretch: to its right, or to its left where the drawing ends.
                let x = vertical.points[0].x, width = TerminalWidth.of(label)
                plan.label = (label, x + 2 + width <= layout.width ? x + 2 : x - 1 - width, vertical.gapRow - 1)
            }
        } else if max(a.y, b.y) + 1 <= min(a.bottom, b.bottom) - 1, a.right < b.x || b.right < a.x {
            let y = max(a.y, b.y) + 1
            let (left, right) = a.right < b.x ? (a, b) : (b, a)
            plan = Plan(points: [(left.right, y), (right.x, y)])
            if edge.arrow {
                plan.arrow = a.right < b.x ? (right.x - 1, y, .right) : (left.right + 1, y, .left)
            }
            if let label = edge.label {
                guard right.x - left.right - 1 >= TerminalWidth.of(label) + 4 else {
                    return .failure(.error(
                        "no room for the label of the edge from '\(edge.from)' to '\(edge.to)'; labels fit between neighbouring boxes",
                        at: edge.location))
                }
                plan.label = (" \(label) ", left.right + 2, y)
            }
        } else {
            return .failure(.error(
                "cannot draw the edge from '\(edge.from)' to '\(edge.to)': place the boxes side by side in a row or one above the other",
                at: edge.location))
        }
        if let problem = obstruction(plan, allowed: Set(fromLineage + toLineage), on: canvas) {
            return .failure(.error("the edge from '\(edge.from)' to '\(edge.to)' \(problem)", at: edge.location))
        }
        return .success(plan)
    }

    /// Points from the upper box's bottom border to the lower box's top border, and the gap row used for any jog.
    private func verticalRoute(upper: Int, lower: Int) -> (points: [(x: Int, y: Int)], gapRow: Int)? {
        let a = layout.nodes[upper].frame, b = layout.nodes[lower].frame
        let upperLineage = Set(layout.lineage(of: upper))
        // The outermost ancestor of the lower box that the upper box is not inside: the gap above it is free space.
        var gapRow = b.y - 1
        for index in layout.lineage(of: lower) where !upperLineage.contains(index) {
            let top = layout.nodes[index].frame.y
            if top - 1 > a.bottom { gapRow = top - 1 }
        }
        guard gapRow > a.bottom else { return nil }
        let interiorB = (b.x + 1)...(b.right - 1), interiorA = (a.x + 1)...(a.right - 1)
        if interiorB.contains(a.centerX) {
            return ([(a.centerX, a.bottom), (a.centerX, b.y)], gapRow)
        }
        if interiorA.contains(b.centerX) {
            return ([(b.centerX, a.bottom), (b.centerX, b.y)], gapRow)
        }
        return ([(a.centerX, a.bottom), (a.centerX, gapRow), (b.centerX, gapRow), (b.centerX, b.y)], gapRow)
    }

    /// Every cell a plan draws on, with the direction the line moves through it.
    private func cells(of plan: Plan) -> [(x: Int, y: Int, Canvas.Directions)] {
        var result: [(x: Int, y: Int, Canvas.Directions)] = []
        for (start, end) in zip(plan.points, plan.points.dropFirst()) {
            let dx = (end.x - start.x).signum(), dy = (end.y - start.y).signum()
            var x = start.x, y = start.y
            while x != end.x || y != end.y {
                let forward: Canvas.Directions = dx > 0 ? .right : dx < 0 ? .left : dy > 0 ? .down : .up
                let backward: Canvas.Directions = dx > 0 ? .left : dx < 0 ? .right : dy > 0 ? .up : .down
                result.append((x, y, forward))
                x += dx
                y += dy
                result.append((x, y, backward))
            }
        }
        return result
    }

    /// Why the plan cannot be drawn, or nil when it only crosses free space and the borders of its own boxes' ancestors.
    private func obstruction(_ plan: Plan, allowed: Set<Int>, on canvas: Canvas) -> String? {
        let path = cells(of: plan)
        let first = plan.points.first!, last = plan.points.last!
        for (x, y, _) in path {
            guard canvas.inside(x, y) else { return "leaves the drawing" }
            if canvas.isText(x, y) { return "would cross the text at column \(x + 1), row \(y + 1)" }
            if let owner = canvas.owner(x, y), !allowed.contains(owner) {
                return "would cross box '\(layout.nodes[owner].node.id ?? "?")'"
            }
            let isEnd = (x == first.x && y == first.y) || (x == last.x && y == last.y)
            let border = canvas.border(x, y)
            if !isEnd && !border.isEmpty && border != .horizontal && border != .vertical {
                return "would run through a corner of a box"
            }
        }
        // A line may cross a border, never run along one.
        for (x, y, direction) in path where !canvas.border(x, y).isEmpty {
            let isEnd = (x == first.x && y == first.y) || (x == last.x && y == last.y)
            if !isEnd && canvas.border(x, y).contains(direction) { return "would run along the border of a box" }
        }
        if let label = plan.label {
            var x = label.x
            for character in label.text {
                for column in x..<(x + TerminalWidth.of(character)) {
                    guard canvas.inside(column, label.y), canvas.cell(column, label.y) == .empty || path.contains(where: { $0.x == column && $0.y == label.y }),
                          canvas.owner(column, label.y).map(allowed.contains) ?? true
                    else { return "has no room for its label" }
                }
                x += TerminalWidth.of(character)
            }
        }
        return nil
    }

    private func apply(_ plan: Plan, to canvas: inout Canvas) {
        for (x, y, direction) in cells(of: plan) { canvas.addLine(x, y, direction) }
        if let arrow = plan.arrow { canvas.setArrow(arrow.x, arrow.y, arrow.2) }
        if let label = plan.label { canvas.write(label.text, x: label.x, y: label.y) }
    }
}
