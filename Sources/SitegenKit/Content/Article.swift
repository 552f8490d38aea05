/// One validated article: its front matter as typed values and its Markdown body.
public struct Article: Sendable, Hashable {
    /// A slug named in `related:`, with where it was written so an unknown one can be reported there.
    public struct RelatedReference: Sendable, Hashable {
        public var slug: String
        public var location: SourceLocation
    }

    /// An old URL of the article (`aliases:`), published as a redirect to its page.
    public struct Alias: Sendable, Hashable {
        /// Normalized: a leading and a trailing slash (`/old/path/`), or a file path such as `/old.html`.
        public var path: String
        public var location: SourceLocation
    }

    /// What an article says, as one value.
    struct Fields: Sendable, Hashable {
        var sourcePath: String
        var title: String
        var metaDescription: String
        var slug: String
        var slugLocation: SourceLocation
        var primaryKeyword: String
        var secondaryKeywords: [String]
        var author: String
        var authorLocation: SourceLocation?
        var date: ArticleDate
        var tags: [String]
        /// Where each of `tags` was written (empty for an article made in code), so a tag whose page another takes is reported there.
        var tagLocations: [SourceLocation]
        var related: [RelatedReference]
        var draft: Bool
        var summary: String?
        var updated: ArticleDate?
        var aliases: [Alias]
        /// Whether the site's call to action closes the article (`cta: false` turns it off).
        var showsCallToAction: Bool
        var body: Substring
        var bodyStartLine: Int
    }

    /// The fields behind one reference, copied on write. Stages put articles in lists, sort them and capture them
    /// thousands of times a build; as a plain struct of fifteen reference-counted fields every such copy cost
    /// fifteen retains and releases (about a tenth of a title-edit rebuild's samples), now one. The accessors
    /// below are written out rather than reached through `@dynamicMemberLookup`, so reads stay plain field loads.
    // Unchecked: `fields` is a var, but it is changed only through `mutate`, which copies first unless this value
    // holds the only reference — so a Storage another thread can see is never written (value semantics).
    private final class Storage: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var storage: Storage

    public init(sourcePath: String, title: String, metaDescription: String, slug: String, slugLocation: SourceLocation,
                primaryKeyword: String, secondaryKeywords: [String], author: String, date: ArticleDate, tags: [String],
                related: [RelatedReference], draft: Bool, summary: String?, updated: ArticleDate? = nil, aliases: [Alias] = [],
                showsCallToAction: Bool = true, authorLocation: SourceLocation? = nil, tagLocations: [SourceLocation] = [],
                body: Substring, bodyStartLine: Int) {
        storage = Storage(Fields(sourcePath: sourcePath, title: title, metaDescription: metaDescription, slug: slug,
                                 slugLocation: slugLocation, primaryKeyword: primaryKeyword, secondaryKeywords: secondaryKeywords,
                                 author: author, authorLocation: authorLocation, date: date, tags: tags, tagLocations: tagLocations, related: related, draft: draft, summary: summary,
                                 updated: updated, aliases: aliases, showsCallToAction: showsCallToAction,
                                 body: body, bodyStartLine: bodyStartLine))
    }

    private mutating func mutate(_ change: (inout Fields) -> Void) {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
        change(&storage.fields)
    }

    public var sourcePath: String {
        get { storage.fields.sourcePath }
        set { mutate { $0.sourcePath = newValue } }
    }
    public var title: String {
        get { storage.fields.title }
        set { mutate { $0.title = newValue } }
    }
    public var metaDescription: String {
        get { storage.fields.metaDescription }
        set { mutate { $0.metaDescription = newValue } }
    }
    public var slug: String {
        get { storage.fields.slug }
        set { mutate { $0.slug = newValue } }
    }
    public var slugLocation: SourceLocation {
        get { storage.fields.slugLocation }
        set { mutate { $0.slugLocation = newValue } }
    }
    public var primaryKeyword: String {
        get { storage.fields.primaryKeyword }
        set { mutate { $0.primaryKeyword = newValue } }
    }
    public var secondaryKeywords: [String] {
        get { storage.fields.secondaryKeywords }
        set { mutate { $0.secondaryKeywords = newValue } }
    }
    public var author: String {
        get { storage.fields.author }
        set { mutate { $0.author = newValue } }
    }
    /// Where `author:` was written, so an author missing from `authors.yaml` is reported there.
    public var authorLocation: SourceLocation? {
        get { storage.fields.authorLocation }
        set { mutate { $0.authorLocation = newValue } }
    }
    public var date: ArticleDate {
        get { storage.fields.date }
        set { mutate { $0.date = newValue } }
    }
    public var tags: [String] {
        get { storage.fields.tags }
        set { mutate { $0.tags = newValue } }
    }
    /// Where each tag was written, in the order of `tags`; empty when not known.
    public var tagLocations: [SourceLocation] {
        get { storage.fields.tagLocations }
        set { mutate { $0.tagLocations = newValue } }
    }
    public var related: [RelatedReference] {
        get { storage.fields.related }
        set { mutate { $0.related = newValue } }
    }
    public var draft: Bool {
        get { storage.fields.draft }
        set { mutate { $0.draft = newValue } }
    }
    public var summary: String? {
        get { storage.fields.summary }
        set { mutate { $0.summary = newValue } }
    }
    /// When the article last changed in substance (`updated:`), if it says.
    public var updated: ArticleDate? {
        get { storage.fields.updated }
        set { mutate { $0.updated = newValue } }
    }
    public var aliases: [Alias] {
        get { storage.fields.aliases }
        set { mutate { $0.aliases = newValue } }
    }
    public var showsCallToAction: Bool {
        get { storage.fields.showsCallToAction }
        set { mutate { $0.showsCallToAction = newValue } }
    }
    /// `updated` when given, else `date`: what feeds, JSON-LD and the sitemap call the last modification.
    public var lastModified: ArticleDate { updated ?? date }
    /// A slice of the file's text.
    public var body: Substring {
        get { storage.fields.body }
        set { mutate { $0.body = newValue } }
    }
    /// The file line where the Markdown body begins.
    public var bodyStartLine: Int {
        get { storage.fields.bodyStartLine }
        set { mutate { $0.bodyStartLine = newValue } }
    }

    public static func == (lhs: Article, rhs: Article) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.fields == rhs.storage.fields
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.fields)
    }

    /// Whether the two differ at most in their bodies: everything the resolve stage and other pages read is equal.
    public func sameOutsideBody(as other: Article) -> Bool {
        var mine = self, theirs = other
        mine.body = ""
        mine.bodyStartLine = 0
        theirs.body = ""
        theirs.bodyStartLine = 0
        return mine == theirs
    }

    /// Primary and secondary keywords, for `<meta name="keywords">`.
    public var keywords: [String] {
        var seen = Set<String>()
        return ([primaryKeyword] + secondaryKeywords).filter { !$0.isEmpty && seen.insert($0.lowercased()).inserted }
    }
}
