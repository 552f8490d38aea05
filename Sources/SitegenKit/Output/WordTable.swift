/// Words as UTF-8 bytes → a number, without a String or SipHash per lookup: the search index looks up every word
/// of every page, most of them seen before, and a `[String: Int32]` spent more on hashing and making Strings than
/// on anything else it did (open addressing over FNV-1a, the words' bytes in one buffer).
struct WordTable {
    private var slots = [Int32](repeating: -1, count: 1024)
    private var hashes: [UInt32] = []
    private var starts: [Int] = []
    private var lengths: [Int] = []
    private var values: [Int32] = []
    private var storage: [UInt8] = []

    /// The number kept for `word`, or nil.
    func value(of word: UnsafeBufferPointer<UInt8>) -> Int32? {
        let hash = Self.hash(word)
        var slot = Int(hash) & (slots.count - 1)
        while slots[slot] >= 0 {
            let entry = Int(slots[slot])
            if hashes[entry] == hash && lengths[entry] == word.count && matches(entry, word) { return values[entry] }
            slot = (slot + 1) & (slots.count - 1)
        }
        return nil
    }

    /// Keeps `value` for `word` (not already kept).
    mutating func insert(_ word: UnsafeBufferPointer<UInt8>, value: Int32) {
        if (values.count + 1) * 2 > slots.count { grow() }
        let hash = Self.hash(word)
        hashes.append(hash)
        starts.append(storage.count)
        lengths.append(word.count)
        values.append(value)
        storage.append(contentsOf: word)
        place(values.count - 1)
    }

    private func matches(_ entry: Int, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[entry]
        for index in 0..<word.count where storage[start + index] != word[index] { return false }
        return true
    }

    private mutating func place(_ entry: Int) {
        var slot = Int(hashes[entry]) & (slots.count - 1)
        while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
        slots[slot] = Int32(entry)
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        for entry in values.indices { place(entry) }
    }

    private static func hash(_ word: UnsafeBufferPointer<UInt8>) -> UInt32 { SearchText.hash(bytes: word) }
}
