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
        var html = html
        html.withUTF8 { bytes in
            sections[section].append(0x20)
            var inTag = false
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "<") { inTag = true; sections[section].append(0x20) }
                else if byte == UInt8(ascii: ">") { inTag = false }
                else if inTag { continue }
                else if byte == UInt8(ascii: "&"), let (character, length) = Self.entity(in: bytes, at: index) {
                    sections[section].append(character)
                    index += length
                } else {
                    sections[section].append(byte)
                }
            }
        }
    }

    /// The character an escape `HTML` writes stands for, and the bytes after its `&`.
    private static func entity(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt8, Int)? {
        for (name, character) in Self.entities where index + name.count <= bytes.count {
            if zip(name, bytes[index..<(index + name.count)]).allSatisfy({ $0 == $1 }) { return (character, name.count) }
        }
        return nil
    }

    private static let entities: [([UInt8], UInt8)] = [
        (Array("lt;".utf8), UInt8(ascii: "<")), (Array("gt;".utf8), UInt8(ascii: ">")), (Array("quot;".utf8), UInt8(ascii: "\"")),
        (Array("#39;".utf8), UInt8(ascii: "'")), (Array("amp;".utf8), UInt8(ascii: "&")),
    ]

    /// A break between words that the text nodes do not spell (line breaks, paragraph ends).
    mutating func space() {
        guard !inHeading, let last = sections[sections.count - 1].last, last != 0x20 else { return }
        sections[sections.count - 1].append(0x20)
    }

    var texts: [String] {
        sections.map { String(decoding: $0.last == 0x20 ? $0.dropLast() : $0[...], as: UTF8.self) }
    }
}
