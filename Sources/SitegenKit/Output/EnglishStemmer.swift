/// Snowball's English stemmer (Porter2), on folded ASCII words: "routing" and "routes" both become "rout", so a
/// query finds the forms an article uses. `Templates/assets/search.js` carries the same algorithm line for line,
/// and a test runs a word list through both, since an index stem the browser cannot produce is never found.
enum EnglishStemmer {
    private static let exceptions: [String: String] = [
        "skis": "ski", "skies": "sky", "dying": "die", "lying": "lie", "tying": "tie", "idly": "idl", "gently": "gentl",
        "ugly": "ugli", "early": "earli", "only": "onli", "singly": "singl", "sky": "sky", "news": "news", "howe": "howe",
        "atlas": "atlas", "cosmos": "cosmos", "bias": "bias", "andes": "andes",
    ]
    private static let afterStep1a: Set<String> = ["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"]

    /// The stem of a lowercase word; a word with anything but a–z (digits, other scripts) is its own stem.
    static func stem(_ word: String) -> String {
        guard word.utf8.count > 2, word.utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A || $0 == 0x27 }) else { return word }
        if let exception = exceptions[word] { return exception }
        var w = Array(word.utf8)
        while w.first == 0x27 { w.removeFirst() }
        // 'Y' marks a y that acts as a consonant.
        for index in w.indices where w[index] == y && (index == 0 || isVowel(w[index - 1])) { w[index] = Y }
        let r1 = regionOne(w), r2 = region(after: r1, in: w)
        step0(&w)
        step1a(&w)
        if afterStep1a.contains(String(decoding: w, as: UTF8.self)) { return String(decoding: w, as: UTF8.self) }
        step1b(&w, r1: r1)
        step1c(&w)
        step2(&w, r1: r1)
        step3(&w, r1: r1, r2: r2)
        step4(&w, r2: r2)
        step5(&w, r1: r1, r2: r2)
        for index in w.indices where w[index] == Y { w[index] = y }
        return String(decoding: w, as: UTF8.self)
    }

    private static let y = UInt8(ascii: "y"), Y = UInt8(ascii: "Y")

    private static func isVowel(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"), UInt8(ascii: "y"): true
        default: false
        }
    }

    private static func regionOne(_ w: [UInt8]) -> Int {
        for prefix in ["gener", "commun", "arsen"] where w.starts(with: prefix.utf8) { return prefix.utf8.count }
        return region(after: 0, in: w)
    }

    /// Where the region after the first non-vowel following a vowel (from `start`) begins.
    private static func region(after start: Int, in w: [UInt8]) -> Int {
        var index = start + 1
        while index < w.count {
            if !isVowel(w[index]) && isVowel(w[index - 1]) { return index + 1 }
            index += 1
        }
        return w.count
    }

    private static func ends(_ w: [UInt8], _ suffix: String) -> Bool {
        let s = Array(suffix.utf8)
        return w.count >= s.count && Array(w[(w.count - s.count)...]) == s
    }

    private static func replace(_ w: inout [UInt8], _ count: Int, with text: String) {
        w.removeLast(count)
        w += text.utf8
    }

    /// The longest of `suffixes` the word ends with.
    private static func longest(_ w: [UInt8], _ suffixes: [String]) -> String? {
        suffixes.filter { ends(w, $0) }.max { $0.utf8.count < $1.utf8.count }
    }

    private static func containsVowel(_ w: ArraySlice<UInt8>) -> Bool { w.contains(where: isVowel) }

    /// A short syllable ending at `end` (exclusive).
    private static func endsShortSyllable(_ w: [UInt8], _ end: Int) -> Bool {
        if end == 2 { return isVowel(w[0]) && !isVowel(w[1]) }
        guard end >= 3 else { return false }
        let last = w[end - 1]
        return !isVowel(w[end - 3]) && isVowel(w[end - 2]) && !isVowel(last)
            && last != UInt8(ascii: "w") && last != UInt8(ascii: "x") && last != Y
    }

    private static func step0(_ w: inout [UInt8]) {
        if let suffix = longest(w, ["'s'", "'s", "'"]) { w.removeLast(suffix.utf8.count) }
    }

    private static func step1a(_ w: inout [UInt8]) {
        guard let suffix = longest(w, ["sses", "ied", "ies", "us", "ss", "s"]) else { return }
        switch suffix {
        case "sses": w.removeLast(2)
        case "ied", "ies": replace(&w, 3, with: w.count > 4 ? "i" : "ie")
        case "s":
            if containsVowel(w[..<max(0, w.count - 2)]) { w.removeLast() }
        default: break
        }
    }

    private static func step1b(_ w: inout [UInt8], r1: Int) {
        guard let suffix = longest(w, ["eed", "eedly", "ed", "edly", "ing", "ingly"]) else { return }
        let start = w.count - suffix.utf8.count
        if suffix == "eed" || suffix == "eedly" {
            if start >= r1 { replace(&w, suffix.utf8.count, with: "ee") }
            return
        }
        guard containsVowel(w[..<start]) else { return }
        w.removeLast(suffix.utf8.count)
        if ends(w, "at") || ends(w, "bl") || ends(w, "iz") {
            w.append(UInt8(ascii: "e"))
        } else if let double = longest(w, ["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"]), !double.isEmpty {
            w.removeLast()
        } else if r1 >= w.count && endsShortSyllable(w, w.count) {
            w.append(UInt8(ascii: "e"))
        }
    }

    private static func step1c(_ w: inout [UInt8]) {
        guard w.count > 2, let last = w.last, last == y || last == Y, !isVowel(w[w.count - 2]) else { return }
        w[w.count - 1] = UInt8(ascii: "i")
    }

    private static let step2Suffixes: [(String, String)] = [
        ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("abli", "able"), ("entli", "ent"), ("izer", "ize"),
        ("ization", "ize"), ("ational", "ate"), ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("aliti", "al"),
        ("alli", "al"), ("fulness", "ful"), ("ousli", "ous"), ("ousness", "ous"), ("iveness", "ive"), ("iviti", "ive"),
        ("biliti", "ble"), ("bli", "ble"), ("ogi", "og"), ("fulli", "ful"), ("lessli", "less"), ("li", ""),
    ]

    private static func step2(_ w: inout [UInt8], r1: Int) {
        guard let suffix = longest(w, step2Suffixes.map(\.0)) else { return }
        let start = w.count - suffix.utf8.count
        guard start >= r1 else { return }
        switch suffix {
        case "ogi": if start > 0 && w[start - 1] == UInt8(ascii: "l") { replace(&w, 3, with: "og") }
        case "li": if start > 0 && Array("cdeghkmnrt".utf8).contains(w[start - 1]) { w.removeLast(2) }
        default: replace(&w, suffix.utf8.count, with: step2Suffixes.first { $0.0 == suffix }?.1 ?? "")
        }
    }

    private static let step3Suffixes: [(String, String)] = [
        ("tional", "tion"), ("ational", "ate"), ("alize", "al"), ("icate", "ic"), ("iciti", "ic"), ("ical", "ic"),
        ("ful", ""), ("ness", ""), ("ative", ""),
    ]

    private static func step3(_ w: inout [UInt8], r1: Int, r2: Int) {
        guard let suffix = longest(w, step3Suffixes.map(\.0)) else { return }
        let start = w.count - suffix.utf8.count
        guard start >= r1 else { return }
        if suffix == "ative" {
            if start >= r2 { w.removeLast(5) }
        } else {
            replace(&w, suffix.utf8.count, with: step3Suffixes.first { $0.0 == suffix }?.1 ?? "")
        }
    }

    private static let step4Suffixes = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate",
                                        "iti", "ous", "ive", "ize", "ion"]

    private static func step4(_ w: inout [UInt8], r2: Int) {
        guard let suffix = longest(w, step4Suffixes) else { return }
        let start = w.count - suffix.utf8.count
        guard start >= r2 else { return }
        if suffix == "ion" {
            if start > 0 && (w[start - 1] == UInt8(ascii: "s") || w[start - 1] == UInt8(ascii: "t")) { w.removeLast(3) }
        } else {
            w.removeLast(suffix.utf8.count)
        }
    }

    private static func step5(_ w: inout [UInt8], r1: Int, r2: Int) {
        guard let last = w.last else { return }
        let start = w.count - 1
        if last == UInt8(ascii: "e") {
            if start >= r2 || (start >= r1 && !endsShortSyllable(w, start)) { w.removeLast() }
        } else if last == UInt8(ascii: "l") {
            if start >= r2 && start > 0 && w[start - 1] == UInt8(ascii: "l") { w.removeLast() }
        }
    }
}
