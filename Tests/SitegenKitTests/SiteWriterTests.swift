import Foundation
import Testing
@testable import SitegenKit

@Suite("Atomic output")
struct SiteWriterTests {
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-writer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func replacesTheWholeFolderAndCleansLeftovers() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("Site").path
        // A staging folder left by a build that was killed.
        try FileManager.default.createDirectory(atPath: root.appendingPathComponent(".Site.sitegen-staging-999/x").path, withIntermediateDirectories: true)
        let writer = SiteWriter(outputPath: output)
        try writer.write([OutputFile(path: "a/index.html", text: "one"), OutputFile(path: "old.txt", text: "old")])
        try writer.write([OutputFile(path: "a/index.html", text: "two"), OutputFile(path: "b/c/d.txt", text: "deep")])
        #expect(try String(contentsOfFile: output + "/a/index.html", encoding: .utf8) == "two")
        #expect(try String(contentsOfFile: output + "/b/c/d.txt", encoding: .utf8) == "deep")
        #expect(!FileManager.default.fileExists(atPath: output + "/old.txt"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["Site"])
    }

    @Test func refusesToReplaceAFile() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("Site").path
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: output))
        #expect(throws: SiteWriter.WriteError.self) {
            try SiteWriter(outputPath: output).write([OutputFile(path: "index.html", text: "x")])
        }
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "keep me")
    }

    @Test func anUnwritableParentFailsWithAMessageAndKeepsTheOldSite() throws {
        guard getuid() != 0 else { return }  // root may write anywhere
        let root = try temporaryFolder()
        defer {
            chmod(root.path, 0o755)
            try? FileManager.default.removeItem(at: root)
        }
        let output = root.appendingPathComponent("Site").path
        try SiteWriter(outputPath: output).write([OutputFile(path: "index.html", text: "old")])
        chmod(root.path, 0o555)
        #expect(throws: SiteWriter.WriteError.self) {
            try SiteWriter(outputPath: output).write([OutputFile(path: "index.html", text: "new")])
        }
        #expect(try String(contentsOfFile: output + "/index.html", encoding: .utf8) == "old")
    }
}

@Suite("Rebuilding an unchanged site")
struct NoOpRebuildTests {
    @Test func writesNothingWhenNothingChanged() throws {
        let site = try FixtureSite(["Content/articles/a.md": article(slug: "a")])
        defer { site.cleanUp() }
        #expect(site.build().filesWritten > 0)
        let before = try FileManager.default.attributesOfItem(atPath: site.path("Site/a/index.html"))[.systemFileNumber] as? Int
        let report = site.build()
        #expect(report.succeeded && report.filesWritten == 0)
        let after = try FileManager.default.attributesOfItem(atPath: site.path("Site/a/index.html"))[.systemFileNumber] as? Int
        #expect(before == after, "the page was not replaced")
        try site.write("Content/articles/a.md", article(slug: "a", body: "Changed.\n"))
        #expect(site.build().filesWritten > 0)
        #expect(site.output("a/index.html")?.contains("Changed.") == true)
    }

    @Test func aRebuildKeepsUnchangedFilesAndReplacesTheRestInOneSwap() throws {
        let site = try FixtureSite([
            "Content/articles/a.md": article(slug: "a"),
            "Content/articles/b.md": article(slug: "b"),
        ])
        defer { site.cleanUp() }
        site.build()
        let oldB = try #require(site.output("b/index.html"))
        try site.write("Content/articles/a.md", article(slug: "a", body: "Changed.\n"))
        let report = site.build()
        #expect(report.succeeded && report.filesWritten > 0)
        #expect(site.output("a/index.html")?.contains("Changed.") == true)
        #expect(site.output("b/index.html") == oldB)
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.path("")).filter { $0.hasPrefix(".Site") }.isEmpty,
                "no staging folder is left behind")
    }

    @Test func aFileThatCannotBeWrittenDiscardsTheStagedSite() throws {
        let root = try SiteWriterTests().temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("Site").path
        try SiteWriter(outputPath: output).write([OutputFile(path: "index.html", text: "old")])
        let staged = SiteWriter(outputPath: output).stage()
        staged.accept(OutputFile(path: "a", text: "a file"))
        staged.accept(OutputFile(path: "a/b.html", text: "needs a to be a folder"))
        #expect(throws: SiteWriter.WriteError.self) { try staged.commit(paths: ["a", "a/b.html"]) }
        #expect(try String(contentsOfFile: output + "/index.html", encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["Site"])
    }

    @Test func anExtraFileInTheOutputIsNotUpToDate() throws {
        let site = try FixtureSite(["Content/articles/a.md": article(slug: "a")])
        defer { site.cleanUp() }
        site.build()
        try site.write("Site/stray.txt", "left by hand")
        #expect(site.build().filesWritten > 0)
        #expect(site.output("stray.txt") == nil)
    }
}
