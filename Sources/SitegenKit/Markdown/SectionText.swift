import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A body's plain text split where its headings of level 3 or above begin, as the walk over libcmark's nodes
/// meets it: the search index reads every word of it, and links a hit to the heading above the word.
/// Heading text is left out (search weighs headings apart); deeper headings stay in their section's text.
struct SectionText {
    private var sections: [[UInt8]] = [[]]
    private var inHeading = false

    mutating func heading(entering: Bool, level: Int) {
        guard level <= 3 else { return }
        if entering { sections.append([]) }
        inHeading = entering
    }

    /// A text node's bytes (NUL-terminated, libcmark's own buffer), copied once into the current section.
    mutating func add(_ literal: UnsafePointer<CChar>) {
        guard !inHeading else { return }
        let bytes = UnsafeRawBufferPointer(start: literal, count: strlen(literal))
        sections[sections.count - 1].append(contentsOf: bytes)
    }

    /// Which section text added now goes to.
    var current: Int { sections.count - 1 }

    /// The words of generated HTML (a directive's tables): tags dropped, the escapes `HTML` writes undone.
    mutating func add(html: String, to section: Int) {
        guard section < sections.count else { return }
        var text: [UInt8] = [0x20]
        var inTag = false
        for byte in html.utf8 {
            if byte == UInt8(ascii: "<") { inTag = true; text.append(0x20) }
            else if byte == UInt8(ascii: ">") { inTag = false }
            else if !inTag { text.append(byte) }
        }
        var decoded = String(decoding: text, as: UTF8.self)
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            decoded = decoded.replacingOccurrences(of: entity, with: character)
        }
        sections[section].append(contentsOf: decoded.utf8)
    }

    /// A break between words that the text nodes do not spell (line breaks, paragraph ends).
    mutating func space() {
        guard !inHeading, let last = sections[sections.count - 1].last, last != 0x20 else { return }
        sections[sections.count - 1].append(0x20)
    }

    var texts: [String] {
        sections.map { String(decoding: $0.last == 0x20 ? $0.dropLast() : $0[...], as: UTF8.self) }
    }
}
