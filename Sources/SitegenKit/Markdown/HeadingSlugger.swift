/// Gives headings stable, unique ids: the same text always yields the same slug, repeats get `-1`, `-2`.
/// Linear in the number of headings: each base remembers the next suffix to try, and every suffix below it
/// is taken (ids are never released), so a repeat starts there instead of counting up from 1 again.
struct HeadingSlugger {
    private var used: Set<String>
    private var nextSuffix: [String: Int] = [:]

    /// `reserved` holds ids the templates use themselves, so a heading cannot steal them.
    init(reserved: Set<String> = []) {
        used = reserved
    }

    /// Ids defined elsewhere on the page (a directive's tables and notes), which headings must not take.
    mutating func reserve(_ ids: some Sequence<String>) {
        used.formUnion(ids)
    }

    mutating func unique(for text: String) -> String {
        let slug = Self.slugify(text)
        let base = slug.isEmpty ? "section" : slug
        if used.insert(base).inserted { return base }
        var counter = nextSuffix[base, default: 1]
        var candidate: String
        // A heading whose own text is `same-1` may already hold a suffix; it is skipped, as before.
        repeat {
            candidate = "\(base)-\(counter)"
            counter += 1
        } while !used.insert(candidate).inserted
        nextSuffix[base] = counter
        return candidate
    }

    /// Lowercase letters and digits of any script, words joined by `-`; punctuation dropped.
    /// ASCII, most of any heading, is decided by byte; other scalars by their Unicode properties.
    static func slugify(_ text: String) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count)
        var pendingDash = false
        func keep(_ bytes: some Sequence<UInt8>) {
            if pendingDash && !result.isEmpty { result.append(UInt8(ascii: "-")) }
            pendingDash = false
            result.append(contentsOf: bytes)
        }
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): keep(CollectionOfOne(byte))
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): keep(CollectionOfOne(byte + 0x20))
                case 0x09...0x0D, 0x20, UInt8(ascii: "-"), UInt8(ascii: "_"): pendingDash = true
                default: break
                }
                continue
            }
            let properties = scalar.properties
            if properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark {
                keep(String(scalar).lowercased().utf8)
            } else if properties.isWhitespace {
                pendingDash = true
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
