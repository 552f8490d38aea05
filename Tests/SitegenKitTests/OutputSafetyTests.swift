import Foundation
import Testing
@testable import SitegenKit

/// Issue 34's output cases: every path written is checked at the writer, two outputs for one path are an error naming
/// both sources, and a build replaces only a folder that is sitegen's.
@Suite("Output safety")
struct OutputSafetyTests {
    // MARK: - Paths refused at the writer

    /// A folder with an old site in it (marker included) beside a file that must never be touched.
    struct WriterFixture {
        let root: URL
        var output: String { root.appendingPathComponent("Site").path }
        var outside: String { root.appendingPathComponent("outside.txt").path }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-paths-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try SiteWriter(outputPath: root.appendingPathComponent("Site").path).write([
                OutputFile(path: "index.html", text: "old home"),
                OutputFile(path: "kubernetes-cost-optimization/index.html", text: "old article"),
                OutputFile(path: "robots.txt", text: "old robots"),
            ])
            try Data("keep".utf8).write(to: root.appendingPathComponent("outside.txt"))
        }

        /// Every file below the root, with its bytes.
        func snapshot() -> [String: Data] {
            guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return [:] }
            var files: [String: Data] = [:]
            while let relative = enumerator.nextObject() as? String {
                var isDirectory: ObjCBool = false
                FileManager.default.fileExists(atPath: root.path + "/" + relative, isDirectory: &isDirectory)
                if !isDirectory.boolValue { files[relative] = FileManager.default.contents(atPath: root.path + "/" + relative) }
            }
            return files
        }

        func cleanUp() { try? FileManager.default.removeItem(at: root) }
    }

    enum TargetKind: CaseIterable { case staged, inPlace, memory }

    func makeTarget(_ kind: TargetKind, _ fixture: WriterFixture) -> any OutputTarget {
        switch kind {
        case .staged: SiteWriter(outputPath: fixture.output).stage()
        case .inPlace: InPlaceOutput(writer: SiteWriter(outputPath: fixture.output))
        case .memory: MemoryOutput()
        }
    }

    /// Hands `bad` to a target among good files, and as a path to keep and one to remove: each must fail the commit
    /// with the path named, and leave every file below the fixture's root as it was.
    func expectRefused(_ bad: String, by kind: TargetKind, in fixture: WriterFixture) {
        let before = fixture.snapshot()
        let good = [OutputFile(path: "index.html", text: "new home"), OutputFile(path: "robots.txt", text: "new robots")]
        for way in 0..<3 {
            let target = makeTarget(kind, fixture)
            for file in good { target.accept(file) }
            var paths = good.map(\.path), removed: [String] = []
            switch way {
            case 0:
                target.accept(OutputFile(path: bad, text: "redirect"))
                paths.append(bad)
            case 1: paths.append(bad)
            default: removed.append(bad)
            }
            // The memory target holds only what it is handed: a path it never took cannot harm it.
            if kind == .memory && way == 1 { continue }
            do {
                _ = try target.commit(paths: paths, removed: removed)
                Issue.record("\(kind) wrote \(String(reflecting: bad)) (way \(way))")
            } catch {
                #expect("\(error)".contains("refused to write the output path"), "\(kind): \(error)")
            }
            target.discard()
            #expect(fixture.snapshot() == before, "\(kind) changed files for \(String(reflecting: bad)) (way \(way))")
        }
    }

    /// Case 1 of issue 34: aliases with a NUL passed the collision checks and were cut at the NUL when written, over
    /// another article's page and robots.txt. Whatever a decoder lets through, no writer takes such a path.
    @Test func aPathWithANULIsRefusedByEveryWriterAndNothingIsOverwritten() throws {
        for kind in TargetKind.allCases {
            let fixture = try WriterFixture()
            defer { fixture.cleanUp() }
            for path in ["kubernetes-cost-optimization/index.html\u{0}x", "robots.txt\u{0}", "robots.txt\u{0}/index.html"] {
                expectRefused(path, by: kind, in: fixture)
            }
            #expect(try String(contentsOfFile: fixture.output + "/kubernetes-cost-optimization/index.html", encoding: .utf8) == "old article")
            #expect(try String(contentsOfFile: fixture.output + "/robots.txt", encoding: .utf8) == "old robots")
        }
    }

    /// The same aliases through a whole build: an error (from whichever check sees them first), the pages untouched.
    @Test func aliasesWithANULFailTheBuildAndKeepThePages() throws {
        let site = try FixtureSite(["Content/articles/a.md": article(slug: "kubernetes-cost-optimization"),
                                    "Content/articles/b.md": article(slug: "b")])
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let before = site.snapshot()
        try site.write("Content/articles/b.md", article(slug: "b", extra: """
            aliases:
              - "/kubernetes-cost-optimization/index.html\\u0000x"
              - "/robots.txt\\u0000"

            """))
        let report = site.build()
        #expect(!report.succeeded)
        #expect(site.messages(report).contains { $0.hasPrefix("Content/articles/b.md:") && $0.contains("error:") }, "\(site.messages(report))")
        #expect(site.snapshot() == before)
    }

    /// Without the NUL, the alias names the article's own file: the generic check names both sources.
    @Test func anAliasOntoAnotherPagesFileNamesBoth() throws {
        let site = try FixtureSite(["Content/articles/a.md": article(slug: "kubernetes-cost-optimization"),
                                    "Content/articles/b.md": article(slug: "b", extra: "aliases:\n  - /kubernetes-cost-optimization/index.html\n")])
        defer { site.cleanUp() }
        let messages = site.messages(site.build())
        #expect(messages.count == 1)
        #expect(messages.first?.hasPrefix("Content/articles/b.md:11:5: error: /kubernetes-cost-optimization/index.html (from the alias") == true)
        #expect(messages.first?.contains("is also published by the article Content/articles/a.md") == true, "\(messages)")
    }

    /// A collision an earlier check names precisely (an alias that is another page's URL) keeps that message alone.
    @Test func aCollisionAlreadyReportedIsNotReportedTwice() throws {
        let site = try FixtureSite(["Content/articles/a.md": article(slug: "a"),
                                    "Content/articles/b.md": article(slug: "b", extra: "aliases:\n  - /a/\n")])
        defer { site.cleanUp() }
        let messages = site.messages(site.build())
        #expect(messages == ["Content/articles/b.md:11:5: error: alias '/a/' is the page of Content/articles/a.md (url_slug 'a'); an alias must be a URL no page has"])
    }

    /// Two static files whose output paths differ only in letter case: one file on a case-insensitive file system,
    /// so an error naming both.
    @Test func twoFilesForOnePathAreAnErrorNamingBoth() throws {
        var templates = FixtureSite.minimalTemplates
        templates["Templates/static/Notes.txt"] = "one"
        templates["Templates/static/notes.txt"] = "two"
        let site = try FixtureSite(["Content/articles/a.md": article(slug: "a")], templates: templates)
        defer { site.cleanUp() }
        let messages = site.messages(site.build())
        #expect(messages == ["Templates/static/notes.txt:1:1: error: /notes.txt (from the file static/notes.txt) differs only in letter case from "
                                + "/Notes.txt, published by the file static/Notes.txt; on a case-insensitive file system they are one file; one file "
                                + "would overwrite the other"], "\(messages)")
        #expect(!FileManager.default.fileExists(atPath: site.path("Site")))
    }

    /// Generated paths: NUL and other control characters, '..' and '.' anywhere, a leading '/', backslashes, empty
    /// segments, the marker's name. Every target refuses every one, and nothing below the root changes.
    @Test func generatedHostilePathsAreRefusedByEveryTarget() throws {
        var random = SplitMix64(seed: 34)
        let pieces = ["a", "index.html", "..", ".", "", "robots.txt", "b c", "é", "x\\y", "\u{0}", "\u{1}", "\u{1B}", "\u{7F}", "\u{85}", "\u{9F}", "\n", "\r", "\t"]
        var bad: [String] = ["", "/", "/etc/passwd", "../outside.txt", "a/../../outside.txt", "./index.html", "a//b", "a/", "..", ".sitegen", "a\\..\\..\\x"]
        while bad.count < 150 {
            let count = Int.random(in: 1...4, using: &random)
            var segments = (0..<count).map { _ in pieces.randomElement(using: &random)! }
            if Bool.random(using: &random) { segments.insert(["", "..", "."].randomElement(using: &random)!, at: Int.random(in: 0...segments.count, using: &random)) }
            var path = segments.joined(separator: "/")
            if Int.random(in: 0..<4, using: &random) == 0 { path = "/" + path }
            if OutputPath.problem(with: path) != nil { bad.append(path) }
        }
        for path in bad { #expect(OutputPath.problem(with: path) != nil, "\(String(reflecting: path))") }
        for kind in TargetKind.allCases {
            let fixture = try WriterFixture()
            defer { fixture.cleanUp() }
            for path in bad { expectRefused(path, by: kind, in: fixture) }
        }
        // Plain paths pass, Unicode ones included.
        for path in ["index.html", "a/b/c.txt", "tags/c++/index.html", "é/ü.html", ".well-known/x", "a..b/c", "..a"] {
            #expect(OutputPath.problem(with: path) == nil, "\(path)")
        }
    }

    /// A folder in the output replaced by a symlink out of it: writing in place (the preview) or patching refuses to
    /// write through it.
    @Test func writesInPlaceNeverGoThroughASymlinkedFolder() throws {
        let fixture = try WriterFixture()
        defer { fixture.cleanUp() }
        let elsewhere = fixture.root.appendingPathComponent("elsewhere").path
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.removeItem(atPath: fixture.output + "/kubernetes-cost-optimization")
        try FileManager.default.createSymbolicLink(atPath: fixture.output + "/kubernetes-cost-optimization", withDestinationPath: elsewhere)
        let target = InPlaceOutput(writer: SiteWriter(outputPath: fixture.output))
        target.accept(OutputFile(path: "kubernetes-cost-optimization/index.html", text: "new"))
        #expect(throws: SiteWriter.WriteError.self) {
            _ = try target.commit(paths: ["index.html", "kubernetes-cost-optimization/index.html", "robots.txt"], removed: [])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere).isEmpty)
    }

    // MARK: - Two outputs for one path

    /// Case 2: meshes `a`, `b-vs-c`, `a-vs-b`, `c` gave two pairs one page, `/compare/a-vs-b-vs-c/`; one was lost and
    /// the sitemap listed the URL twice.
    @Test func twoPairPagesOnOnePathAreAnErrorAtTheMeshFiles() throws {
        var files = CatalogFixture.files(meshes: Dictionary(uniqueKeysWithValues: ["a", "b-vs-c", "a-vs-b", "c"].enumerated().map {
            ($1, CatalogFixture.mesh($1, order: $0 + 1))
        }))
        files["Content/articles/x.md"] = article(slug: "x")
        let site = try FixtureSite(files)
        defer { site.cleanUp() }
        let report = site.build()
        let messages = site.messages(report)
        #expect(!report.succeeded)
        #expect(messages.count == 1, "\(messages)")
        let message = messages.first ?? ""
        #expect(message.hasPrefix("Content/catalog/meshes/a-vs-b.yaml:1:"), "\(message)")
        #expect(message.contains("/compare/a-vs-b-vs-c/ (from the comparison of 'a-vs-b' and 'c' (Content/catalog/meshes/a-vs-b.yaml, Content/catalog/meshes/c.yaml))"), "\(message)")
        #expect(message.contains("is also published by the comparison of 'a' and 'b-vs-c' (Content/catalog/meshes/a.yaml, Content/catalog/meshes/b-vs-c.yaml)"), "\(message)")
        #expect(!FileManager.default.fileExists(atPath: site.path("Site")))
    }

    /// Case 3: tags `C++`, `C#` and `c` all slug to `c` and were merged into one page silently.
    @Test func differentTagsWithOneSlugAreAnErrorAtTheLaterTag() throws {
        let site = try FixtureSite([
            "Content/articles/a.md": article(slug: "a", date: "2026-02-01", extra: "tags:\n  - C++\n  - Service Mesh\n"),
            "Content/articles/b.md": article(slug: "b", date: "2026-01-01", extra: "tags:\n  - C#\n  - c\n  - service-mesh\n"),
        ])
        defer { site.cleanUp() }
        let messages = site.messages(site.build())
        #expect(messages == [
            "Content/articles/b.md:11:5: error: tag 'C#' gets the page /tags/c/, which is also published by the tag 'C++' (Content/articles/a.md); "
                + "tags that differ in more than letter case, spaces, '-' or '_' need pages of their own: write one as the other, or rename it",
            "Content/articles/b.md:12:5: error: tag 'c' gets the page /tags/c/, which is also published by the tag 'C++' (Content/articles/a.md); "
                + "tags that differ in more than letter case, spaces, '-' or '_' need pages of their own: write one as the other, or rename it",
        ])
        // Spellings of one tag still share its page.
        try site.write("Content/articles/b.md", article(slug: "b", date: "2026-01-01", extra: "tags:\n  - c++\n  - service-mesh\n"))
        #expect(site.build().succeeded)
        let page = site.output("tags/c/index.html") ?? ""
        #expect(page.contains("href=\"/a/\"") && page.contains("href=\"/b/\""))
        #expect(site.output("tags/service-mesh/index.html")?.contains("Service Mesh") == true)
    }

    /// Generated catalogs and tags whose paths may collide: mesh ids made of `a`, `b`, `c` and `vs`, tags differing by
    /// punctuation. Either every page has a path of its own (as many pair pages as pairs, as many tag pages as distinct
    /// tags, no path twice in the files or the sitemap), or the build fails with an error naming both sources.
    @Test func generatedCollidingPathsAreDistinctOrAnErrorNamingBoth() throws {
        var random = SplitMix64(seed: 3434)
        let words = ["a", "b", "c", "vs"]
        let tagWords = ["C", "C++", "c#", "Go", "go", "Service Mesh", "service-mesh", "service_mesh", "node.js", "nodejs", "Node JS"]
        var built = 0, refused = 0
        for round in 0..<12 {
            var ids: [String] = []
            while ids.count < Int.random(in: 2...4, using: &random) {
                let id = (0..<Int.random(in: 1...3, using: &random)).map { _ in words.randomElement(using: &random)! }.joined(separator: "-")
                if !ids.contains(id) { ids.append(id) }
            }
            var files = CatalogFixture.files(meshes: Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, CatalogFixture.mesh($1, order: $0 + 1)) }))
            var tags: [[String]] = []
            for number in 0..<3 {
                let chosen = Array(Set((0..<2).map { _ in tagWords.randomElement(using: &random)! })).sorted()
                tags.append(chosen)
                files["Content/articles/t\(number).md"] = article(slug: "t\(number)", date: "2026-01-0\(number + 1)",
                                                                  extra: "tags:\n" + chosen.map { "  - \"\($0)\"\n" }.joined())
            }
            let site = try FixtureSite(files)
            defer { site.cleanUp() }
            var options = site.options
            options.outputDirectory = site.path("Site")
            let (generated, diagnostics) = SiteBuilder().generate(options)
            let errors = diagnostics.filter(\.isError)
            if let generated {
                built += 1
                let paths = generated.files.map(\.path)
                #expect(Set(paths).count == paths.count, "round \(round): a path twice")
                let pairs = paths.filter { $0.hasPrefix("compare/") && $0.hasSuffix("/index.html") && $0.contains("-vs-") }
                #expect(pairs.count == ids.count * (ids.count - 1) / 2, "round \(round): \(ids) gave \(pairs)")
                let keys = Set(tags.flatMap { $0 }.map(TagIndex.key))
                let tagPages = paths.filter { $0.hasPrefix("tags/") && $0.hasSuffix("/index.html") && $0 != "tags/index.html" }
                #expect(tagPages.count == keys.count, "round \(round): \(tags) gave \(tagPages)")
                let sitemap = generated.files.first { $0.path == "sitemap.xml" }?.text ?? ""
                let locs = sitemap.components(separatedBy: "<loc>").dropFirst().map { $0.prefix { $0 != "<" } }
                #expect(Set(locs).count == locs.count, "round \(round): the sitemap lists a URL twice")
            } else {
                refused += 1
                #expect(!errors.isEmpty)
                for error in errors {
                    let text = error.description
                    #expect(text.contains("is also published by"), "round \(round): \(text)")
                    // Both sources are named: a pair's two mesh files twice, or a tag and the article of the other.
                    #expect(text.components(separatedBy: "Content/").count >= 3 || text.contains("(this article)"), "round \(round): \(text)")
                }
            }
        }
        // The seed gives both outcomes.
        #expect(built > 0 && refused > 0, "\(built) built, \(refused) refused")
    }

    // MARK: - The output folder is sitegen's

    /// Case 4: `--output DIR` replaced a folder sitegen never wrote, and `--output Content` replaced the sources.
    @Test func aFolderSitegenDidNotWriteIsRefusedAndItsFilesSurvive() throws {
        let site = try FixtureSite(["Content/articles/a.md": article(slug: "a")])
        defer { site.cleanUp() }
        try site.write("Site/notes.txt", "mine")
        var options = site.options
        let refused = SiteBuilder().build(options)
        #expect(!refused.succeeded)
        let message = site.messages(refused).joined()
        #expect(message.contains("holds files sitegen did not write ('notes.txt'"), "\(message)")
        #expect(message.contains("--force"))
        #expect(try String(contentsOfFile: site.path("Site/notes.txt"), encoding: .utf8) == "mine")
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.path("Site")) == ["notes.txt"])
        // --force replaces it; the folder then has the marker, and the next build needs no --force.
        options.force = true
        #expect(SiteBuilder().build(options).succeeded)
        #expect(!FileManager.default.fileExists(atPath: site.path("Site/notes.txt")))
        #expect(FileManager.default.contents(atPath: site.path("Site/.sitegen")) == Data(OutputFolder.markerBytes))
        try site.write("Content/articles/a.md", article(slug: "a", body: "Changed.\n"))
        #expect(site.build().succeeded)
        #expect(site.output("a/index.html")?.contains("Changed.") == true)
        // The marker is listed nowhere.
        #expect(site.output("sitemap.xml")?.contains(".sitegen") == false)
    }

    @Test func theContentTemplatesAndCacheFoldersAreNeverTheOutput() throws {
        let site = try FixtureSite(["Content/articles/a.md": article(slug: "a")])
        defer { site.cleanUp() }
        let sources = site.snapshot()
        let cases: [(String, String)] = [
            ("Content", "is the content folder"),
            ("Content/articles", "lies inside the content folder"),
            ("Content/../Content/new", "lies inside the content folder"),
            ("Templates", "is the templates folder"),
            ("Templates/out", "lies inside the templates folder"),
            ("", "holds the content folder"),
            ("cache/out", "lies inside the cache folder"),
        ]
        try FileManager.default.createDirectory(atPath: site.path("cache"), withIntermediateDirectories: true)
        let before = try FileManager.default.contentsOfDirectory(atPath: site.root.path).sorted()
        for (output, expected) in cases {
            var options = site.options
            options.outputDirectory = output.isEmpty ? site.root.path : site.path(output)
            options.cacheDirectory = site.path("cache")
            let report = SiteBuilder().build(options)
            #expect(!report.succeeded, "\(output)")
            let message = report.diagnostics.map(\.description).joined()
            #expect(message.contains(expected) && message.contains("--force"), "\(output): \(message)")
            #expect(site.snapshot() == sources)
            #expect(try FileManager.default.contentsOfDirectory(atPath: site.root.path).sorted() == before, "\(output)")
        }
        // A symlink to the content folder is the content folder.
        try FileManager.default.createSymbolicLink(atPath: site.path("link"), withDestinationPath: site.path("Content"))
        var options = site.options
        options.outputDirectory = site.path("link")
        #expect(!SiteBuilder().build(options).succeeded)
        #expect(FileManager.default.fileExists(atPath: site.path("Content/site.yaml")))
    }

    @Test func anEmptyOrMissingFolderIsBuiltInto() throws {
        let site = try FixtureSite(["Content/articles/a.md": article(slug: "a")])
        defer { site.cleanUp() }
        try FileManager.default.createDirectory(atPath: site.path("Site"), withIntermediateDirectories: true)
        #expect(site.build().succeeded)
        #expect(site.output("a/index.html") != nil)
        var options = site.options
        options.outputDirectory = site.path("Fresh")
        #expect(SiteBuilder().build(options).succeeded)
        #expect(FileManager.default.fileExists(atPath: site.path("Fresh/.sitegen")))
    }

    /// The preview's session checks the folder too, before its first build writes anything.
    @Test func thePreviewRefusesAForeignFolder() throws {
        let site = try FixtureSite(["Content/articles/a.md": article(slug: "a")])
        defer { site.cleanUp() }
        try site.write("Site/notes.txt", "mine")
        let session = BuildSession(options: site.options, destination: .preview)
        let result = session.build()
        #expect(!result.succeeded)
        #expect(result.diagnostics.contains { $0.message.contains("holds files sitegen did not write") })
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.path("Site")) == ["notes.txt"])
    }
}
