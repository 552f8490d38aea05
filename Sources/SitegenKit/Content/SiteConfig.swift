/// The site's settings from `Content/site.yaml`.
public struct SiteConfig: Sendable, Hashable {
    /// One entry of the main navigation.
    public struct NavigationItem: Sendable, Hashable {
        public var title: String
        /// A site path (`/tags/`) or an external address.
        public var url: String
        public var location: SourceLocation
    }

    /// A closing invitation: a heading, a sentence, and a button to a URL.
    public struct CallToAction: Sendable, Hashable {
        public var heading: String
        public var text: String
        public var buttonLabel: String
        public var url: String
    }

    /// What to do about broken internal links.
    public enum LinkPolicy: String, Sendable, Hashable {
        case error, warn
    }

    public var title: String
    public var description: String
    public var baseURL: BaseURL
    public var author: String
    public var language: String
    public var navigation: [NavigationItem]
    /// Whether raw HTML written in Markdown is kept; off by default so authors cannot inject markup.
    public var allowRawHTML: Bool
    public var relatedLinks: Int
    public var linkPolicy: LinkPolicy
    public var diagramStyle: DiagramStyle
    /// Where an article's source can be edited, ending where the articles' file names follow
    /// (`https://github.com/org/guide/edit/main/Content/articles/`); nil shows no edit link.
    public var editURL: String?
    /// What closes every article unless it says `cta: false`.
    public var callToAction: CallToAction?
    /// The site's authors from `authors.yaml`; nil when there is no such file, and then any `author:` is fine.
    public var authors: [Author]?
    /// How many articles a listing page (the index, a tag) shows before it continues on `/page/2/`.
    public var pageSize = 50
    /// How old a fact's `checked` date may be before a build asks for a review (`options.review_after_days`).
    public var reviewAfterDays = 365
    public var path: String

    public static func defaults(path: String, baseURL: BaseURL) -> SiteConfig {
        SiteConfig(title: "", description: "", baseURL: baseURL, author: "", language: "en", navigation: [],
                   allowRawHTML: false, relatedLinks: 3, linkPolicy: .error, diagramStyle: .unicode, path: path)
    }
}
