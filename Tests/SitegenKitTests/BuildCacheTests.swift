import Foundation
import Testing
@testable import SitegenKit

/// Builds that start from the cache folder, as a new `sitegen build` process does, must publish exactly what a
/// clean build without any cache publishes — whatever was edited, and whatever happened to the cache in between.
@Suite("The build cache between runs")
struct BuildCacheTests {
    /// A build as a new process runs it: a fresh session that knows only what the cache folder holds.
    static func newProcessBuild(_ site: FixtureSite, cache: String, version: String = BuildCache.currentVersion) -> BuildSession.Result {
        var options = site.options
        options.cacheDirectory = cache
        let session = BuildSession(options: options, destination: .staged, cache: BuildCache(directory: cache, options: options, version: version))
        return session.build()
    }

    /// The output folder must hold exactly the files of a clean in-memory build without a cache; a failed build
    /// must report exactly what the clean build reports, and leave the folder as it was.
    static func expectSameAsCleanBuild(_ site: FixtureSite, _ result: BuildSession.Result, before: [String: Data], step: String,
                                       sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let (clean, cleanDiagnostics) = SiteBuilder().generate(site.options)
        #expect(result.succeeded == (clean != nil), "\(step): \(result.diagnostics)", sourceLocation: sourceLocation)
        guard let clean else {
            #expect(result.diagnostics.map(\.description) == cleanDiagnostics.map(\.description), "\(step)", sourceLocation: sourceLocation)
            #expect(site.snapshot() == before, "\(step): a failed build changed the output", sourceLocation: sourceLocation)
            return
        }
        #expect(result.diagnostics.map(\.description) == cleanDiagnostics.map(\.description), "\(step)", sourceLocation: sourceLocation)
        var expected = Dictionary(uniqueKeysWithValues: clean.files.map { ($0.path, Data($0.bytes)) })
        // The folder also holds the marker that says it is sitegen's.
        expected[OutputPath.marker] = Data(OutputFolder.markerBytes)
        let published = site.snapshot()
        #expect(Set(published.keys) == Set(expected.keys), "\(step): files differ", sourceLocation: sourceLocation)
        for (path, bytes) in expected where published[path] != bytes {
            Issue.record("\(step): \(path) differs from a clean build", sourceLocation: sourceLocation)
        }
    }

    /// What can happen to the cache folder between two builds.
    enum Damage: CaseIterable {
        case none, deleted, truncated, garbage, otherVersion
    }

    /// Damages every file the cache holds (the whole build's memo and the other stages' alike).
    static func damage(_ damage: Damage, cache: String) throws -> Bool {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: cache))?.filter { $0.hasPrefix("build-") } ?? []
        guard !files.isEmpty else { return false }
        for path in files.map({ cache + "/" + $0 }) {
            switch damage {
            case .none, .otherVersion: return false
            case .deleted: try FileManager.default.removeItem(atPath: cache)
            case .truncated:
                let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
                try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: path))
            case .garbage:
                var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
                for index in stride(from: bytes.count / 3, to: bytes.count, by: 97) { bytes[index] ^= 0x5A }
                try Data(bytes).write(to: URL(fileURLWithPath: path))
            }
            if damage == .deleted { break }
        }
        return true
    }

    /// One random edit of the kinds writers make: bodies, titles, tags, related lists, catalog values, templates,
    /// assets, settings, and articles added, renamed and deleted (some edits break the build; later ones mend it).
    struct Editor {
        let site: FixtureSite
        var random: RandomDiagram
        var slugs = ["one", "two", "three"]
        /// Each slug's file, which a rename moves.
        var files = ["one": "Content/articles/one.md", "two": "Content/articles/two.md", "three": "Content/articles/three.md"]
        var counter = 0

        mutating func edit() throws -> String {
            counter += 1
            let slug = slugs[random.next(slugs.count)]
            let path = files[slug] ?? "Content/articles/\(slug).md"
            // Times with fractions and offsets too: the cache must give them back exactly as written.
            let date = "2026-01-\(10 + random.next(18))" + ["", "T09:30:15.250+02:00", "T23:59:60Z"][random.next(3)]
            let tags = ["mesh", "security", "cooking", "ops"].filter { _ in random.next(2) == 0 }
            switch random.next(14) {
            case 0:
                try site.write(path, article(slug: slug, date: date, extra: "tags: [mesh]\n", body: "## Part\n\nBody \(counter).\n"))
                return "body of \(slug)"
            case 1:
                try site.write(path, article(slug: slug, title: "Title \(counter)", date: date, extra: "tags: [mesh]\n", body: "## Part\n\nText.\n"))
                return "title of \(slug)"
            case 2:
                try site.write(path, article(slug: slug, date: date, extra: "tags: [\(tags.joined(separator: ", "))]\n", body: "## Part\n\nText.\n"))
                return "tags of \(slug)"
            case 3:
                let other = slugs[random.next(slugs.count)]
                try site.write(path, article(slug: slug, date: date, extra: "related: [\(other)]\n", body: "## Part\n\nSee [guide](/guide/#matrix).\n"))
                return "related of \(slug)"
            case 4:
                let overhead = ["low", "medium", "high"][random.next(3)]
                try site.write("Content/catalog/meshes/alpha.yaml", CatalogFixture.mesh("alpha", order: 1, overhead: overhead))
                return "catalog alpha overhead \(overhead)"
            case 5:
                try site.write("Content/catalog/meshes/beta.yaml", CatalogFixture.mesh("beta", name: "Beta \(counter)", order: 2, mtls: "limited"))
                return "catalog beta name"
            case 6:
                try site.write("Templates/article.mustache", FixtureSite.minimalTemplates["Templates/article.mustache"]! + "<!-- \(counter) -->")
                return "article template"
            case 7:
                try site.write("Templates/partials/head.mustache", "<title>{{page.title}} \(counter)</title>")
                return "head partial"
            case 8:
                if random.next(2) == 0 {
                    try site.write("Templates/assets/extra-\(counter % 3).js", "console.log(\(counter));\n")
                    return "asset added"
                }
                try site.write("Templates/assets/style.css", "body { color: #\(counter % 10)\(counter % 10)\(counter % 10); }\n")
                return "stylesheet"
            case 9:
                let added = "added\(counter)"
                slugs.append(added)
                files[added] = "Content/articles/\(added).md"
                try site.write("Content/articles/\(added).md", article(slug: added, date: date, extra: "tags: [\(tags.joined(separator: ", "))]\n",
                                                                       body: "## Part\n\nLinks to [guide](/guide/).\n"))
                return "added \(added)"
            case 10 where slugs.count > 2 && slug != "one" && slug != "two":
                slugs.removeAll { $0 == slug }
                files[slug] = nil
                try site.remove(path)
                return "deleted \(slug)"
            case 11 where slug != "one":
                // The file moves; the page keeps its slug.
                let moved = "Content/articles/\(slug)-v\(counter).md"
                try FileManager.default.moveItem(atPath: site.path(path), toPath: site.path(moved))
                files[slug] = moved
                return "renamed \(path) to \(moved)"
            case 12:
                if random.next(3) == 0 {
                    try site.write(path, "---\ntitle: [broken\n---\n")
                    return "broke \(slug)"
                }
                try site.write("Content/site.yaml", FixtureSite.siteYAML.replacingOccurrences(of: "Fixture Site", with: "Site \(counter % 4)"))
                return "settings"
            default:
                return "nothing"
            }
        }

        /// Mends whatever the last edit broke, so the sequence does not stay broken.
        mutating func mendBrokenArticles() throws {
            for slug in slugs {
                guard let path = files[slug] else { continue }
                if let text = try? String(contentsOfFile: site.path(path), encoding: .utf8), text.contains("[broken") {
                    try site.write(path, article(slug: slug, date: "2026-01-15", body: "Mended.\n"))
                }
            }
        }
    }

    static func guideFiles() -> [String: String] {
        var files = IncrementalBuildTests.startingFiles()
        files["Content/articles/guide.md"] = article(
            slug: "guide", date: "2026-02-01", extra: "tags: [mesh, security]\n",
            body: "## Matrix\n\n```comparison\nid: m\n```\n\n```mesh-summary alpha\n```\n\nSee [two](/two/).\n")
        return files
    }

    @Test func aHundredRandomEditsBuiltByNewProcessesEqualCleanBuilds() throws {
        let site = try FixtureSite(Self.guideFiles())
        defer { site.cleanUp() }
        let cache = site.path(".sitegen-cache")
        #expect(Self.newProcessBuild(site, cache: cache).succeeded)
        var editor = Editor(site: site, random: RandomDiagram(seed: 20261128))
        var reused = 0, journalled = 0
        func base() -> Int? {
            let name = (try? FileManager.default.contentsOfDirectory(atPath: cache))?.first { $0.hasSuffix(".base") }
            return name.flatMap { try? FileManager.default.attributesOfItem(atPath: cache + "/" + $0)[.systemFileNumber] as? Int }
        }
        for step in 0..<110 {
            if step % 9 == 8 { try editor.mendBrokenArticles() }
            let what = try editor.edit()
            let before = site.snapshot(), baseBefore = base()
            let result = Self.newProcessBuild(site, cache: cache)
            Self.expectSameAsCleanBuild(site, result, before: before, step: "step \(step): \(what)")
            if result.succeeded, result.rendered < result.paths.count { reused += 1 }
            // The changes went to the journal, over a base an earlier build wrote: the next build must replay it.
            if result.succeeded, !result.made.isEmpty, base() == baseBefore { journalled += 1 }
        }
        // Reuse must actually happen, or this would only prove that full builds equal full builds; and so must
        // builds that start from a base and a journal.
        #expect(reused > 50)
        #expect(journalled > 10, "\(journalled) builds kept their changes in the journal")
    }

    /// A new process takes the resolved site (order, related reading, tags) from the cache instead of resolving every
    /// article again: the memo the resolve stage saves must decode, whatever keys it publishes per tag. (A decode that
    /// fails falls back to resolving the whole site, correct but slow, so only this test sees it.)
    @Test func theCachedResolvedSiteDecodesInANewProcess() throws {
        var files: [String: String] = [:]
        for number in 0..<8 {
            files["Content/articles/a\(number).md"] = article(slug: "a\(number)", date: "2026-01-0\(number + 1)",
                                                             extra: "tags: [\(number % 2 == 0 ? "mesh" : "cooking"), ops]\n")
        }
        let site = try FixtureSite(files)
        defer { site.cleanUp() }
        let cache = site.path(".cache")
        #expect(Self.newProcessBuild(site, cache: cache).succeeded)
        var options = site.options
        options.cacheDirectory = cache
        let interner = KeyInterner()
        let memo = try #require(BuildCache(directory: cache, options: options).load(.base, interner: interner).tables["resolve"]?[ResolveStage.siteItem])
        let resolved = try #require(BuildSession(options: site.options, destination: .nowhere).build().site)
        let decoded = try ResolvedCoding.decode(memo, config: resolved.config, articles: resolved.articles, catalog: resolved.catalog,
                                                assets: resolved.assets, fingerprints: FingerprintTable(interner: interner))
        #expect(decoded.site.tags.map(\.name) == resolved.tags.map(\.name) && resolved.tags.count == 3)
    }

    @Test func aDamagedOrForeignCacheMeansANoticeAndAFullBuild() throws {
        let site = try FixtureSite(Self.guideFiles())
        defer { site.cleanUp() }
        let cache = site.path(".sitegen-cache")
        #expect(Self.newProcessBuild(site, cache: cache).succeeded)
        var editor = Editor(site: site, random: RandomDiagram(seed: 7))
        for step in 0..<100 {
            if step % 9 == 8 { try editor.mendBrokenArticles() }
            let what = try editor.edit()
            let damage = Damage.allCases[step % Damage.allCases.count]
            let damaged = try Self.damage(damage, cache: cache)
            let before = site.snapshot()
            let result = Self.newProcessBuild(site, cache: cache, version: damage == .otherVersion ? "another sitegen" : BuildCache.currentVersion)
            Self.expectSameAsCleanBuild(site, result, before: before, step: "step \(step): \(what), cache \(damage)")
            if damaged, damage == .truncated || damage == .garbage {
                #expect(result.notes.count == 1 && result.notes[0].contains("building everything"), "\(result.notes)")
                #expect(result.rendered == result.paths.count || !result.succeeded)
            }
            if damage == .otherVersion, result.succeeded {
                #expect(result.notes.contains { $0.contains("another version of sitegen") }, "\(result.notes)")
            }
            // The next build reads back what this one wrote, whichever version wrote it.
            if damage == .otherVersion { try? FileManager.default.removeItem(atPath: cache) }
        }
    }

    @Test func nothingChangedMeansNothingMadeAndNothingWritten() throws {
        let site = try FixtureSite(Self.guideFiles())
        defer { site.cleanUp() }
        let cache = site.path(".sitegen-cache")
        #expect(Self.newProcessBuild(site, cache: cache).succeeded)
        let outputFolder = try FileManager.default.attributesOfItem(atPath: site.path("Site"))[.systemFileNumber] as? Int
        let again = Self.newProcessBuild(site, cache: cache)
        #expect(again.succeeded && again.made.isEmpty && !again.wrote)
        #expect(try FileManager.default.attributesOfItem(atPath: site.path("Site"))[.systemFileNumber] as? Int == outputFolder)
        // A published file someone deleted or truncated is made again.
        try site.remove("Site/two/index.html")
        try site.write("Site/one/index.html", "")
        let repaired = Self.newProcessBuild(site, cache: cache)
        #expect(Set(repaired.made) == ["one/index.html", "two/index.html"])
        Self.expectSameAsCleanBuild(site, repaired, before: [:], step: "repair")
    }

    @Test func anUnchangedSiteIsSettledByTheWholeBuildsMemoAlone() throws {
        let site = try FixtureSite(Self.guideFiles())
        defer { site.cleanUp() }
        let cache = site.path(".sitegen-cache")
        #expect(Self.newProcessBuild(site, cache: cache).succeeded)
        let clean = Self.newProcessBuild(site, cache: cache)
        // The other stages' memos are not even read: garbage there goes unnoticed while nothing changed…
        let memos = try #require(try FileManager.default.contentsOfDirectory(atPath: cache).first { $0.hasSuffix(".base") })
        try Data("not a cache".utf8).write(to: URL(fileURLWithPath: cache + "/" + memos))
        // What a build killed while staging leaves beside the output goes even when there is nothing to build.
        try site.write(".Site.sitegen-staging-99999/index.html", "half a site")
        let again = Self.newProcessBuild(site, cache: cache)
        #expect(again.wholeSiteReused && again.notes.isEmpty && again.made.isEmpty && !again.wrote)
        #expect(!FileManager.default.fileExists(atPath: site.path(".Site.sitegen-staging-99999")))
        #expect(again.paths == clean.paths && again.pageCount == clean.pageCount)
        // …and is noticed, with a full build, as soon as something did.
        try site.write("Content/articles/three.md", article(slug: "three", date: "2026-01-20", body: "Edited.\n"))
        let edited = Self.newProcessBuild(site, cache: cache)
        #expect(!edited.wholeSiteReused && edited.notes.count == 1 && edited.rendered == edited.paths.count)
        Self.expectSameAsCleanBuild(site, edited, before: [:], step: "edited")

        // A file added to the output, one changed in place, a template edited back and forth: each undoes the reuse.
        try site.write("Site/one/stray.txt", "left here")
        let stray = Self.newProcessBuild(site, cache: cache)
        #expect(!stray.wholeSiteReused)
        Self.expectSameAsCleanBuild(site, stray, before: [:], step: "stray file")
        let page = site.path("Site/two/index.html")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: page))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("<!-- edited -->".utf8))
        try handle.close()
        let touched = Self.newProcessBuild(site, cache: cache)
        #expect(!touched.wholeSiteReused && touched.made == ["two/index.html"])
        Self.expectSameAsCleanBuild(site, touched, before: [:], step: "page edited in place")
        #expect(Self.newProcessBuild(site, cache: cache).wholeSiteReused)
        // That patch's memo took the folders it wrote nothing under from the check before it rather than looking
        // again: a file added to one of them afterwards is noticed all the same.
        try site.write("Site/three/late.txt", "added after a patch")
        let late = Self.newProcessBuild(site, cache: cache)
        #expect(!late.wholeSiteReused)
        Self.expectSameAsCleanBuild(site, late, before: [:], step: "stray file after a patch")
        #expect(!FileManager.default.fileExists(atPath: site.path("Site/three/late.txt")))
    }

    @Test func aMeshEditRemakesOnlyThePagesThatShowThatMesh() throws {
        let site = try FixtureSite(Self.guideFiles())
        defer { site.cleanUp() }
        let cache = site.path(".sitegen-cache")
        #expect(Self.newProcessBuild(site, cache: cache).succeeded)
        // two.md shows beta's resources; the guide's matrix shows every mesh; one and three show none.
        try site.write("Content/catalog/meshes/beta.yaml", CatalogFixture.mesh("beta", name: "Beta Prime", order: 2, mtls: "limited", overhead: "high"))
        let result = Self.newProcessBuild(site, cache: cache)
        Self.expectSameAsCleanBuild(site, result, before: [:], step: "beta edited")
        let made = Set(result.made)
        #expect(made.contains("two/index.html") && made.contains("guide/index.html") && made.contains("meshes/beta/index.html"))
        #expect(!made.contains("one/index.html") && !made.contains("three/index.html") && !made.contains("index.html"))
        #expect(!made.contains("meshes/alpha/index.html") || made.contains("meshes/index.html"), "alpha's page lists every mesh")

        // A value that two.md's resource table does not show re-renders its body but not its page (early cutoff).
        try site.write("Content/catalog/meshes/beta.yaml", CatalogFixture.mesh("beta", name: "Beta Prime", order: 2, mtls: "limited", overhead: "medium"))
        let cutoff = Self.newProcessBuild(site, cache: cache)
        Self.expectSameAsCleanBuild(site, cutoff, before: [:], step: "beta overhead edited")
        #expect(cutoff.made.contains("guide/index.html") && !cutoff.made.contains("two/index.html"), "\(cutoff.made)")
    }

    /// A build keeps memos' payloads (articles' encodings, bodies' anchors and summaries) out of memory until it
    /// saves: the saved memos must still carry them, or a new process would decode every article and render every
    /// unchanged body again.
    @Test func savedMemosCarryTheirPayloads() throws {
        let site = try FixtureSite(Self.guideFiles())
        defer { site.cleanUp() }
        let cache = site.path(".sitegen-cache")
        #expect(Self.newProcessBuild(site, cache: cache).succeeded)
        let base = BuildCache(directory: cache, options: site.options).load(.base, interner: KeyInterner())
        let articles = try #require(base.tables["articles"])
        #expect(articles.count == 4)
        for (path, memo) in articles {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(try ArticleCoding.decode(memo.payload, text: text).sourcePath == path)
        }
        let saved = try #require(base.tables["markdown"])
        #expect(saved.count == Self.guideFiles().keys.filter { $0.hasPrefix("Content/articles/") }.count)
        for (path, memo) in saved {
            let summary = try MarkdownStage.decodeSummary(memo.payload)
            #expect(!summary.excerpt.isEmpty, "\(path)")
            #expect(try MarkdownStage.decodeAnchors(memo.payload).count >= summary.sections.count, "\(path)")
        }
        let guide = try #require(saved.first { $0.key.hasSuffix("guide.md") }?.value)
        #expect(try MarkdownStage.decodeSummary(guide.payload).sections.map(\.id) == ["matrix"])
        #expect(try MarkdownStage.decodeAnchors(guide.payload).contains("matrix"))

        // A body edited later is saved with its payload made the same way (in the journal, or in a new base when
        // the journal would be a quarter of it, as with this small site).
        try site.write("Content/articles/three.md", article(slug: "three", date: "2026-01-20", body: "## Edited heading\n\nEdited words.\n"))
        #expect(Self.newProcessBuild(site, cache: cache).succeeded)
        let reader = BuildCache(directory: cache, options: site.options)
        let tables = [reader.load(.journal, interner: KeyInterner()).tables["markdown"], reader.load(.base, interner: KeyInterner()).tables["markdown"]]
        let found = tables.compactMap { table in table?.first { $0.key.hasSuffix("three.md") }?.value }
        let three = try #require(found.first)
        #expect(try MarkdownStage.decodeSummary(three.payload).sections.map(\.id) == ["edited-heading"])
        #expect(try MarkdownStage.decodeSummary(three.payload).excerpt.contains("Edited words"))
    }

    @Test func aLargeTableIsSavedInBlocksAndReadBackWhole() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-blocks-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cache = BuildCache(directory: folder, options: BuildOptions(outputDirectory: folder + "/Site"))
        let interner = KeyInterner()
        var random = SplitMix64(seed: 2026)
        var memos: [String: Memo] = [:]
        for index in 0..<(2 * BuildCache.blockSize + 123) {
            let reads = (0..<Int.random(in: 0...4, using: &random)).map { _ in
                TraceRead(key: interner.id(InputKey("key:\(Int.random(in: 0..<500, using: &random))")),
                          fingerprint: Fingerprint(high: random.next(), low: random.next()))
            }
            memos["item \(index)"] = Memo(trace: reads.sorted { $0.key < $1.key }, published: Array(reads.prefix(1)),
                                          diagnostics: index % 97 == 0 ? [.warning("odd item \(index)", at: SourceLocation(path: "a.md", line: 3, column: 1))] : [],
                                          payload: (0..<Int.random(in: 0...300, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) })
        }
        let checksum = try cache.save(["pages": memos, "links": [:]], as: .base, interner: interner)
        // Read by a new session, which numbers the keys afresh.
        let reader = KeyInterner()
        let loaded = cache.load(.base, interner: reader)
        #expect(loaded.notice == nil && loaded.checksum == checksum && loaded.tables["links"]?.isEmpty == true)
        let back = try #require(loaded.tables["pages"])
        #expect(back.count == memos.count)
        for (item, memo) in memos {
            let read = try #require(back[item])
            func names(_ reads: [TraceRead], _ interner: KeyInterner) -> [String] { interner.names(reads.map(\.key)).sorted() }
            #expect(names(read.trace, reader) == names(memo.trace, interner) && read.payload == memo.payload)
            #expect(read.diagnostics.map(\.description) == memo.diagnostics.map(\.description))
        }
        // One flipped byte anywhere after the version is a damaged cache.
        let file = cache.file(.base)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        bytes[bytes.count / 2] ^= 1
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        #expect(cache.load(.base, interner: KeyInterner()).notice?.contains("damaged") == true)
    }

    @Test func twoBuildsAtOnceShareTheCacheSafely() throws {
        let site = try FixtureSite(Self.guideFiles())
        defer { site.cleanUp() }
        let cache = site.path(".sitegen-cache")
        #expect(Self.newProcessBuild(site, cache: cache).succeeded)
        for round in 0..<5 {
            try site.write("Content/articles/three.md", article(slug: "three", date: "2026-01-20", body: "Round \(round).\n"))
            let results = Parallel.map([0, 1]) { _ in Self.newProcessBuild(site, cache: cache) }
            #expect(results.allSatisfy { $0.succeeded })
            #expect(results.allSatisfy { $0.notes.isEmpty }, "\(results.map(\.notes))")
            Self.expectSameAsCleanBuild(site, results[1], before: [:], step: "round \(round)")
        }
        let after = Self.newProcessBuild(site, cache: cache)
        #expect(after.notes.isEmpty && after.made.isEmpty)
    }
}
