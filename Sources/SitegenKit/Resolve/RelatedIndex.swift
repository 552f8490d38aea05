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

        // Each worker scores its articles in a dense array it owns, touching only the candidates the postings name.
        let keyWeights: [[(weight: Double, list: [Int])]] = keys.map { own in
            own.compactMap { key in weights[key].map { ($0, postings[key]!) } }
        }
        let chunk = max(64, articles.count / 16)
        let ranges = stride(from: 0, to: articles.count, by: chunk).map { $0..<min($0 + chunk, articles.count) }
        let results = Parallel.map(ranges) { range -> [[Int]] in
            var scores = [Double](repeating: 0, count: articles.count)
            var touched: [Int] = []
            return range.map { position in
                let article = articles[position]
                var chosen: [Int] = []
                for slug in article.related {
                    if let other = index[slug], other != position, !chosen.contains(other) { chosen.append(other) }
                    if chosen.count == count { return chosen }
                }
                for (weight, list) in keyWeights[position] {
                    for other in list where other != position {
                        if scores[other] == 0 { touched.append(other) }
                        scores[other] += weight
                    }
                }
                // The best few by score, then newest, then slug: a bounded insertion, never a full sort.
                let wanted = count - chosen.count
                var best: [Int] = []
                func better(_ a: Int, _ b: Int) -> Bool {
                    if scores[a] != scores[b] { return scores[a] > scores[b] }
                    if articles[a].date != articles[b].date { return articles[a].date > articles[b].date }
                    return articles[a].slug < articles[b].slug
                }
                for candidate in touched where !chosen.contains(candidate) {
                    if best.count == wanted, let last = best.last, !better(candidate, last) { continue }
                    var insertAt = best.count
                    while insertAt > 0 && better(candidate, best[insertAt - 1]) { insertAt -= 1 }
                    best.insert(candidate, at: insertAt)
                    if best.count > wanted { best.removeLast() }
                }
                for candidate in touched { scores[candidate] = 0 }
                touched.removeAll(keepingCapacity: true)
                return chosen + best
            }
        }
        return results.flatMap { $0 }
    }
}
