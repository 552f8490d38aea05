import Foundation
import Testing
@testable import SitegenKit

@Suite("Catalog directives and pages")
struct CatalogDirectiveTests {
    func site(meshCount: Int, body: String, names: [String: String] = [:]) throws -> FixtureSite {
        var meshes: [String: String] = [:]
        for index in 0..<meshCount {
            let id = "mesh\(index + 1)"
            meshes[id] = CatalogFixture.mesh(id, name: names[id], order: index, mtls: index == 1 ? "limited" : "\"yes\"",
                                             overhead: ["low", "medium", "high"][index % 3])
        }
        var files = CatalogFixture.files(meshes: meshes)
        files["Content/articles/guide.md"] = article(slug: "guide", body: body)
        return try FixtureSite(files)
    }

    /// The text between `<figure` and `</figure>` that holds `id`.
    func figure(_ id: String, in html: String) -> String? {
        guard let start = html.range(of: "<figure class=\"data-table"),
              let idRange = html.range(of: "id=\"\(id)\"", range: start.lowerBound..<html.endIndex),
              let end = html.range(of: "</figure>", range: idRange.upperBound..<html.endIndex) else { return nil }
        let figureStart = html.range(of: "<figure", options: .backwards, range: html.startIndex..<idRange.lowerBound)!
        return String(html[figureStart.lowerBound..<end.upperBound])
    }

    @Test func threeMeshComparisonMatchesItsGoldenFile() throws {
        let fixture = try site(meshCount: 3, body: "```comparison\nid: matrix-3\n```\n")
        defer { fixture.cleanUp() }
        let report = fixture.build()
        #expect(report.succeeded, "\(fixture.messages(report))")
        let table = try #require(figure("matrix-3", in: fixture.output("guide/index.html") ?? ""))
        try Golden.check(table + "\n", against: "comparison-3-meshes.html")
    }

    @Test(arguments: [1, 3, 5])
    func anyNumberOfMeshesBecomesThatManyColumns(count: Int) throws {
        let fixture = try site(meshCount: count, body: "```comparison\nid: m\n```\n")
        defer { fixture.cleanUp() }
        let report = fixture.build()
        #expect(report.succeeded, "\(fixture.messages(report))")
        let table = try #require(figure("m", in: fixture.output("guide/index.html") ?? ""))
        #expect(table.components(separatedBy: "<th scope=\"col\">").count - 1 == count + 1, "a feature column plus one per mesh")
        #expect(table.components(separatedBy: "<th scope=\"row\">").count - 1 == 3, "one row per feature")
        #expect(table.contains("<caption id=\"m-caption\">"))
        #expect(table.contains("<th scope=\"rowgroup\" colspan=\"\(count + 1)\">Security</th>"))
        #expect(table.contains("<span class=\"symbol\" aria-hidden=\"true\">✓</span> Yes"), "support is text plus a symbol")
        #expect(table.contains("<li id=\"m-note-1\">Mesh1, Licence: Foundation-owned."), "notes become numbered footnotes")
    }

    @Test func optionsSelectMeshesFeaturesAndGroups() throws {
        let body = "```comparison\nid: some\nmeshes: [mesh2]\ngroups: [security]\n```\n"
        let fixture = try site(meshCount: 3, body: body)
        defer { fixture.cleanUp() }
        #expect(fixture.build().succeeded)
        let table = try #require(figure("some", in: fixture.output("guide/index.html") ?? ""))
        #expect(table.contains(">Mesh2</a></th>"))
        #expect(!table.contains(">Mesh1</a></th>"))
        #expect(table.contains("<th scope=\"row\">mTLS</th><td class=\"value support-limited\"><span class=\"symbol\" aria-hidden=\"true\">◐</span> Limited</td>"))
        #expect(!table.contains("Resource overhead"))
    }

    @Test func unknownMeshOrFeatureIsAnErrorAtTheArticleLine() throws {
        let body = "Intro.\n\n```comparison\nmeshes: [mesh1, mesh9]\nfeatures: [mtls, mtsl]\n```\n\n```mesh-summary nope\n```\n"
        let fixture = try site(meshCount: 2, body: body)
        defer { fixture.cleanUp() }
        let messages = fixture.messages(fixture.build())
        #expect(messages == [
            "Content/articles/guide.md:15:17: error: unknown service mesh 'mesh9'; did you mean 'mesh1'?; service meshes are: mesh1, mesh2",
            "Content/articles/guide.md:16:18: error: unknown feature 'mtsl'; did you mean 'mtls'?",
            "Content/articles/guide.md:19:1: error: unknown service mesh 'nope'; service meshes are: mesh1, mesh2",
        ])
    }

    @Test func resourceDecisionAndSummaryDirectives() throws {
        let body = "```resources\nid: res\nteam_readiness: true\n```\n\n```decision\nid: pick\n```\n\n```mesh-summary mesh1\n```\n"
        let fixture = try site(meshCount: 2, body: body)
        defer { fixture.cleanUp() }
        let report = fixture.build()
        #expect(report.succeeded, "\(fixture.messages(report))")
        let html = try #require(fixture.output("guide/index.html"))
        #expect(html.contains("<td>10–20 MB memory, minimal CPU</td><td>2 GB+ memory, 1–2 cores</td><td>Readiness for mesh1.</td>"))
        #expect(html.contains("<h3 id=\"pick-mesh2\">Choose Mesh2 if…</h3>\n<ul>\n<li>You like mesh2</li>"))
        #expect(html.contains("<aside class=\"entry-summary\" id=\"summary-mesh1\""))
        #expect(html.contains("<a href=\"/meshes/mesh1/\">Full profile of Mesh1</a>"))
    }

    @Test func catalogPagesAreGeneratedListedAndLinkable() throws {
        let body = "See [the matrix](/compare/#matrix) and [mesh two's features](/meshes/mesh2/#features).\n"
        let fixture = try site(meshCount: 2, body: body)
        defer { fixture.cleanUp() }
        let report = fixture.build()
        #expect(report.succeeded, "\(fixture.messages(report))")
        let compare = try #require(fixture.output("compare/index.html"))
        #expect(compare.contains("id=\"matrix\"") && compare.contains("id=\"resources\"") && compare.contains("id=\"decision\""))
        let mesh = try #require(fixture.output("meshes/mesh2/index.html"))
        #expect(mesh.contains("<h1>Mesh2</h1>"))
        #expect(mesh.contains("<caption id=\"features-caption\">Mesh2, feature by feature</caption>"))
        #expect(fixture.output("meshes/index.html")?.contains("<a href=\"/meshes/mesh1/\">Mesh1</a>") == true)
        let sitemap = try #require(fixture.output("sitemap.xml"))
        for path in ["compare/", "meshes/", "meshes/mesh1/", "meshes/mesh2/"] {
            #expect(sitemap.contains("<loc>https://example.com/\(path)</loc>"))
        }
        let json = try #require(fixture.output("catalog.json"))
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let collections = try #require(decoded["collections"] as? [[String: Any]])
        #expect(collections.map { $0["id"] as? String } == ["meshes"])
        #expect((collections.first?["entries"] as? [[String: Any]])?.map { $0["id"] as? String } == ["mesh1", "mesh2"])
    }

    @Test func aBrokenAnchorIntoACatalogPageIsCaught() throws {
        let fixture = try site(meshCount: 1, body: "[x](/compare/#matrx)\n")
        defer { fixture.cleanUp() }
        #expect(fixture.messages(fixture.build()) == [
            "Content/articles/guide.md:12:1: error: broken link '/compare/#matrx': /compare/ has no heading or anchor '#matrx'; did you mean #matrix?",
        ])
    }

    @Test func aHostileMeshNameIsEscapedEverywhere() throws {
        let name = "<script>alert(1)</script>"
        let body = "```comparison\n```\n\n```resources\n```\n\n```decision\n```\n\n```mesh-summary mesh1\n```\n"
        let fixture = try site(meshCount: 2, body: body, names: ["mesh1": name])
        defer { fixture.cleanUp() }
        let report = fixture.build()
        #expect(report.succeeded, "\(fixture.messages(report))")
        for page in ["guide/index.html", "compare/index.html", "meshes/index.html", "meshes/mesh1/index.html", "catalog.json"] {
            let text = try #require(fixture.output(page))
            #expect(!text.contains("<script>alert"), "\(page) must escape the mesh name")
        }
        #expect(fixture.output("meshes/mesh1/index.html")?.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt; · Fixture Site</title>") == true)
        #expect(fixture.output("catalog.json")?.contains("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e") == true)
    }

    @Test func oneEditedValueChangesEveryPlaceThatShowsIt() throws {
        let fixture = try site(meshCount: 2, body: "```comparison\nid: t\n```\n")
        defer { fixture.cleanUp() }
        #expect(fixture.build().succeeded)
        let cell = "<th scope=\"row\">Resource overhead</th><td class=\"value scale-low\">"
        #expect(fixture.output("guide/index.html")?.contains(cell) == true)
        try fixture.write("Content/catalog/meshes/mesh1.yaml", CatalogFixture.mesh("mesh1", order: 0, overhead: "high"))
        #expect(fixture.build().succeeded)
        let changed = "<th scope=\"row\">Resource overhead</th><td class=\"value scale-high\">"
        for page in ["guide/index.html", "compare/index.html", "meshes/mesh1/index.html"] {
            #expect(fixture.output(page)?.contains(changed) == true, "\(page) shows the new value")
        }
        #expect(fixture.output("catalog.json")?.contains("\"overhead\":{\"label\":\"High\",\"value\":\"high\"}") == true)
    }
}
