import Foundation
import Testing
@testable import SitegenKit

/// A rebuild that changes fewer files than it keeps moves them into the output one by one, behind a journal: a build
/// stopped between two of those renames leaves a patch the next build (or the preview's first) finishes before
/// anything reads the output, so the folder is never left a mix of two builds.
@Suite("The patch journal")
struct PatchJournalTests {
    /// A site of `count` articles, newest last, listed two to a page: deleting the newest shifts every listing page.
    static func site(articles count: Int) throws -> FixtureSite {
        var files: [String: String] = [:]
        for index in 0..<count {
            let date = String(format: "%04d-%02d-%02d", 2020 + index / 336, 1 + index / 28 % 12, 1 + index % 28)
            files["Content/articles/a\(index).md"] = article(slug: "a\(index)", date: date, extra: "tags: [t\(index % 3)]\n")
        }
        return try FixtureSite(files, siteYAML: FixtureSite.siteYAML + "options:\n  page_size: 2\n")
    }

    static func cachedBuild(_ site: FixtureSite) -> BuildSession.Result {
        BuildCacheTests.newProcessBuild(site, cache: site.path(".cache"))
    }

    static func inode(_ path: String) -> UInt64? {
        FileIdentity.of("", under: path, folders: true)?.inode
    }

    /// What a clean build of the site's sources publishes, with the marker.
    static func cleanSite(_ site: FixtureSite) throws -> [String: Data] {
        let clean = try #require(SiteBuilder().generate(site.options).0)
        var files = Dictionary(uniqueKeysWithValues: clean.files.map { ($0.path, Data($0.bytes)) })
        files[OutputPath.marker] = Data(OutputFolder.markerBytes)
        return files
    }

    static func scratch(in site: FixtureSite) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: site.path(""))) ?? []).filter { $0.hasPrefix(".Site.sitegen-") }.sorted()
    }

    /// Builds the site, edits it (a deleted article shifts the listings; another's body changes), and stages the
    /// new build's changes by hand as a build would, then applies them until `renames` files are moved, as if the
    /// build were killed there; the cache's journal is gone, as a real build removes it before writing.
    static func stoppedPatch(_ site: FixtureSite, renames: Int) throws -> (patch: OutputPatch, old: [String: Data], new: [String: Data]) {
        #expect(cachedBuild(site).succeeded)
        let old = site.snapshot()
        try site.remove("Content/articles/a29.md")
        try site.write("Content/articles/a3.md", article(slug: "a3", date: "2020-01-04", extra: "tags: [t0]\n", body: "Edited.\n"))
        let new = try cleanSite(site)
        let staged = new.keys.filter { old[$0] != new[$0] }.sorted()
        let removed = old.keys.filter { new[$0] == nil }.sorted()
        #expect(staged.count > 10 && !removed.isEmpty)
        let writer = SiteWriter(outputPath: site.path("Site"))
        let patch = OutputPatch(writer: writer, stagingSuffix: "staging-424242", staged: staged, removed: removed)
        try FileManager.default.createDirectory(atPath: patch.staging, withIntermediateDirectories: true)
        for path in staged { #expect(StagedSite.write(Array(new[path]!), to: path, under: patch.staging) == nil) }
        var options = site.options
        options.cacheDirectory = site.path(".cache")
        BuildCache(directory: site.path(".cache"), options: options).invalidate()
        try patch.apply(stoppingAfter: renames)
        return (patch, old, new)
    }

    @Test func aPatchStoppedAfterSomeRenamesIsFinishedByTheNextBuild() throws {
        let site = try Self.site(articles: 30)
        defer { site.cleanUp() }
        let (patch, old, new) = try Self.stoppedPatch(site, renames: 5)
        let mixed = site.snapshot()
        #expect(mixed != old && mixed != new, "the stopped patch left a mix, as a kill would")
        #expect(FileManager.default.fileExists(atPath: patch.writer.journalPath))
        // A file the stopped patch had not moved yet: the next build moves that very file in rather than writing it again.
        let waiting = try #require(patch.staged.last)
        let stagedInode = try #require(FileIdentity.of(waiting, under: patch.staging)?.inode)

        let result = Self.cachedBuild(site)
        BuildCacheTests.expectSameAsCleanBuild(site, result, before: mixed, step: "after a stopped patch")
        #expect(site.snapshot() == new)
        #expect(FileIdentity.of(waiting, under: site.path("Site"))?.inode == stagedInode, "the journal's file was moved in")
        #expect(Self.scratch(in: site).isEmpty, "neither the journal nor the staging folder is left")
    }

    @Test func recoveryStoppedAndRunAgainOrRunTwiceIsHarmless() throws {
        let site = try Self.site(articles: 30)
        defer { site.cleanUp() }
        let (patch, _, new) = try Self.stoppedPatch(site, renames: 2)
        let writer = patch.writer
        // Recovery itself stopped after one more rename, then run again.
        #expect(OutputPatch.recover(writer, stoppingAfter: 1) == nil)
        #expect(FileManager.default.fileExists(atPath: writer.journalPath))
        #expect(writer.recover() == nil)
        #expect(site.snapshot() == new)
        #expect(Self.scratch(in: site).isEmpty)
        #expect(writer.recover() == nil)
        #expect(site.snapshot() == new)
        // Stopped after the staging folder went but before the journal did: replaying it changes nothing.
        try patch.writeJournal()
        #expect(writer.recover() == nil)
        #expect(site.snapshot() == new)
        #expect(Self.scratch(in: site).isEmpty)
    }

    @Test func theFirstPreviewBuildFinishesAStoppedPatchBeforeServing() throws {
        let site = try Self.site(articles: 30)
        defer { site.cleanUp() }
        let (_, _, new) = try Self.stoppedPatch(site, renames: 3)
        let session = BuildSession(options: site.options, destination: .preview)
        #expect(session.build().succeeded)
        #expect(site.snapshot() == new)
        #expect(Self.scratch(in: site).isEmpty)
        // Later preview builds patch in place behind the same journal, and leave nothing beside the output.
        try site.write("Content/articles/a4.md", article(slug: "a4", date: "2020-01-05", extra: "tags: [t1]\n", body: "Previewed.\n"))
        let folder = Self.inode(site.path("Site"))
        let result = session.build(changedPaths: [site.path("Content/articles/a4.md")])
        #expect(result.succeeded && result.changed.contains { $0.path == "a4/index.html" })
        #expect(site.snapshot() == (try Self.cleanSite(site)))
        #expect(Self.inode(site.path("Site")) == folder, "updated in place, not swapped")
        #expect(Self.scratch(in: site).isEmpty)
    }

    @Test func aDamagedJournalFailsTheBuildUntilRemoved() throws {
        let site = try Self.site(articles: 30)
        defer { site.cleanUp() }
        let (patch, _, _) = try Self.stoppedPatch(site, renames: 3)
        try Data("sitegen-patch 1\nstaging staging-1\n+ ../../etc/passwd\nend\n".utf8).write(to: URL(fileURLWithPath: patch.writer.journalPath))
        let mixed = site.snapshot()
        let result = Self.cachedBuild(site)
        #expect(!result.succeeded)
        #expect(result.diagnostics.contains { $0.description.contains("may hold a mix of two builds") && $0.description.contains("is damaged") })
        #expect(site.snapshot() == mixed, "nothing was written over a folder in an unknown state")
        try FileManager.default.removeItem(atPath: patch.writer.journalPath)
        BuildCacheTests.expectSameAsCleanBuild(site, Self.cachedBuild(site), before: mixed, step: "journal removed")
        #expect(Self.scratch(in: site).isEmpty)
    }

    @Test func aStaleStagingFolderWithoutAJournalIsRemoved() throws {
        let site = try Self.site(articles: 6)
        defer { site.cleanUp() }
        #expect(Self.cachedBuild(site).succeeded)
        try site.write(".Site.sitegen-staging-999/a0/index.html", "half a page")
        try site.write(".Site.sitegen-patch.tmp-999", "sitegen-patch 1\nstaging")
        try site.write("Content/articles/a1.md", article(slug: "a1", date: "2020-01-02", extra: "tags: [t1]\n", body: "New.\n"))
        let before = site.snapshot()
        BuildCacheTests.expectSameAsCleanBuild(site, Self.cachedBuild(site), before: before, step: "stale staging")
        #expect(Self.scratch(in: site).isEmpty)
    }

    @Test func aTemplateEditThatChangesEveryPageSwaps() throws {
        let site = try Self.site(articles: 40)
        defer { site.cleanUp() }
        #expect(Self.cachedBuild(site).succeeded)
        let folder = Self.inode(site.path("Site"))
        let layout = try #require(FixtureSite.minimalTemplates["Templates/layout.mustache"])
        try site.write("Templates/layout.mustache", layout.replacingOccurrences(of: "<body>", with: "<body class=\"edited\">"))
        let before = site.snapshot()
        let result = Self.cachedBuild(site)
        BuildCacheTests.expectSameAsCleanBuild(site, result, before: before, step: "layout edit")
        #expect(result.written == result.paths.count, "a swap counts every file of the new folder")
        #expect(Self.inode(site.path("Site")) != folder, "the folder was swapped")
        #expect(Self.scratch(in: site).isEmpty)
        // After a swap the next small edit patches again: the whole build's memo describes the new folders.
        let swapped = Self.inode(site.path("Site"))
        try site.write("Content/articles/a3.md", article(slug: "a3", date: "2026-01-03", body: "Edited after the swap.\n"))
        let next = Self.cachedBuild(site)
        #expect(next.succeeded && next.written < next.paths.count / 2, "\(next.written) of \(next.paths.count) files written")
        #expect(Self.inode(site.path("Site")) == swapped, "patched in place, not swapped again")
    }

    @Test func aDeletionThatShiftsHundredsOfListingPagesPatches() throws {
        let site = try Self.site(articles: 400)
        defer { site.cleanUp() }
        #expect(Self.cachedBuild(site).succeeded)
        let folder = Self.inode(site.path("Site"))
        try site.remove("Content/articles/a399.md")
        let before = site.snapshot()
        let inodes = before.keys.reduce(into: [String: UInt64]()) { $0[$1] = FileIdentity.of($1, under: site.path("Site"))?.inode }
        let result = Self.cachedBuild(site)
        BuildCacheTests.expectSameAsCleanBuild(site, result, before: before, step: "newest article deleted")
        let changed = site.snapshot().filter { before[$0.key] != $0.value }.count
        // Every listing page shifts: far more than the 1% of files the old fixed limit allowed, fewer than the kept.
        #expect(changed > 150 && changed < result.paths.count / 2, "\(changed) of \(result.paths.count) files changed")
        #expect(result.written > 150 && result.written < result.paths.count - changed, "moved and removed, not linked")
        #expect(Self.inode(site.path("Site")) == folder, "patched in place, not swapped")
        let after = site.snapshot()
        let replaced = after.keys.filter { before[$0] == after[$0] && FileIdentity.of($0, under: site.path("Site"))?.inode != inodes[$0] }
        #expect(replaced.isEmpty, "every unchanged file is the same file: \(replaced.prefix(5))")
        #expect(Self.scratch(in: site).isEmpty)
    }
}
