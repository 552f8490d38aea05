/// A grid of character cells that boxes, lines and text are drawn on. Lines are kept as direction
/// masks, so wherever lines meet the right junction (┬ ┼ ├ …) is chosen when the grid becomes text.
struct Canvas: Sendable {
    /// Directions a line leaves a cell in.
    struct Directions: OptionSet, Hashable, Sendable {
        let rawValue: UInt8
        static let up = Directions(rawValue: 1)
        static let down = Directions(rawValue: 2)
        static let left = Directions(rawValue: 4)
        static let right = Directions(rawValue: 8)
        static let vertical: Directions = [.up, .down]
        static let horizontal: Directions = [.left, .right]
    }

    enum Arrow: Sendable {
        case up, down, left, right
    }

    enum Cell: Sendable, Equatable {
        case empty
        case text(Character)
        /// The second column of a wide character.
        case continuation
        case line(Directions)
        case arrow(Arrow)
    }

    let width: Int
    let height: Int
    private(set) var cells: [Cell]
    /// The innermost box covering each cell, so routing can tell which box a line would enter.
    private(set) var owners: [Int?]
    /// The border directions boxes drew, to tell a line crossing a border from one running along it.
    private(set) var borders: [Directions]

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        cells = Array(repeating: .empty, count: width * height)
        owners = Array(repeating: nil, count: width * height)
        borders = Array(repeating: [], count: width * height)
    }

    func cell(_ x: Int, _ y: Int) -> Cell { cells[y * width + x] }
    func owner(_ x: Int, _ y: Int) -> Int? { owners[y * width + x] }
    func border(_ x: Int, _ y: Int) -> Directions { borders[y * width + x] }
    func inside(_ x: Int, _ y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    var isText: (Int, Int) -> Bool {
        { x, y in
            switch self.cell(x, y) {
            case .text, .continuation: true
            default: false
            }
        }
    }

    /// Draws a box's border and claims its cells; boxes are drawn outermost first.
    mutating func drawBox(_ frame: Rect, owner: Int) {
        for y in frame.y...frame.bottom {
            for x in frame.x...frame.right { owners[y * width + x] = owner }
        }
        for x in frame.x...frame.right {
            var top: Directions = [], bottom: Directions = []
            if x > frame.x { top.insert(.left); bottom.insert(.left) }
            if x < frame.right { top.insert(.right); bottom.insert(.right) }
            if x == frame.x || x == frame.right { top.insert(.down); bottom.insert(.up) }
            setBorder(x, frame.y, top)
            setBorder(x, frame.bottom, bottom)
        }
        if frame.height > 2 {
            for y in (frame.y + 1)..<frame.bottom {
                setBorder(frame.x, y, .vertical)
                setBorder(frame.right, y, .vertical)
            }
        }
    }

    private mutating func setBorder(_ x: Int, _ y: Int, _ directions: Directions) {
        cells[y * width + x] = .line(directions)
        borders[y * width + x] = directions
    }

    /// Writes text from column `x`; wide characters take two cells.
    mutating func write(_ text: String, x: Int, y: Int) {
        var column = x
        for character in text {
            let columns = TerminalWidth.of(character)
            guard columns > 0, inside(column + columns - 1, y) else { continue }
            cells[y * width + column] = .text(character)
            if columns == 2 { cells[y * width + column + 1] = .continuation }
            column += columns
        }
    }

    /// Adds line directions to a cell, joining whatever line is already there.
    mutating func addLine(_ x: Int, _ y: Int, _ directions: Directions) {
        switch cells[y * width + x] {
        case .line(let existing): cells[y * width + x] = .line(existing.union(directions))
        case .empty: cells[y * width + x] = .line(directions)
        default: break
        }
    }

    mutating func setArrow(_ x: Int, _ y: Int, _ arrow: Arrow) {
        cells[y * width + x] = .arrow(arrow)
    }

    /// The grid as lines of text, every line the same width in terminal columns.
    func render(_ style: DiagramStyle) -> String {
        var output = ""
        for y in 0..<height {
            for x in 0..<width {
                switch cell(x, y) {
                case .empty: output.append(" ")
                case .text(let character): output.append(character)
                case .continuation: break
                case .line(let directions): output.append(Self.character(for: directions, style))
                case .arrow(let arrow): output.append(Self.character(for: arrow, style))
                }
            }
            output.append("\n")
        }
        return output
    }

    static func character(for directions: Directions, _ style: DiagramStyle) -> Character {
        let vertical = directions.intersection(.vertical), horizontal = directions.intersection(.horizontal)
        if style == .ascii {
            if horizontal.isEmpty { return "|" }
            if vertical.isEmpty { return "-" }
            return "+"
        }
        switch (vertical, horizontal) {
        case (_, []): return "│"
        case ([], _): return "─"
        case (.down, .right): return "┌"
        case (.down, .left): return "┐"
        case (.up, .right): return "└"
        case (.up, .left): return "┘"
        case (.vertical, .right): return "├"
        case (.vertical, .left): return "┤"
        case (.down, .horizontal): return "┬"
        case (.up, .horizontal): return "┴"
        default: return "┼"
        }
    }

    static func character(for arrow: Arrow, _ style: DiagramStyle) -> Character {
        switch (arrow, style) {
        case (.up, .unicode): "▲"
        case (.down, .unicode): "▼"
        case (.left, .unicode): "◀"
        case (.right, .unicode): "▶"
        case (.up, .ascii): "^"
        case (.down, .ascii): "v"
        case (.left, .ascii): "<"
        case (.right, .ascii): ">"
        }
    }
}
