/// A fixed set of ASCII words (keywords, instructions), looked up on byte ranges without making Strings.
struct WordSet: Sendable {
    /// Words grouped by length, so a lookup compares bytes only with words as long as the candidate.
    private let byLength: [[[UInt8]]]
    private let ignoringCase: Bool

    init(_ words: [String], ignoringCase: Bool = false) {
        let encoded = words.map { Array((ignoringCase ? $0.lowercased() : $0).utf8) }
        var groups = [[[UInt8]]](repeating: [], count: (encoded.map(\.count).max() ?? 0) + 1)
        for word in encoded { groups[word.count].append(word) }
        byLength = groups
        self.ignoringCase = ignoringCase
    }

    func contains(_ scanner: ByteScanner, _ start: Int, _ end: Int) -> Bool {
        let count = end - start
        guard count > 0, count < byLength.count, start >= scanner.start, end <= scanner.end else { return false }
        candidates: for word in byLength[count] {
            for index in 0..<count {
                var byte = scanner.bytes[start + index]
                if ignoringCase && byte &- 0x41 < 26 { byte |= 0x20 }
                if byte != word[index] { continue candidates }
            }
            return true
        }
        return false
    }
}
