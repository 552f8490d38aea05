import Foundation
import Testing
@testable import SitegenKit

@Suite("Search: stemming, the split index and its rebuilds")
struct SearchTests {
    /// Snowball's English sample vocabulary and output, as far as it is reproduced here, and words this site uses.
    static let vectors: [(String, String)] = [
        ("routing", "rout"), ("routes", "rout"), ("certificates", "certif"), ("certificate", "certif"), ("generously", "generous"),
        ("consign", "consign"), ("consigned", "consign"), ("consigning", "consign"), ("consignment", "consign"),
        ("consist", "consist"), ("consisted", "consist"), ("consistency", "consist"), ("consistent", "consist"),
        ("consistently", "consist"), ("consisting", "consist"), ("consists", "consist"), ("consolation", "consol"),
        ("knack", "knack"), ("knackeries", "knackeri"), ("knaves", "knave"), ("knavish", "knavish"), ("kneaded", "knead"),
        ("kneeling", "kneel"), ("knees", "knee"), ("knightly", "knight"), ("knitting", "knit"), ("knives", "knive"),
        ("knocker", "knocker"), ("knocking", "knock"), ("caresses", "caress"), ("ponies", "poni"), ("ties", "tie"),
        ("cats", "cat"), ("agreed", "agre"), ("plastered", "plaster"), ("motoring", "motor"), ("hopping", "hop"),
        ("falling", "fall"), ("happy", "happi"), ("relational", "relat"), ("conditional", "condit"), ("generation", "generat"),
        ("communication", "communic"), ("arsenal", "arsenal"), ("dying", "die"), ("skies", "sky"), ("news", "news"),
        ("innings", "inning"), ("succeeded", "succeed"), ("proceedings", "proceed"), ("exceedingly", "exceed"),
        ("crying", "cri"), ("saying", "say"), ("observability", "observ"), ("sidecar", "sidecar"), ("memory", "memori"),
        ("linkerd", "linkerd"), ("kubernetes", "kubernet"), ("policies", "polici"), ("encrypted", "encrypt"),
    ]

    /// The snippet's byte path (ASCII openings) and its Character path cut the same way: whitespace runs made one
    /// space, at most 160 characters, cut back to a space with an ellipsis.
    @Test func snippetsCutAlikeOverBytesAndCharacters() {
        let words = (0..<60).map { "word\($0)" }.joined(separator: " \n\t ")
        let ascii = SearchIndex.snippet("  " + words)
        #expect(ascii.hasSuffix("…") && ascii.count <= SearchIndex.snippetLength + 1 && !ascii.contains("\n") && !ascii.hasPrefix(" "))
        // Both paths against the plain definition: split at whitespace, joined by spaces, cut at 160 characters.
        func reference(_ text: String) -> String {
            let trimmed = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            guard trimmed.count > SearchIndex.snippetLength else { return trimmed }
            var cut = trimmed.prefix(SearchIndex.snippetLength)
            if let space = cut.lastIndex(of: " ") { cut = cut[..<space] }
            return String(cut) + "…"
        }
        for text in ["  " + words, "é " + words, " Ünïcode\u{00A0}words " + words, String(repeating: "x", count: 200)] {
            #expect(SearchIndex.snippet(text) == reference(text))
        }
        #expect(SearchIndex.snippet(" short  text \n") == "short text")
        #expect(SearchIndex.snippet("naïve  café") == "naïve café")
        #expect(SearchText.words("Café-Routing, mTLS v2 x Naïve") == ["cafe", "routing", "mtls", "v2", "naive"])
    }

    @Test func stemsSnowballsSamples() {
        for (word, stem) in Self.vectors { #expect(EnglishStemmer.stem(word) == stem, "\(word)") }
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The browser stems queries with search.js; a stem it makes differently from the index is never found.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/node")))
    func theBrowserStemsAndFoldsAsTheIndexDoes() throws {
        var list = Self.vectors.map(\.0)
        let articles = Self.repository.appendingPathComponent("Content/articles")
        for name in try FileManager.default.contentsOfDirectory(atPath: articles.path) where name.hasSuffix(".md") {
            list += SearchText.words(try String(contentsOf: articles.appendingPathComponent(name), encoding: .utf8))
        }
        list += ["Café", "naïve", "ÉCOLE", "v1.2", "x", "3"]
        let words = Array(Set(list)).sorted()
        let script = """
            const s = require(\(String(decoding: try JSONEncoder().encode(Self.repository.appendingPathComponent("Templates/assets/search.js").path), as: UTF8.self)));
            const words = JSON.parse(require("fs").readFileSync(0, "utf8"));
            console.log(JSON.stringify(words.map((w) => [s.words(w), s.words(w).map(s.stem), s.hash(w)])));
            """
        let data = try NodeScript.run(script, input: try JSONEncoder().encode(words))
        let answers = try #require(try JSONSerialization.jsonObject(with: data) as? [[Any]])
        #expect(answers.count == words.count)
        for (word, answer) in zip(words, answers) {
            let folded = SearchText.words(word)
            #expect(answer[0] as? [String] == folded, "\(word)")
            #expect(answer[1] as? [String] == folded.map(EnglishStemmer.stem), "\(word)")
            #expect((answer[2] as? NSNumber)?.uint32Value == SearchText.hash(word), "\(word)")
        }
        #expect(words.count > 500, "the site's own words are compared too")
    }

    /// Sixty short articles: enough pages for more than one run of chunks.
    static func sixtyArticles(spreadDates: Bool = false) -> [String: String] {
        var files: [String: String] = [:]
        for number in 0..<60 {
            let date = spreadDates ? "2026-01-\(String(format: "%02d", number % 28 + 1))" : "2026-01-01"
            files["Content/articles/a\(number).md"] = article(slug: "a\(number)", date: date,
                                                              body: "Common words about meshes number \(number).\n\n## Routing\n\nTraffic routing rules.\n")
        }
        return files
    }

    static func json(_ text: String?) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(try #require(text).utf8))
    }

    @Test func theIndexHoldsEveryWordBySectionWithSnippets() throws {
        var files = CatalogFixture.files(meshes: ["alpha": CatalogFixture.mesh("alpha", name: "Alpha Mesh")])
        files["Content/articles/a.md"] = article(slug: "a", title: "About <things>",
                                                  body: "Intro words.\n\n## First part\n\nRouting here.\n\n## Later\n\nDeep down we mention obscurewordzz once.\n")
        let site = try FixtureSite(files)
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let manifest = try #require(try Self.json(site.output("search-index.json")) as? [String: Any])
        let documents = try #require(manifest["documents"] as? Int)
        let fragments = try #require(manifest["fragments"] as? Int)
        #expect(documents == 3, "one mesh, the comparison and the article")
        // The article's number is its slot, from its URL's hash; its chunk holds it there, and 0 in free slots.
        let slots = try #require(manifest["slots"] as? Int)
        #expect(slots == SearchSlots.count(documents: 3))
        let number = Int(SearchText.hash("/a/") % UInt32(slots))
        let chunk = try #require(try Self.json(site.output("search/d-\(number / SearchIndex.chunkSlots).json")) as? [Any])
        #expect(chunk.count == SearchIndex.chunkSlots && chunk.contains { $0 as? Int == 0 })
        let entry = try #require(chunk[number % SearchIndex.chunkSlots] as? [Any])
        #expect(entry[0] as? String == "article" && entry[1] as? String == "About <things>" && entry[2] as? String == "/a/")
        let sections = try #require(entry[4] as? [[String]])
        #expect(sections.map(\.[1]) == ["", "first-part", "later"])
        #expect(sections[2][2] == "Deep down we mention obscurewordzz once.")
        #expect(entry[3] as? String == "", "every section has a snippet, so the description (shown only in place of an empty one) is left out")
        // A word deep in the body is in its fragment, pointing at its section.
        let stem = EnglishStemmer.stem("obscurewordzz")
        let fragment = try #require(try Self.json(site.output("search/f-\(Int(SearchText.hash(stem)) % fragments).json")) as? [String: [Int]])
        #expect(fragment[stem] == [1, number, SearchIndex.textWeight * 8 + 1, 1, 2])
        let rout = try #require(try Self.json(site.output("search/f-\(Int(SearchText.hash("rout")) % fragments).json")) as? [String: [Int]])
        #expect(rout["rout"]?.contains(1) == true)
        let terms = try #require(try Self.json(site.output("search/terms-o.json")) as? [String: Int])
        #expect(terms[stem] == 1)
        let alpha = Int(SearchText.hash("/meshes/alpha/") % UInt32(slots)) / SearchIndex.chunkSlots
        #expect(try #require(site.output("search/d-\(alpha).json")).contains("/meshes/alpha/"))
        #expect(try #require(site.output("search/terms-t.json")).contains("\"thing\""), "titles are indexed")
        #expect(!(try #require(site.output("search/d-\(number / SearchIndex.chunkSlots).json")).contains("<things>")), "angle brackets are escaped in JSON")
    }

    @Test func aBodyEditRewritesOnlyTheFragmentsItChanges() throws {
        let site = try FixtureSite(Self.sixtyArticles())
        defer { site.cleanUp() }
        let session = BuildSession(options: site.options)
        let first = session.build()
        #expect(first.succeeded)
        let all = searchFiles(first.paths)
        try site.write("Content/articles/a7.md", article(slug: "a7", date: "2026-01-01",
                                                         body: "Common words about meshes number 7 and zebrafish.\n\n## Routing\n\nTraffic routing rules.\n"))
        let rebuilt = session.build(changedPaths: [site.path("Content/articles/a7.md")])
        #expect(rebuilt.succeeded)
        let made = searchFiles(rebuilt.made)
        let fragments = SearchIndex.fragmentCount(documents: 60)
        // The new word's fragment and term list, and the article's metadata chunk; no other fragment.
        #expect(made.count == 3 && made.contains(SearchIndex.fragmentPath(Int(SearchText.hash("zebrafish") % UInt32(fragments))))
                 && made.contains("search/terms-z.json") && made.contains { $0.hasPrefix("search/d-") })
        #expect(all.count > 40 && made.count < all.count / 10)
    }

    @Test func aSessionsIndexAfterEditsEqualsAFreshOne() throws {
        let site = try FixtureSite(Self.sixtyArticles())
        defer { site.cleanUp() }
        let session = BuildSession(options: site.options)
        #expect(session.build().succeeded)
        // A body edit, a title edit and a new article, each in its own rebuild: the runs they touch are indexed
        // again, the others kept from the build before; the index must be the one a fresh build makes.
        try site.write("Content/articles/a7.md", article(slug: "a7", date: "2026-01-01", body: "Zebrafish now.\n\n## Routing\n\nOther rules.\n"))
        #expect(session.build(changedPaths: [site.path("Content/articles/a7.md")]).succeeded)
        try site.write("Content/articles/a40.md", article(slug: "a40", title: "Quokka handbook", date: "2026-01-01", body: "Common words.\n"))
        #expect(session.build(changedPaths: [site.path("Content/articles/a40.md")]).succeeded)
        try site.write("Content/articles/new.md", article(slug: "new", date: "2026-01-02", body: "Axolotl words.\n"))
        let last = session.build(changedPaths: [site.path("Content/articles/new.md")])
        #expect(last.succeeded)
        let fresh = BuildSession(options: site.options).build()
        let search = { (result: BuildSession.Result) in Dictionary(uniqueKeysWithValues: result.files.filter { $0.path.hasPrefix("search") }.map { ($0.path, $0.bytes) }) }
        #expect(!search(fresh).isEmpty && search(last) == search(fresh))
        #expect(search(fresh)["search/terms-q.json"].map { String(decoding: $0, as: UTF8.self).contains("quokka") } == true)
    }

    /// A session re-indexes only the pages whose words changed and merges only the fragments whose postings changed:
    /// whatever mix of edits a rebuild brings (a few pages, most of them, pages gone and new, a word dropped from
    /// every page), its index must be the one a fresh build makes.
    @Test func aSessionPatchesItsRunsAndMergeAsAFreshBuildWould() throws {
        let site = try FixtureSite(Self.sixtyArticles(spreadDates: true))
        defer { site.cleanUp() }
        let session = BuildSession(options: site.options)
        #expect(session.build().succeeded)
        let search = { (result: BuildSession.Result) in Dictionary(uniqueKeysWithValues: result.files.filter { $0.path.hasPrefix("search") }.map { ($0.path, $0.bytes) }) }
        var names = (0..<60).map { "a\($0)" }
        func rebuild(_ step: String, _ edit: () throws -> [String]) throws {
            let changed = try edit().map { site.path("Content/articles/\($0).md") }
            let result = session.build(changedPaths: Set(changed))
            #expect(result.succeeded, "\(step)")
            let fresh = BuildSession(options: site.options).build()
            let (mine, theirs) = (search(result), search(fresh))
            let differing = Set(mine.keys).union(theirs.keys).filter { mine[$0] != theirs[$0] }.sorted()
            #expect(!theirs.isEmpty && differing.isEmpty, "\(step): these index files differ from a fresh build's: \(differing)")
        }
        try rebuild("a few pages") {
            for name in ["a3", "a17", "a44"] {
                try site.write("Content/articles/\(name).md", article(slug: name, date: "2026-01-05", body: "Kestrel wording in \(name).\n\n## Routing\n\nTraffic.\n"))
            }
            return ["a3", "a17", "a44"]
        }
        try rebuild("most pages") {
            for name in names.prefix(45) {
                try site.write("Content/articles/\(name).md", article(slug: name, date: "2026-01-06", body: "Common words, meshes \(name).\n"))
            }
            return Array(names.prefix(45))
        }
        try rebuild("pages gone and new") {
            for name in ["a5", "a30"] { try site.remove("Content/articles/\(name).md") }
            names.removeAll { $0 == "a5" || $0 == "a30" }
            for name in ["n1", "n2", "n3"] {
                try site.write("Content/articles/\(name).md", article(slug: name, date: "2026-01-07", body: "Heron words \(name).\n"))
                names.append(name)
            }
            return ["a5", "a30", "n1", "n2", "n3"]
        }
        try rebuild("a word gone from the pages that held it") {
            let held = names.filter { $0 != "a3" && $0 != "a17" && $0 != "a44" }.suffix(4)
            for name in held { try site.write("Content/articles/\(name).md", article(slug: name, date: "2026-01-08", body: "Plain text.\n")) }
            return Array(held)
        }
    }

    @Test func aNewProcessReadsUntouchedRunsFromTheCacheAndPublishesWhatACleanBuildDoes() throws {
        let site = try FixtureSite(Self.sixtyArticles())
        defer { site.cleanUp() }
        let cache = site.path(".cache")
        #expect(BuildCacheTests.newProcessBuild(site, cache: cache).succeeded)
        let edits: [(String, String)] = [
            ("a7", article(slug: "a7", date: "2026-01-01", body: "Zebrafish now.\n\n## Routing\n\nOther rules.\n")),
            ("a40", article(slug: "a40", title: "Quokka handbook", date: "2026-01-01", body: "Common words.\n")),
            ("new", article(slug: "new", date: "2026-01-02", body: "Axolotl words.\n")),
        ]
        for (name, text) in edits {
            let before = site.snapshot()
            try site.write("Content/articles/\(name).md", text)
            BuildCacheTests.expectSameAsCleanBuild(site, BuildCacheTests.newProcessBuild(site, cache: cache), before: before, step: name)
        }
        try site.remove("Content/articles/a3.md")
        BuildCacheTests.expectSameAsCleanBuild(site, BuildCacheTests.newProcessBuild(site, cache: cache), before: site.snapshot(), step: "removed")
    }

    @Test func addingOrRemovingAnArticleRewritesOnlyItsOwnFiles() throws {
        let site = try FixtureSite(Self.sixtyArticles(spreadDates: true))
        defer { site.cleanUp() }
        let session = BuildSession(options: site.options)
        let first = session.build()
        #expect(first.succeeded)
        let all = searchFiles(first.paths)
        let before = site.snapshot().filter { $0.key.hasPrefix("search") }
        // An article dated first in the site (so before every other one in site order) with a word of its own.
        let added = article(slug: "aardvark", date: "2025-01-01", body: "Aardvark zebrafish words.\n")
        try site.write("Content/articles/aardvark.md", added)
        let grown = session.build(changedPaths: [site.path("Content/articles/aardvark.md")])
        #expect(grown.succeeded)
        let made = searchFiles(grown.made)
        // Its words' fragments and term lists, its chunk and the manifest (the page count), never the other pages' chunks.
        #expect(made.filter { $0.hasPrefix("search/d-") }.count == 1)
        #expect(made.contains("search-index.json") && made.contains("search/terms-z.json"))
        #expect(made.count < all.count / 3, "\(made.count) of \(all.count) search files rewritten (27 are term lists)")
        try site.remove("Content/articles/aardvark.md")
        let shrunk = session.build(changedPaths: [site.path("Content/articles/aardvark.md")])
        #expect(shrunk.succeeded)
        #expect(searchFiles(shrunk.made).filter { $0.hasPrefix("search/d-") }.count == 1)
        #expect(searchFiles(shrunk.made).count < all.count / 3)
        #expect(site.snapshot().filter { $0.key.hasPrefix("search") } == before, "back where it started, byte for byte")
    }
}
