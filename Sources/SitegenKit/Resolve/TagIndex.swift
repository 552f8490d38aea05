/// A tag and the articles that carry it, for `/tags/<slug>/`.
public struct TagPage: Sendable, Hashable {
    public var name: String
    public var slug: String
    /// Indices into `ResolvedSite.articles`, newest first.
    public var articles: [Int]

    public var sitePath: String { "/tags/\(slug)/" }
}

/// Groups articles by tag. Tags written differently only in letter case, spaces, '-' or '_' are one tag and share a
/// page, named as first written ("Cloud Native", "cloud-native"); two different tags whose slugs agree ("C++", "C#"
/// and "c" all slug to `c`) would share one page silently, so the later one is an error naming the first.
enum TagIndex {
    static func build(_ articles: [Article]) -> (pages: [TagPage], problems: [Diagnostic]) {
        var pages: [String: TagPage] = [:]
        // The tag that first claimed each slug: its spelling key, as written, and where.
        var claims: [String: (key: String, name: String, path: String)] = [:]
        // Thousands of articles share a few dozen tags: each distinct text is made a slug and a key once.
        var slugs: [String: (slug: String, key: String)] = [:]
        var seen: [String] = []
        var problems: [Diagnostic] = []
        for position in articles.indices {
            seen.removeAll(keepingCapacity: true)
            let article = articles[position]
            for (number, tag) in article.tags.enumerated() {
                let known: (slug: String, key: String)
                if let cached = slugs[tag] {
                    known = cached
                } else {
                    known = (TagRules.slug(tag), Self.key(tag))
                    slugs[tag] = known
                }
                if let claim = claims[known.slug] {
                    if claim.key != known.key {
                        let location = number < article.tagLocations.count ? article.tagLocations[number] : SourceLocation(path: article.sourcePath)
                        let whose = claim.path == article.sourcePath ? "this article" : claim.path
                        problems.append(.error(
                            "tag '\(tag)' gets the page /tags/\(known.slug)/, which is also published by the tag '\(claim.name)' (\(whose)); "
                                + "tags that differ in more than letter case, spaces, '-' or '_' need pages of their own: write one as the other, or rename it",
                            at: location))
                        continue
                    }
                } else {
                    claims[known.slug] = (known.key, tag, article.sourcePath)
                }
                guard !seen.contains(known.slug) else { continue }
                seen.append(known.slug)
                pages[known.slug, default: TagPage(name: tag, slug: known.slug, articles: [])].articles.append(position)
            }
        }
        return (pages.values.sorted { $0.slug < $1.slug }, problems)
    }

    /// What makes two spellings one tag: letter case, and runs of spaces, '-' and '_', do not count.
    static func key(_ tag: String) -> String {
        var key = ""
        var pendingSpace = false
        for character in tag.lowercased() {
            if character.isWhitespace || character == "-" || character == "_" {
                pendingSpace = !key.isEmpty
            } else {
                if pendingSpace { key.append(" ") }
                pendingSpace = false
                key.append(character)
            }
        }
        return key
    }
}
