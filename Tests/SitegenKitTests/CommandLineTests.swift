import Foundation
import Testing

/// Runs the real `sitegen` executable, as a writer would.
@Suite("The sitegen command")
struct CommandLineTests {
    struct Run {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    static var executable: URL? {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = testBinary.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("sitegen")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    func run(_ arguments: [String], in folder: URL) throws -> Run {
        let process = Process()
        process.executableURL = try #require(Self.executable, "the sitegen executable is built next to the tests")
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus,
                   standardOutput: String(decoding: outputData, as: UTF8.self),
                   standardError: String(decoding: errorData, as: UTF8.self))
    }

    @Test func buildPrintsASummaryLine() throws {
        let site = try FixtureSite(["Content/articles/a.md": article(slug: "a")])
        defer { site.cleanUp() }
        let result = try run(["build"], in: site.root)
        #expect(result.status == 0, "\(result.standardError)")
        let summary = result.standardOutput.trimmingCharacters(in: .newlines)
        #expect(summary.hasPrefix("Built 5 pages (50 files made, the rest reused), 50 files written to Site/ in "))
        #expect(summary.hasSuffix(" ms"))
        #expect(FileManager.default.fileExists(atPath: site.path("Site/a/index.html")))
    }

    @Test func aBrokenArticleExitsWithStatusOneAndCompilerStyleErrors() throws {
        let site = try FixtureSite(["Content/articles/a.md": article(slug: "a")])
        defer { site.cleanUp() }
        _ = try run(["build", "--quiet"], in: site.root)
        try site.write("Content/articles/b.md", article(slug: "b", date: "not-a-date", extra: "url_slug2: x\n"))
        let before = site.snapshot()
        let result = try run(["build"], in: site.root)
        #expect(result.status == 1)
        let lines = result.standardError.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(lines)")
        #expect(lines.first?.hasPrefix("Content/articles/b.md:9:7: error: invalid date 'not-a-date'") == true)
        #expect(lines.dropFirst().first?.hasPrefix("Content/articles/b.md:10:1: error: unknown key 'url_slug2'") == true)
        #expect(lines.last == "sitegen: build failed with 2 errors; Site/ was left unchanged")
        #expect(site.snapshot() == before)
    }

    @Test func optionsChooseFoldersAndBaseURL() throws {
        let site = try FixtureSite(["Content/articles/a.md": article(slug: "a")])
        defer { site.cleanUp() }
        let result = try run(["build", "--output", "public", "--base-url", "https://docs.example.org/guide/", "--quiet"], in: site.root)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.isEmpty)
        let page = try String(contentsOfFile: site.path("public/a/index.html"), encoding: .utf8)
        #expect(page.contains("href=\"https://docs.example.org/guide/a/\""))
    }
}
