/// Text from the input made safe to print on a terminal, as every diagnostic is: a value holding ESC, CR or a
/// bidi override could otherwise erase, rewrite or reorder the line it is printed on (`author: "\e[2K\rsitegen:
/// build succeeded"`). Such characters are shown escaped (`\e`, `\r`, `\u{202E}`); everything else, letters of any
/// script included, is left as it is.
public enum TerminalText {
    /// `text` with every character a terminal would act on, rather than show, written as an escape.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\t": result += "\\t"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\u{1B}": result += "\\e"
            case "\0": result += "\\0"
            default: result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return result
    }

    /// C0 controls (a diagnostic is one line, so TAB and LF too), DEL, C1 controls (some terminals read U+009B as
    /// CSI), the line and paragraph separators, and the bidi controls that reorder a line: the marks (U+061C,
    /// U+200E, U+200F), embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069).
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
