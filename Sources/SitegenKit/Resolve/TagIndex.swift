/// A tag and the articles that carry it, for `/tags/<slug>/`.
public struct TagPage: Sendable, Hashable {
    public var name: String
    public var slug: String
    /// Indices into `ResolvedSite.articles`, newest first.
    public var articles: [Int]

    public var sitePath: String { "/tags/\(slug)/" }
}

/// Groups articles by tag; tags that differ only in case or punctuation share one page, named as first written.
enum TagIndex {
    static func build(_ articles: [Article]) -> [TagPage] {
        var pages: [String: TagPage] = [:]
        // Thousands of articles share a few dozen tags: each distinct text is made a slug once.
        var slugs: [String: String] = [:]
        var seen: [String] = []
        for position in articles.indices {
            seen.removeAll(keepingCapacity: true)
            for tag in articles[position].tags {
                let slug: String
                if let known = slugs[tag] {
                    slug = known
                } else {
                    slug = TagRules.slug(tag)
                    slugs[tag] = slug
                }
                guard !seen.contains(slug) else { continue }
                seen.append(slug)
                pages[slug, default: TagPage(name: tag, slug: slug, articles: [])].articles.append(position)
            }
        }
        return pages.values.sorted { $0.slug < $1.slug }
    }
}
