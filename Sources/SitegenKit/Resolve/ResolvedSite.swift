/// The site after validation and resolution: settings, the published articles in index order, and their URLs.
public struct ResolvedSite: Sendable {
    public var config: SiteConfig
    /// Published articles, newest first; ties by title, then slug, so the order never depends on the disk.
    public var articles: [Article]
    /// Index into `articles` by slug.
    public var articleIndex: [String: Int]
    public var assets: [AssetFile]
    public var catalog: Catalog
    /// For each article (same order as `articles`), the indices of its related articles.
    public var related: [[Int]]
    public var tags: [TagPage]

    /// The site path of an article: `/<slug>/`.
    public static func sitePath(of article: Article) -> String { sitePath(slug: article.slug) }
    public static func sitePath(slug: String) -> String { "/\(slug)/" }
}
