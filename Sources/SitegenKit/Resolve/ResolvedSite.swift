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

    /// An author's articles, newest first (indices into `articles`).
    public func articles(by author: Author) -> [Int] { articles.indices.filter { articles[$0].author == author.name } }

    /// The site path of an article: `/<slug>/`.
    public static func sitePath(of article: Article) -> String { sitePath(slug: article.slug) }
    public static func sitePath(slug: String) -> String { "/\(slug)/" }
}
