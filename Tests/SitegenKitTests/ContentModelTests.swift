import Foundation
import Testing
@testable import SitegenKit

@Suite("Dates, URLs and slugs")
struct ContentModelTests {
    /// Each valid date, with the RFC 3339 form the feed and JSON-LD must carry: built into a real site and read back.
    @Test(arguments: [
        ("2026-04-02", "2026-04-02T00:00:00Z"),
        ("2024-02-29", "2024-02-29T00:00:00Z"),
        ("2000-02-29", "2000-02-29T00:00:00Z"),
        ("2026-04-02T09:30:00Z", "2026-04-02T09:30:00Z"),
        ("2026-04-02T09:30:00+02:00", "2026-04-02T09:30:00+02:00"),
        ("2026-04-02t09:30:15z", "2026-04-02T09:30:15Z"),
        ("2026-04-02T09:30:15.250-05:30", "2026-04-02T09:30:15.250-05:30"),
        ("2016-12-31T23:59:60Z", "2016-12-31T23:59:60Z"),
        ("2026-04-02T00:00:00-00:00", "2026-04-02T00:00:00-00:00"),
    ])
    func validDates(text: String, published: String) throws {
        #expect(ArticleDate(text) != nil)
        #expect(ArticleDate(text)?.rfc3339 == published)

        let site = try FixtureSite(["Content/articles/a.md": article(slug: "a", date: text)])
        defer { site.cleanUp() }
        let report = site.build()
        #expect(report.succeeded, "\(site.messages(report))")
        let day = String(text.prefix(10))
        let feed = try #require(site.output("atom.xml"))
        #expect(feed.contains("<published>\(published)</published>\n"), "\(feed)")
        #expect(feed.contains("<updated>\(published)</updated>\n"), "\(feed)")
        let page = try #require(site.output("a/index.html"))
        #expect(page.contains(#""dateModified":"\#(published)","datePublished":"\#(published)""#), "\(page)")
        let sitemap = try #require(site.output("sitemap.xml"))
        #expect(sitemap.contains("<loc>https://example.com/a/</loc>\n    <lastmod>\(day)</lastmod>"), "\(sitemap)")
    }

    @Test(arguments: [
        "2026-02-30", "2025-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-04-00",
        "26-04-02", "April 2", "2026-04-02T25:00", "2026-04-02Tnoon",
        // The feed-breaking offset this parser once let through.
        "2026-04-02T09:30:00++1:00",
        // RFC 3339 full-time needs seconds and an offset, and only 'T' or 't' between date and time.
        "2026-04-02T09:30+02:00", "2026-04-02 09:30:15", "2026-04-02T09:30:15", "2026-04-02T09:30:15 Z",
        // Out of range.
        "2026-04-02T24:00:00Z", "2026-04-02T09:60:00Z", "2026-04-02T09:30:61Z", "2026-04-02T09:30:00+24:00", "2026-04-02T09:30:00-02:60",
        // Almost the grammar.
        "2026-04-02T09:30:00.Z", "2026-04-02T09:30:00+0200", "2026-04-02T09:30:00+2:00", "2026-04-02T09:30:00+02", "2026-04-02Z",
        "2026-04-02T", "2026-4-02", "+2026-04-02", " 2026-04-02", "2026-04-02 ", "2026-04-02T09:30:00ZZ", "2026-04-02T09:30:00UTC",
        // Digits that are not ASCII.
        "２０２６-04-02", "2026-04-٠٢",
    ])
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
