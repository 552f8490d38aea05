import Foundation
import Testing
@testable import SitegenKit

/// The engine as the preview drives it: every memo table (articles, catalog, resolve, related reading, bodies,
/// catalog pages, routes, search runs, links, pages) joins the index of readers once a build is out, so the next
/// edit checks only the memos that read what it changed. Whatever the edit, the result must be a clean build's.
@Suite("The build engine")
struct EngineTests {
    /// Rebuilds after `edit` with the index built ahead, as `serve` does after every report, and compares the whole
    /// site (or the diagnostics) with a fresh full build.
    func rebuild(_ site: FixtureSite, _ session: BuildSession, changed: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation,
                 _ edit: () throws -> Void) throws {
        try edit()
        let incremental = session.build(changedPaths: Set(changed.map(site.path)))
        session.prepareForNextBuild()
        let (full, fullDiagnostics) = SiteBuilder().generate(site.options)
        #expect(incremental.succeeded == (full != nil), sourceLocation: sourceLocation)
        guard let full else {
            #expect(incremental.diagnostics.map(\.description) == fullDiagnostics.map(\.description), sourceLocation: sourceLocation)
            return
        }
        let made = Dictionary(uniqueKeysWithValues: incremental.files.map { ($0.path, $0.bytes) })
        #expect(Set(made.keys) == Set(full.files.map(\.path)), sourceLocation: sourceLocation)
        for file in full.files where made[file.path] != file.bytes {
            Issue.record("\(file.path) differs from a full build", sourceLocation: sourceLocation)
        }
    }

    @Test func everyKindOfEditWithEveryTableIndexedAheadRebuildsAsACleanBuildWould() throws {
        var files = IncrementalBuildTests.startingFiles()
        files["Content/articles/extra.md"] = article(slug: "extra", date: "2026-01-25", extra: "tags: [mesh]\n", body: "## Extra\n\nWords.\n")
        let site = try FixtureSite(files)
        defer { site.cleanUp() }
        let session = BuildSession(options: site.options)
        #expect(session.build().succeeded)
        session.prepareForNextBuild()
        // A catalog value that pages and a directive show.
        try rebuild(site, session, changed: ["Content/catalog/meshes/beta.yaml"]) {
            try site.write("Content/catalog/meshes/beta.yaml", CatalogFixture.mesh("beta", order: 2, mtls: "limited", overhead: "medium"))
        }
        // A title that reorders the site, then a body.
        try rebuild(site, session, changed: ["Content/articles/one.md"]) {
            try site.write("Content/articles/one.md", article(slug: "one", title: "A first title", date: "2026-01-10", extra: "tags: [mesh]\n", body: "## Intro\n\nText.\n"))
        }
        try rebuild(site, session, changed: ["Content/articles/three.md"]) {
            try site.write("Content/articles/three.md", article(slug: "three", date: "2026-01-20", extra: "tags: [cooking]\n", body: "## New words\n\nSearchable.\n"))
        }
        // A template every page uses.
        try rebuild(site, session, changed: ["Templates/partials/head.mustache"]) {
            try site.write("Templates/partials/head.mustache", "<title>{{page.title}} (edited)</title>")
        }
        // An article deleted, one added, and a mesh added.
        try rebuild(site, session, changed: ["Content/articles/extra.md"]) {
            try site.remove("Content/articles/extra.md")
        }
        try rebuild(site, session, changed: ["Content/articles/four.md"]) {
            try site.write("Content/articles/four.md", article(slug: "four", date: "2026-01-28", extra: "tags: [security]\n", body: "See [two](/two/#part).\n"))
        }
        try rebuild(site, session, changed: ["Content/catalog/meshes/gamma.yaml"]) {
            try site.write("Content/catalog/meshes/gamma.yaml", CatalogFixture.mesh("gamma", order: 3))
        }
        // A broken link fails the build; fixing it succeeds again.
        try rebuild(site, session, changed: ["Content/articles/four.md"]) {
            try site.write("Content/articles/four.md", article(slug: "four", date: "2026-01-28", extra: "tags: [security]\n", body: "See [two](/two/#gone).\n"))
        }
        try rebuild(site, session, changed: ["Content/articles/four.md"]) {
            try site.write("Content/articles/four.md", article(slug: "four", date: "2026-01-28", extra: "tags: [security]\n", body: "See [two](/two/#part).\n"))
        }
    }
}
