/// The one rule for a path a build writes, removes or keeps below the output folder, checked by every
/// `OutputTarget` whatever made the path (a route, a cache file's list of what the last build wrote): relative,
/// made of plain segments, no control character, never sitegen's own marker file. A path that breaks it is refused
/// before anything is written, so the build fails with the output as it was, rather than a file landing outside
/// the output, or a path cut at a NUL by the kernel and written over another page.
public enum OutputPath {
    /// The file that says a folder is sitegen's output (`OutputFolder`); no route may claim its name.
    public static let marker = ".sitegen"

    /// Why `path` may not be written below the output folder, or nil when it may. Cheap: one pass over the bytes.
    public static func problem(with path: String) -> String? {
        let bytes = path.utf8
        guard !bytes.isEmpty else { return "is empty" }
        if bytes.first == UInt8(ascii: "/") { return "is absolute (starts with '/'); output paths are relative to the output folder" }
        // A segment's length, and whether its bytes so far are all dots: only '.' and '..' are refused. (No array per
        // path: the preview checks every path of the site on each edit.)
        var length = 0, dots = true
        func segmentProblem() -> String? {
            if length == 0 { return "has an empty segment ('//', or a '/' at the end)" }
            if dots && length <= 2 { return "has a '\(String(repeating: ".", count: length))' segment" }
            return nil
        }
        var ascii = true
        func check(_ byte: UInt8) -> String? {
            if byte == UInt8(ascii: "/") {
                if let problem = segmentProblem() { return problem }
                (length, dots) = (0, true)
                return nil
            }
            if byte < 0x20 || byte == 0x7F { return "contains the control character \(Self.name(of: Unicode.Scalar(byte)))" }
            if byte == UInt8(ascii: "\\") { return "contains a backslash" }
            if byte >= 0x80 { ascii = false }
            length += 1
            if byte != UInt8(ascii: ".") { dots = false }
            return nil
        }
        let found: String?? = bytes.withContiguousStorageIfAvailable { buffer in
            for byte in buffer { if let problem = check(byte) { return problem } }
            return nil
        }
        if let found {
            if let found { return found }
        } else {
            for byte in bytes { if let problem = check(byte) { return problem } }
        }
        if let problem = segmentProblem() { return problem }
        // C1 controls (U+0080–U+009F) are two bytes in UTF-8; looked for only when the path is not plain ASCII.
        if !ascii, let scalar = path.unicodeScalars.first(where: { (0x80...0x9F).contains($0.value) }) {
            return "contains the control character \(Self.name(of: scalar))"
        }
        if path == marker { return "is the name of sitegen's marker file, which says the folder is sitegen's output" }
        return nil
    }

    /// `problem(with:)` as a whole message naming the path, shown escaped.
    static func refusal(_ path: String) -> String? {
        problem(with: path).map { "refused to write the output path '\(Self.escaped(path))': it \($0)" }
    }

    /// The first refusal among `paths`, or nil when every one may be written.
    static func firstRefusal(_ paths: [String]) -> String? {
        for path in paths { if let refusal = refusal(path) { return refusal } }
        return nil
    }

    /// A path as a diagnostic may show it: control characters as `\u{…}`, so a terminal shows them rather than obeys them.
    static func escaped(_ path: String) -> String {
        var text = ""
        for scalar in path.unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                text += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                text.unicodeScalars.append(scalar)
            }
        }
        return text
    }

    private static func name(of scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
