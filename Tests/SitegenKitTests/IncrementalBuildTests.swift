import Foundation
import Testing
@testable import SitegenKit

/// An incremental rebuild must produce exactly the bytes a full build would, for every kind of change.
@Suite("Incremental builds equal full builds")
struct IncrementalBuildTests {
    static func startingFiles() -> [String: String] {
        var files = CatalogFixture.files(meshes: [
            "alpha": CatalogFixture.mesh("alpha", order: 1),
            "beta": CatalogFixture.mesh("beta", order: 2, mtls: "limited", overhead: "high"),
        ])
        files["Content/articles/guide.md"] = article(
            slug: "guide", date: "2026-02-01", extra: "tags: [mesh, security]\n",
            body: "## Matrix\n\n```comparison\nid: m\n```\n\n```mesh-summary alpha\n```\n\nSee [one](one.md) and [two](/two/#part).\n")
        files["Content/articles/one.md"] = article(slug: "one", date: "2026-01-10", extra: "tags: [mesh]\n", body: "## Intro\n\nText.\n")
        files["Content/articles/two.md"] = article(slug: "two", date: "2026-01-12", extra: "tags: [security]\n", body: "## Part\n\n```resources\nmeshes: [beta]\n```\n")
        files["Content/articles/three.md"] = article(slug: "three", date: "2026-01-20", extra: "tags: [cooking]\n")
        return files
    }

    /// Counts steps, so every other one prepares the session for the next build as the preview does between edits.
    final class Steps: @unchecked Sendable {
        var count = 0
    }

    let steps = Steps()

    /// Applies `edit`, rebuilds incrementally, and checks the result against a fresh full build. After every other
    /// step the session indexes its memos ahead, as the preview's coordinator does once a rebuild is reported, so
    /// both ways into the next build are held to the full build.
    @discardableResult
    func step(_ site: FixtureSite, _ session: BuildSession, changed: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation,
              _ edit: () throws -> Void) throws -> BuildSession.Result {
        try edit()
        let incremental = session.build(changedPaths: Set(changed.map(site.path)))
        steps.count += 1
        if steps.count % 2 == 0 { session.prepareForNextBuild() }
        let (full, fullDiagnostics) = SiteBuilder().generate(site.options)
        #expect(incremental.succeeded == (full != nil), "\(site.messages(BuildReport(diagnostics: incremental.diagnostics, pageCount: 0, filesWritten: 0)))", sourceLocation: sourceLocation)
        if let full {
            let a = Dictionary(uniqueKeysWithValues: incremental.files.map { ($0.path, $0.bytes) })
            let b = Dictionary(uniqueKeysWithValues: full.files.map { ($0.path, $0.bytes) })
            #expect(Set(a.keys) == Set(b.keys), sourceLocation: sourceLocation)
            for (path, bytes) in b where a[path] != bytes {
                Issue.record("\(path) differs from a full build", sourceLocation: sourceLocation)
            }
        } else {
            #expect(incremental.diagnostics.map(\.description) == fullDiagnostics.map(\.description), sourceLocation: sourceLocation)
        }
        return incremental
    }

    func rendered(_ result: BuildSession.Result) -> Set<String> {
        Set(result.changed.map(\.path))
    }

    /// An edit that moves an article in the site order changes its own tags' pages, not every tag's: each tag's
    /// pages read that tag's articles (`tag:<slug>`), not the whole tag index.
    @Test func anArticleThatMovesRemakesOnlyTheTagPagesOfItsOwnTags() throws {
        var files: [String: String] = [:]
        for number in 0..<6 {
            files["Content/articles/m\(number).md"] = article(slug: "m\(number)", title: "Mesh \(number)", date: "2026-01-0\(number + 1)", extra: "tags: [mesh]\n")
            files["Content/articles/c\(number).md"] = article(slug: "c\(number)", title: "Cooking \(number)", date: "2026-01-0\(number + 1)", extra: "tags: [cooking]\n")
        }
        let site = try FixtureSite(files)
        defer { site.cleanUp() }
        let session = BuildSession(options: site.options)
        #expect(session.build().succeeded)
        // A new title and date move m2 to the top of the site and of its tag; the cooking tag's articles stay as they were.
        let result = try step(site, session, changed: ["Content/articles/m2.md"]) {
            try site.write("Content/articles/m2.md", article(slug: "m2", title: "A mesh retitled", date: "2026-01-09", extra: "tags: [mesh]\n"))
        }
        #expect(result.made.contains("tags/mesh/index.html"))
        #expect(!result.made.contains { $0.hasPrefix("tags/cooking/") }, "\(result.made.sorted())")
    }

    @Test func aLinkBreaksWhenTheHeadingItNamesIsRenamedElsewhere() throws {
        let site = try FixtureSite(Self.startingFiles())
        defer { site.cleanUp() }
        let session = BuildSession(options: site.options)
        #expect(session.build().succeeded)
        // Only two.md changed, but guide.md links to /two/#part: its link must be checked again.
        let broken = try step(site, session, changed: ["Content/articles/two.md"]) {
            try site.write("Content/articles/two.md", article(slug: "two", date: "2026-01-12", extra: "tags: [security]\n", body: "## Section\n\nText.\n"))
        }
        #expect(broken.diagnostics.contains { $0.description.contains("guide.md") && $0.description.contains("no heading or anchor '#part'") })
        try step(site, session, changed: ["Content/articles/two.md"]) {
            try site.write("Content/articles/two.md", article(slug: "two", date: "2026-01-12", extra: "tags: [security]\n", body: "## Part\n\nText.\n"))
        }
        // And an edit elsewhere keeps reporting a link it did not touch.
        try site.write("Content/articles/one.md", article(slug: "one", date: "2026-01-10", extra: "tags: [mesh]\n", body: "## Intro\n\n[Gone](/nowhere/).\n"))
        #expect(!session.build(changedPaths: [site.path("Content/articles/one.md")]).succeeded)
        let again = try step(site, session, changed: ["Content/articles/three.md"]) {
            try site.write("Content/articles/three.md", article(slug: "three", date: "2026-01-20", extra: "tags: [cooking]\n", body: "Other.\n"))
        }
        #expect(again.diagnostics.contains { $0.description.contains("one.md") && $0.description.contains("/nowhere/") })
    }

    @Test func anEditMadeDuringAFailedBuildIsPublishedByTheNextGoodOne() throws {
        let site = try FixtureSite(Self.startingFiles())
        defer { site.cleanUp() }
        let session = BuildSession(options: site.options)
        #expect(session.build().succeeded)
        // Two edits arrive together; one breaks a link, so nothing is published.
        try site.write("Content/articles/three.md", article(slug: "three", date: "2026-01-20", extra: "tags: [cooking]\n", body: "First edit.\n"))
        try site.write("Content/articles/one.md", article(slug: "one", date: "2026-01-10", extra: "tags: [mesh]\n", body: "## Intro\n\n[Gone](/nowhere/).\n"))
        #expect(!session.build(changedPaths: [site.path("Content/articles/three.md"), site.path("Content/articles/one.md")]).succeeded)
        // Fixing the link alone must publish the first edit too.
        let fixed = try step(site, session, changed: ["Content/articles/one.md"]) {
            try site.write("Content/articles/one.md", article(slug: "one", date: "2026-01-10", extra: "tags: [mesh]\n", body: "## Intro\n\nFine.\n"))
        }
        #expect(fixed.changed.contains { $0.path == "three/index.html" && $0.text.contains("First edit.") })
        // And a second failure in a row changes nothing of that.
        try site.write("Content/articles/two.md", "---\ntitle: [broken\n---\n")
        #expect(!session.build(changedPaths: [site.path("Content/articles/two.md")]).succeeded)
        try site.write("Content/articles/three.md", article(slug: "three", date: "2026-01-20", extra: "tags: [cooking]\n", body: "Second edit.\n"))
        #expect(!session.build(changedPaths: [site.path("Content/articles/three.md")]).succeeded)
        try step(site, session, changed: ["Content/articles/two.md"]) {
            try site.write("Content/articles/two.md", article(slug: "two", date: "2026-01-12", extra: "tags: [security]\n", body: "## Part\n\nBack.\n"))
        }
    }

    @Test func aFolderThatGoesTakesItsArticlesAlongEvenWhenOnlyTheFolderIsReported() throws {
        var files = Self.startingFiles()
        files["Content/articles/more/four.md"] = article(slug: "four", date: "2026-01-05")
        let site = try FixtureSite(files)
        defer { site.cleanUp() }
        let session = BuildSession(options: site.options)
        #expect(session.build().succeeded)
        let result = try step(site, session, changed: ["Content/articles/more"]) {
            try site.remove("Content/articles/more")
        }
        #expect(result.removed.contains("four/index.html"))
        // A path that was never part of the site and is gone (an editor's scratch file) changes nothing.
        let quiet = try step(site, session, changed: ["Content/articles/.scratch-123", "Content/articles/three.md"]) {
            try site.write("Content/articles/three.md", article(slug: "three", date: "2026-01-20", extra: "tags: [cooking]\n", body: "Edited.\n"))
        }
        #expect(Set(quiet.changed.map(\.path)).subtracting(searchFiles(quiet.changed.map(\.path))) == ["three/index.html"])
    }

    @Test func everyKindOfChange() throws {
        let site = try FixtureSite(Self.startingFiles())
        defer { site.cleanUp() }
        let session = BuildSession(options: site.options)
        let first = session.build()
        #expect(first.succeeded, "\(first.diagnostics)")

        // Nothing changed: nothing is rendered or written.
        let noop = try step(site, session, changed: []) {}
        #expect(noop.rendered == 0 && noop.changed.isEmpty && noop.removed.isEmpty)

        // An article's body: only its page, and the search index that quotes it.
        var result = try step(site, session, changed: ["Content/articles/three.md"]) {
            try site.write("Content/articles/three.md", article(slug: "three", date: "2026-01-20", extra: "tags: [cooking]\n", body: "New words.\n"))
        }
        #expect(rendered(result).subtracting(searchFiles(result.made)) == ["three/index.html"])
        #expect(result.made.contains { $0.hasPrefix("search/d-") }, "its document's metadata holds its snippets")
        #expect(!searchFiles(result.made).contains("search-index.json"))

        // A title: its page, the lists that show it, and pages whose related reading names it.
        result = try step(site, session, changed: ["Content/articles/one.md"]) {
            try site.write("Content/articles/one.md", article(slug: "one", title: "One, renamed", date: "2026-01-10", extra: "tags: [mesh]\n", body: "## Intro\n\nText.\n"))
        }
        #expect(rendered(result).isSuperset(of: ["one/index.html", "index.html", "atom.xml", "tags/mesh/index.html", "guide/index.html"]))
        #expect(!rendered(result).contains("three/index.html"))

        // One catalog value: the pages that show that mesh, not the others.
        result = try step(site, session, changed: ["Content/catalog/meshes/beta.yaml"]) {
            try site.write("Content/catalog/meshes/beta.yaml", CatalogFixture.mesh("beta", order: 2, mtls: "\"yes\"", overhead: "high"))
        }
        #expect(rendered(result).isSuperset(of: ["guide/index.html", "compare/index.html", "meshes/beta/index.html", "catalog.json"]))
        #expect(!rendered(result).contains("two/index.html"), "two shows only beta's resources, which did not change")
        #expect(!rendered(result).contains("one/index.html"))

        // A resource figure of beta: the page that shows beta's resources too.
        result = try step(site, session, changed: ["Content/catalog/meshes/beta.yaml"]) {
            try site.write("Content/catalog/meshes/beta.yaml", CatalogFixture.mesh("beta", order: 2, mtls: "\"yes\"", overhead: "high",
                resources: "resources:\n  proxy:\n    memory: {min: 30, max: 40, unit: MB}\n  control_plane:\n    managed_by: Vendor"))
        }
        #expect(rendered(result).contains("two/index.html"))
        #expect(!rendered(result).contains("three/index.html"))

        // A feature's label: every table.
        try step(site, session, changed: [CatalogFixture.declarationPath]) {
            try site.write(CatalogFixture.declarationPath, CatalogFixture.declaration().replacingOccurrences(of: "label: mTLS", with: "label: Mutual TLS"))
        }

        // A template and a partial.
        result = try step(site, session, changed: ["Templates/tag.mustache"]) {
            try site.write("Templates/tag.mustache", "{{<layout}}{{$main}}<h2>{{tag.name}}</h2>{{#articles}}<a href=\"{{url}}\">{{title}}</a>\n{{/articles}}{{/main}}{{/layout}}")
        }
        #expect(rendered(result) == ["tags/mesh/index.html", "tags/security/index.html", "tags/cooking/index.html"])
        try step(site, session, changed: ["Templates/partials/head.mustache"]) {
            try site.write("Templates/partials/head.mustache", "<title>{{page.title}}!</title>")
        }

        // An asset.
        result = try step(site, session, changed: ["Templates/assets/style.css"]) {
            try site.write("Templates/assets/style.css", "body { color: navy; }\n")
        }
        #expect(rendered(result) == ["assets/style.css"])

        // Add, rename and delete articles.
        try step(site, session, changed: ["Content/articles/four.md"]) {
            try site.write("Content/articles/four.md", article(slug: "four", date: "2026-03-01", extra: "tags: [security, mesh]\n"))
        }
        result = try step(site, session, changed: ["Content/articles/one.md", "Content/articles/uno.md"]) {
            try FileManager.default.moveItem(atPath: site.path("Content/articles/one.md"), toPath: site.path("Content/articles/uno.md"))
        }
        #expect(result.succeeded == false, "guide links to one.md, which is gone")
        try step(site, session, changed: ["Content/articles/guide.md"]) {
            try site.write("Content/articles/guide.md", article(
                slug: "guide", date: "2026-02-01", extra: "tags: [mesh, security]\n",
                body: "## Matrix\n\n```comparison\nid: m\n```\n\nSee [one](uno.md) and [two](/two/#part).\n"))
        }
        result = try step(site, session, changed: ["Content/articles/four.md"]) {
            try site.remove("Content/articles/four.md")
        }
        #expect(Set(result.removed).subtracting(searchFiles(result.removed)) == ["four/index.html"])

        // A broken edit fails, and the next good one recovers with everything that changed in between.
        try step(site, session, changed: ["Content/articles/three.md"]) {
            try site.write("Content/articles/three.md", "---\ntitle: [broken\n---\n")
        }
        try step(site, session, changed: ["Content/articles/three.md"]) {
            try site.write("Content/articles/three.md", article(slug: "three", date: "2026-01-20", extra: "tags: [cooking, mesh]\n"))
        }

        // Site settings.
        try step(site, session, changed: ["Content/site.yaml"]) {
            try site.write("Content/site.yaml", FixtureSite.siteYAML.replacingOccurrences(of: "Fixture Site", with: "Renamed Site"))
        }
    }

    @Test func authoringFeaturesRebuildAsAFullBuildWould() throws {
        var files = Self.startingFiles()
        for day in 1...4 { files["Content/articles/extra\(day).md"] = article(slug: "extra\(day)", date: "2025-12-0\(day)", extra: "tags: [mesh]\n") }
        let site = try FixtureSite(files, templates: AuthoringTests.templates,
                                   siteYAML: FixtureSite.siteYAML + "options:\n  page_size: 3\n")
        defer { site.cleanUp() }
        let session = BuildSession(options: site.options)
        #expect(session.build().succeeded)
        let one = "Content/articles/one.md"
        func writeOne(_ extra: String, body: String = "## Intro\n\nText.\n") throws {
            try site.write(one, article(slug: "one", date: "2026-01-10", extra: "tags: [mesh]\n" + extra, body: body))
        }
        try step(site, session, changed: [one]) { try writeOne("aliases: [/uno/, /first.html]\n") }
        try step(site, session, changed: [one]) { try writeOne("aliases: [/uno/]\nupdated: 2026-03-01\n") }
        try step(site, session, changed: [one]) { try writeOne("updated: 2026-03-01\n", body: "> [!TIP]\n> Start small.\n") }
        // A new article moves every later one down the paginated index and the tag's pages.
        try step(site, session, changed: ["Content/articles/newest.md"]) {
            try site.write("Content/articles/newest.md", article(slug: "newest", date: "2026-05-01", extra: "tags: [mesh]\n"))
        }
        try step(site, session, changed: ["Content/site.yaml"]) {
            try site.write("Content/site.yaml", FixtureSite.siteYAML + "options:\n  page_size: 2\ncta:\n  heading: H\n  text: T\n  button: B\n  url: /contact/\n")
        }
        try step(site, session, changed: ["Content/authors.yaml"]) {
            try site.write("Content/authors.yaml", "authors:\n  - name: \"Ada Writer\"\n    bio: \"First bio.\"\n")
        }
        try step(site, session, changed: ["Content/authors.yaml"]) {
            try site.write("Content/authors.yaml", "authors:\n  - name: \"Ada Writer\"\n    bio: \"Second bio.\"\n")
        }
        try step(site, session, changed: [one]) { try writeOne("cta: false\n") }
        try step(site, session, changed: ["Content/articles/newest.md"]) { try site.remove("Content/articles/newest.md") }
        try step(site, session, changed: ["Content/authors.yaml"]) { try site.remove("Content/authors.yaml") }
    }

    @Test func aLongSequenceOfRandomEditsStaysEqualToFullBuilds() throws {
        var files = Self.startingFiles()
        // A page that moves between two slugs, and an article that links to one of them: while it is away, the
        // link is broken and the build must say so, as a full build does.
        files["Content/articles/mover.md"] = article(slug: "mover", date: "2026-01-05", body: "## Part\n\nText.\n")
        files["Content/articles/linker.md"] = article(slug: "linker", date: "2026-01-06", body: "See [the mover](/mover/#part).\n")
        let site = try FixtureSite(files)
        defer { site.cleanUp() }
        let session = BuildSession(options: site.options)
        #expect(session.build().succeeded)
        // As the preview does after its first build: every memo was just made, and joins the index at once.
        session.prepareForNextBuild()
        var random = RandomDiagram(seed: 20261127)
        var slugs = ["one", "two", "three"]
        var counter = 0
        var moved = false, betaGone = false, templateGone = false
        for _ in 0..<90 {
            counter += 1
            switch random.next(9) {
            case 6:
                moved.toggle()
                try step(site, session, changed: ["Content/articles/mover.md"]) {
                    try site.write("Content/articles/mover.md", article(slug: moved ? "moved" : "mover", date: "2026-01-05", body: "## Part\n\nText.\n"))
                }
            case 7:
                // A mesh that goes takes its pages, table rows and keys along; articles that show it fail until it is back.
                betaGone.toggle()
                try step(site, session, changed: ["Content/catalog/meshes/beta.yaml"]) {
                    if betaGone {
                        try site.remove("Content/catalog/meshes/beta.yaml")
                    } else {
                        try site.write("Content/catalog/meshes/beta.yaml", CatalogFixture.mesh("beta", order: 2, mtls: "limited", overhead: "high"))
                    }
                }
            case 8:
                templateGone.toggle()
                try step(site, session, changed: ["Templates/tag.mustache"]) {
                    if templateGone {
                        try site.remove("Templates/tag.mustache")
                    } else {
                        try site.write("Templates/tag.mustache", FixtureSite.minimalTemplates["Templates/tag.mustache"]!)
                    }
                }
            case 0 where slugs.count > 1:
                let slug = slugs.remove(at: random.next(slugs.count))
                try step(site, session, changed: ["Content/articles/\(slug).md"]) { try site.remove("Content/articles/\(slug).md") }
            case 1:
                let slug = "added\(counter)"
                slugs.append(slug)
                let tags = ["mesh", "security", "cooking", "ops"].filter { _ in random.next(2) == 0 }
                try step(site, session, changed: ["Content/articles/\(slug).md"]) {
                    try site.write("Content/articles/\(slug).md", article(slug: slug, date: "2026-01-\(10 + random.next(18))",
                                                                          extra: "tags: [\(tags.joined(separator: ", "))]\n",
                                                                          body: "## Part\n\nLinks to [guide](/guide/).\n"))
                }
            case 2:
                let slug = slugs[random.next(slugs.count)]
                try step(site, session, changed: ["Content/articles/\(slug).md"]) {
                    try site.write("Content/articles/\(slug).md", article(slug: slug, title: "Title \(counter)", date: "2026-01-\(10 + random.next(18))",
                                                                          extra: "tags: [mesh]\n", body: "## Part\n\nEdit \(counter).\n"))
                }
            case 3:
                let overhead = ["low", "medium", "high"][random.next(3)]
                try step(site, session, changed: ["Content/catalog/meshes/alpha.yaml"]) {
                    try site.write("Content/catalog/meshes/alpha.yaml", CatalogFixture.mesh("alpha", order: 1, overhead: overhead))
                }
            case 4:
                try step(site, session, changed: ["Templates/article.mustache"]) {
                    try site.write("Templates/article.mustache", FixtureSite.minimalTemplates["Templates/article.mustache"]! + "<!-- \(counter) -->")
                }
            default:
                try step(site, session, changed: []) {}
            }
        }
    }
}

/// The search index's files among some output paths.
func searchFiles(_ paths: [String]) -> Set<String> {
    Set(paths.filter { $0.hasPrefix("search/") || $0 == "search-index.json" })
}
