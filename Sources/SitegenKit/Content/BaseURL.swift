/// The site's public address, split so pages can link with root-relative paths under a sub-path such as `/guide/`.
public struct BaseURL: Sendable, Hashable {
    /// `https://example.com`, without a trailing slash.
    public var origin: String
    /// The path the site lives under, always starting and ending with `/` (`/` or `/guide/`).
    public var path: String

    /// Accepts `http://` and `https://` addresses; returns nil for anything else.
    public init?(_ text: String) {
        let text = text.trimmingCharacters(in: " ")
        guard let schemeEnd = text.range(of: "://") else { return nil }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        let rest = text[schemeEnd.upperBound...]
        let hostEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let host = rest[..<hostEnd]
        guard !host.isEmpty, !host.contains(where: { $0 == " " || $0 == "@" }) else { return nil }
        var path = String(rest[hostEnd...])
        if path.contains("?") || path.contains("#") { return nil }
        if path.isEmpty { path = "/" }
        if !path.hasSuffix("/") { path += "/" }
        origin = scheme + "://" + host
        self.path = path
    }

    /// The full address of a site path such as `/x/` or `x/`.
    public func absolute(_ sitePath: String) -> String {
        origin + rooted(sitePath)
    }

    /// A site path made root-relative under the base path: `/x/` becomes `/guide/x/`.
    public func rooted(_ sitePath: String) -> String {
        let trimmed = sitePath.hasPrefix("/") ? String(sitePath.dropFirst()) : sitePath
        return path + trimmed
    }

    public var description: String { origin + path }
}
