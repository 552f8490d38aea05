import PropertyBased
import Testing
@testable import SitegenKit

/// Random diagram descriptions, built from one seed so a failure can be replayed.
struct RandomDiagram {
    private var random: SplitMix64
    private var nextID = 0
    private(set) var ids: [String] = []
    /// For each box id, the ids of the boxes around it.
    private(set) var enclosing: [String: Set<String>] = [:]

    init(seed: Int) {
        random = SplitMix64(seed: UInt64(bitPattern: Int64(seed)) &+ 0x9E37_79B9_7F4A_7C15)
    }

    mutating func next(_ bound: Int) -> Int {
        Int(random.next() % UInt64(bound))
    }

    static let words = ["Proxy", "Control Plane", "服务", "Gateway 🚪", "DB", "A", "Ingress controller", "x"]

    mutating func node(depth: Int) -> DiagramNode {
        let location = SourceLocation(path: "random.yaml")
        let childCount = depth >= 3 ? 0 : next(4)
        let firstChildID = nextID
        let children = (0..<childCount).map { _ in node(depth: depth + 1) }
        let isBox = children.isEmpty || next(3) > 0
        var id: String?
        if isBox {
            id = "b\(nextID)"
            nextID += 1
            ids.append(id!)
            // Every box made while drawing the children is inside this one.
            for inner in firstChildID..<(nextID - 1) { enclosing["b\(inner)", default: []].insert(id!) }
        }
        let lines = isBox ? (0..<next(3)).map { _ in Self.words[next(Self.words.count)] } : []
        return DiagramNode(
            id: id, title: isBox && next(4) > 0 ? Self.words[next(Self.words.count)] : "", lines: lines,
            alignment: next(2) == 0 ? .center : .left, direction: next(2) == 0 ? .row : .column,
            children: children, location: location)
    }

    /// A random description; with `nestedEdges: false`, no edge joins a box to one inside or around it,
    /// which the renderer rightly refuses.
    mutating func description(edges edgeCount: Int, nestedEdges: Bool = true) -> DiagramDescription {
        let root = node(depth: 0)
        var edges: [DiagramEdge] = []
        if ids.count > 1 {
            for _ in 0..<edgeCount {
                let from = ids[next(ids.count)], to = ids[next(ids.count)]
                guard from != to else { continue }
                guard nestedEdges || !(enclosing[from, default: []].contains(to) || enclosing[to, default: []].contains(from)) else { continue }
                edges.append(DiagramEdge(from: from, to: to, arrow: next(2) == 0, label: next(4) == 0 ? "lbl" : nil,
                                         location: SourceLocation(path: "random.yaml")))
            }
        }
        return DiagramDescription(root: root, edges: edges, caption: nil, style: nil, location: SourceLocation(path: "random.yaml"))
    }
}

@Suite("Diagram layout properties")
struct DiagramPropertyTests {
    /// Checks the layout invariants of any drawing that succeeded.
    func checkInvariants(_ description: DiagramDescription, _ rendered: RenderedDiagram) {
        let lines = rendered.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(Set(lines.map { TerminalWidth.of(String($0)) }).count <= 1, "the drawing is rectangular")
        #expect(lines.count == rendered.layout.height)

        let layout = rendered.layout
        let boxes = layout.nodes.indices.filter { layout.nodes[$0].node.isBox }
        for a in boxes {
            for b in boxes where a < b {
                let nested = layout.lineage(of: a).contains(b) || layout.lineage(of: b).contains(a)
                if nested {
                    let (outer, inner) = layout.lineage(of: a).contains(b) ? (layout.nodes[b].frame, layout.nodes[a].frame) : (layout.nodes[a].frame, layout.nodes[b].frame)
                    #expect(inner.x > outer.x && inner.right < outer.right && inner.y > outer.y && inner.bottom < outer.bottom, "a child sits inside its parent's border")
                } else {
                    #expect(!layout.nodes[a].frame.overlaps(layout.nodes[b].frame), "boxes \(layout.nodes[a].node.id!) and \(layout.nodes[b].node.id!) overlap")
                }
            }
        }
        for (edge, route) in zip(description.edges, rendered.routes) {
            let frames = [layout.nodes[layout.boxIndex[edge.from]!].frame, layout.nodes[layout.boxIndex[edge.to]!].frame]
            func onBorder(_ point: (x: Int, y: Int), _ frame: Rect) -> Bool {
                frame.contains(x: point.x, y: point.y) && (point.x == frame.x || point.x == frame.right || point.y == frame.y || point.y == frame.bottom)
            }
            let first = route.points.first!, last = route.points.last!
            #expect((onBorder(first, frames[0]) && onBorder(last, frames[1])) || (onBorder(first, frames[1]) && onBorder(last, frames[0])),
                    "edge \(edge.from)→\(edge.to) touches both of its boxes")
        }
    }

    @Test func layoutsWithoutEdgesAlwaysDrawAndHoldTheInvariants() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...Int.max)) { seed in
            var generator = RandomDiagram(seed: seed)
            let description = generator.description(edges: 0)
            let (rendered, problems) = DiagramRenderer.render(description, style: .unicode)
            #expect(problems.isEmpty)
            if let rendered { checkInvariants(description, rendered) }
        }
    }

    @Test func withEdgesEveryDrawingIsValidOrAClearError() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...Int.max)) { seed in
            var generator = RandomDiagram(seed: seed)
            let description = generator.description(edges: 3)
            let (rendered, problems) = DiagramRenderer.render(description, style: .unicode)
            if let rendered {
                checkInvariants(description, rendered)
            } else {
                #expect(!problems.isEmpty && problems.allSatisfy { $0.location != nil && $0.isError })
            }
        }
    }

    @Test func theSameInputAlwaysGivesTheSameText() async {
        var drawn = 0, refused = 0
        await propertyCheck(count: 300, input: Gen.int(in: 0...Int.max)) { seed in
            // Without edges every random description is valid: both renders must succeed, with the same text.
            var plainFirst = RandomDiagram(seed: seed), plainSecond = RandomDiagram(seed: seed)
            let plainA = DiagramRenderer.render(plainFirst.description(edges: 0), style: .unicode)
            let plainB = DiagramRenderer.render(plainSecond.description(edges: 0), style: .unicode)
            #expect(plainA.0 != nil && plainB.0 != nil, "a diagram without edges failed to draw: \(plainA.1) \(plainB.1)")
            #expect(plainA.0?.text == plainB.0?.text)

            // With edges (never between a box and one around it) a drawing may still be refused, when an edge
            // would cross another box; then both renders must refuse, with the same errors.
            var first = RandomDiagram(seed: seed), second = RandomDiagram(seed: seed)
            let (a, aProblems) = DiagramRenderer.render(first.description(edges: 2, nestedEdges: false), style: .unicode)
            let (b, bProblems) = DiagramRenderer.render(second.description(edges: 2, nestedEdges: false), style: .unicode)
            #expect((a == nil) == (b == nil))
            #expect(a?.text == b?.text)
            #expect(aProblems == bProblems)
            if a != nil {
                drawn += 1
            } else {
                #expect(!aProblems.isEmpty && aProblems.allSatisfy { $0.location != nil && $0.isError }, "a refused drawing says why, and where")
                refused += 1
            }
        }
        // Two failures that agree prove little, so refusals must be the exception: about a third of these
        // random diagrams have an edge that would cross a box, and the rest must draw.
        #expect(drawn > refused, "only \(drawn) of \(drawn + refused) random diagrams with edges were drawn")
    }
}
