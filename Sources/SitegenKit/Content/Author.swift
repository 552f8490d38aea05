/// A person who writes for the site, from `Content/authors.yaml`: shown in an author box under each of their
/// articles, and on their own page listing them.
public struct Author: Sendable, Hashable {
    /// As articles write it in `author:`.
    public var name: String
    /// The page's folder: `/authors/<id>/`.
    public var id: String
    public var role: String?
    public var bio: String?
    /// Their own page elsewhere (a profile, a company page).
    public var url: String?

    public var sitePath: String { "/authors/\(id)/" }
}
