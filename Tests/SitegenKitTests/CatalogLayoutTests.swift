import Foundation
import Testing
@testable import SitegenKit

/// Mistakes in how `Content/catalog/` is laid out or declared: each an error at its file and line, all in one run,
/// and a site that built before is left as it was.
@Suite("Catalog layout and declarations")
struct CatalogLayoutTests {
    func site() throws -> FixtureSite {
        var files = CatalogFixture.files(meshes: ["alpha": CatalogFixture.mesh("alpha"), "beta": CatalogFixture.mesh("beta")])
        files["Content/articles/a.md"] = article(slug: "a")
        return try FixtureSite(files)
    }

    /// Builds once, makes the mistakes, builds again: the errors, and proof the output did not change.
    func errors(after mistakes: [String: String], _ site: FixtureSite) throws -> [String] {
        #expect(site.build().succeeded)
        let before = site.snapshot()
        for (path, text) in mistakes { try site.write(path, text) }
        let report = site.build()
        #expect(!report.succeeded)
        #expect(site.snapshot() == before, "a failed build leaves the output as it was")
        return site.messages(report).filter { $0.contains(": error: ") }
    }

    @Test func aCatalogFileOutsideACollectionFolderIsAnErrorSayingWhereItGoes() throws {
        let site = try site()
        defer { site.cleanUp() }
        let errors = try errors(after: ["Content/catalog/features.yaml": "features: []\n"], site)
        #expect(errors.contains { $0.hasPrefix("Content/catalog/features.yaml:1:1: error: catalog files live in one folder per collection") }, "\(errors)")
    }

    @Test func entriesWithoutADeclarationAreAnErrorNamingTheCommand() throws {
        let site = try site()
        defer { site.cleanUp() }
        let errors = try errors(after: ["Content/catalog/gadgets/one.yaml": "name: One\n"], site)
        #expect(errors.contains { $0.hasPrefix("Content/catalog/gadgets/one.yaml:1:1: error: ") && $0.contains("sitegen new collection gadgets") }, "\(errors)")
    }

    @Test func aCollectionIDThatIsADirectiveOptionIsRefused() throws {
        for folder in ["features", "caption", "Gadgets"] {
            let site = try site()
            defer { site.cleanUp() }
            let declaration = "Content/catalog/\(folder)/_collection.yaml"
            let errors = try errors(after: [declaration: "singular: thing\nplural: things\nfeatures: []\n"], site)
            #expect(errors.contains { $0.hasPrefix(declaration + ":1:1: error: the folder name '\(folder)' is not a usable collection id") }, "\(errors)")
        }
    }

    /// Every problem of a declaration in one run: an unknown field type, a summary naming an undeclared field, a
    /// `decision` that is not a list, a field taking a common key, and a path that is not a site path.
    @Test func everyMistakeInADeclarationIsReportedAtItsLine() throws {
        let site = try site()
        defer { site.cleanUp() }
        let declaration = "Content/catalog/gadgets/_collection.yaml"
        let errors = try errors(after: [declaration: """
            singular: gadget
            plural: gadgets
            paths: {entries: gadgets, compare: /gadgets/compare/}
            summary: [colour, weigth]
            decision: colour
            fields:
              - {id: colour, type: colr}
              - {id: weight, type: text}
              - {id: name, type: text}
            features:
              - {id: a, label: A, group: g, kind: support, description: "A."}

            """], site)
        let expected = [
            (3, "'entries' must be a site path"),
            (4, "'summary' names field 'weigth', which is not declared; did you mean 'weight'?"),
            (5, "'decision' names field 'colour', which is not declared"),
            (7, "type 'colr' is not one of: text, list, link, items, figures, diagram, record"),
            (9, "'name' is a key every entry has"),
        ]
        for (line, message) in expected {
            #expect(errors.contains { $0.hasPrefix("\(declaration):\(line):") && $0.contains(message) }, "line \(line): \(errors)")
        }
    }
}
