/// Path arithmetic shared by link rewriting and checking.
enum SitePath {
    /// Resolves `.` and `..` segments; `..` never climbs above the start. Keeps a leading and a trailing `/`.
    static func normalize(_ path: String) -> String {
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            if segment == ".." {
                if let last = segments.last, last != ".." { segments.removeLast() } else if !path.hasPrefix("/") { segments.append(segment) }
                continue
            }
            segments.append(segment)
        }
        let trailing = path.hasSuffix("/") || path.hasSuffix("/.") || path.hasSuffix("/..")
        let joined = (path.hasPrefix("/") ? "/" : "") + segments.joined(separator: "/")
        return trailing && !joined.isEmpty && joined != "/" ? joined + "/" : (joined.isEmpty ? "/" : joined)
    }

    /// `page.md#part` → (`page.md`, `#part`); the suffix keeps a query or fragment as written.
    static func splitSuffix(_ destination: String) -> (String, String) {
        guard let index = destination.firstIndex(where: { $0 == "#" || $0 == "?" }) else { return (destination, "") }
        return (String(destination[..<index]), String(destination[index...]))
    }
}
