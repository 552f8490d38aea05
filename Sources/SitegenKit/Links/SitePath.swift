/// Path arithmetic shared by link rewriting, link checking and the preview server.
///
/// Paths are split on the byte `/`, never on Characters: a combining mark after a slash joins it into one
/// grapheme, so Character-based splitting would miss that separator (the fuzzer found this).
enum SitePath {
    static let slash = UInt8(ascii: "/")

    /// The segments between slashes, empty ones dropped.
    static func segments(_ path: String) -> [String] {
        path.utf8.split(separator: slash, omittingEmptySubsequences: true).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Resolves `.` and `..` segments; `..` never climbs above a rooted start. Keeps a leading and a trailing `/`.
    static func normalize(_ path: String) -> String {
        isNormal(path) ? path : resolvingSegments(path)
    }

    /// `normalize` without the shortcut: what the shortcut is tested against.
    static func resolvingSegments(_ path: String) -> String {
        let rooted = path.utf8.first == slash
        var segments: [String] = []
        for segment in Self.segments(path) {
            if segment == "." { continue }
            if segment == ".." {
                if let last = segments.last, last != ".." { segments.removeLast() } else if !rooted { segments.append(segment) }
                continue
            }
            segments.append(segment)
        }
        let last = Self.segments(path).last
        let trailing = path.utf8.last == slash || last == "." || last == ".."
        let joined = (rooted ? "/" : "") + segments.joined(separator: "/")
        if joined.isEmpty || joined == "/" { return rooted ? "/" : "" }
        return trailing ? joined + "/" : joined
    }

    /// Whether `normalize` would return the path as it is: no empty segment inside it, no `.` or `..` segment.
    /// Most paths are, and checking costs no allocation (a large build normalises every article's path).
    static func isNormal(_ path: String) -> Bool {
        var previous: UInt8 = 0, length = 0, dots = 0
        for byte in path.utf8 {
            if byte == slash {
                if previous == slash || (length > 0 && dots == length) { return false }
                length = 0
                dots = 0
            } else {
                length += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
            previous = byte
        }
        return !(length > 0 && dots == length)
    }

    /// `page.md#part` → (`page.md`, `#part`); the suffix keeps a query or fragment as written.
    static func splitSuffix(_ destination: String) -> (String, String) {
        guard let index = destination.utf8.firstIndex(where: { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "?") }) else {
            return (destination, "")
        }
        return (String(destination[..<index]), String(destination[index...]))
    }
}
