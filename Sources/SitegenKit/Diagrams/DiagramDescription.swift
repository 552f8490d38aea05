/// A box-and-line diagram as data: nested boxes laid out in rows and columns, and edges between boxes.
public struct DiagramDescription: Sendable, Hashable {
    public var root: DiagramNode
    public var edges: [DiagramEdge]
    public var caption: String?
    /// Overrides the site's style for this diagram.
    public var style: DiagramStyle?
    public var location: SourceLocation
}

/// Box-drawing characters (┌─┐) or plain ASCII (+-|).
public enum DiagramStyle: String, Sendable, Hashable, CaseIterable {
    case unicode, ascii
}

/// A box with a border, or an invisible group that only arranges its children.
public struct DiagramNode: Sendable, Hashable {
    public enum Direction: String, Sendable, Hashable {
        case row, column
    }

    public enum Alignment: String, Sendable, Hashable {
        case center, left
    }

    /// Boxes have ids, so edges can name them; groups do not.
    public var id: String?
    public var title: String
    public var lines: [String]
    public var alignment: Alignment
    public var direction: Direction
    public var children: [DiagramNode]
    public var location: SourceLocation

    public var isBox: Bool { id != nil }

    /// Every box in this subtree, depth first.
    var boxes: [DiagramNode] {
        (isBox ? [self] : []) + children.flatMap(\.boxes)
    }
}

/// A line between two boxes, optionally with an arrowhead at `to` and a label.
public struct DiagramEdge: Sendable, Hashable {
    public var from: String
    public var to: String
    public var arrow: Bool
    public var label: String?
    public var location: SourceLocation
}
