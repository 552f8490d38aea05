/// One stage's memos by item (an article's path, an output path), with the values computed in this process.
/// A value is stored and dropped together with its memo, so a memo that verifies vouches for the value too;
/// memos read from the cache folder come without values, which a stage decodes from the payload or computes again.
struct MemoTable<Value: Sendable>: Sendable {
    private(set) var memos: [String: Memo] = [:]
    private var values: [String: Value] = [:]
    /// Grows with every memo stored or dropped, so the session knows whether there is anything new to save.
    private(set) var revision = 0

    init(memos: [String: Memo] = [:]) {
        self.memos = memos
    }

    subscript(item: String) -> Memo? { memos[item] }

    func value(_ item: String) -> Value? { values[item] }

    /// The memo for `item` if everything it read is unchanged in `table`.
    func verified(_ item: String, in table: FingerprintTable) -> Memo? {
        guard let memo = memos[item], table.verifies(memo.trace) else { return nil }
        return memo
    }

    /// Whether `item` has a memo that verifies and a value from this process, without copying either.
    func holdsVerifiedValue(_ item: String, in table: FingerprintTable) -> Bool {
        guard values[item] != nil, let index = memos.index(forKey: item) else { return false }
        return table.verifies(memos.values[index].trace)
    }

    mutating func store(_ item: String, _ memo: Memo, value: Value?) {
        memos[item] = memo
        values[item] = value
        revision += 1
    }

    /// Takes a value out, so the caller can change it without copying what the table would otherwise still share.
    mutating func takeValue(_ item: String) -> Value? {
        values.removeValue(forKey: item)
    }

    /// Keeps a value computed again for a memo that verified (it came from the cache folder without one).
    mutating func remember(_ item: String, value: Value) {
        values[item] = value
    }

    /// Drops the memos of items that are gone, so the table does not grow with every rename.
    mutating func keepOnly(_ items: [String]) {
        // As many memos as items, all of them present: the key sets are equal, and no set needs building.
        if memos.count == items.count, items.allSatisfy({ memos[$0] != nil }) { return }
        let live = Set(items)
        memos = memos.filter { live.contains($0.key) }
        values = values.filter { live.contains($0.key) }
        revision += 1
    }

    /// Forgets every value but keeps the memos: what a one-shot build does once a stage's values are consumed.
    mutating func dropValues() {
        values = [:]
    }
}
