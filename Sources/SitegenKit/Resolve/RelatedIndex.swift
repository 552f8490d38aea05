import Foundation

/// Related reading in the manner of Hugo's related content: an inverted index from keywords to articles,
/// each shared keyword weighted by its field and by how rare it is, so the work grows with the postings, not with N².
struct RelatedIndex {
    /// How much a shared keyword of each kind counts.
    static let tagWeight = 100.0
    static let keywordWeight = 80.0

    /// For each article (by index in `articles`), up to `count` related article indices: `related:` first, then by score.
    static func compute(_ articles: [Article], index: [String: Int], count: Int) -> [[Int]] {
        compute(inputs: articles.map(Input.init), index: index, count: count)
    }

    /// What related reading reads from an article; when none of these change, the last result still holds.
    struct Input: Hashable {
        var slug: String
        var date: ArticleDate
        var tags: [String]
        var keywords: [String]
        var related: [String]

        init(_ article: Article) {
            slug = article.slug
            date = article.date
            tags = article.tags
            keywords = article.keywords
            related = article.related.map(\.slug)
        }
    }

    static func compute(inputs articles: [Input], index: [String: Int], count: Int) -> [[Int]] {
        guard count > 0 else { return Array(repeating: [], count: articles.count) }
        // Keywords are lowercased so "Istio" and "istio" meet; each field has its own namespace.
        var postings: [String: [Int]] = [:]
        var keys: [[String]] = []
        for (position, article) in articles.enumerated() {
            var own = Set<String>()
            for tag in article.tags { own.insert("t:" + tag.lowercased()) }
            for keyword in article.keywords { own.insert("k:" + keyword.lowercased()) }
            let sorted = own.sorted()
            keys.append(sorted)
            for key in sorted { postings[key, default: []].append(position) }
        }
        let total = Double(articles.count)
        // A keyword most articles share says nothing about any pair of them, and would make the work quadratic.
        let limit = max(2, articles.count / 2)
        var weights: [String: Double] = [:]
        for (key, list) in postings where list.count > 1 && list.count <= limit {
            let field = key.hasPrefix("t:") ? tagWeight : keywordWeight
            weights[key] = field * log(1 + total / Double(list.count))
        }

        return articles.indices.map { position in
            let article = articles[position]
            var chosen: [Int] = []
            for slug in article.related {
                if let other = index[slug], other != position, !chosen.contains(other) { chosen.append(other) }
                if chosen.count == count { return chosen }
            }
            var scores: [Int: Double] = [:]
            for key in keys[position] {
                guard let weight = weights[key], let list = postings[key] else { continue }
                for other in list where other != position { scores[other, default: 0] += weight }
            }
            let ranked = scores.filter { !chosen.contains($0.key) }.sorted { a, b in
                if a.value != b.value { return a.value > b.value }
                let left = articles[a.key], right = articles[b.key]
                if left.date != right.date { return left.date > right.date }
                return left.slug < right.slug
            }
            for (other, _) in ranked.prefix(count - chosen.count) { chosen.append(other) }
            return chosen
        }
    }
}
