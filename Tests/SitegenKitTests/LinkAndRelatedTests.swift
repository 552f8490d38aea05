import Foundation
import Testing
@testable import SitegenKit

@Suite("Links that never break")
struct LinkTests {
    func build(_ files: [String: String], links: SiteConfig.LinkPolicy? = nil) throws -> (FixtureSite, BuildReport) {
        let site = try FixtureSite(files)
        var options = site.options
        options.linkPolicy = links
        return (site, SiteBuilder().build(options))
    }

    @Test func duplicateAndNonASCIIHeadingsAreLinkable() throws {
        let body = "## Setup\n\n## Setup\n\n## Überblick — 日本語\n\n[second](#setup-1) [other](/b/#überblick-日本語) [encoded](/b/#%C3%BCberblick-%E6%97%A5%E6%9C%AC%E8%AA%9E)\n"
        let (site, report) = try build([
            "Content/articles/a.md": article(slug: "a", body: body),
            "Content/articles/b.md": article(slug: "b", body: "## Überblick — 日本語\n"),
        ])
        defer { site.cleanUp() }
        #expect(report.succeeded, "\(site.messages(report))")
        #expect(site.output("a/index.html")?.contains("<h2 id=\"setup-1\">") == true)
    }

    @Test func linksIntoDirectiveAnchorsResolve() throws {
        var files = CatalogFixture.files(meshes: ["m": CatalogFixture.mesh("m")])
        files["Content/articles/a.md"] = article(slug: "a", body: "[matrix](#grid) [note](#grid-note-1) [gone](#grid-note-9)\n\n```comparison\nid: grid\n```\n")
        let (site, report) = try build(files)
        defer { site.cleanUp() }
        #expect(site.messages(report) == ["Content/articles/a.md:12:38: error: broken link '#grid-note-9': /a/ has no heading or anchor '#grid-note-9'; did you mean #grid-note-1?"])
    }

    @Test func linksToSourceFilesBecomePageURLs() throws {
        let body = "[same folder](b.md) [with anchor](./b.md#part) [up and back](../articles/b.md?x=1#part)\n"
        let (site, report) = try build([
            "Content/articles/a.md": article(slug: "a", body: body),
            "Content/articles/b.md": article(slug: "b-page", body: "## Part\n"),
        ])
        defer { site.cleanUp() }
        #expect(report.succeeded, "\(site.messages(report))")
        let html = try #require(site.output("a/index.html"))
        #expect(html.contains("<a href=\"/b-page/\">same folder</a>"))
        #expect(html.contains("<a href=\"/b-page/#part\">with anchor</a>"))
        #expect(html.contains("<a href=\"/b-page/?x=1#part\">up and back</a>"))
    }

    @Test func aLinkToAMissingSourceFileIsReported() throws {
        let (site, report) = try build(["Content/articles/a.md": article(slug: "a", body: "[x](missing.md)\n")])
        defer { site.cleanUp() }
        #expect(site.messages(report).first?.hasPrefix("Content/articles/a.md:12:1: error: broken link 'missing.md': no article has that source file") == true)
    }

    @Test func queryStringsAndTheSitesOwnAbsoluteURLAreChecked() throws {
        let body = "[ok](/b/?utm=x) [bad](/c/?utm=x) [own](https://example.com/b/#top) [own bad](https://example.com/nope/) [away](https://example.org/nope/)\n"
        let (site, report) = try build([
            "Content/articles/a.md": article(slug: "a", body: body),
            "Content/articles/b.md": article(slug: "b", body: "## Top\n"),
        ])
        defer { site.cleanUp() }
        #expect(site.messages(report) == [
            "Content/articles/a.md:12:17: error: broken link '/c/?utm=x': no page at /c/; did you mean /a/?",
            "Content/articles/a.md:12:68: error: broken link 'https://example.com/nope/': no page at /nope/",
        ])
    }

    @Test func warnModeDowngradesBrokenLinksButStillBuilds() throws {
        let (site, report) = try build(["Content/articles/a.md": article(slug: "a", body: "[x](/nowhere/)\n")], links: .warn)
        defer { site.cleanUp() }
        #expect(report.succeeded)
        #expect(site.messages(report) == ["Content/articles/a.md:12:1: warning: broken link '/nowhere/': no page at /nowhere/"])
        #expect(site.output("a/index.html") != nil)
    }

    @Test func warnModeIsAlsoASiteSetting() throws {
        let site = try FixtureSite(["Content/articles/a.md": article(slug: "a", body: "[x](/nowhere/)\n")],
                                   siteYAML: FixtureSite.siteYAML + "options:\n  links: warn\n")
        defer { site.cleanUp() }
        let report = site.build()
        #expect(report.succeeded)
        #expect(site.messages(report) == ["Content/articles/a.md:12:1: warning: broken link '/nowhere/': no page at /nowhere/"])
        #expect(report.diagnostics.allSatisfy { !$0.isError }, "the broken link is a warning, not an error")
        #expect(site.output("a/index.html")?.contains(#"<a href="/nowhere/">x</a>"#) == true, "the page is published with its link")
    }

    @Test func navigationLinksAreChecked() throws {
        let site = try FixtureSite(["Content/articles/a.md": article(slug: "a")],
                                   siteYAML: FixtureSite.siteYAML + "navigation:\n  - title: A\n    url: /a/\n  - title: Gone\n    url: /b/\n")
        defer { site.cleanUp() }
        #expect(site.messages(site.build()) == ["Content/site.yaml:8:10: error: navigation: broken link '/b/': no page at /b/; did you mean /a/?"])
    }

    @Test func allBrokenLinksComeInOneRun() throws {
        let (site, report) = try build([
            "Content/articles/a.md": article(slug: "a", body: "[1](/x/) [2](/y/)\n"),
            "Content/articles/b.md": article(slug: "b", body: "[3](#nope)\n"),
        ])
        defer { site.cleanUp() }
        #expect(site.messages(report).count == 3)
    }
}

@Suite("Related reading and tags")
struct RelatedAndTagTests {
    func relatedTitles(_ html: String) -> [String] {
        html.components(separatedBy: "<li class=\"related\"><a href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    @Test func explicitRelatedComesFirstThenSharedTagsByWeight() throws {
        let site = try FixtureSite([
            "Content/articles/main.md": article(slug: "main", extra: "tags: [mesh, istio, security]\nrelated: [chosen]\n"),
            "Content/articles/chosen.md": article(slug: "chosen", extra: "tags: [cooking]\n"),
            "Content/articles/two.md": article(slug: "two-shared", extra: "tags: [istio, security]\n"),
            "Content/articles/one.md": article(slug: "one-shared", extra: "tags: [istio]\n"),
            "Content/articles/none.md": article(slug: "unrelated", extra: "tags: [gardening]\n"),
            "Content/articles/common.md": article(slug: "only-common", extra: "tags: [mesh]\n"),
            "Content/articles/common2.md": article(slug: "common-two", extra: "tags: [mesh]\n"),
            "Content/articles/common3.md": article(slug: "common-three", extra: "tags: [mesh]\n"),
            "Content/articles/common4.md": article(slug: "common-four", extra: "tags: [mesh, istio]\n"),
        ])
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let related = relatedTitles(try #require(site.output("main/index.html")))
        // 'mesh' is on most articles, so it counts for nothing; two shared rare tags beat one.
        #expect(related == ["/chosen/", "/two-shared/", "/common-four/"])
    }

    @Test func tiesAreBrokenByDateThenSlug() throws {
        let site = try FixtureSite([
            "Content/articles/main.md": article(slug: "main", extra: "tags: [x]\n"),
            "Content/articles/b.md": article(slug: "bbb", date: "2026-01-01", extra: "tags: [x]\n"),
            "Content/articles/a.md": article(slug: "aaa", date: "2026-01-01", extra: "tags: [x]\n"),
            "Content/articles/c.md": article(slug: "ccc", date: "2026-03-01", extra: "tags: [x]\n"),
            "Content/articles/z.md": article(slug: "zzz", date: "2026-03-01", extra: "tags: [y]\n"),
            "Content/articles/y.md": article(slug: "yyy", date: "2026-03-01", extra: "tags: [y]\n"),
            "Content/articles/w.md": article(slug: "www", date: "2026-03-01", extra: "tags: [y]\n"),
            "Content/articles/v.md": article(slug: "vvv", date: "2026-03-01", extra: "tags: [y]\n"),
        ])
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        #expect(relatedTitles(try #require(site.output("main/index.html"))) == ["/ccc/", "/aaa/", "/bbb/"])
    }

    @Test func howManyIsASiteSetting() throws {
        var files: [String: String] = [:]
        for index in 0..<6 { files["Content/articles/p\(index).md"] = article(slug: "p\(index)", extra: "tags: [shared, t\(index % 2)]\n") }
        let site = try FixtureSite(files, siteYAML: FixtureSite.siteYAML + "options:\n  related_links: 1\n")
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        #expect(relatedTitles(try #require(site.output("p0/index.html"))).count == 1)
    }

    @Test func tagPagesListTheirArticles() throws {
        let site = try FixtureSite([
            "Content/articles/a.md": article(slug: "a", title: "Alpha", date: "2026-01-01", extra: "tags: [Service Mesh, istio]\n"),
            "Content/articles/b.md": article(slug: "b", title: "Beta", date: "2026-02-01", extra: "tags: [service-mesh]\n"),
        ])
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let index = try #require(site.output("tags/index.html"))
        #expect(index.contains("<a href=\"/tags/istio/\">istio</a> (1)"))
        #expect(index.contains("(2)"), "'Service Mesh' and 'service-mesh' share one page")
        let tag = try #require(site.output("tags/service-mesh/index.html"))
        let beta = try #require(tag.range(of: "Beta")), alpha = try #require(tag.range(of: "Alpha"))
        #expect(beta.lowerBound < alpha.lowerBound, "newest first")
        #expect(site.output("sitemap.xml")?.contains("<loc>https://example.com/tags/istio/</loc>") == true)
    }

    @Test func theGuideEndsWithItsRelatedReading() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let guide = try String(contentsOf: repository.appendingPathComponent("Site/kubernetes-service-mesh-comparison/index.html"), encoding: .utf8)
        for slug in ["kubernetes-gitops-cicd-pipelines", "kubernetes-multi-cluster-strategy", "kubernetes-hipaa-compliance"] {
            #expect(guide.contains("<li><a href=\"/\(slug)/\">"), "related reading links \(slug)")
        }
    }
}
