import Foundation
import Synchronization
import Testing
@testable import SitegenKit

/// A one-shot build holds articles' texts only until their bodies are rendered, and past its source budget not at
/// all: it reads each body again from its file. Either way it must publish exactly what a build holding every
/// text publishes, and a file that changed in between must fail the build, not slip into the site.
@Suite("Articles' texts between loading and rendering")
struct SourceTextTests {
    static func files() -> [String: String] {
        var files = BuildCacheTests.guideFiles()
        // Multi-byte characters before and in the body: offsets into the text are counted in UTF-8.
        files["Content/articles/accents.md"] = article(slug: "accents", title: "Œuvres — naïve café",
                                                       body: "## Überblick\n\nÉtude des maillages, ñ and 日本語.\n\n## Zweite\n\nMore.\n")
        return files
    }

    @Test(arguments: [0, Int.max])
    func aBuildPastItsSourceBudgetPublishesWhatOneHoldingEveryTextDoes(budget: Int) throws {
        let site = try FixtureSite(Self.files())
        defer { site.cleanUp() }
        // A byte that is not UTF-8: the text read again must be repaired exactly as the first time.
        try site.writeBytes("Content/articles/latin1.md", Array(article(slug: "latin1", body: "Caf\u{1}.\n").utf8).map { $0 == 1 ? 0xE9 : $0 })
        var options = site.options
        options.sourceMemoryBudget = budget
        let report = SiteBuilder().build(options)
        #expect(report.succeeded, "\(site.messages(report))")
        #expect(site.messages(report).contains { $0.hasPrefix("Content/articles/latin1.md") && $0.contains("warning") })
        BuildCacheTests.expectSameAsCleanBuild(site, BuildSession.Result(diagnostics: report.diagnostics), before: [:], step: "budget \(budget)")
        #expect(site.output("accents/index.html")?.contains("Étude des maillages, ñ and 日本語.") == true)

        // With the cache: an edit re-renders one body, and the pages of the others that must be made again
        // (the listings) read what they need of them from the cache, not from their files.
        options.cacheDirectory = site.path(".sitegen-cache")
        #expect(SiteBuilder().build(options).succeeded)
        try site.write("Content/articles/one.md", article(slug: "one", body: "Edited once more.\n"))
        let edited = SiteBuilder().build(options)
        #expect(edited.succeeded && edited.rendered > 0)
        BuildCacheTests.expectSameAsCleanBuild(site, BuildSession.Result(diagnostics: edited.diagnostics), before: [:], step: "edited, budget \(budget)")
        // A template edit remakes every article page from bodies whose memos hold: each is rendered on demand,
        // from its text read again past the budget.
        try site.write("Templates/article.mustache", FixtureSite.minimalTemplates["Templates/article.mustache", default: ""] + "<!-- edited -->")
        let remade = SiteBuilder().build(options)
        #expect(remade.succeeded && remade.rendered >= 4)
        BuildCacheTests.expectSameAsCleanBuild(site, BuildSession.Result(diagnostics: remade.diagnostics), before: [:], step: "template, budget \(budget)")
        #expect(site.output("accents/index.html")?.contains("<!-- edited -->") == true)
    }

    @Test func aFileChangedDuringTheBuildFailsItAndLeavesTheSiteAlone() throws {
        let site = try FixtureSite(Self.files())
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let before = site.snapshot()
        let changing = site.path("Content/articles/accents.md")
        var options = site.options
        options.sourceMemoryBudget = 0
        let report = SiteBuilder(fileSystem: ChangingOnSecondRead(path: changing)).build(options)
        #expect(!report.succeeded)
        // Reported where the body begins: the front matter was read once, before the edit.
        let messages = site.messages(report)
        #expect(messages.count == 1 && messages.first?.hasPrefix("Content/articles/accents.md:") == true)
        #expect(messages.first?.hasSuffix(":1: error: this file changed or became unreadable while the site was being built; build again") == true)
        #expect(messages.first.map { $0.contains(":1:1:") } == false)
        #expect(site.snapshot() == before)
    }
}

/// The local file system, except that the second read of `path` finds other text (an editor saving mid-build).
private final class ChangingOnSecondRead: FileSystem {
    let path: String
    private let base = LocalFileSystem()
    private let reads = Mutex(0)

    init(path: String) { self.path = path }

    func readFile(at path: String) throws -> [UInt8] {
        try base.readFile(at: path)
    }

    func readText(at path: String) throws -> String? {
        let text = try base.readText(at: path)
        guard path == self.path else { return text }
        let count = reads.withLock { count in
            count += 1
            return count
        }
        return count == 1 ? text : text.map { $0 + "\nAdded while the build ran.\n" }
    }

    func listFiles(under directory: String, within boundary: String) throws -> FileListing {
        try base.listFiles(under: directory, within: boundary)
    }

    func fileExists(at path: String) -> Bool { base.fileExists(at: path) }
    func directoryExists(at path: String) -> Bool { base.directoryExists(at: path) }
    func isPlainFile(at path: String) -> Bool { base.isPlainFile(at: path) }
    func entryExists(at path: String) -> Bool { base.entryExists(at: path) }
}
