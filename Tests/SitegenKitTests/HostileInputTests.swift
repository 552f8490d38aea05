import Foundation
import Testing
@testable import SitegenKit

/// Hostile and broken content: every case builds or fails with a diagnostic, never crashes or hangs.
@Suite("Hostile input")
struct HostileInputTests {
    static let billionLaughs = """
        a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
        b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
        c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
        d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
        e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
        f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
        g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]
        h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]
        i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]

        """

    func messages(_ files: [String: String], setUp: (FixtureSite) throws -> Void = { _ in }) throws -> [String] {
        let site = try FixtureSite(files)
        defer { site.cleanUp() }
        try setUp(site)
        return site.messages(site.build())
    }

    @Test func anAliasBombInFrontMatterIsRefused() throws {
        let text = "---\n" + Self.billionLaughs + "title: x\n---\nBody\n"
        let found = try messages(["Content/articles/bomb.md": text])
        #expect(found == ["Content/articles/bomb.md:2:1: error: refused: this YAML expands to more than 100000 values (aliases that repeat aliases?); write the values out instead"])
    }

    @Test func anAliasBombInTheCatalogIsRefused() throws {
        var files = CatalogFixture.files(meshes: [:])
        files["Content/catalog/meshes/bomb.yaml"] = Self.billionLaughs
        let found = try messages(files)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("Content/catalog/meshes/bomb.yaml:1:1: error: refused: this YAML expands") == true)
    }

    @Test func tabIndentedYAMLSaysSo() throws {
        let text = "---\ntitle: x\nsecondary_keywords:\n\t- one\n---\nBody\n"
        let found = try messages(["Content/articles/tabs.md": text])
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("Content/articles/tabs.md:4:") == true, "\(found)")
        #expect(found.first?.hasSuffix("YAML is indented with spaces, not tabs") == true, "\(found)")
    }

    @Test func symlinksOutOfContentLoopsAndFoldersAreRefused() throws {
        let found = try messages(["Content/articles/a.md": article(slug: "a")]) { site in
            symlink("/etc/hostname", site.path("Content/articles/outside.md"))
            symlink(site.path("Content/articles/loop-b.md"), site.path("Content/articles/loop-a.md"))
            symlink(site.path("Content/articles/loop-a.md"), site.path("Content/articles/loop-b.md"))
            symlink(site.path("Content/articles"), site.path("Content/articles/again"))
        }
        #expect(found.count == 4, "\(found)")
        #expect(found.contains { $0.hasPrefix("Content/articles/outside.md:1:1: error: not read: a symlink to /etc/hostname, outside") })
        #expect(found.contains { $0.hasPrefix("Content/articles/loop-a.md:1:1: error: not read: a broken symlink or a symlink loop") })
        #expect(found.contains { $0.hasPrefix("Content/articles/again:1:1: error: not read: a symlinked folder") })
    }

    @Test func aSymlinkedFileInsideContentIsRead() throws {
        let site = try FixtureSite(["Content/shared/a.md": article(slug: "linked", body: "Read through the *symlink*.\n")])
        defer { site.cleanUp() }
        symlink(site.path("Content/shared/a.md"), site.path("Content/articles/a.md"))
        let report = site.build()
        #expect(report.succeeded)
        #expect(site.messages(report).isEmpty, "\(site.messages(report))")
        #expect(site.output("linked/index.html") != nil)
        let page = try #require(site.output("linked/index.html"))
        #expect(page.contains("<title>Article linked · Fixture Site</title>"))
        #expect(page.contains("<h1>Article linked</h1>"))
        #expect(page.contains("<p>Read through the <em>symlink</em>.</p>"), "the page carries the linked file's body")
        let index = try #require(site.output("index.html"))
        #expect(index.components(separatedBy: "<a href=\"/linked/\">Article linked</a>").count == 2, "the index lists the article once")
    }

    @Test func nulBytesAndInvalidUTF8StillBuild() throws {
        let site = try FixtureSite([:])
        defer { site.cleanUp() }
        try site.writeBytes("Content/articles/a.md", Array(article(slug: "a", body: "Before").utf8) + [0x00, 0xFF, 0x41, 0x0A])
        let report = site.build()
        #expect(report.succeeded, "\(site.messages(report))")
        #expect(site.output("a/index.html")?.contains("Before\u{FFFD}\u{FFFD}A") == true)
    }

    @Test func emptyAndBinaryFilesAreErrorsNotCrashes() throws {
        let site = try FixtureSite([:])
        defer { site.cleanUp() }
        try site.write("Content/articles/empty.md", "")
        try site.writeBytes("Content/articles/picture.md", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D])
        let found = site.messages(site.build())
        #expect(found.contains { $0.hasPrefix("Content/articles/empty.md:1:1: error: article has no front matter") })
        #expect(found.contains { $0.hasPrefix("Content/articles/picture.md:1:1: warning: invalid UTF-8") })
        #expect(found.contains { $0.hasPrefix("Content/articles/picture.md:1:1: error: article has no front matter") })
    }

    @Test(arguments: PathologicalMarkdown.cases)
    func pathologicalMarkdownBuilds(_ markdown: PathologicalMarkdown) throws {
        let site = try FixtureSite(["Content/articles/a.md": article(slug: "a", body: markdown.body)])
        defer { site.cleanUp() }
        let report = site.build()
        #expect(report.succeeded, "\(site.messages(report).prefix(3))")
        let page = try #require(site.output("a/index.html"), "the page is published")
        // The whole body, nested or literal as CommonMark says, between the heading and the end of <main>: nothing cut short.
        let complete = page.contains("<h1>Article a</h1>\n\n" + markdown.html + "\n</main>")
        #expect(complete, "\(markdown.testDescription): the page's \(page.utf8.count) bytes do not hold the expected \(markdown.html.utf8.count) bytes of HTML")
    }

    @Test func aTenMegabyteArticleBuilds() throws {
        let paragraph = "A long paragraph about meshes with *emphasis*, `code` and a [link](/a/). "
        let body = String(repeating: paragraph + "\n\n", count: 10_000_000 / (paragraph.utf8.count + 2))
        let site = try FixtureSite(["Content/articles/a.md": article(slug: "a", body: body)])
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        #expect((site.output("a/index.html")?.utf8.count ?? 0) > 10_000_000)
    }

    @Test func anUnreadableFileIsNamedInADiagnostic() {
        struct Refusing: FileSystem {
            let inner = InMemoryFileSystem(["C/site.yaml": FixtureSite.siteYAML, "C/articles/a.md": "x"])
            func readFile(at path: String) throws -> [UInt8] {
                if path.hasSuffix("a.md") { throw FileSystemError(path: path, reason: "Permission denied") }
                return try inner.readFile(at: path)
            }
            func listFiles(under directory: String, within boundary: String) throws -> FileListing {
                try inner.listFiles(under: directory, within: boundary)
            }
            func fileExists(at path: String) -> Bool { inner.fileExists(at: path) }
            func directoryExists(at path: String) -> Bool { inner.directoryExists(at: path) }
        }
        let (_, diagnostics) = SourceLoader(fileSystem: Refusing()).load(content: "C", templates: "T")
        #expect(diagnostics.map(\.description).contains("C/articles/a.md:1:1: error: cannot read file: Permission denied"))
    }
}

/// A Markdown body built to stress the parser, and the exact HTML its page must still hold.
struct PathologicalMarkdown: Sendable, CustomTestStringConvertible {
    var testDescription: String
    var body: String
    var html: String

    static let cases = [
        PathologicalMarkdown(
            testDescription: "20,000 nested block quotes",
            body: String(repeating: ">", count: 20_000) + " deep\n",
            html: String(repeating: "<blockquote>\n", count: 20_000) + "<p>deep</p>\n" + String(repeating: "</blockquote>\n", count: 20_000)),
        PathologicalMarkdown(
            testDescription: "50,000 nested brackets",
            body: String(repeating: "[", count: 50_000) + "x" + String(repeating: "]", count: 50_000) + "\n",
            html: "<p>" + String(repeating: "[", count: 50_000) + "x" + String(repeating: "]", count: 50_000) + "</p>\n"),
        PathologicalMarkdown(
            testDescription: "50,000 unclosed emphasis openers",
            body: String(repeating: "*a ", count: 50_000) + "\n",
            html: "<p>" + Array(repeating: "*a", count: 50_000).joined(separator: " ") + "</p>\n"),
        PathologicalMarkdown(
            testDescription: "10,000 nested list items",
            body: String(repeating: "- ", count: 10_000) + "list\n",
            html: String(repeating: "<ul>\n<li>\n", count: 9_999) + "<ul>\n<li>list</li>\n</ul>\n" + String(repeating: "</li>\n</ul>\n", count: 9_999)),
        PathologicalMarkdown(
            testDescription: "a 30,000-backtick fence that never closes",
            body: String(repeating: "`", count: 30_000) + "\n",
            html: "<pre><code></code></pre>\n"),
    ]
}
