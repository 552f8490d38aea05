#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Distinct words of a body in reading order, so search finds a term mentioned anywhere: names and acronyms
/// (mTLS, Envoy, Kubernetes) apart from plain words, since readers search for them first.
/// This scans every word of every article, so it works on libcmark's bytes and allocates only for new words.
struct Vocabulary {
    /// Accepted words as written, each followed by a space; `plainEnds` marks where each plain word ends, so
    /// the text can stop after the cap without splitting one.
    private var distinctive: [UInt8] = []
    private var distinctiveCount = 0
    private var plain: [UInt8] = []
    private var plainEnds: [Int] = []
    private var seen = FoldedWordSet()

    /// Adds the words of one text node (a NUL-terminated string). Words are found as ranges of libcmark's own
    /// buffer and copied only when new: this runs over every byte of every article.
    mutating func scan(_ literal: UnsafePointer<CChar>) {
        guard distinctiveCount < MarkdownRenderer.vocabularySize else { return }
        let bytes = UnsafeRawBufferPointer(start: literal, count: strlen(literal))
        var start = 0, isDistinctive = false
        for index in 0...bytes.count {
            let byte: UInt8 = index < bytes.count ? bytes[index] : 0
            let isUpper = byte >= 0x41 && byte <= 0x5A, isDigit = byte >= 0x30 && byte <= 0x39
            if isUpper || isDigit || (byte >= 0x61 && byte <= 0x7A) || byte >= 0x80 {
                isDistinctive = isDistinctive || isUpper || isDigit
                continue
            }
            if index - start >= 3 { accept(UnsafeRawBufferPointer(rebasing: bytes[start..<index]), distinctive: isDistinctive) }
            start = index + 1
            isDistinctive = false
        }
    }

    private mutating func accept(_ word: UnsafeRawBufferPointer, distinctive isDistinctive: Bool) {
        if isDistinctive {
            guard distinctiveCount < MarkdownRenderer.vocabularySize, seen.insert(word) else { return }
            distinctive.append(contentsOf: word)
            distinctive.append(0x20)
            distinctiveCount += 1
        } else {
            guard seen.insert(word), plainEnds.count < MarkdownRenderer.vocabularySize else { return }
            plain.append(contentsOf: word)
            plain.append(0x20)
            plainEnds.append(plain.count)
        }
    }

    /// Names and acronyms first, then plain words, separated by spaces (an array of small strings per
    /// article cost more memory than the text).
    var text: String {
        let room = MarkdownRenderer.vocabularySize - distinctiveCount
        var bytes = distinctive
        if room > 0, !plainEnds.isEmpty { bytes += plain[..<plainEnds[min(room, plainEnds.count) - 1]] }
        if bytes.last == 0x20 { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A set of words compared without ASCII case, stored in one byte arena: `Set<[UInt8]>` hashed with SipHash
/// and allocated an array per word, and was most of the Markdown stage's own time.
struct FoldedWordSet {
    private var arena: [UInt8] = []
    /// Start and length of each word in the arena.
    private var words: [(start: Int32, count: Int32)] = []
    /// Open addressing: index into `words`, or -1 for an empty slot. Kept at most half full; sized for the few
    /// hundred distinct words of a typical article, since growing from small rehashed every article four times.
    private var slots = [Int32](repeating: -1, count: 1024)

    /// Adds the word; returns false if it (in any ASCII case) was already there.
    mutating func insert(_ word: UnsafeRawBufferPointer) -> Bool {
        let mask = slots.count - 1
        var slot = Self.hash(word) & mask
        while slots[slot] >= 0 {
            if equals(words[Int(slots[slot])], word) { return false }
            slot = (slot + 1) & mask
        }
        slots[slot] = Int32(words.count)
        words.append((Int32(arena.count), Int32(word.count)))
        for byte in word { arena.append(Self.fold(byte)) }
        if words.count * 2 > slots.count { grow() }
        return true
    }

    /// FNV-1a of the folded bytes (folding is idempotent, so stored words hash the same way).
    private static func hash(_ bytes: some Sequence<UInt8>) -> Int {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(fold(byte))) &* 0x100_0000_01B3 }
        return Int(truncatingIfNeeded: hash)
    }

    @inline(__always)
    private static func fold(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }

    private func equals(_ stored: (start: Int32, count: Int32), _ word: UnsafeRawBufferPointer) -> Bool {
        guard Int(stored.count) == word.count else { return false }
        let start = Int(stored.start)
        for index in word.indices where arena[start + index] != Self.fold(word[index]) { return false }
        return true
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (index, stored) in words.enumerated() {
            var slot = Self.hash(arena[Int(stored.start)..<Int(stored.start + stored.count)]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index)
        }
    }
}
