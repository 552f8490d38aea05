/// A publication date from front matter (`2026-04-02` or `2026-04-02T09:30:00Z`), kept as written so output never depends on the clock or time zone.
public struct ArticleDate: Sendable, Hashable, Comparable {
    public var year: Int
    public var month: Int
    public var day: Int
    /// The time of day, when the front matter gave one.
    public var time: Time?
    /// The offset from UTC as written (`+02:00`, `-00:00`); nil means UTC (`Z`, `z`, or no time at all).
    public var utcOffset: String?

    /// A time of day as written: `second` is 60 for a leap second, `fraction` the digits after the `.`, if any.
    public struct Time: Sendable, Hashable {
        public var hour: Int
        public var minute: Int
        public var second: Int
        public var fraction: String?
    }

    /// Seconds after midnight, when the front matter gave a time (a leap second `23:59:60` counts as 86400).
    ///
    /// Setting it replaces the time with a whole second (86400 meaning `23:59:60`), so a fraction, or a leap
    /// second at another minute, is lost: anything that stores dates should keep `normalizedText` (or `time`) instead.
    public var secondsOfDay: Int? {
        get { time.map { $0.hour * 3600 + $0.minute * 60 + $0.second } }
        set {
            time = newValue.map { seconds in
                seconds >= 86400
                    ? Time(hour: 23, minute: 59, second: 60, fraction: nil)
                    : Time(hour: seconds / 3600, minute: seconds / 60 % 60, second: seconds % 60, fraction: nil)
            }
        }
    }

    private init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Why a text is not a date: a short phrase for the diagnostic.
    public struct Invalid: Error, Sendable, Hashable {
        public var reason: String
    }

    /// Parses a plain calendar date `YYYY-MM-DD`, or an RFC 3339 section 5.6 `date-time`, and nothing else:
    ///
    ///     date-time      = full-date "T" full-time              ; "t" too
    ///     full-date      = 4DIGIT "-" 2DIGIT "-" 2DIGIT         ; month 01-12, day 01-28/29/30/31
    ///     full-time      = 2DIGIT ":" 2DIGIT ":" 2DIGIT ["." 1*DIGIT] time-offset
    ///                                                           ; hour 00-23, minute 00-59, second 00-60
    ///     time-offset    = "Z" / ("+" / "-") 2DIGIT ":" 2DIGIT  ; "z" too; hour 00-23, minute 00-59
    ///
    /// No surrounding spaces, no space for `T`, no missing seconds, no `+0200`: whatever is accepted is
    /// copied into the Atom feed and JSON-LD, so it must already be valid there.
    public init?(_ text: String) {
        guard case .success(let date) = Self.parse(text) else { return nil }
        self = date
    }

    /// Like `init?(_:)`, but says what is wrong.
    public static func parse(_ text: String) -> Result<ArticleDate, Invalid> {
        var scanner = Scanner(bytes: Array(text.utf8))
        func fail(_ reason: String) -> Result<ArticleDate, Invalid> { .failure(Invalid(reason: reason)) }

        guard let year = scanner.digits(4), scanner.take("-"), let month = scanner.digits(2), scanner.take("-"),
              let day = scanner.digits(2)
        else { return fail("a date is written YYYY-MM-DD") }
        guard (1...12).contains(month) else { return fail("there is no month \(month)") }
        let days = daysIn(month: month, year: year)
        guard (1...days).contains(day) else { return fail("\(monthNames[month - 1]) \(year) has no day \(day)") }
        var date = ArticleDate(year: year, month: month, day: day)
        if scanner.atEnd { return .success(date) }

        guard scanner.take("T") || scanner.take("t") else { return fail("separate the date and the time with 'T'") }
        guard let hour = scanner.digits(2), scanner.take(":"), let minute = scanner.digits(2), scanner.take(":"),
              let second = scanner.digits(2)
        else { return fail("a time is written hh:mm:ss") }
        guard hour <= 23, minute <= 59, second <= 60 else { return fail("there is no time \(pad(hour)):\(pad(minute)):\(pad(second))") }
        var fraction: String?
        if scanner.take(".") {
            let digits = scanner.digitRun()
            guard !digits.isEmpty else { return fail("a fraction of a second needs digits after the '.'") }
            fraction = digits
        }
        date.time = Time(hour: hour, minute: minute, second: second, fraction: fraction)

        if scanner.take("Z") || scanner.take("z") {
            date.utcOffset = nil
        } else {
            let start = scanner.index
            guard scanner.take("+") || scanner.take("-"), let offsetHour = scanner.digits(2), scanner.take(":"),
                  let offsetMinute = scanner.digits(2)
            else { return fail("a time ends with its offset from UTC, 'Z' or +hh:mm / -hh:mm") }
            guard offsetHour <= 23, offsetMinute <= 59 else { return fail("there is no UTC offset \(scanner.text(from: start))") }
            date.utcOffset = scanner.text(from: start)
        }
        guard scanner.atEnd else { return fail("unexpected text after the date") }
        return .success(date)
    }

    /// Reads ASCII bytes: only `0`-`9` are digits, so no other script's numerals slip through.
    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        var atEnd: Bool { index == bytes.count }

        mutating func take(_ character: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(character.value) else { return false }
            index += 1
            return true
        }

        /// Exactly `count` digits, as a number.
        mutating func digits(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<(index + count)] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += count
            return value
        }

        /// One or more digits, as written.
        mutating func digitRun() -> String {
            let start = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            return text(from: start)
        }

        func text(from start: Int) -> String { String(decoding: bytes[start..<index], as: UTF8.self) }
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                                     "August", "September", "October", "November", "December"]

    private static func pad(_ value: Int, _ width: Int = 2) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// `2026-04-02`.
    public var isoDate: String { "\(Self.pad(year, 4))-\(Self.pad(month))-\(Self.pad(day))" }

    /// RFC 3339 date-time, as Atom and JSON-LD want: `2026-04-02T00:00:00Z`; a time is kept as written,
    /// fraction and offset included, with `t` and `z` in capitals.
    public var rfc3339: String {
        let time = self.time ?? Time(hour: 0, minute: 0, second: 0, fraction: nil)
        let fraction = time.fraction.map { "." + $0 } ?? ""
        return "\(isoDate)T\(Self.pad(time.hour)):\(Self.pad(time.minute)):\(Self.pad(time.second))\(fraction)\(utcOffset ?? "Z")"
    }

    /// The date as front matter would write it (`2026-04-02`, or the `rfc3339` form when there is a time):
    /// it parses back to an equal value, fraction and leap second included, so it is what a cache should keep.
    public var normalizedText: String { time == nil ? isoDate : rfc3339 }

    /// `April 2, 2026`, for readers.
    /// Days since 1970-01-01 in the proleptic Gregorian calendar (the date's own day; its time is ignored).
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public var longForm: String { "\(Self.monthNames[month - 1]) \(day), \(year)" }

    /// Orders by calendar day, then time; offsets are ignored, which is exact for the common case of one zone.
    public static func < (lhs: ArticleDate, rhs: ArticleDate) -> Bool {
        let left = (lhs.year, lhs.month, lhs.day, lhs.secondsOfDay ?? 0), right = (rhs.year, rhs.month, rhs.day, rhs.secondsOfDay ?? 0)
        if left != right { return left < right }
        // Fractions compare digit by digit once padded to the same length: .5 == .50 < .51.
        var a = Array((lhs.time?.fraction ?? "").utf8), b = Array((rhs.time?.fraction ?? "").utf8)
        let length = max(a.count, b.count)
        a += Array(repeating: 0x30, count: length - a.count)
        b += Array(repeating: 0x30, count: length - b.count)
        return a.lexicographicallyPrecedes(b)
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
