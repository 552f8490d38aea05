import Foundation
import Testing
@testable import SitegenKit

@Suite("Whole-site builds")
struct SiteBuildTests {
    @Test func publishesCleanURLsAndSiteFiles() throws {
        let site = try FixtureSite([
            "Content/articles/old.md": article(slug: "old-post", title: "Old", date: "2025-05-01"),
            "Content/articles/new.md": article(slug: "new-post", title: "New", date: "2026-02-01", extra: "summary: \"Short summary.\"\n"),
        ])
        defer { site.cleanUp() }
        let report = site.build()
        #expect(report.succeeded, "\(site.messages(report))")
        #expect(report.pageCount == 6, "two articles, index, 404, the tags index and the search page")
        for path in ["index.html", "404.html", "old-post/index.html", "new-post/index.html", "sitemap.xml", "atom.xml", "robots.txt", "assets/style.css"] {
            #expect(site.output(path) != nil, "missing \(path)")
        }
        let index = try #require(site.output("index.html"))
        let newer = try #require(index.range(of: "/new-post/")), older = try #require(index.range(of: "/old-post/"))
        #expect(newer.lowerBound < older.lowerBound, "the index lists the newest article first")
        #expect(index.contains("Short summary."), "the summary replaces the description on the index")
        #expect(index.contains("About old-post."))
        let sitemap = try #require(site.output("sitemap.xml"))
        #expect(sitemap.contains("<loc>https://example.com/new-post/</loc>\n    <lastmod>2026-02-01</lastmod>"))
        let feed = try #require(site.output("atom.xml"))
        #expect(feed.contains("<updated>2026-02-01T00:00:00Z</updated>"))
        #expect(feed.contains("<id>https://example.com/old-post/</id>"))
        #expect(site.output("robots.txt") == "User-agent: *\nAllow: /\n\nSitemap: https://example.com/sitemap.xml\n")
    }

    @Test func articleHeadCarriesMetadata() throws {
        let site = try FixtureSite(["Content/articles/a.md": article(slug: "a-post", title: "A Post")])
        defer { site.cleanUp() }
        site.build()
        let html = try #require(site.output("a-post/index.html"))
        #expect(html.contains("<title>A Post · Fixture Site</title>"))
        #expect(html.contains("<meta name=\"description\" content=\"About a-post.\">"))
        #expect(html.contains("<meta name=\"keywords\" content=\"a-post keyword, second keyword\">"))
        #expect(html.contains("<link rel=\"canonical\" href=\"https://example.com/a-post/\">"))
        #expect(html.contains("<meta property=\"og:title\" content=\"A Post\">"))
        #expect(html.contains("\"@type\":\"TechArticle\""))
        #expect(html.contains("\"datePublished\":\"2026-01-15T00:00:00Z\""))
    }

    @Test func frontMatterIsEscapedEverywhere() throws {
        let title = "<script>alert(\\\"x\\\")</script> & co"
        let site = try FixtureSite(["Content/articles/a.md": article(slug: "a", title: title)])
        defer { site.cleanUp() }
        site.build()
        let html = try #require(site.output("a/index.html"))
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</h1>"))
        #expect(html.contains("\"headline\":\"\\u003cscript\\u003ealert(\\\"x\\\")\\u003c/script\\u003e \\u0026 co\""), "JSON-LD cannot close its script tag")
        #expect(site.output("atom.xml")?.contains("<title>&lt;script&gt;") == true)
    }

    @Test func aQuoteWithACombiningMarkCannotLeaveAnAttribute() throws {
        // U+0301 after the quote makes one Character of both; escaping must still see the quote.
        let site = try FixtureSite(["Content/articles/a.md": article(slug: "a", title: "x\\\"\u{301} onmouseover=alert(1) y")])
        defer { site.cleanUp() }
        let report = site.build()
        #expect(report.succeeded, "\(site.messages(report))")
        let html = try #require(site.output("a/index.html"))
        let raw = "x\"\u{301} onmouseover", escaped = "<meta property=\"og:title\" content=\"x&quot;\u{301} onmouseover=alert(1) y\">"
        #expect(!html.contains(raw))
        #expect(html.contains(escaped))
    }

    @Test func baseURLWithAPathPrefixesEveryLinkAndAsset() throws {
        let body = "Read [the other](/b/#intro).\n"
        let site = try FixtureSite([
            "Content/articles/a.md": article(slug: "a", body: body),
            "Content/articles/b.md": article(slug: "b", body: "## Intro\n"),
        ])
        defer { site.cleanUp() }
        let report = site.build(baseURL: "https://example.com/guide")
        #expect(report.succeeded, "\(site.messages(report))")
        let html = try #require(site.output("a/index.html"))
        #expect(html.contains("href=\"/guide/b/#intro\""))
        #expect(html.contains("href=\"/guide/assets/style.css\""))
        #expect(html.contains("href=\"https://example.com/guide/a/\""))
        #expect(site.output("index.html")?.contains("href=\"/guide/b/\"") == true)
        #expect(site.output("sitemap.xml")?.contains("<loc>https://example.com/guide/b/</loc>") == true)
    }

    @Test func draftsAreLeftOutUnlessAskedFor() throws {
        let site = try FixtureSite([
            "Content/articles/a.md": article(slug: "a"),
            "Content/articles/d.md": article(slug: "wip", extra: "draft: true\n"),
        ])
        defer { site.cleanUp() }
        site.build()
        #expect(site.output("wip/index.html") == nil)
        #expect(site.output("index.html")?.contains("/wip/") == false)
        #expect(site.output("sitemap.xml")?.contains("/wip/") == false)
        site.build(drafts: true)
        #expect(site.output("wip/index.html") != nil)
    }

    @Test func twoBuildsAreByteIdentical() throws {
        var files: [String: String] = [:]
        for number in 0..<40 {
            files["Content/articles/p\(number).md"] = article(slug: "p\(number)", date: "2026-01-\(10 + number % 3)", body: "## Part\n\nText \(number) links to [p0](/p0/).\n")
        }
        let site = try FixtureSite(files)
        defer { site.cleanUp() }
        site.build()
        let first = site.snapshot()
        site.build()
        #expect(site.snapshot() == first)
        #expect(first.count == 40 + 9 + SearchIndex.paths(documents: 40).count,
                "40 articles, index, 404, tags, search page, sitemap, feed, robots.txt, stylesheet, the marker, the search index's files")
    }

    @Test func deletedArticlesDisappearFromTheOutput() throws {
        let site = try FixtureSite(["Content/articles/a.md": article(slug: "a"), "Content/articles/b.md": article(slug: "b")])
        defer { site.cleanUp() }
        site.build()
        #expect(site.output("b/index.html") != nil)
        try site.remove("Content/articles/b.md")
        #expect(site.build().succeeded)
        #expect(site.output("b/index.html") == nil)
        #expect(!FileManager.default.fileExists(atPath: site.path("Site/b")))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.contains("sitegen-") }
        #expect(leftovers.isEmpty, "no staging folder is left behind")
    }

    @Test func aLaterDashedLineInTheBodyRendersAsMarkdown() throws {
        let site = try FixtureSite(["Content/articles/a.md": article(slug: "a", body: "Para\n\n---\n\nSetext\n---\n")])
        defer { site.cleanUp() }
        site.build()
        let html = try #require(site.output("a/index.html"))
        #expect(html.contains("<hr />"))
        #expect(html.contains("<h2 id=\"setext\">Setext"))
        #expect(html.contains("<a href=\"#setext\">Setext</a>"), "the heading is in the table of contents")
    }

    @Test func directivesPlugIntoTheWholeBuild() throws {
        let body = "## Intro\n\nSee [the echo](#echo-anchor).\n\n```echo one\ncolour: \"<b>\"\n```\n"
        let site = try FixtureSite(["Content/articles/a.md": article(slug: "a", body: body)])
        defer { site.cleanUp() }
        let report = site.build(directives: DirectiveRegistry([EchoDirective()]))
        #expect(report.succeeded, "\(site.messages(report))")
        #expect(site.output("a/index.html")?.contains("<div class=\"echo\" id=\"echo-anchor\">one|&lt;b&gt;</div>") == true)
    }

    @Test func invalidUTF8IsRepairedWithAWarning() throws {
        let site = try FixtureSite([:])
        defer { site.cleanUp() }
        var bytes = Array(article(slug: "a", body: "Caf").utf8)
        bytes += [0xE9, 0x0A]
        try site.writeBytes("Content/articles/a.md", bytes)
        let report = site.build()
        #expect(report.succeeded)
        #expect(site.messages(report) == ["Content/articles/a.md:12:4: warning: invalid UTF-8; the bad bytes were replaced with U+FFFD"])
        #expect(site.output("a/index.html")?.contains("Caf\u{FFFD}") == true)
    }

    /// Three bytes that begin a four-byte character become one U+FFFD of three bytes: the text is as long as the
    /// file, so only checking the bytes themselves tells that they were repaired.
    @Test func aCutShortCharacterIsReportedEvenWhenTheRepairIsAsLong() throws {
        let site = try FixtureSite([:])
        defer { site.cleanUp() }
        try site.writeBytes("Content/articles/a.md", Array(article(slug: "a", body: "Mesh").utf8) + [0xF0, 0x90, 0x80, 0x41, 0x0A])
        let report = site.build()
        #expect(site.messages(report) == ["Content/articles/a.md:12:5: warning: invalid UTF-8; the bad bytes were replaced with U+FFFD"])
        #expect(site.output("a/index.html")?.contains("Mesh\u{FFFD}A") == true)
    }

    @Test func theRepositorysOwnSiteBuildsWithTheGuide() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-repo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let report = SiteBuilder().build(BuildOptions(
            contentDirectory: repository.appendingPathComponent("Content").path,
            templatesDirectory: repository.appendingPathComponent("Templates").path,
            outputDirectory: output.path))
        #expect(report.succeeded, "\(report.diagnostics)")
        let guide = try String(contentsOf: output.appendingPathComponent("kubernetes-service-mesh-comparison/index.html"), encoding: .utf8)
        #expect(guide.contains("<title>Kubernetes Service Mesh Comparison: Istio, Linkerd, and Anthos for Enterprise CTOs"))
        #expect(guide.contains("<link rel=\"canonical\" href=\"https://example.com/kubernetes-service-mesh-comparison/\">"))
        #expect(guide.contains("<meta name=\"keywords\" content=\"kubernetes service mesh, service mesh kubernetes, istio vs linkerd, enterprise service mesh\">"))
    }
}

