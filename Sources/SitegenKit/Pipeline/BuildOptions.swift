/// What to build and where: the CLI's flags as a plain value.
public struct BuildOptions: Sendable {
    public var contentDirectory: String
    public var templatesDirectory: String
    public var outputDirectory: String
    /// Replaces site.yaml's base_url (for previews and staging hosts).
    public var baseURL: String?
    public var includeDrafts: Bool
    /// Overrides site.yaml's `options.links`.
    public var linkPolicy: SiteConfig.LinkPolicy?
    /// Where memos are kept between runs (`.sitegen-cache` for the CLI); nil keeps nothing.
    public var cacheDirectory: String?
    /// How many bytes of articles' text a one-shot build holds from loading them to rendering their bodies; past
    /// it, each body is read again from its file when rendered, so memory stays bounded on very large sites.
    public var sourceMemoryBudget = 256 << 20
    /// The day catalog facts' ages are measured against; nil takes the newest date in the content, never the
    /// clock, so two builds of the same input report the same.
    public var asOf: ArticleDate?
    /// Stale facts are errors rather than warnings (for CI).
    public var strictFacts = false
    /// Replace the output folder even when sitegen did not make it, or it is, holds or lies inside the content,
    /// templates or cache folder (`--force`); without it such a build fails and leaves the folder alone (`OutputFolder`).
    public var force = false

    public init(contentDirectory: String = "Content", templatesDirectory: String = "Templates", outputDirectory: String = "Site",
                baseURL: String? = nil, includeDrafts: Bool = false, linkPolicy: SiteConfig.LinkPolicy? = nil, cacheDirectory: String? = nil) {
        self.cacheDirectory = cacheDirectory
        self.contentDirectory = contentDirectory
        self.templatesDirectory = templatesDirectory
        self.outputDirectory = outputDirectory
        self.baseURL = baseURL
        self.includeDrafts = includeDrafts
        self.linkPolicy = linkPolicy
    }
}

/// The outcome of a build: every diagnostic, and what was produced.
public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic]
    /// HTML pages produced (zero when the build failed).
    public var pageCount: Int
    /// Files written into the output folder.
    public var filesWritten: Int
    /// Output files made afresh rather than reused from the cache.
    public var rendered: Int = 0
    /// One-line notices about the cache folder.
    public var notes: [String] = []
    /// The session, for a caller that exits right after the build (see `SiteBuilder.releasesSession`).
    public var session: BuildSession?

    public var succeeded: Bool { !diagnostics.hasErrors }
}
