/// What a highlighted span is: one small set shared by every language, each a `tok-<name>` class the stylesheet colours.
enum TokenKind: UInt8, CaseIterable, Sendable {
    case comment, string, number
    /// `true`, `false`, `null` and their kin.
    case literal
    case keyword
    /// A mapping key: YAML and JSON keys, HCL attribute names, Dockerfile `LABEL` keys.
    case key
    case variable
    /// A function, or a name being declared: Go and shell functions.
    case function
    /// The command word of a shell command.
    case command
    /// A type, or the name of a block or build stage (HCL labels, Dockerfile `AS` names).
    case type
    /// A command-line option such as `--namespace` or `-n`.
    case flag
    case punct
    /// A console prompt, which readers copy without.
    case prompt
    /// A YAML tag such as `!!str`.
    case tag
    /// A YAML anchor or alias (`&base`, `*base`).
    case anchor

    /// The class name, as the stylesheet spells it.
    var className: String { "tok-\(self)" }

    /// `<span class="tok-…">` for each kind, made once so writing a token copies bytes.
    static let openingTags: [[UInt8]] = allCases.map { Array("<span class=\"\($0.className)\">".utf8) }
    static let closingTag: [UInt8] = Array("</span>".utf8)
}
