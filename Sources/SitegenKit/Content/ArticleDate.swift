/// A publication date from front matter (`2026-04-02` or `2026-04-02T09:30:00Z`), kept as written so output never depends on the clock or time zone.
public struct ArticleDate: Sendable, Hashable, Comparable {
    public var year: Int
    public var month: Int
    public var day: Int
    /// Seconds after midnight, when the front matter gave a time.
    public var secondsOfDay: Int?
    /// The offset from UTC as written (`Z`, `+02:00`); nil means UTC.
    public var utcOffset: String?

    /// Parses ISO 8601 calendar dates, rejecting impossible days such as February 30th.
    public init?(_ text: String) {
        let text = text.trimmingCharacters(in: " ")
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard bytes.count >= 10, bytes[4] == 0x2D, bytes[7] == 0x2D,
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
        if bytes.count == 10 { return }
        guard bytes.count >= 16, bytes[10] == 0x54 || bytes[10] == 0x20, bytes[13] == 0x3A,
              let hour = number(11..<13), let minute = number(14..<16), hour < 24, minute < 60
        else { return nil }
        var index = 16
        var second = 0
        if index < bytes.count, bytes[index] == 0x3A {
            guard let s = number(17..<19), s < 60 else { return nil }
            second = s
            index = 19
        }
        secondsOfDay = hour * 3600 + minute * 60 + second
        let zone = String(decoding: bytes[index...], as: UTF8.self)
        switch zone {
        case "", "Z": utcOffset = nil
        default:
            let z = Array(zone.utf8)
            guard z.count == 6, z[0] == 0x2B || z[0] == 0x2D, z[3] == 0x3A,
                  let h = Int(String(decoding: z[1..<3], as: UTF8.self)), let m = Int(String(decoding: z[4..<6], as: UTF8.self)),
                  h < 24, m < 60 else { return nil }
            utcOffset = zone
        }
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func pad(_ value: Int, _ width: Int = 2) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// `2026-04-02`.
    public var isoDate: String { "\(Self.pad(year, 4))-\(Self.pad(month))-\(Self.pad(day))" }

    /// RFC 3339 date-time, as Atom and JSON-LD want: `2026-04-02T00:00:00Z`.
    public var rfc3339: String {
        let seconds = secondsOfDay ?? 0
        let time = "\(Self.pad(seconds / 3600)):\(Self.pad(seconds / 60 % 60)):\(Self.pad(seconds % 60))"
        return "\(isoDate)T\(time)\(utcOffset ?? "Z")"
    }

    /// `April 2, 2026`, for readers.
    public var longForm: String {
        let names = ["January", "February", "March", "April", "May", "June", "July",
                     "August", "September", "October", "November", "December"]
        return "\(names[month - 1]) \(day), \(year)"
    }

    /// Orders by calendar day, then time; offsets are ignored, which is exact for the common case of one zone.
    public static func < (lhs: ArticleDate, rhs: ArticleDate) -> Bool {
        (lhs.year, lhs.month, lhs.day, lhs.secondsOfDay ?? 0) < (rhs.year, rhs.month, rhs.day, rhs.secondsOfDay ?? 0)
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var slice = Substring(self)
        while slice.first == set { slice.removeFirst() }
        while slice.last == set { slice.removeLast() }
        return String(slice)
    }
}
