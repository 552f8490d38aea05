import Foundation

/// How text becomes index terms, the same way `search.js` turns a query into them: folded (lowercase, accents
/// dropped), split at anything but letters and digits, stop words left out, each word stemmed.
enum SearchText {
    /// Words that carry no topic; a query of only these finds nothing. `search.js` holds the same list.
    static let stopWords: Set<String> = [
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "how", "if", "in", "into", "is", "it", "its",
        "of", "on", "or", "so", "than", "that", "the", "their", "then", "there", "these", "this", "to", "vs", "versus", "was",
        "were", "what", "when", "which", "will", "with", "you", "your",
    ]

    /// The folded words of a text, in order (stop words included), each at least two characters or a digit.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        forEachWord(text) { words.append($0) }
        return words
    }

    /// Calls `body` with each folded word of a text, in order, as `words` lists them: ASCII words straight from
    /// the UTF-8 bytes, only words with other characters folded through Unicode.
    static func forEachWord(_ text: String, _ body: (String) -> Void) {
        forEachWordUTF8(text) { body(String(decoding: $0, as: UTF8.self)) }
    }

    /// `forEachWord` with each word's UTF-8 bytes, valid only during the call: no String for an ASCII word.
    static func forEachWordUTF8(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            var start = 0, foreign = false, index = 0
            var lowered: [UInt8] = []
            func end(_ stop: Int) {
                let count = stop - start
                if foreign {
                    for var word in foldedWords(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<stop]), as: UTF8.self)) {
                        word.withUTF8(body)
                    }
                } else if count >= 2 || (count == 1 && lowered[0] <= 0x39) {
                    lowered.withUnsafeBufferPointer(body)
                }
                lowered.removeAll(keepingCapacity: true)
                foreign = false
            }
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case 0x30...0x39, 0x61...0x7A:
                    if lowered.isEmpty && !foreign { start = index }
                    lowered.append(byte)
                case 0x41...0x5A:
                    if lowered.isEmpty && !foreign { start = index }
                    lowered.append(byte + 0x20)
                case 0x80...:
                    if lowered.isEmpty && !foreign { start = index }
                    lowered.append(byte); foreign = true
                default:
                    if !lowered.isEmpty { end(index) }
                }
                index += 1
            }
            if !lowered.isEmpty { end(bytes.count) }
        }
    }

    /// Words with characters beyond ASCII: compatibility-decomposed, combining marks (U+0300–U+036F) dropped,
    /// split at whatever is not a letter or a number, as the browser's `normalize("NFKD")` and `\p{L}\p{N}` do.
    private static func foldedWords(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        func end() {
            if current.count >= 2 || (current.count == 1 && current.first.map { $0.value <= 0x39 } == true) { words.append(String(current)) }
            current = String.UnicodeScalarView()
        }
        for scalar in text.lowercased().decomposedStringWithCompatibilityMapping.unicodeScalars {
            if (0x300...0x36F).contains(scalar.value) { continue }
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .decimalNumber, .letterNumber, .otherNumber:
                current.append(scalar)
            default:
                if !current.isEmpty { end() }
            }
        }
        if !current.isEmpty { end() }
        return words
    }

    /// 32-bit FNV-1a of a term's UTF-8 bytes: which postings fragment holds it (`search.js` computes the same).
    static func hash(_ term: String) -> UInt32 { hash(bytes: term.utf8) }

    static func hash(bytes: some Sequence<UInt8>) -> UInt32 {
        var hash: UInt32 = 0x811C_9DC5
        for byte in bytes { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
        return hash
    }

    /// Which term list (`search/terms-<name>.json`) holds a term: its first letter, digits together, the rest apart.
    static func letter(of term: String) -> String {
        guard let first = term.utf8.first else { return "_" }
        switch first {
        case 0x61...0x7A: return String(UnicodeScalar(first))
        case 0x30...0x39: return "0"
        default: return "_"
        }
    }

    /// The names of every term list, in a fixed order, so routes are known before the index is made.
    static let letters: [String] = (0x61...0x7A).map { String(UnicodeScalar(UInt8($0))) } + ["0", "_"]
}
