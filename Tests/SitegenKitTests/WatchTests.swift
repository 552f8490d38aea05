import Foundation
import Testing
@testable import SitegenKit

/// Rebuild reports as they arrive, awaited with a bounded deadline rather than by sleeping.
final class Reports: Sendable {
    let stream: AsyncStream<RebuildReport>
    private let continuation: AsyncStream<RebuildReport>.Continuation

    init() {
        (stream, continuation) = AsyncStream<RebuildReport>.makeStream()
    }

    func announce(_ report: RebuildReport) { continuation.yield(report) }

    /// The next report, or nil if none comes within `seconds`.
    func next(within seconds: Double = 15) async -> RebuildReport? {
        let stream = self.stream
        return await withTaskGroup(of: RebuildReport?.self) { group in
            group.addTask {
                var iterator = stream.makeAsyncIterator()
                return await iterator.next()
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(seconds))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }
}

@Suite("Watching and rebuilding", .serialized)
struct WatchTests {
    func start(_ site: FixtureSite, polling: Bool = false, quiet: Duration = .milliseconds(25), longest: Duration = .milliseconds(400))
        async -> (WatchSession, Reports) {
        let reports = Reports()
        let (session, first) = await WatchSession.start(options: site.options, forcePolling: polling, quietPeriod: quiet, longestWait: longest,
                                                        warn: { _ in }) { reports.announce($0) }
        #expect(first.succeeded)
        _ = await reports.next()  // the first build's own report
        return (session, reports)
    }

    func catalogSite() throws -> FixtureSite {
        var files = CatalogFixture.files(meshes: ["alpha": CatalogFixture.mesh("alpha"), "beta": CatalogFixture.mesh("beta", order: 2)])
        files["Content/articles/guide.md"] = article(slug: "guide", body: "```comparison\nid: t\n```\n")
        files["Content/articles/other.md"] = article(slug: "other", body: "No tables here.\n")
        return try FixtureSite(files)
    }

    @Test func editingACatalogFileChangesTheComparisonTable() async throws {
        let site = try catalogSite()
        defer { site.cleanUp() }
        let (session, reports) = await start(site)
        defer { session.stop() }
        let before = try #require(site.output("other/index.html"))
        try site.write("Content/catalog/meshes/alpha.yaml", CatalogFixture.mesh("alpha", overhead: "high"))
        let report = try #require(await reports.next())
        #expect(report.succeeded)
        #expect(report.changes == [site.path("Content/catalog/meshes/alpha.yaml")])
        #expect(site.output("guide/index.html")?.contains("<td class=\"value scale-high\"><span class=\"symbol\" aria-hidden=\"true\">●●●</span> High</td>") == true)
        #expect(site.output("other/index.html") == before)
        #expect(!report.onlyStylesheets)
    }

    /// Each editor's way of saving gives one rebuild, and its leftovers none.
    @Test(arguments: ["in place", "vim", "emacs", "write-temp-then-rename", "jetbrains"])
    func editorSavePatternsGiveOneRebuild(editor: String) async throws {
        let site = try catalogSite()
        defer { site.cleanUp() }
        let (session, reports) = await start(site)
        defer { session.stop() }
        let target = site.path("Content/articles/other.md")
        let folder = site.path("Content/articles")
        let text = article(slug: "other", body: "Saved by \(editor).\n")
        switch editor {
        case "vim":
            try site.write("Content/articles/4913", "")
            try FileManager.default.removeItem(atPath: folder + "/4913")
            try site.write("Content/articles/.other.md.swp", "swap")
            try FileManager.default.moveItem(atPath: target, toPath: target + "~")
            try site.write("Content/articles/other.md", text)
            try FileManager.default.removeItem(atPath: target + "~")
        case "emacs":
            symlink("user@host.1234:5678", folder + "/.#other.md")
            try FileManager.default.copyItem(atPath: target, toPath: target + "~")
            try site.write("Content/articles/other.md", text)
            try FileManager.default.removeItem(atPath: folder + "/.#other.md")
        case "write-temp-then-rename":
            try site.write("Content/articles/.other.md.tmp", text)
            rename(folder + "/.other.md.tmp", target)
        case "jetbrains":
            try site.write("Content/articles/other.md___jb_tmp___", text)
            try FileManager.default.moveItem(atPath: target, toPath: target + "___jb_old___")
            rename(target + "___jb_tmp___", target)
            try FileManager.default.removeItem(atPath: target + "___jb_old___")
        default:
            try site.write("Content/articles/other.md", text)
        }
        let report = try #require(await reports.next(), "no rebuild after the \(editor) save")
        #expect(report.succeeded, "\(report.diagnostics)")
        #expect(site.output("other/index.html")?.contains("Saved by \(editor).") == true)
        #expect(report.changes.allSatisfy { !ChangeFilter.isEditorLeftover($0) })
        // A sentinel edit: if the save had caused a second rebuild, this report would not be the sentinel's.
        try site.write("Content/articles/guide.md", article(slug: "guide", body: "Sentinel.\n"))
        let sentinel = try #require(await reports.next())
        #expect(sentinel.changes == [site.path("Content/articles/guide.md")], "\(sentinel.changes)")
    }

    @Test func aBurstOf500EventsGivesOneRebuild() async throws {
        let site = try catalogSite()
        defer { site.cleanUp() }
        // A generous wait, so the burst is judged by debouncing and not by how fast this machine writes.
        let (session, reports) = await start(site, quiet: .milliseconds(300), longest: .seconds(20))
        defer { session.stop() }
        for index in 0..<500 {
            try site.write("Content/articles/burst-\(index % 25).md", article(slug: "burst-\(index % 25)", body: "Write \(index).\n"))
        }
        let report = try #require(await reports.next())
        #expect(report.succeeded)
        #expect(report.changes.count == 25)
        #expect(site.output("burst-24/index.html")?.contains("Write 499.") == true)
        try site.write("Content/articles/guide.md", article(slug: "guide", body: "After the burst.\n"))
        let after = await reports.next()
        #expect(after?.changes == [site.path("Content/articles/guide.md")], "\(String(describing: after?.changes.count)) \(String(describing: after?.changes.prefix(3)))")
    }

    @Test func aBrokenEditKeepsTheLastGoodSiteAndRecovers() async throws {
        let site = try catalogSite()
        defer { site.cleanUp() }
        let (session, reports) = await start(site)
        defer { session.stop() }
        let before = site.snapshot()
        try site.write("Content/articles/other.md", "---\ntitle: [oops\n---\n")
        let failed = try #require(await reports.next())
        #expect(!failed.succeeded)
        #expect(failed.diagnostics.contains { $0.description.contains("Content/articles/other.md:3:1: error: invalid YAML") })
        #expect(site.snapshot() == before)
        try site.write("Content/articles/other.md", article(slug: "other", body: "Fixed.\n"))
        let fixed = try #require(await reports.next())
        #expect(fixed.succeeded)
        #expect(site.output("other/index.html")?.contains("Fixed.") == true)
    }

    @Test func addingAndDeletingArticlesUpdatesEverythingThatListsThem() async throws {
        let site = try catalogSite()
        defer { site.cleanUp() }
        let (session, reports) = await start(site)
        defer { session.stop() }
        try site.write("Content/articles/new.md", article(slug: "brand-new", extra: "tags: [fresh]\n"))
        #expect(await reports.next()?.succeeded == true)
        #expect(site.output("index.html")?.contains("/brand-new/") == true)
        #expect(site.output("tags/fresh/index.html") != nil)
        try site.remove("Content/articles/new.md")
        let removal = try #require(await reports.next())
        #expect(removal.filesRemoved == 2)
        #expect(site.output("brand-new/index.html") == nil)
        #expect(site.output("tags/fresh/index.html") == nil)
        #expect(site.output("sitemap.xml")?.contains("brand-new") == false)
        let (full, _) = SiteBuilder().generate(site.options)
        for file in try #require(full).files {
            #expect(site.output(file.path) == file.text, "\(file.path) equals a full build")
        }
    }

    @Test func aStylesheetEditIsReportedAsStylesheetOnly() async throws {
        let site = try catalogSite()
        defer { site.cleanUp() }
        let (session, reports) = await start(site)
        defer { session.stop() }
        try site.write("Templates/assets/style.css", "body { color: teal; }\n")
        let report = try #require(await reports.next())
        #expect(report.onlyStylesheets)
        #expect(report.filesWritten == 1)
    }

    @Test func pollingWorksWhereInotifyCannot() async throws {
        let site = try catalogSite()
        defer { site.cleanUp() }
        let (session, reports) = await start(site, polling: true)
        defer { session.stop() }
        #expect(session.usesPolling)
        try site.write("Content/articles/other.md", article(slug: "other", body: "Seen by polling.\n"))
        #expect(await reports.next()?.succeeded == true)
        #expect(site.output("other/index.html")?.contains("Seen by polling.") == true)
    }

    @Test func editorLeftoversAndTheOutputFolderAreIgnored() {
        for leftover in [".#a.md", "a.md~", ".a.md.swp", ".a.md.swx", "4913", "a.md.tmp", "#a.md#"] {
            #expect(ChangeFilter.isEditorLeftover("Content/articles/" + leftover), "\(leftover)")
        }
        #expect(!ChangeFilter.isEditorLeftover("Content/articles/a.md"))
        let filter = ChangeFilter(ignoredFolders: ["Content/public"])
        #expect(!filter.matters("Content/public/index.html"))
        #expect(filter.matters("Content/publication.md"))
    }
}
