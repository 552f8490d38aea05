/// One stage's memos by item (an article's path, an output path), with the values computed in this process.
/// A value is stored and dropped together with its memo, so a memo that verifies vouches for the value too;
/// memos read from the cache folder come without values, which a stage decodes from the payload or computes again.
///
/// `plan` applies the one rule, `FingerprintTable.verifies`, to the stage's items. The first time (and whenever
/// the items themselves changed) it checks every memo; after that, in the same process, it checks only the memos
/// that read a key whose fingerprint changed since the last plan — found through an index from each key to its
/// readers — so a preview rebuild after one edit visits a handful of memos, not ten thousand.
struct MemoTable<Value: Sendable>: Sendable {
    private(set) var memos: [String: Memo] = [:]
    private var values: [String: Value] = [:]
    /// Grows with every memo stored or dropped, so the session knows whether there is anything new to save.
    private(set) var revision = 0
    /// Items whose memo was stored or dropped since the table was last saved whole: what the cache's journal holds.
    private(set) var touched: Set<String> = []
    /// The diagnostics of the items that have any, so a stage gathers its problems without visiting every memo.
    private var problems: [String: [Diagnostic]] = [:]
    private var settled: Settled?
    /// Whether a plan is remembered for the next one in this process. The plan holds the fingerprint table as it
    /// was, so the stage's next change to the table copies all of it: a one-shot build, with no next plan, says no.
    var remembersPlans = true
    /// Whether memos are stored at all, or only values and diagnostics: a one-shot build without a cache folder
    /// has no later build to reuse them (at 100,000 articles they were a tenth of its peak).
    var keepsMemos = true

    /// What the last `plan` established: every memo of `items` verified against `table`, except those at
    /// `unchecked` (computed after it, with traces not yet in `readers`).
    private struct Settled: Sendable {
        var table: FingerprintTable
        var items: [String]
        var unchecked: [Int]
        /// Whether `items` were the items of the plan before too: the table then holds no memo of another item.
        var sameItems: Bool
        /// Key → positions in `items` of the memos whose trace reads it; built when first needed.
        var readers: [Int: [Int]]?
    }

    init(memos: [String: Memo] = [:]) {
        self.memos = memos
        for (item, memo) in memos where !memo.diagnostics.isEmpty { problems[item] = memo.diagnostics }
    }

    subscript(item: String) -> Memo? { memos[item] }

    func value(_ item: String) -> Value? { values[item] }

    /// The memo for `item` if everything it read is unchanged in `table`.
    func verified(_ item: String, in table: FingerprintTable) -> Memo? {
        guard let memo = memos[item], table.verifies(memo.trace) else { return nil }
        return memo
    }

    /// The positions in `items` whose memo is missing or does not verify in `fingerprints`: what the stage must
    /// compute now. Every memo that verifies has what it publishes made current. `reusable` can refuse a memo
    /// that verifies (an output file that is no longer on disk); it is asked only when the memo is checked, and
    /// told whether the item's value was made in this process.
    mutating func plan(_ items: [String], fingerprints: inout FingerprintTable,
                       reusable: (@Sendable (String, Memo, Bool) -> Bool)? = nil) -> [Int] {
        if var last = settled.take(), last.items == items {
            // Taken out, so adding to it does not copy an index of every key.
            var readers = last.readers.take() ?? Self.readers(of: items, in: memos)
            for position in last.unchecked {
                for read in memos[items[position]]?.trace ?? [] { readers[read.key, default: []].append(position) }
            }
            var candidates = Set(last.unchecked)
            for key in fingerprints.changedKeys(since: last.table) { candidates.formUnion(readers[key] ?? []) }
            var stale: [Int] = []
            for position in candidates.sorted() {
                guard let memo = memos[items[position]], fingerprints.verifies(memo.trace),
                      reusable?(items[position], memo, values[items[position]] != nil) ?? true else { stale.append(position); continue }
                fingerprints.publish(memo.published)
            }
            last.table = fingerprints
            last.unchecked = stale
            last.readers = readers
            last.sameItems = true
            settled = last
            return stale
        }
        let table = fingerprints, memos = self.memos, values = self.values
        let verified = Parallel.map(Array(items.indices)) { position -> Bool in
            guard let memo = memos[items[position]], table.verifies(memo.trace) else { return false }
            return reusable?(items[position], memo, values[items[position]] != nil) ?? true
        }
        var stale: [Int] = []
        for position in items.indices {
            if verified[position], let memo = memos[items[position]] { fingerprints.publish(memo.published) } else { stale.append(position) }
        }
        settled = remembersPlans ? Settled(table: fingerprints, items: items, unchecked: stale, sameItems: false, readers: nil) : nil
        return stale
    }

    /// Builds the index from keys to readers now rather than in the next plan: the preview calls this once a build
    /// is out, so the first edit after it is as quick as the ones that follow.
    /// The memos computed after the last plan join the index too: their traces were taken against the table that
    /// plan settled, so from now on only a change to a key they read makes them candidates, as for the others.
    mutating func indexReaders() {
        guard var last = settled.take() else { return }
        if var readers = last.readers.take() {
            for position in last.unchecked {
                for read in memos[last.items[position]]?.trace ?? [] { readers[read.key, default: []].append(position) }
            }
            last.readers = readers
        } else {
            last.readers = Self.readers(of: last.items, in: memos)
        }
        // An item with no memo (its computation failed) stays a candidate.
        last.unchecked = last.unchecked.filter { memos[last.items[$0]] == nil }
        settled = last
    }

    private static func readers(of items: [String], in memos: [String: Memo]) -> [Int: [Int]] {
        var readers: [Int: [Int]] = [:]
        for (position, item) in items.enumerated() {
            for read in memos[item]?.trace ?? [] { readers[read.key, default: []].append(position) }
        }
        return readers
    }

    /// Stores a memo computed now and makes what it publishes current in place of what the item's previous memo published.
    mutating func store(_ item: String, _ memo: Memo, value: Value?, publishing fingerprints: inout FingerprintTable) {
        fingerprints.replace(memos[item]?.published ?? [], with: memo.published)
        store(item, memo, value: value)
    }

    /// Stores a memo that publishes nothing, or whose publishing the caller has already done.
    mutating func store(_ item: String, _ memo: Memo, value: Value?) {
        if keepsMemos { memos[item] = memo }
        values[item] = value
        problems[item] = memo.diagnostics.isEmpty ? nil : memo.diagnostics
        revision += 1
        touched.insert(item)
    }

    /// Replays a journal read from the cache folder over the memos of its base: memos stored, and items dropped, since.
    mutating func replay(_ stored: [String: Memo], dropped: [String]) {
        for (item, memo) in stored {
            memos[item] = memo
            problems[item] = memo.diagnostics.isEmpty ? nil : memo.diagnostics
            touched.insert(item)
        }
        for item in dropped {
            memos[item] = nil
            problems[item] = nil
            touched.insert(item)
        }
    }

    /// What changed since the table was last saved whole: the memos stored, and the items dropped.
    var journal: (stored: [String: Memo], dropped: [String]) {
        var stored: [String: Memo] = [:]
        var dropped: [String] = []
        for item in touched {
            if let memo = memos[item] { stored[item] = memo } else { dropped.append(item) }
        }
        return (stored, dropped.sorted())
    }

    /// Drops every memo (after a failed write, when the output may no longer hold what they describe).
    mutating func dropAll() {
        touched.formUnion(memos.keys)
        memos = [:]
        values = [:]
        problems = [:]
        settled = nil
        revision += 1
    }

    /// After the table was saved whole.
    mutating func markSaved() {
        touched = []
    }

    /// Takes a value out, so the caller can change it without copying what the table would otherwise still share.
    mutating func takeValue(_ item: String) -> Value? {
        values.removeValue(forKey: item)
    }

    /// Keeps a value computed again for a memo that verified (it came from the cache folder without one).
    mutating func remember(_ item: String, value: Value) {
        values[item] = value
    }

    /// Keeps values computed again for memos that verified, by item.
    mutating func remember(_ values: [(String, Value)]) {
        for (item, value) in values { self.values[item] = value }
    }

    /// Drops the memos of items that are gone, so the table does not grow with every rename, and makes what they
    /// published absent. Returns the items dropped, in order.
    @discardableResult
    mutating func keepOnly(_ items: [String], fingerprints: inout FingerprintTable) -> [String] {
        // The same items as the plan before, or as many memos as items and each item's present: nothing to drop.
        if let settled, settled.sameItems, settled.items == items { return [] }
        if memos.count == items.count, items.allSatisfy({ memos[$0] != nil }) { return [] }
        let live = Set(items)
        let gone = memos.keys.filter { !live.contains($0) }.sorted()
        for item in gone {
            fingerprints.replace(memos[item]?.published ?? [], with: [])
            memos[item] = nil
            values[item] = nil
            problems[item] = nil
            touched.insert(item)
        }
        revision += 1
        return gone
    }

    /// Every stored memo's diagnostics, by item.
    var diagnostics: [Diagnostic] {
        problems.keys.sorted().flatMap { problems[$0] ?? [] }
    }

    /// Forgets every value but keeps the memos: what a one-shot build does once a stage's values are consumed.
    mutating func dropValues() {
        values = [:]
    }
}
