import Foundation
import Testing
@testable import SitegenKit

/// Provenance, review dates, "X vs Y" pages, the matrix as CSV and what a build says the catalog changed.
@Suite("Catalog facts: sources, reviews and comparisons")
struct FactsTests {
    /// A mesh whose mTLS value, proxy memory and first pro cite sources, reviewed on `reviewed`.
    static func citedMesh(_ id: String, checked: String = "2026-01-20", source: String = "https://example.org/docs/security/",
                          reviewed: String = "2026-02-01") -> String {
        CatalogFixture.mesh(id, features: """
            features:
              mtls:
                value: "yes"
                source: \(source)
                checked: \(checked)
              overhead: low
              license:
                value: "Apache 2.0"
                note: "Foundation-owned."
                source: "CNCF annual report, 2025"
            """, resources: """
            resources:
              proxy:
                memory: {min: 10, max: 20, unit: MB, source: "https://example.org/docs/sizing/", checked: 2026-01-05}
                cpu: {text: "minimal CPU"}
              control_plane:
                cpu: {min: 1, max: 2, unit: cores}
                memory: {min: 2, unit: GB, or_more: true}
            """, extra: "reviewed: \(reviewed)")
            .replacingOccurrences(of: "    detail: \"It is light.\"", with: "    detail: \"It is light.\"\n    source: https://example.org/docs/security/")
    }

    static func site(_ meshes: [String: String], articleDate: String = "2026-02-26", siteYAML: String = FixtureSite.siteYAML,
                     templates: [String: String] = FixtureSite.minimalTemplates) throws -> FixtureSite {
        var files = CatalogFixture.files(meshes: meshes)
        files["Content/articles/a.md"] = article(slug: "a", date: articleDate)
        return try FixtureSite(files, templates: templates, siteYAML: siteYAML)
    }

    /// 1-based line of the first line containing `marker`.
    static func line(of marker: String, in text: String) -> Int {
        (text.components(separatedBy: "\n").firstIndex { $0.contains(marker) } ?? -1) + 1
    }

    @Test func citedValuesLinkToNumberedSourcesWithTheirCheckDates() throws {
        var templates = FixtureSite.minimalTemplates
        templates["Templates/mesh.mustache"] = "{{<layout}}{{$main}}{{#entry}}<h1>{{name}}</h1>{{#reviewed}}<p class=\"reviewed\">Facts reviewed {{reviewed}}</p>{{/reviewed}}"
            + "{{#pros}}<li>{{title}}{{{source_ref}}}</li>{{/pros}}{{/entry}}{{{fragments.features}}}{{{fragments.resources}}}{{{fragments.sources}}}{{/main}}{{/layout}}"
        let site = try Self.site(["a": Self.citedMesh("a")], templates: templates)
        defer { site.cleanUp() }
        let report = site.build()
        #expect(report.succeeded, "\(site.messages(report))")
        let page = try #require(site.output("meshes/a/index.html"))
        // One number per distinct source, shared by the page's tables and its pros, in the order the real mesh
        // template shows them (resources before the feature table).
        #expect(page.contains("10–20 MB memory, minimal CPU<sup class=\"source-ref\"><a href=\"#facts-source-1\" aria-label=\"Source 1\">[1]</a></sup>"))
        #expect(page.contains("Yes<sup class=\"source-ref\"><a href=\"#facts-source-2\""))
        #expect(page.contains("<li>Light<sup class=\"source-ref\"><a href=\"#facts-source-2\""))
        #expect(page.contains("<li id=\"facts-source-1\"><a href=\"https://example.org/docs/sizing/\" rel=\"external\">https://example.org/docs/sizing/</a> <span class=\"checked\">(checked January 5, 2026)</span></li>"))
        #expect(page.contains("<li id=\"facts-source-2\"><a href=\"https://example.org/docs/security/\" rel=\"external\">https://example.org/docs/security/</a> <span class=\"checked\">(checked January 20, 2026)</span></li>"))
        #expect(page.contains("<li id=\"facts-source-3\">CNCF annual report, 2025</li>"))
        #expect(page.contains("Facts reviewed February 1, 2026"))
        // The matrix lists its own sources under it.
        let compare = try #require(site.output("compare/index.html"))
        #expect(compare.contains("<a href=\"#matrix-source-1\" aria-label=\"Source 1\">[1]</a>"))
        #expect(compare.contains("<p class=\"sources-title\">Sources</p>"))
        let json = try #require(site.output("catalog.json"))
        #expect(json.contains("\"checked\":\"2026-01-20\"") && json.contains("\"reviewed\":\"2026-02-01\""))
    }

    @Test func badProvenanceIsAnErrorAtItsNodeAndLeavesTheOutputAlone() throws {
        let text = Self.citedMesh("a", checked: "2026-02-30", source: "ftp://example.org/file")
            .replacingOccurrences(of: "    note: \"Foundation-owned.\"", with: "    note: \"Foundation-owned.\"\n    sorce: x")
            .replacingOccurrences(of: "reviewed: 2026-02-01", with: "reviewed: [2026]")
        let site = try Self.site(["a": text])
        defer { site.cleanUp() }
        let report = site.build()
        #expect(!report.succeeded)
        let path = "Content/catalog/meshes/a.yaml"
        let messages = site.messages(report)
        #expect(messages.contains("\(path):\(Self.line(of: "ftp://", in: text)):13: error: 'source' uses the scheme 'ftp', which a reader's browser may not open; write a full http(s) address such as https://linkerd.io/2/features/, or plain text for a citation"))
        #expect(messages.contains("\(path):\(Self.line(of: "2026-02-30", in: text)):14: error: invalid date '2026-02-30' for 'checked': February 2026 has no day 30; write a real calendar date as YYYY-MM-DD"), "\(messages)")
        #expect(messages.contains { $0.hasPrefix("\(path):\(Self.line(of: "sorce", in: text)):5: error: unknown key 'sorce' in the value of 'license'; did you mean 'source'?") })
        #expect(messages.contains("\(path):\(Self.line(of: "reviewed:", in: text)):11: error: 'reviewed' must be a date such as 2026-03-15"))
        #expect(site.output("index.html") == nil)
    }

    @Test func staleFactsAreMeasuredAgainstTheContentNotTheClock() throws {
        let text = Self.citedMesh("a", checked: "2025-01-10", reviewed: "2026-02-01")
        let site = try Self.site(["a": text])
        defer { site.cleanUp() }
        let report = site.build()
        #expect(report.succeeded)
        let checkedLine = Self.line(of: "checked: 2025-01-10", in: text)
        #expect(site.messages(report) == [
            "Content/catalog/meshes/a.yaml:\(checkedLine):14: warning: checked 2025-01-10, 412 days before 2026-02-26; review this fact",
        ])

        var options = site.options
        options.asOf = try ArticleDate.parse("2027-02-02").get()
        let later = SiteBuilder().build(options)
        #expect(later.diagnostics.map(\.message).sorted() == [
            "checked 2025-01-10, 753 days before 2027-02-02; review this fact",
            "checked 2026-01-05, 393 days before 2027-02-02; review this fact",
            "reviewed 2026-02-01, 366 days before 2027-02-02; review this service mesh's facts",
        ])

        let before = site.snapshot()
        try site.write("Content/catalog/meshes/a.yaml", text.replacingOccurrences(of: "    overhead: low", with: "    overhead: high"))
        options.strictFacts = true
        let strict = SiteBuilder().build(options)
        #expect(!strict.succeeded && strict.diagnostics.filter(\.isError).count == 3)
        #expect(site.snapshot() == before, "a strict build that fails leaves the published site alone")

        try site.write("Content/site.yaml", FixtureSite.siteYAML + "options:\n  review_after_days: 800\n")
        #expect(SiteBuilder().build(options).diagnostics.isEmpty)
    }

    @Test func everyPairGetsAComparePageWithDifferencesFirst() throws {
        let meshes = [
            "alpha": CatalogFixture.mesh("alpha", name: "Alpha", order: 1),
            "beta": CatalogFixture.mesh("beta", name: "Beta", order: 2, mtls: "\"no\"", overhead: "high"),
            "gamma": CatalogFixture.mesh("gamma", name: "Gamma", order: 3, mtls: "limited"),
        ]
        var templates = FixtureSite.minimalTemplates
        templates["Templates/mesh.mustache"] = "{{<layout}}{{$main}}{{#entry}}<h1>{{name}}</h1>{{#compare_with}}<a class=\"vs\" href=\"{{url}}\">{{title}}</a>{{/compare_with}}{{/entry}}{{/main}}{{/layout}}"
        let site = try Self.site(meshes, templates: templates)
        defer { site.cleanUp() }
        let report = site.build()
        #expect(report.succeeded, "\(site.messages(report))")
        for pair in ["alpha-vs-beta", "alpha-vs-gamma", "beta-vs-gamma"] { #expect(site.output("compare/\(pair)/index.html") != nil, "\(pair)") }
        #expect(site.output("compare/beta-vs-alpha/index.html") == nil)

        let page = try #require(site.output("compare/alpha-vs-beta/index.html"))
        #expect(page.contains("<title>Alpha vs Beta · Fixture Site</title>"))
        #expect(page.contains("<link rel=\"canonical\" href=\"https://example.com/compare/alpha-vs-beta/\">"))
        #expect(page.contains("Alpha and Beta differ on 2 of the 3 features the guide compares and agree on 1."))
        #expect(page.contains("For example, mTLS: Yes against No; Resource overhead: Low against High."))
        #expect(page.contains("\"@type\":\"WebPage\"") && page.contains("\"name\":\"Beta\""))
        let differences = try #require(page.range(of: "id=\"differences\""))
        let agreements = try #require(page.range(of: "id=\"agreements\""))
        #expect(differences.lowerBound < agreements.lowerBound)
        let differing = String(page[differences.lowerBound..<agreements.lowerBound])
        #expect(differing.contains(">mTLS<") && differing.contains(">Resource overhead<") && !differing.contains(">Licence<"))

        let mesh = try #require(site.output("meshes/beta/index.html"))
        #expect(mesh.contains("<a class=\"vs\" href=\"/compare/alpha-vs-beta/\">Beta vs Alpha</a><a class=\"vs\" href=\"/compare/beta-vs-gamma/\">Beta vs Gamma</a>"))
        #expect(try #require(site.output("sitemap.xml")).contains("<loc>https://example.com/compare/beta-vs-gamma/</loc>"))
        let manifestText = try #require(site.output("search-index.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(manifestText.utf8)) as? [String: Any])
        let slots = try #require(manifest["slots"] as? Int)
        let chunk = Int(SearchText.hash("/compare/alpha-vs-gamma/") % UInt32(slots)) / SearchIndex.chunkSlots
        #expect(try #require(site.output("search/d-\(chunk).json")).contains("\"/compare/alpha-vs-gamma/\""))
    }

    @Test func fiveMeshesMakeTenPairPagesInCatalogOrder() throws {
        let ids = ["e", "d", "c", "b", "a"]
        let meshes = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, CatalogFixture.mesh($1, order: $0)) })
        let site = try Self.site(meshes)
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let sitemap = try #require(site.output("sitemap.xml"))
        let pairs = sitemap.components(separatedBy: "<loc>https://example.com/compare/").dropFirst().compactMap { $0.split(separator: "/").first }
            .filter { $0.contains("-vs-") }
        #expect(pairs == ["e-vs-d", "e-vs-c", "e-vs-b", "e-vs-a", "d-vs-c", "d-vs-b", "d-vs-a", "c-vs-b", "c-vs-a", "b-vs-a"])
    }

    @Test func theMatrixIsPublishedAsCSV() throws {
        let meshes = ["alpha": CatalogFixture.mesh("alpha", name: "Alpha, Inc.", order: 1),
                      "beta": CatalogFixture.mesh("beta", name: "Beta", order: 2, overhead: "high")]
        let site = try Self.site(meshes)
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        #expect(site.output("compare/matrix.csv") == "Feature,\"Alpha, Inc.\",Beta\r\nmTLS,Yes,Yes\r\nResource overhead,Low,High\r\nLicence,Apache 2.0,Apache 2.0\r\n")
        #expect(MatrixCSV.field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
    }

    @Test func aBuildSaysWhichFactsChangedSinceThePublishedCatalog() throws {
        let site = try Self.site(["alpha": CatalogFixture.mesh("alpha", name: "Alpha")])
        defer { site.cleanUp() }
        #expect(site.build().notes.isEmpty, "nothing was published before")
        try site.write("Content/catalog/meshes/alpha.yaml", CatalogFixture.mesh("alpha", name: "Alpha", mtls: "limited", overhead: "medium"))
        let report = site.build()
        #expect(report.notes == ["2 facts changed: alpha mtls yes → limited; alpha overhead low → medium"])
        #expect(site.build().notes.isEmpty, "an unchanged catalog says nothing")
    }

    @Test func staticFilesArePublishedAtTheRootAndMayNotHideGeneratedOnes() throws {
        var files = ["Content/articles/a.md": article(slug: "a"), "Templates/static/schema/site.schema.json": "{}\n"]
        var site = try FixtureSite(files)
        #expect(site.build().succeeded)
        #expect(site.output("schema/site.schema.json") == "{}\n")
        site.cleanUp()

        files["Content/articles/b.md"] = article(slug: "schema")
        site = try FixtureSite(files)
        #expect(site.messages(site.build()).contains { $0.hasPrefix("Content/articles/b.md:") && $0.contains("url_slug 'schema' is reserved") })
        site.cleanUp()

        files["Content/articles/b.md"] = nil
        files["Templates/static/index.html"] = "<p>mine</p>"
        site = try FixtureSite(files)
        defer { site.cleanUp() }
        #expect(site.messages(site.build()) == [
            "Templates/static/index.html:1:1: error: a static file may not be published at /index.html, which the site generates (or keeps for its own files); move it below another folder",
        ])
    }
}
