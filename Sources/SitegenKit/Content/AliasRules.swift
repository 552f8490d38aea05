/// What makes an `aliases:` entry a usable old URL of this site.
enum AliasRules {
    struct Problem: Error, Sendable {
        var reason: String
    }

    /// `/old/path/`, `old/path` → `/old/path/`; a last segment with a dot (`/old.html`) names a file and stays as it is.
    static func normalize(_ text: String) -> Result<String, Problem> {
        let trimmed = text.trimmingCharacters(in: " ")
        if trimmed.contains("://") || trimmed.hasPrefix("//") {
            return .failure(Problem(reason: "is a full URL; write the old path on this site, such as /old-guide/"))
        }
        if trimmed.contains(where: { $0.isWhitespace || $0 == "?" || $0 == "#" || $0 == "\\" }) {
            return .failure(Problem(reason: "must be a plain path without spaces, '?', '#' or '\\\\'"))
        }
        let segments = trimmed.split(separator: "/")
        if segments.isEmpty { return .failure(Problem(reason: "is the home page, which cannot redirect")) }
        if segments.contains(where: { $0 == "." || $0 == ".." }) {
            return .failure(Problem(reason: "must not contain '.' or '..' segments"))
        }
        let path = "/" + segments.joined(separator: "/")
        return .success(segments.last?.contains(".") == true ? path : path + "/")
    }
}
