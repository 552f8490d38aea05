import Foundation
import Testing
@testable import SitegenKit

@Suite("Dates, URLs and slugs")
struct ContentModelTests {
    @Test(arguments: ["2026-04-02", "2024-02-29", "2026-04-02T09:30:00Z", "2026-04-02T09:30+02:00", "2026-04-02 09:30:15"])
    func validDates(text: String) {
        #expect(ArticleDate(text) != nil)
    }

    @Test(arguments: ["2026-02-30", "2025-02-29", "2026-13-01", "26-04-02", "April 2", "2026-04-02T25:00", "2026-04-02Tnoon"])
    func invalidDates(text: String) {
        #expect(ArticleDate(text) == nil)
    }

    @Test func dateFormats() throws {
        let date = try #require(ArticleDate("2026-04-02"))
        #expect(date.rfc3339 == "2026-04-02T00:00:00Z")
        #expect(date.longForm == "April 2, 2026")
        #expect(ArticleDate("2026-04-02T09:05:07+02:00")?.rfc3339 == "2026-04-02T09:05:07+02:00")
    }

    @Test func baseURLKeepsItsPath() throws {
        let url = try #require(BaseURL("https://example.com/guide"))
        #expect(url.path == "/guide/")
        #expect(url.rooted("/x/") == "/guide/x/")
        #expect(url.absolute("/x/") == "https://example.com/guide/x/")
        #expect(BaseURL("ftp://example.com/") == nil)
        #expect(BaseURL("example.com") == nil)
    }

    /// Found by the FuzzLinks fuzzer: a combining mark after `/` made one grapheme, and Character-based
    /// splitting lost the separator, so a rooted path came back unrooted.
    @Test(arguments: ["\u{301}x", "a/\u{301}../b", "\u{301}", "../\u{20DD}/..", "#\u{301}a?b"])
    func pathsSplitOnSlashBytesNotCharacters(tail: String) {
        let normalized = SitePath.normalize("/" + tail)
        #expect(normalized.utf8.first == UInt8(ascii: "/"))
        #expect(!SitePath.segments(normalized).contains(".."))
    }

    @Test func linkTargetsNormalise() {
        #expect(SitePath.normalize("/a/b/../c/") == "/a/c/")
        #expect(SitePath.normalize("/../../x") == "/x")
        #expect(LinkChecker.isExternal("mailto:a@b.c"))
        #expect(LinkChecker.isExternal("//cdn.example.com/x.js"))
        #expect(!LinkChecker.isExternal("/x/"))
        #expect(!LinkChecker.isExternal("other/page"))
    }
}

@Suite("JSON output")
struct JSONWriterTests {
    @Test func escapesWhatJSONAndScriptElementsNeedAndSortsKeys() throws {
        let text = "a\"b\\c\nd\te\u{1}<f>&g é 日本"
        let json = JSONWriter.encode(["z": [text], "a": 1, "m": ["x": true]] as [String: Any])
        #expect(json == #"{"a":1,"m":{"x":true},"z":["a\"b\\c\nd\te\u0001\u003cf\u003e\u0026g é 日本"]}"#)
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((decoded["z"] as? [String])?.first == text)
    }
}
