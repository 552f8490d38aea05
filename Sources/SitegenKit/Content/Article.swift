/// One validated article: its front matter as typed values and its Markdown body.
public struct Article: Sendable, Hashable {
    /// A slug named in `related:`, with where it was written so an unknown one can be reported there.
    public struct RelatedReference: Sendable, Hashable {
        public var slug: String
        public var location: SourceLocation
    }

    public var sourcePath: String
    public var title: String
    public var metaDescription: String
    public var slug: String
    public var slugLocation: SourceLocation
    public var primaryKeyword: String
    public var secondaryKeywords: [String]
    public var author: String
    public var date: ArticleDate
    public var tags: [String]
    public var related: [RelatedReference]
    public var draft: Bool
    public var summary: String?
    /// A slice of the file's text.
    public var body: Substring
    /// The file line where the Markdown body begins.
    public var bodyStartLine: Int

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
