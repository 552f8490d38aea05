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

@Suite("Related reading against a plain reference")
struct RelatedIndexReferenceTests {
    /// The definition without any of the index's shortcuts: every other article scored, sorted, the best taken.
    /// A shared keyword counts when the two are within `reach` of each other among the articles carrying it, in
    /// date order (newest first, then slug).
    static func reference(_ articles: [RelatedIndex.Input], index: [String: Int], count: Int, reach: Int) -> [[Int]] {
        var postings: [String: Int] = [:]
        let keys = articles.map { article in
            Set(article.tags.map { "t:" + $0.lowercased() } + article.keywords.map { "k:" + $0.lowercased() }).sorted()
        }
        for own in keys { for key in own { postings[key, default: 0] += 1 } }
        var places: [String: [Int: Int]] = [:]
        for key in postings.keys {
            let carriers = articles.indices.filter { keys[$0].contains(key) }.sorted { a, b in
                if articles[a].date != articles[b].date { return articles[a].date > articles[b].date }
                if articles[a].slug != articles[b].slug { return articles[a].slug < articles[b].slug }
                return a < b
            }
            places[key] = Dictionary(uniqueKeysWithValues: carriers.enumerated().map { ($1, $0) })
        }
        func withinReach(_ key: String, _ a: Int, _ b: Int) -> Bool {
            guard let place = places[key], let first = place[a], let second = place[b] else { return false }
            return abs(first - second) <= reach
        }
        let limit = max(2, articles.count / 2)
        func weight(_ key: String) -> Double? {
            guard let n = postings[key], n > 1, n <= limit else { return nil }
            return (key.hasPrefix("t:") ? RelatedIndex.tagWeight : RelatedIndex.keywordWeight) * log(1 + Double(articles.count) / Double(n))
        }
        return articles.indices.map { position in
            var chosen: [Int] = []
            for slug in articles[position].related {
                if let other = index[slug], other != position, !chosen.contains(other), chosen.count < count { chosen.append(other) }
            }
            let scored: [(Int, Double)] = articles.indices.compactMap { other in
                guard other != position, !chosen.contains(other) else { return nil }
                let theirs = Set(keys[other])
                var score = 0.0
                for key in keys[position] where theirs.contains(key) && withinReach(key, position, other) { score += weight(key) ?? 0 }
                return score > 0 ? (other, score) : nil
            }
            let ranked = scored.sorted { a, b in
                if a.1 != b.1 { return a.1 > b.1 }
                if articles[a.0].date != articles[b.0].date { return articles[a.0].date > articles[b.0].date }
                return articles[a.0].slug < articles[b.0].slug
            }
            return chosen + ranked.prefix(count - chosen.count).map(\.0)
        }
    }

    /// Few tags, keywords and dates, so nearly every pair shares something and most scores tie: the ranking by
    /// date and slug decides, as it does at scale.
    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func theIndexChoosesWhatTheDefinitionChooses(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let tags = ["mesh", "istio", "Linkerd", "security", "ops", "cost"], keywords = ["mtls", "sidecar", "latency", "ebpf"]
        let dates = try ["2026-01-01", "2026-01-02", "2026-02-01", "2026-01-02T09:30:00Z"].map { try #require(ArticleDate($0)) }
        let size = Int.random(in: 40...400, using: &random)
        let slugs = (0..<size).map { "a\(String($0, radix: 7))" }.shuffled(using: &random)
        let articles = slugs.map { slug in
            RelatedIndex.Input(slug: slug, date: dates.randomElement(using: &random)!,
                               tags: Array(tags.shuffled(using: &random).prefix(Int.random(in: 0...3, using: &random))),
                               keywords: Array(keywords.shuffled(using: &random).prefix(Int.random(in: 0...2, using: &random))),
                               related: (0..<Int.random(in: 0...2, using: &random)).map { _ in slugs.randomElement(using: &random)! })
        }
        let index = Dictionary(articles.indices.map { (articles[$0].slug, $0) }, uniquingKeysWith: { first, _ in first })
        for count in [1, 3, 5] {
            #expect(RelatedIndex.compute(inputs: articles, index: index, count: count)
                == Self.reference(articles, index: index, count: count, reach: RelatedIndex.reach))
            // Keywords carried by more articles than the reach: each counts only between articles near in date.
            for reach in [2, 9, 40] {
                #expect(RelatedIndex.compute(inputs: articles, index: index, count: count, reach: reach)
                    == Self.reference(articles, index: index, count: count, reach: reach), "reach \(reach)")
            }
        }
    }
}
