import Foundation

/// Related reading in the manner of Hugo's related content: an inverted index from keywords to articles,
/// each shared keyword weighted by its field and by how rare it is.
///
/// A shared keyword counts between two articles when they are within `reach` of each other among the articles that
/// carry it, in date order (newest first, then slug). Up to `reach` + 1 carriers per keyword — every keyword of a
/// 10,000-article site with a vocabulary of a hundred — that is every pair, as in Hugo. Above it, an article is
/// related through a popular keyword to those published around the same time, and the work is at most
/// 2 × `reach` + 1 postings per keyword of each article: linear in the number of articles, where scoring every
/// posting grew with their square (N²/V: 0.13 CPU-seconds at 10,000 articles, 12.7 at 100,000).
struct RelatedIndex {
    /// How much a shared keyword of each kind counts.
    static let tagWeight = 100.0
    static let keywordWeight = 80.0
    /// How far apart, among the articles carrying a keyword, two articles may be for it to count between them.
    static let reach = 1_000

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
    }

    static func compute(inputs articles: [Input], index: [String: Int], count: Int, reach: Int = RelatedIndex.reach) -> [[Int]] {
        guard count > 0 else { return Array(repeating: [], count: articles.count) }
        // Keywords are lowercased so "Kubernetes" and "kubernetes" meet; each field has its own namespace.
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

        // Ties break on date, newest first, then slug. Ranked once, so the inner loop compares integers: comparing
        // dates and slugs per candidate was most of the time at 100,000 articles, where a tag is shared by thousands.
        let order = articles.indices.sorted { a, b in
            if articles[a].date != articles[b].date { return articles[a].date > articles[b].date }
            if articles[a].slug != articles[b].slug { return articles[a].slug < articles[b].slug }
            return a < b
        }
        var ranks = [Int32](repeating: 0, count: articles.count)
        for (place, position) in order.enumerated() { ranks[position] = Int32(place) }

        // Candidates are numbered by rank, so a lower number wins a tie and the postings are already in that order.
        // Each list is made once and shared by every article that carries its key, in rank order so that the
        // scoring loop walks its buffer forwards.
        var lists: [String: [Int32]] = [:]
        for key in weights.keys { lists[key] = postings[key]?.map { ranks[$0] }.sorted() }
        let keyWeights: [[(weight: Double, list: [Int32])]] = keys.map { own in
            own.compactMap { key in
                guard let weight = weights[key], let list = lists[key] else { return nil }
                return (weight, list)
            }
        }
        let rank = ranks
        let size = articles.count
        let chunk = max(64, articles.count / 16)
        let ranges = stride(from: 0, to: articles.count, by: chunk).map { $0..<min($0 + chunk, articles.count) }
        let results = Parallel.map(ranges) { range -> [[Int]] in
            // Each worker scores its articles in a dense buffer it owns, touching only the candidates the postings
            // name; unchecked buffers, because with a small vocabulary this loop runs N²/16 times.
            let scores = UnsafeMutableBufferPointer<Double>.allocate(capacity: size)
            scores.initialize(repeating: 0)
            let touched = UnsafeMutableBufferPointer<Int32>.allocate(capacity: size)
            defer {
                scores.deallocate()
                touched.deallocate()
            }
            return range.map { position in
                let article = articles[position]
                var chosen: [Int] = []
                for slug in article.related {
                    if let other = index[slug], other != position, !chosen.contains(other) { chosen.append(other) }
                    if chosen.count == count { return chosen }
                }
                let own = rank[position]
                var touchedCount = 0
                // Weights are added in the article's key order, so equal sets of shared keys give equal scores.
                for (weight, list) in keyWeights[position] {
                    list.withUnsafeBufferPointer { list in
                        var window = 0..<list.count
                        if list.count - 1 > reach {
                            let at = Self.place(of: own, in: list)
                            window = max(0, at - reach)..<min(list.count, at + reach + 1)
                        }
                        for other in list[window] where other != own {
                            let slot = Int(other)
                            if scores[slot] == 0 {
                                touched[touchedCount] = other
                                touchedCount += 1
                            }
                            scores[slot] += weight
                        }
                    }
                }
                // The best few by score, then rank: a bounded insertion, never a full sort.
                let wanted = count - chosen.count
                var best: [Int32] = []
                best.reserveCapacity(wanted + 1)
                for candidate in touched[0..<touchedCount] {
                    let score = scores[Int(candidate)]
                    if best.count == wanted, let last = best.last {
                        let floor = scores[Int(last)]
                        if score < floor || (score == floor && candidate > last) { continue }
                    }
                    if chosen.contains(order[Int(candidate)]) { continue }
                    var insertAt = best.count
                    while insertAt > 0 {
                        let other = best[insertAt - 1]
                        let against = scores[Int(other)]
                        if score > against || (score == against && candidate < other) { insertAt -= 1 } else { break }
                    }
                    best.insert(candidate, at: insertAt)
                    if best.count > wanted { best.removeLast() }
                }
                for candidate in touched[0..<touchedCount] { scores[Int(candidate)] = 0 }
                return chosen + best.map { order[Int($0)] }
            }
        }
        return results.flatMap { $0 }
    }
}

extension RelatedIndex {
    /// Where `rank` is in a list sorted ascending that holds it.
    static func place(of rank: Int32, in list: UnsafeBufferPointer<Int32>) -> Int {
        var low = 0, high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle] < rank { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

extension RelatedIndex.Input {
    // In an extension, so the memberwise initializer stays for tests that make inputs directly.
    init(_ article: Article) {
        self.init(slug: article.slug, date: article.date, tags: article.tags, keywords: article.keywords,
                  related: article.related.map(\.slug))
    }
}
