import Foundation
import PropertyBased
import Testing
@testable import SitegenKit

/// RFC 3339 section 5.6, written out apart from `ArticleDate`: a regular expression for the shape, then the ranges.
///
///     date-time = full-date "T" full-time          ("t" too)
///     full-time = partial-time time-offset
///     partial-time = time-hour ":" time-minute ":" time-second [time-secfrac]
///     time-offset = "Z" / time-numoffset            ("z" too)
///
/// plus a plain `full-date`. Matched scalar by scalar, so a combining mark or a non-ASCII digit never passes.
enum RFC3339Reference {
    static func accepts(_ text: String) -> Bool {
        let shape = #/([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]+)?(?:[Zz]|[+\-]([0-9]{2}):([0-9]{2})))?/#
            .matchingSemantics(.unicodeScalar)
        guard let match = try? shape.wholeMatch(in: text) else { return false }
        let (_, year, month, day, hour, minute, second, offsetHour, offsetMinute) = match.output
        func number(_ digits: Substring?) -> Int { digits.map { Int($0)! } ?? 0 }
        // RFC 3339 appendix C: the Gregorian leap year rule, and the month lengths of section 5.7.
        let y = number(year), m = number(month), d = number(day)
        let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
        let monthLengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard m >= 1, m <= 12, d >= 1, d <= monthLengths[m - 1] else { return false }
        guard number(hour) <= 23, number(minute) <= 59, number(second) <= 60 else { return false }
        guard number(offsetHour) <= 23, number(offsetMinute) <= 59 else { return false }
        return true
    }
}

@Suite("Date parsing properties")
struct DatePropertyTests {
    /// Pieces dates are made of, and pieces that nearly are; the first is what shrinking falls back to.
    static let fragments = [
        "0", "1", "2", "9", "00", "01", "02", "12", "13", "23", "24", "28", "29", "30", "31", "59", "60", "61", "99",
        "1900", "2000", "2024", "2026", "0000", "9999",
        "-", "-", ":", ":", "T", "t", "Z", "z", "+", "+", ".", " ", "x", "e", "\u{301}", "２", "٣", "\n",
        "2026-04-02", "2024-02-29", "T09:30:00", "t23:59:60", "+02:00", "-05:30", "++1:00", ".5", ".250", "Z", "z",
    ]

    static var fragment: Generator<String, Shrink.Integer<Int>> { Gen.int(in: 0...(fragments.count - 1)).map { fragments[$0] } }

    /// The parser and the reference must agree; where both accept, the RFC 3339 output is the input with
    /// `t`/`z` in capitals (or midnight UTC for a plain day), itself valid, and it parses back to the same date.
    func check(_ text: String) -> Bool {
        let parsed = ArticleDate(text)
        let expected = RFC3339Reference.accepts(text)
        #expect((parsed != nil) == expected, "parser \(parsed != nil ? "accepts" : "rejects") \(text.debugDescription), the grammar \(expected ? "accepts" : "rejects") it")
        guard let parsed, expected else { return false }
        let isPlainDay = text.utf8.count == 10
        let output = parsed.rfc3339
        #expect(output == (isPlainDay ? text + "T00:00:00Z" : text.uppercased()), "\(text.debugDescription) gave \(output)")
        #expect(parsed.isoDate == String(text.prefix(10)))
        #expect(RFC3339Reference.accepts(output), "the output \(output) is not RFC 3339")
        let reparsed = ArticleDate(output)
        #expect(reparsed?.rfc3339 == output, "\(output) does not round-trip")
        if !isPlainDay { #expect(reparsed == parsed, "\(output) parses to a different date than \(text.debugDescription)") }
        #expect(ArticleDate(parsed.normalizedText) == parsed, "\(parsed.normalizedText) does not give back \(text.debugDescription)")
        return true
    }

    /// Beginnings for fragment strings: nothing, or something that is (or nearly is) a date already.
    static let starts = ["", "2026-04-02", "2024-02-29", "2025-02-29", "2026-04-02T09:30:00", "2016-12-31T23:59:60", "2026-04-02t09:30:15.250"]

    @Test func stringsOfDateLikeFragmentsAgreeWithTheGrammar() async {
        var accepted = 0
        let start = Gen.int(in: 0...(Self.starts.count - 1)).map { Self.starts[$0] }
        await propertyCheck(count: 1000, input: start, Self.fragment.array(of: 0...8)) { start, pieces in
            if check(start + pieces.joined()) { accepted += 1 }
        }
        // Some of these must be valid dates, or the equivalence only tested rejection.
        #expect(accepted >= 10, "only \(accepted) of 1000 fragment strings were valid dates")
    }

    @Test func mutatedDatesAgreeWithTheGrammar() async {
        var accepted = 0, rejected = 0
        let day = zip(Gen.int(in: 0...9999), Gen.int(in: 0...13), Gen.int(in: 0...32))
        // Separator: none (a plain day), "T", "t" or a space; then hour, minute and second, each a little past its range.
        let time = zip(Gen.int(in: 0...3), Gen.int(in: 0...24), Gen.int(in: 0...60), Gen.int(in: 0...61))
        // Fraction digits (none for no fraction); offset "Z", "z", "+hh:mm", "-hh:mm", nothing, or "+hhmm".
        let zone = zip(Gen.number.string(of: 0...3), Gen.int(in: 0...5), Gen.int(in: 0...24), Gen.int(in: 0...60))
        // Up to two edits: insert a fragment, delete a character, or replace one with a fragment.
        let edits = zip(Gen.int(in: 0...2), Gen.int(in: 0...40), Self.fragment).array(of: 0...2)
        await propertyCheck(count: 2000, input: day, time, zone, edits) { day, time, zone, edits in
            var text = String(format: "%04ld-%02ld-%02ld", day.0, day.1, day.2)
            if time.0 > 0 {
                text += ["T", "t", " "][time.0 - 1] + String(format: "%02ld:%02ld:%02ld", time.1, time.2, time.3)
                if !zone.0.isEmpty { text += "." + zone.0 }
                text += ["Z", "z", String(format: "+%02ld:%02ld", zone.2, zone.3), String(format: "-%02ld:%02ld", zone.2, zone.3), "",
                         String(format: "+%02ld%02ld", zone.2, zone.3)][zone.1]
            }
            var characters = text.map(String.init)
            for (operation, position, fragment) in edits {
                switch operation {
                case 0: characters.insert(fragment, at: position % (characters.count + 1))
                case 1 where !characters.isEmpty: characters.remove(at: position % characters.count)
                case 2 where !characters.isEmpty: characters[position % characters.count] = fragment
                default: break
                }
            }
            if check(characters.joined()) { accepted += 1 } else { rejected += 1 }
        }
        // Neither side may be empty, or the equivalence only tested one answer.
        #expect(accepted >= 100 && rejected >= 100, "accepted \(accepted), rejected \(rejected)")
    }
}
