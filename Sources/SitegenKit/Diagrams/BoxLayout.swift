/// A rectangle on the character grid; `x`/`y` are the top-left cell, sizes in terminal columns and rows.
struct Rect: Hashable, Sendable {
    var x: Int
    var y: Int
    var width: Int
    var height: Int

    var right: Int { x + width - 1 }
    var bottom: Int { y + height - 1 }
    var centerX: Int { x + (width - 1) / 2 }

    func contains(x px: Int, y py: Int) -> Bool { px >= x && px <= right && py >= y && py <= bottom }

    func overlaps(_ other: Rect) -> Bool {
        x <= other.right && other.x <= right && y <= other.bottom && other.y <= bottom
    }
}

/// A node of the diagram with its place on the grid; groups have frames too, for routing between them.
struct PlacedNode: Sendable {
    var node: DiagramNode
    var frame: Rect
    /// Index of the enclosing node in `DiagramLayout.nodes`.
    var parent: Int?
}

/// Sizes and positions every box: rows place children side by side, columns stack them centred.
/// Gaps leave room for edges: two columns between neighbours in a row (more for a label), one row in a column (three for a label).
struct DiagramLayout: Sendable {
    var nodes: [PlacedNode]
    var width: Int
    var height: Int
    /// Box id → index into `nodes`.
    var boxIndex: [String: Int]

    static let rowGap = 2
    static let columnGap = 1

    init(_ description: DiagramDescription) {
        var gaps = GapPlan(description)
        var sizes: [[Int]: (Int, Int)] = [:]
        let size = Self.measure(description.root, path: [], gaps: &gaps, sizes: &sizes)
        nodes = []
        boxIndex = [:]
        width = size.0
        height = size.1
        place(description.root, path: [], at: (0, 0), parent: nil, gaps: gaps, sizes: sizes)
    }

    /// Width and height of a node, memoised by its path of child indices.
    private static func measure(_ node: DiagramNode, path: [Int], gaps: inout GapPlan, sizes: inout [[Int]: (Int, Int)]) -> (Int, Int) {
        var block = (0, 0)
        for (index, child) in node.children.enumerated() {
            let size = measure(child, path: path + [index], gaps: &gaps, sizes: &sizes)
            let gap = index == 0 ? 0 : gaps.gap(in: path, before: index, direction: node.direction)
            if node.direction == .row {
                block = (block.0 + gap + size.0, max(block.1, size.1))
            } else {
                block = (max(block.0, size.0), block.1 + gap + size.1)
            }
        }
        var size = block
        if node.isBox {
            let hasText = !node.title.isEmpty || !node.lines.isEmpty
            let textWidth = ([node.title] + node.lines).map(TerminalWidth.of).max() ?? 0
            let innerWidth = max(hasText ? textWidth + 2 : 2, node.children.isEmpty ? 0 : block.0 + 2)
            var innerHeight = (node.title.isEmpty ? 0 : 1) + node.lines.count
            if !node.children.isEmpty { innerHeight += (hasText ? 0 : 1) + block.1 + 1 }
            size = (innerWidth + 2, max(innerHeight, 1) + 2)
        }
        sizes[path] = size
        return size
    }

    private mutating func place(_ node: DiagramNode, path: [Int], at origin: (Int, Int), parent: Int?, gaps: GapPlan, sizes: [[Int]: (Int, Int)]) {
        let size = sizes[path] ?? (0, 0)
        let index = nodes.count
        nodes.append(PlacedNode(node: node, frame: Rect(x: origin.0, y: origin.1, width: size.0, height: size.1), parent: parent))
        if let id = node.id { boxIndex[id] = index }
        guard !node.children.isEmpty else { return }

        let childSizes = node.children.indices.map { sizes[path + [$0]] ?? (0, 0) }
        let gapList = node.children.indices.map { $0 == 0 ? 0 : gaps.gap(in: path, before: $0, direction: node.direction) }
        let blockWidth = node.direction == .row
            ? childSizes.map(\.0).reduce(0, +) + gapList.reduce(0, +)
            : childSizes.map(\.0).max() ?? 0
        var cursor = origin
        if node.isBox {
            let hasText = !node.title.isEmpty || !node.lines.isEmpty
            let innerWidth = size.0 - 2
            cursor = (origin.0 + 1 + (innerWidth - blockWidth) / 2,
                      origin.1 + 1 + (node.title.isEmpty ? 0 : 1) + node.lines.count + (hasText ? 0 : 1))
        }
        for (childIndex, child) in node.children.enumerated() {
            let childSize = childSizes[childIndex]
            if node.direction == .row {
                cursor.0 += gapList[childIndex]
                place(child, path: path + [childIndex], at: cursor, parent: index, gaps: gaps, sizes: sizes)
                cursor.0 += childSize.0
            } else {
                cursor.1 += gapList[childIndex]
                let x = cursor.0 + (blockWidth - childSize.0) / 2
                place(child, path: path + [childIndex], at: (x, cursor.1), parent: index, gaps: gaps, sizes: sizes)
                cursor.1 += childSize.1
            }
        }
    }

    /// Indices of a node and all its ancestors.
    func lineage(of index: Int) -> [Int] {
        var result = [index]
        var current = nodes[index].parent
        while let parent = current {
            result.append(parent)
            current = nodes[parent].parent
        }
        return result
    }
}

/// Where edge labels need wider gaps between neighbouring subtrees.
private struct GapPlan {
    /// Container path → child index → extra room needed before that child.
    private var wide: [[Int]: [Int: Int]] = [:]

    init(_ description: DiagramDescription) {
        var paths: [String: [Int]] = [:]
        func collect(_ node: DiagramNode, _ path: [Int]) {
            if let id = node.id { paths[id] = path }
            for (index, child) in node.children.enumerated() { collect(child, path + [index]) }
        }
        collect(description.root, [])
        for edge in description.edges {
            guard let label = edge.label, let a = paths[edge.from], let b = paths[edge.to] else { continue }
            var common = 0
            while common < min(a.count, b.count) && a[common] == b[common] { common += 1 }
            guard common < a.count, common < b.count, abs(a[common] - b[common]) == 1 else { continue }
            let container = Array(a.prefix(common))
            let before = max(a[common], b[common])
            let needed = TerminalWidth.of(label) + 4
            wide[container, default: [:]][before] = max(wide[container]?[before] ?? 0, needed)
        }
    }

    func gap(in container: [Int], before index: Int, direction: DiagramNode.Direction) -> Int {
        let labelled = wide[container]?[index]
        switch direction {
        case .row: return max(DiagramLayout.rowGap, labelled ?? 0)
        case .column: return labelled == nil ? DiagramLayout.columnGap : 3
        }
    }
}
