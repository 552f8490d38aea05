/// Where each document sits in the search index: a slot picked from its URL's hash, not its place in the site,
/// so adding or removing a page moves no other document's number (at most a neighbour or two that probed past
/// it) and a rebuild rewrites only the files holding the pages and terms it touched (README, "Search").
/// A pure function of the set of URLs, so a fresh build and an incremental one agree byte for byte.
struct SearchSlots: Sendable {
    /// Each slot's document number (its position in the keys given), or -1 for a free slot.
    let documents: [Int32]

    /// A power of two at least twice the documents: half the slots or more stay free, so a page's home slot is
    /// usually its own and the gaps keep postings' document deltas to a digit or two.
    static func count(documents: Int) -> Int {
        var count = 64
        while count < 2 * documents { count *= 2 }
        return count
    }

    /// Each key takes the first free slot from its hash's home, probing upwards (wrapping), in (home, key) order:
    /// the order makes the result independent of the keys' order, and probing touches only the run it lands in.
    init(keys: [String]) {
        let count = Self.count(documents: keys.count)
        let homes = keys.map { Int(SearchText.hash($0) % UInt32(count)) }
        let order = keys.indices.sorted { (homes[$0], keys[$0]) < (homes[$1], keys[$1]) }
        var documents = [Int32](repeating: -1, count: count)
        for document in order {
            var slot = homes[document]
            while documents[slot] >= 0 { slot = (slot + 1) & (count - 1) }
            documents[slot] = Int32(document)
        }
        self.documents = documents
    }
}
