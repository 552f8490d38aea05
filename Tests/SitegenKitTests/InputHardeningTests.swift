import Foundation
import PropertyBased
import Testing
@testable import SitegenKit

/// Issue 34's inputs and terminal output: every source follows one symlink rule, diagnostics show control
/// characters escaped, the matrix CSV neutralises every formula start, search.js has no prototype to answer
/// for a reader's word, and a broken mesh does not make its references report errors of their own.
@Suite("Input hardening")
struct InputHardeningTests {
    static let marker = "OUTSIDE-MARKER-7F3A"
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    // MARK: One symlink rule for every input

    /// A site with every kind of input: settings, authors, a catalog, an article, templates, a partial, an asset
    /// and a static file.
    static func everyKindOfInput() -> [String: String] {
        var files = CatalogFixture.files(meshes: ["alpha": CatalogFixture.mesh("alpha"), "beta": CatalogFixture.mesh("beta")])
        files["Content/authors.yaml"] = "authors:\n  - name: \"Ada Writer\"\n    bio: \"Writes.\"\n"
        files["Templates/author.mustache"] = authorTemplate
        files["Content/articles/a.md"] = article(slug: "a")
        files["Templates/static/schema/x.json"] = "{\"x\": 1}\n"
        return files
    }

    static let authorTemplate = "{{<layout}}{{$main}}<h1>{{author.name}}</h1>{{/main}}{{/layout}}"

    /// Each input path in turn, and whether it is a folder.
    static let inputPaths: [(path: String, folder: Bool)] = [
        ("Content/site.yaml", false), ("Content/authors.yaml", false), ("Content/catalog/meshes/_collection.yaml", false),
        ("Content/catalog/meshes/alpha.yaml", false), ("Content/articles/a.md", false), ("Templates/article.mustache", false),
        ("Templates/partials/head.mustache", false), ("Templates/assets/style.css", false), ("Templates/static/schema/x.json", false),
        ("Content/articles", true), ("Content/catalog", true), ("Content/catalog/meshes", true), ("Templates/partials", true),
        ("Templates/assets", true), ("Templates/static", true), ("Templates/static/schema", true),
    ]

    /// `relative` (a file or folder) moved to a folder outside the site, every file in it carrying the marker, and
    /// a symlink left in its place. Returns the outside path, resolved.
    static func moveOutside(_ relative: String, of site: FixtureSite) throws -> String {
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        let target = outside.appendingPathComponent((relative as NSString).lastPathComponent)
        try FileManager.default.moveItem(atPath: site.path(relative), toPath: target.path)
        let files = FileManager.default.enumerator(atPath: target.path).map { enumerator in
            (enumerator.allObjects as? [String] ?? []).map { target.path + "/" + $0 }
        } ?? [target.path]
        for file in files where !isFolder(file) {
            // A key the decoders would name in an error, and text a page would show.
            let extra = file.hasSuffix(".yaml") ? "\n\(marker): \(marker)\n" : file.hasSuffix(".md") ? "\n\(marker)\n" : "\n/* \(marker) */\n"
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(extra.utf8))
            try handle.close()
        }
        try FileManager.default.createSymbolicLink(atPath: site.path(relative), withDestinationPath: target.path)
        return try #require(LocalFileSystem.realPath(target.path))
    }

    static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Every output file's text, joined, to look for the marker in.
    static func everything(in site: FixtureSite) -> String {
        site.snapshot().values.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
    }

    @Test func theFixtureWithEveryKindOfInputBuilds() throws {
        let site = try FixtureSite(Self.everyKindOfInput())
        defer { site.cleanUp() }
        let report = site.build()
        #expect(report.succeeded, "\(site.messages(report))")
        #expect(site.output("schema/x.json") != nil && site.output("compare/matrix.csv") != nil)
    }

    /// Each kind of input path in turn replaced by a symlink out of Content/ or Templates/: the same positioned
    /// refusal every time, a failed build, and nothing of the outside file in any message or output.
    @Test(arguments: inputPaths.indices)
    func aSymlinkOutOfTheSourcesIsRefusedAtEveryKindOfInput(_ index: Int) throws {
        let (path, folder) = Self.inputPaths[index]
        let site = try FixtureSite(Self.everyKindOfInput())
        defer { site.cleanUp() }
        let outside = try Self.moveOutside(path, of: site)
        defer { try? FileManager.default.removeItem(atPath: (outside as NSString).deletingLastPathComponent) }
        let boundary = try #require(LocalFileSystem.realPath(site.path(path.hasPrefix("Content/") ? "Content" : "Templates")))
        let report = site.build()
        let messages = site.messages(report)
        #expect(!report.succeeded, "\(path): \(messages)")
        let refusal = folder
            ? "\(path):1:1: error: not read: a symlinked folder; it is not followed, so it cannot loop (link its files instead)"
            : "\(path):1:1: error: not read: a symlink to \(outside), outside \(boundary); refused"
        // As `messages` shows it: the fixture's root taken off every path.
        #expect(messages.contains(refusal.replacingOccurrences(of: site.root.path + "/", with: "")), "\(path): \(messages)")
        #expect(!messages.contains { $0.contains(Self.marker) }, "\(path): \(messages)")
        #expect(!Self.everything(in: site).contains(Self.marker), "\(path)")
        #expect(!FileManager.default.fileExists(atPath: site.path("Site")), "a failed build writes no site")
    }

    /// The same files symlinked to a place inside their own folder are read, as a symlinked article always was.
    @Test(arguments: inputPaths.indices.filter { !inputPaths[$0].folder })
    func aSymlinkToAFileInsideTheSourcesIsRead(_ index: Int) throws {
        let path = Self.inputPaths[index].path
        let site = try FixtureSite(Self.everyKindOfInput())
        defer { site.cleanUp() }
        let top = path.hasPrefix("Content/") ? "Content" : "Templates"
        let kept = top + "/kept/" + (path as NSString).lastPathComponent
        try FileManager.default.createDirectory(atPath: site.path(top + "/kept"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: site.path(path), toPath: site.path(kept))
        try FileManager.default.createSymbolicLink(atPath: site.path(path), withDestinationPath: site.path(kept))
        let report = site.build()
        #expect(report.succeeded, "\(path): \(site.messages(report))")
        #expect(site.output("a/index.html")?.contains("Article a") == true)
    }

    @Test func aSiteYAMLSymlinkedOutsideContentIsNotRead() throws {
        let site = try FixtureSite([:])
        defer { site.cleanUp() }
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-outside-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: outside) }
        try Data("title: Outside\nbase_url: https://example.com/\nsecret_key: hunter2\n".utf8).write(to: outside)
        try site.remove("Content/site.yaml")
        try FileManager.default.createSymbolicLink(atPath: site.path("Content/site.yaml"), withDestinationPath: outside.path)
        let messages = site.messages(site.build())
        #expect(messages.count == 1, "\(messages)")
        #expect(messages.first?.hasPrefix("Content/site.yaml:1:1: error: not read: a symlink to ") == true, "\(messages)")
        #expect(!messages.contains { $0.contains("secret_key") || $0.contains("hunter2") })
        #expect(!FileManager.default.fileExists(atPath: site.path("Site")))
    }

    @Test func anAuthorsYAMLSymlinkedOutsideContentIsNotRead() throws {
        let site = try FixtureSite(["Content/articles/a.md": article(slug: "a")])
        defer { site.cleanUp() }
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-outside-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: outside) }
        try Data("authors:\n  - name: \"Ada Writer\"\n    bio: \"Private notes\"\n    password: hunter2\n".utf8).write(to: outside)
        try FileManager.default.createSymbolicLink(atPath: site.path("Content/authors.yaml"), withDestinationPath: outside.path)
        let report = site.build()
        let messages = site.messages(report)
        #expect(!report.succeeded)
        #expect(messages.contains { $0.hasPrefix("Content/authors.yaml:1:1: error: not read: a symlink to ") }, "\(messages)")
        #expect(!messages.contains { $0.contains("password") || $0.contains("hunter2") || $0.contains("Private notes") })
        #expect(!FileManager.default.fileExists(atPath: site.path("Site")))
    }

    /// The preview rereads edited articles without listing their folder; the folder swapped for a symlink out
    /// is still refused, even when only a file in it is reported changed.
    @Test func anArticlesFolderSwappedForASymlinkIsRefusedOnARebuild() throws {
        let site = try FixtureSite(["Content/articles/a.md": article(slug: "a")])
        defer { site.cleanUp() }
        let session = BuildSession(options: site.options)
        #expect(session.build().succeeded)
        let outside = try Self.moveOutside("Content/articles", of: site)
        defer { try? FileManager.default.removeItem(atPath: (outside as NSString).deletingLastPathComponent) }
        let result = session.build(changedPaths: [site.path("Content/articles/a.md")])
        let messages = site.messages(BuildReport(diagnostics: result.diagnostics, pageCount: 0, filesWritten: 0))
        #expect(messages.contains { $0.hasPrefix("Content/articles:1:1: error: not read: a symlinked folder") }, "\(messages)")
        #expect(!messages.contains { $0.contains(Self.marker) })
        #expect(!result.files.contains { String(decoding: $0.bytes, as: UTF8.self).contains(Self.marker) })
    }

    @Test func newArticleDoesNotReadASymlinkedAuthorsFileOutside() throws {
        let site = try FixtureSite([:])
        defer { site.cleanUp() }
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-outside-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: outside) }
        try Data("authors:\n  - name: \"\(Self.marker)\"\n".utf8).write(to: outside)
        try FileManager.default.createSymbolicLink(atPath: site.path("Content/authors.yaml"), withDestinationPath: outside.path)
        let file = try Scaffold.article(title: "New", date: try #require(ArticleDate("2026-01-01")), contentDirectory: site.path("Content"), fileSystem: LocalFileSystem()).get()
        #expect(!file.text.contains(Self.marker))
        #expect(file.text.contains("Test Author"), "the site's own author, from site.yaml")
    }

    // MARK: Control characters in diagnostics

    /// What a terminal acts on instead of showing, defined apart from `TerminalText`: Unicode's control
    /// category, its Bidi_Control property, and the line and paragraph separators.
    static func actsOnTerminal(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        return properties.generalCategory == .control || properties.isBidiControl
            || properties.generalCategory == .lineSeparator || properties.generalCategory == .paragraphSeparator
    }

    @Test func aValueCannotDrawAFakeSuccessLine() throws {
        let found = try InputHardeningTests.messages([
            "Content/authors.yaml": "authors:\n  - name: \"Ada Writer\"\n", "Templates/author.mustache": Self.authorTemplate,
            "Content/articles/a.md": article(slug: "a").replacingOccurrences(
                of: "author: \"Ada Writer\"", with: "author: \"Rudy \\e[2K\\rsitegen: build succeeded\""),
        ])
        #expect(found.contains { $0.hasPrefix("Content/articles/a.md:") && $0.contains("author 'Rudy \\e[2K\\rsitegen: build succeeded' is not in authors.yaml") },
                "\(found)")
        #expect(!found.contains { $0.unicodeScalars.contains(where: Self.actsOnTerminal) })
    }

    @Test func aFileNameWithControlCharactersIsShownEscaped() throws {
        let found = try InputHardeningTests.messages(["Content/articles/\u{1B}[2K\rsitegen: ok\u{202E}.txt": "x"])
        #expect(found == ["Content/articles/\\e[2K\\rsitegen: ok\\u{202E}.txt:1:1: warning: not a Markdown article (.md); it is not published"])
    }

    /// Every C0 and C1 control, DEL, escape sequences and the bidi controls, alone and mixed into ordinary text
    /// (of several scripts), written with YAML's escapes into a front-matter value that an error quotes.
    @Test func noGeneratedValueReachesTheTerminalRaw() async throws {
        let hostile = (0x00...0x1F).map { Unicode.Scalar($0)! } + [Unicode.Scalar(0x7F)!] + (0x80...0x9F).map { Unicode.Scalar($0)! }
            + [0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069].map { Unicode.Scalar($0)! }
        let ordinary = ["a", "Z", " ", "é", "ß", "日本", "Ж", "ا", "[2K", "]0;title", "\\", "'", "\"", "✓", "🙂"]
        let piece = Gen.int(in: 0...(hostile.count + ordinary.count - 1)).map { index -> String in
            index < hostile.count ? String(Character(hostile[index])) : ordinary[index - hostile.count]
        }
        // Every hostile scalar at least once, then generated mixtures (after a letter: a value of spaces alone is
        // an empty author, an error of its own that stops the build before authors are checked).
        var values = hostile.map { "x" + String(Character($0)) + "y" } + ["\u{1B}[2K\rsitegen: build succeeded", "\u{9B}2K\u{1B}]0;t\u{07}"]
        await propertyCheck(count: 60, input: piece.array(of: 1...12)) { pieces in values.append("x" + pieces.joined()) }
        var files: [String: String] = ["Content/authors.yaml": "authors:\n  - name: \"Ada Writer\"\n", "Templates/author.mustache": Self.authorTemplate]
        for (number, value) in values.enumerated() {
            let yaml = Self.yamlDoubleQuoted(value)
            files["Content/articles/v\(number).md"] = article(slug: "v\(number)").replacingOccurrences(of: "author: \"Ada Writer\"", with: "author: \(yaml)")
        }
        let site = try FixtureSite(files)
        defer { site.cleanUp() }
        let report = site.build()
        #expect(!report.succeeded)
        let descriptions = report.diagnostics.map(\.description)
        #expect(descriptions.count >= values.count, "each value is quoted by an error: \(descriptions.prefix(3))")
        for line in descriptions {
            #expect(!line.unicodeScalars.contains(where: Self.actsOnTerminal), "\(line.debugDescription)")
        }
        // And the escaping is exact: each value shows as itself with its controls written out.
        for value in values where value.unicodeScalars.contains(where: Self.actsOnTerminal) {
            #expect(descriptions.contains { $0.contains("author '\(TerminalText.escaped(value))' is not in authors.yaml") }, "\(value.debugDescription)")
        }
    }

    /// A YAML double-quoted scalar holding exactly `text`, every non-printable scalar as a `\u`/`\U` escape.
    static func yamlDoubleQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || actsOnTerminal(scalar):
                out += String(format: "\\u%04X", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Over every scalar up to U+FFFF and a sample above: a scalar is escaped exactly when a terminal would act on
    /// it, and text without such scalars is printed as it is.
    @Test func escapingTouchesExactlyTheScalarsATerminalActsOn() async {
        for value in Array(0...0xFFFF) + Array(stride(from: 0x10000, through: 0x10FFFF, by: 251)) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "a" + String(Character(scalar)) + "b"
            let shown = TerminalText.escaped(text)
            if Self.actsOnTerminal(scalar) {
                #expect(shown != text && !shown.unicodeScalars.contains(where: Self.actsOnTerminal), "U+\(String(value, radix: 16))")
            } else if shown != text {
                Issue.record("U+\(String(value, radix: 16)) was escaped")
            }
        }
        let diagnostic = Diagnostic.error("bad \u{1B}[31m\r\n\u{202E}", at: SourceLocation(path: "Content/a\u{7}.md", line: 2, column: 3))
        #expect(diagnostic.description == "Content/a\\u{7}.md:2:3: error: bad \\e[31m\\r\\n\\u{202E}")
        #expect(Diagnostic.warning("plain: naïve café, 日本語, \\e as typed", at: nil).description == "sitegen: warning: plain: naïve café, 日本語, \\e as typed")
    }

    static func messages(_ files: [String: String]) throws -> [String] {
        let site = try FixtureSite(files)
        defer { site.cleanUp() }
        return site.messages(site.build())
    }

    // MARK: CSV formula starts

    /// The matrix as a spreadsheet reads it: RFC 4180 fields, quoted fields may hold CR, LF, commas and quotes.
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false, wasQuoted = false
        var scalars = Array(text.unicodeScalars)[...]
        while let c = scalars.popFirst() {
            if quoted {
                if c == "\"" {
                    if scalars.first == "\"" { scalars.removeFirst(); field.unicodeScalars.append(c) } else { quoted = false }
                } else { field.unicodeScalars.append(c) }
            } else if c == "\"" && field.isEmpty && !wasQuoted {
                quoted = true; wasQuoted = true
            } else if c == "," {
                row.append(field); field = ""; wasQuoted = false
            } else if c == "\r" && scalars.first == "\n" {
                scalars.removeFirst(); row.append(field); rows.append(row); row = []; field = ""; wasQuoted = false
            } else { field.unicodeScalars.append(c) }
        }
        return rows
    }

    static let formulaStarts: [Unicode.Scalar] = ["=", "+", "-", "@", "\t", "\r", "\n", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"]

    @Test func aMatrixValueStartingWithTabOrCRGetsAnApostrophe() throws {
        let license = { (value: String) in
            "features:\n  mtls: \"yes\"\n  overhead: low\n  license: \(Self.yamlDoubleQuoted(value))\n"
        }
        let site = try FixtureSite(CatalogFixture.files(meshes: [
            "tab": CatalogFixture.mesh("tab", features: license("\t=HYPERLINK(\"http://evil.example\")")),
            "cr": CatalogFixture.mesh("cr", features: license("\r=1+1")),
            "crlf": CatalogFixture.mesh("crlf", features: license("\r\n=2+2")),
        ]))
        defer { site.cleanUp() }
        let report = site.build()
        #expect(report.succeeded, "\(site.messages(report))")
        let csv = try #require(site.output("compare/matrix.csv"))
        let licence = try #require(Self.parseCSV(csv).first { $0.first == "Licence" })
        #expect(Set(licence.dropFirst()) == ["'\t=HYPERLINK(\"http://evil.example\")", "'\r=1+1", "'\r\n=2+2"], "\(licence)")
    }

    /// Generated cells starting with each formula character, followed by anything (commas, quotes, line breaks,
    /// more formula characters): read back as a spreadsheet reads them, each is the text with an apostrophe in
    /// front, and no cell of the file starts with a formula character.
    @Test func everyFormulaStartIsNeutralised() async {
        let tail: [String] = ["", "1+1", ",", "\"", "\r\n", "\n", "\r", "=", "cmd|' /C calc'!A0", " ", "é", "\t"]
        let start = Gen.int(in: 0...(Self.formulaStarts.count - 1))
        let rest = Gen.int(in: 0...(tail.count - 1)).map { tail[$0] }.array(of: 0...5)
        await propertyCheck(count: 400, input: start, rest) { first, pieces in
            let value = String(Character(Self.formulaStarts[first])) + pieces.joined()
            let line = MatrixCSV.field("Feature") + "," + MatrixCSV.field(value) + "\r\n"
            let rows = Self.parseCSV(line)
            #expect(rows == [["Feature", "'" + value]], "\(value.debugDescription) → \(line.debugDescription)")
        }
        for ordinary in ["yes", "Apache 2.0", "10–20 MB", "'quoted", " =space first"] {
            #expect(MatrixCSV.field(ordinary) == ordinary)
        }
    }

    // MARK: search.js and Object's prototype

    /// Every name on Object.prototype (and the issue's five) as a query against a real index, through search.js
    /// in node: each finds the article that holds the word, or nothing in a site without it, and no query asks
    /// for a file named after `undefined` or a function.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/node")))
    func prototypeNamesAreOrdinarySearchWords() throws {
        let names = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf", "propertyIsEnumerable",
                     "toLocaleString", "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__"]
        for holdsTheWords in [true, false] {
            let body = holdsTheWords ? "Words from JavaScript: " + names.joined(separator: " ") + ".\n" : "Nothing of the sort.\n"
            let site = try FixtureSite([
                "Content/articles/words.md": article(slug: "words", body: body),
                "Content/articles/other.md": article(slug: "other", body: "Routing and meshes.\n"),
            ])
            defer { site.cleanUp() }
            let report = site.build()
            #expect(report.succeeded, "\(site.messages(report))")
            let answers = try Self.searchInNode(site: site, queries: names)
            for (query, answer) in answers {
                let requested = answer["requested"] as? [String] ?? []
                #expect(answer["error"] == nil, "\(query): \(answer["error"] ?? "")")
                #expect(!requested.contains { $0.contains("undefined") || $0.contains("function") || $0.contains("[object") }, "\(query): \(requested)")
                let urls = answer["urls"] as? [String] ?? []
                if holdsTheWords {
                    #expect(urls.first == "/words/", "\(query) finds the article that holds it: \(urls)")
                } else {
                    #expect(urls.isEmpty, "\(query) finds nothing: \(urls)")
                }
            }
            #expect(answers.count >= names.count, "every Object.prototype name was asked")
            #expect(Set(names).isSubset(of: answers.keys))
        }
    }

    /// Runs search.js's search over the built site's index in node, for every own property name of
    /// Object.prototype plus `queries`: per query, the URLs it requested and the result pages' URLs.
    static func searchInNode(site: FixtureSite, queries: [String]) throws -> [String: [String: Any]] {
        let script = """
            const s = require(\(String(decoding: try JSONEncoder().encode(repository.appendingPathComponent("Templates/assets/search.js").path), as: UTF8.self)));
            const fs = require("fs");
            const root = \(String(decoding: try JSONEncoder().encode(site.path("Site")), as: UTF8.self));
            const extra = JSON.parse(require("fs").readFileSync(0, "utf8"));
            const queries = [...new Set(Object.getOwnPropertyNames(Object.prototype).concat(extra))];
            const manifest = JSON.parse(fs.readFileSync(root + "/search-index.json", "utf8"));
            (async () => {
              const answers = Object.create(null);
              for (const query of queries) {
                const requested = [];
                const load = (url) => { requested.push(url); return Promise.resolve().then(() => JSON.parse(fs.readFileSync(root + url, "utf8"))); };
                try {
                  const { ranked } = await s.searcher(load)(manifest, query);
                  const urls = [];
                  for (const hit of ranked) {
                    const chunk = await load(manifest.files + "d-" + Math.floor(hit.doc / manifest.chunk) + ".json");
                    urls.push(chunk[hit.doc % manifest.chunk][2]);
                  }
                  answers[query] = { requested, urls };
                } catch (error) {
                  answers[query] = { requested, error: String(error) };
                }
              }
              console.log(JSON.stringify(answers));
            })();
            """
        let data = try NodeScript.run(script, input: try JSONEncoder().encode(queries))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]])
    }

    // MARK: A broken mesh and the meshes that name it

    static func decode(_ meshes: [String: String]) -> [String] {
        CatalogFixture.decode(meshes).1.map(\.description)
    }

    static func similar(to other: String) -> String {
        "resources:\n  proxy:\n    similar_to: \(other)\n  control_plane:\n    managed_by: Vendor\n"
    }

    @Test func aReferenceToAMeshThatDoesNotExistIsReportedWhereItIsWritten() throws {
        let messages = Self.decode(["a": CatalogFixture.mesh("a", resources: Self.similar(to: "nope"))])
        #expect(messages.count == 1, "\(messages)")
        let text = CatalogFixture.mesh("a", resources: Self.similar(to: "nope"))
        let line = try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("similar_to: nope") }) + 1
        #expect(messages.first == "Content/catalog/meshes/a.yaml:\(line):17: error: similar_to names service mesh 'nope', which does not exist", "\(messages)")
    }

    @Test func anErrorInAMeshIsNotRepeatedByTheMeshesThatNameIt() {
        let messages = Self.decode([
            "a": CatalogFixture.mesh("a", resources: Self.similar(to: "b")),
            "b": CatalogFixture.mesh("b", mtls: "maybe"),
        ])
        #expect(messages.count == 1, "\(messages)")
        #expect(messages.first?.hasPrefix("Content/catalog/meshes/b.yaml:") == true, "\(messages)")
        // A mesh naming itself is still its own error, whatever else is wrong.
        let own = Self.decode(["a": CatalogFixture.mesh("a", resources: Self.similar(to: "a"))])
        #expect(own.count == 1 && own.first?.hasSuffix("similar_to names service mesh 'a', which is this one") == true, "\(own)")
    }

    /// The repository's own catalog with a mistake in istio.yaml: the one error is istio's, not anthos's too.
    @Test func anErrorInIstioDoesNotCascadeToAnthos() throws {
        let catalog = Self.repository.appendingPathComponent("Content/catalog")
        var files: [String: String] = ["Content/articles/a.md": article(slug: "a")]
        for name in try FileManager.default.subpathsOfDirectory(atPath: catalog.path) where name.hasSuffix(".yaml") {
            files["Content/catalog/" + name] = try String(contentsOf: catalog.appendingPathComponent(name), encoding: .utf8)
        }
        let istio = try #require(files["Content/catalog/meshes/istio.yaml"])
        files["Content/catalog/meshes/istio.yaml"] = istio.replacingOccurrences(of: "\nvendor:", with: "\ncolour: red\nvendor:")
        let found = try Self.messages(files).filter { $0.contains(": error: ") }
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.hasPrefix("Content/catalog/meshes/istio.yaml:") == true, "\(found)")
        #expect(!found.contains { $0.contains("anthos") }, "\(found)")
        // Renamed away instead, the reference is anthos's own error, at the line that names istio.
        files["Content/catalog/meshes/istio.yaml"] = istio.replacingOccurrences(of: "id: istio", with: "id: istio-renamed")
        let anthos = try #require(files["Content/catalog/meshes/anthos.yaml"])
        let line = try #require(anthos.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("similar_to: istio") }) + 1
        let renamed = try Self.messages(files)
        #expect(renamed.contains { $0.hasPrefix("Content/catalog/meshes/anthos.yaml:\(line):") && $0.contains("similar_to names service mesh 'istio', which does not exist") },
                "\(renamed)")
    }
}
