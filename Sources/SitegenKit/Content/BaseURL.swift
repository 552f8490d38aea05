/// The site's public address, split so pages can link with root-relative paths under a sub-path such as `/guide/`.
public struct BaseURL: Sendable, Hashable {
    /// `https://example.com`, without a trailing slash.
    public var origin: String
    /// The path the site lives under, always starting and ending with `/` (`/` or `/guide/`).
    public var path: String

    init(origin: String, path: String) {
        self.origin = origin
        self.path = path
    }

    /// Accepts what `URLPolicy.baseURL` accepts: an `http://` or `https://` address with a plain host, a port from
    /// 1 to 65535 and a clean path; returns nil for anything else.
    public init?(_ text: String) {
        guard case .success(let url) = URLPolicy.baseURL(text) else { return nil }
        self = url
    }

    /// The full address of a site path such as `/x/` or `x/`.
    public func absolute(_ sitePath: String) -> String {
        origin + rooted(sitePath)
    }

    /// A site path made root-relative under the base path: `/x/` becomes `/guide/x/`. Every leading slash is dropped,
    /// so no path can come out as `//host/…`, which browsers read as another site.
    public func rooted(_ sitePath: String) -> String {
        guard sitePath.utf8.first == UInt8(ascii: "/") else { return path + sitePath }
        return path + sitePath.drop(while: { $0 == "/" })
    }

    public var description: String { origin + path }
}
