import Foundation
import Testing
@testable import SitegenKit

/// Issue 34's hostile templates and sizes: a page's render is bounded (partial depth, bytes, steps) and fails
/// with an error at the template tag; a template swift-mustache renders may not recurse at all; heading ids are
/// linear in the number of headings and no two elements of an article page share an id.
@Suite("Render limits and unique ids")
struct RenderLimitsTests {
    /// The minimal templates with `{{> partials/self}}` in the article's main block and `partials` added.
    static func templates(article include: String = "{{> partials/self}}", partials: [String: String]) -> [String: String] {
        var templates = FixtureSite.minimalTemplates
        templates["Templates/article.mustache"] = templates["Templates/article.mustache"]!
            .replacingOccurrences(of: "{{{article.body}}}", with: "{{{article.body}}}" + include)
        for (name, text) in partials { templates["Templates/\(name).mustache"] = text }
        return templates
    }

    /// Builds once with good templates, then with `broken`; returns the second build's messages and whether
    /// the first build's output survived byte for byte.
    static func failsAndKeepsTheOldSite(_ broken: [String: String], files: [String: String] = ["Content/articles/a.md": article(slug: "a")])
        throws -> (messages: [String], kept: Bool, exit: Bool) {
        let site = try FixtureSite(files)
        defer { site.cleanUp() }
        let first = site.build()
        guard !first.diagnostics.hasErrors else { return (site.messages(first), false, false) }
        let before = site.snapshot()
        for (path, text) in broken { try site.write(path, text) }
        let report = site.build()
        return (site.messages(report), site.snapshot() == before, report.diagnostics.hasErrors)
    }

    // MARK: - Templates: recursion and budgets

    @Test func aPartialThatIncludesItselfIsAPositionedErrorNotACrash() throws {
        let broken = Self.templates(partials: ["partials/self": "x{{> partials/self}}\n"])
        let (messages, kept, failed) = try Self.failsAndKeepsTheOldSite(broken)
        #expect(failed)
        #expect(kept)
        #expect(messages == [
            "Templates/partials/self.mustache:1:2: error: partials nest more than 64 deep: layout → partials/self → partials/self → …; "
                + "a partial that includes itself needs data that ends (making a/index.html)",
        ])
    }

    @Test func aPartialThatIncludesItselfInsideASectionIsAPositionedError() throws {
        // `site` is found on every level, so the section never runs out of data.
        let broken = Self.templates(partials: ["partials/self": "<ul>\n  {{#site}}\n  <li>{{> partials/self}}</li>\n  {{/site}}\n</ul>\n"])
        let (messages, kept, failed) = try Self.failsAndKeepsTheOldSite(broken)
        #expect(failed)
        #expect(kept)
        #expect(messages.count == 1)
        #expect(messages.first?.hasPrefix("Templates/partials/self.mustache:3:7: error: partials nest more than 64 deep: layout → partials/self → partials/self → …") == true)
    }

    @Test func twoPartialsIncludingEachOtherNameTheCycle() throws {
        let broken = Self.templates(article: "{{> partials/a}}", partials: ["partials/a": "a{{> partials/b}}", "partials/b": "b\n{{> partials/a}}"])
        let (messages, _, failed) = try Self.failsAndKeepsTheOldSite(broken)
        #expect(failed)
        #expect(messages.count == 1)
        #expect(messages.first?.contains("layout → partials/a → partials/b → partials/a → …") == true)
        // The 65th partial opened (after the layout, a and b in turn) is `b`, from `a`'s first line.
        #expect(messages.first?.hasPrefix("Templates/partials/a.mustache:1:2: error:") == true)
    }

    @Test func aPartialRecursingOverNestedDataRendersEveryLevel() throws {
        // The table of contents is data that ends: `children` of a leaf is an empty list.
        let node = "<li>{{text}}{{#has_children}}<ul>{{#children}}{{> partials/node}}{{/children}}</ul>{{/has_children}}</li>"
        let templates = Self.templates(article: "<ol class=\"tree\">{{#article.toc}}{{> partials/node}}{{/article.toc}}</ol>",
                                       partials: ["partials/node": node])
        let site = try FixtureSite(["Content/articles/a.md": article(slug: "a", body: "## One\n\n### Two\n\n### Three\n\n## Four\n")], templates: templates)
        defer { site.cleanUp() }
        let report = site.build()
        #expect(site.messages(report) == [])
        #expect(site.output("a/index.html")?.contains("<ol class=\"tree\"><li>One<ul><li>Two</li><li>Three</li></ul></li><li>Four</li></ol>") == true)
    }

    @Test func aPartialGraphThatDoublesAtEachLevelStopsAtThePageBudget() throws {
        // Thirty partials, each including the next twice: 2^30 copies of a 4 KB leaf, never deeper than 31.
        var partials: [String: String] = [:]
        for level in 0..<30 { partials["partials/p\(level)"] = "{{> partials/p\(level + 1)}}{{> partials/p\(level + 1)}}" }
        partials["partials/p30"] = String(repeating: "0123456789abcdef", count: 256)
        let broken = Self.templates(article: "{{> partials/p0}}", partials: partials)
        let (all, kept, failed) = try Self.failsAndKeepsTheOldSite(broken)
        // Pages not started when the article's ran out are not made, with a note saying how many: that depends on timing.
        let messages = all.filter { !$0.hasPrefix("sitegen: note: ") }
        #expect(failed)
        #expect(kept)
        #expect(messages.count == 1, "\(messages)")
        // At one of p29's two includes of the leaf, whichever was open when the 64th megabyte was written.
        #expect(messages.first?.hasPrefix("Templates/partials/p29.mustache:1:") == true, "\(messages)")
        #expect(messages.first?.contains(
            "error: rendering stopped: the page would be larger than 64 MB (in layout → partials/p0 → partials/p1 → … → partials/p28 → partials/p29 → partials/p30) (making a/index.html)") == true)
    }

    @Test func theStepBudgetStopsAPartialGraphThatWritesNothing() throws {
        // No text at all, so only the count of rendered nodes can stop it; a small budget keeps the test quick.
        var files = [SourceFile(path: "Templates/page.mustache", text: "{{> partials/p0}}")]
        for level in 0..<40 {
            files.append(SourceFile(path: "Templates/partials/p\(level).mustache", text: "{{#.}}{{> partials/p\(level + 1)}}{{> partials/p\(level + 1)}}{{/.}}"))
        }
        files.append(SourceFile(path: "Templates/partials/p40.mustache", text: ""))
        let (set, problems) = TemplateSet.compile(files, directory: "Templates", required: [])
        #expect(problems == [])
        var limits = CompiledTemplate.Limits()
        limits.nodes = 1 << 18
        let result = try #require(set).renderPage(.bool(true), template: "page", limits: limits)
        guard case .failure(let error) = result else {
            Issue.record("rendered past the step budget")
            return
        }
        #expect(error.message.hasPrefix("rendering stopped after 262144 steps; partials or sections multiply (in partials/p0 → partials/p1 → partials/p2 → …"))
        #expect(error.location?.path.hasPrefix("Templates/partials/p") == true)
        #expect(error.location?.line == 1)
    }

    @Test func oneStoppedPageStopsTheOthers() throws {
        let stop = RenderStop()
        var files = [SourceFile(path: "Templates/page.mustache", text: "{{#.}}{{#.}}{{#.}}x{{/.}}{{/.}}{{/.}}")]
        files.append(SourceFile(path: "Templates/other.mustache", text: "y"))
        let (set, _) = TemplateSet.compile(files, directory: "Templates", required: [])
        let templates = try #require(set)
        let many = TemplateValue.list(Array(repeating: .bool(true), count: 100))
        let pages = TemplateValue.list(Array(repeating: many, count: 1_000))
        var limits = CompiledTemplate.Limits()
        limits.nodes = 1 << 16
        let first = templates.renderPage(pages, template: "page", limits: limits, stop: stop)
        #expect((try? first.get()) == nil)
        #expect(stop.isStopped)
        // A page that is already past 65,536 nodes when it looks is stopped, not reported.
        let second = templates.renderPage(pages, template: "page", stop: stop)
        guard case .failure(let error) = second else {
            Issue.record("the second page was not stopped")
            return
        }
        #expect(error.cancelled)
    }

    @Test func aCycleInATemplateSwiftMustacheRendersIsRefusedUpFront() throws {
        // A transform is left to swift-mustache, which has no depth limit: the cycle itself is the error.
        let broken = Self.templates(article: "{{> partials/a}}", partials: [
            "partials/a": "{{lowercased(article.title)}}\n{{> partials/b}}",
            "partials/b": "{{> partials/a}}",
        ])
        let (messages, kept, failed) = try Self.failsAndKeepsTheOldSite(broken)
        #expect(failed)
        #expect(kept)
        #expect(messages == [
            "Templates/partials/b.mustache:1:1: error: partials include each other in a cycle (partials/a → partials/b → partials/a); "
                + "this template is rendered by swift-mustache, which cannot stop the recursion, so remove the cycle",
        ])
    }

    @Test func aTemplateSwiftMustacheRendersMayNotMultiplyPastTheBudget() throws {
        var files = [SourceFile(path: "Templates/page.mustache", text: "{{lowercased(x)}}{{> partials/p0}}")]
        for level in 0..<30 {
            files.append(SourceFile(path: "Templates/partials/p\(level).mustache", text: "{{> partials/p\(level + 1)}}{{> partials/p\(level + 1)}}"))
        }
        files.append(SourceFile(path: "Templates/partials/p30.mustache", text: "leaf"))
        let (set, problems) = TemplateSet.compile(files, directory: "Templates", required: [])
        #expect(set == nil)
        #expect(problems.map(\.description) == [
            "Templates/page.mustache:1:1: error: with its partials written out this template is over 64 MB; a partial included many times at each level multiplies",
        ])
    }

    /// Random partial graphs, some rendered by swift-mustache: every build ends, and either succeeds or fails with
    /// errors placed in a template.
    @Test(arguments: 0..<24)
    func randomPartialGraphsBuildOrFailInATemplate(seed: UInt64) throws {
        var random = SplitMix64(seed: 0x7e57_0000 + seed)
        let count = Int.random(in: 2...6, using: &random)
        var partials: [String: String] = [:]
        for index in 0..<count {
            var text = Bool.random(using: &random) ? "{{lowercased(article.title)}}" : "p\(index)"
            for _ in 0..<Int.random(in: 0...3, using: &random) {
                let target = Int.random(in: 0..<count, using: &random)
                let tag = "{{> partials/p\(target)}}"
                switch Int.random(in: 0..<3, using: &random) {
                case 0: text += tag
                case 1: text += "{{#article.toc}}\(tag){{/article.toc}}"
                default: text += "\n  \(tag)\n"
                }
            }
            partials["partials/p\(index)"] = text
        }
        let site = try FixtureSite(["Content/articles/a.md": article(slug: "a", body: "## One\n\n### Two\n")],
                                   templates: Self.templates(article: "{{> partials/p0}}", partials: partials))
        defer { site.cleanUp() }
        let messages = site.messages(site.build())
        for message in messages { #expect(message.hasPrefix("Templates/partials/p"), "seed \(seed): \(message)") }
    }

    // MARK: - Linear heading ids

    /// The slugger before issue 34: counts up from 1 for every repeat. The new one must give the same ids.
    struct QuadraticSlugger {
        var used: Set<String>

        mutating func unique(for text: String) -> String {
            let slug = HeadingSlugger.slugify(text)
            let base = slug.isEmpty ? "section" : slug
            var candidate = base
            var counter = 1
            while used.contains(candidate) {
                candidate = "\(base)-\(counter)"
                counter += 1
            }
            used.insert(candidate)
            return candidate
        }
    }

    @Test(arguments: 0..<40)
    func headingIDsAreTheSameAsCountingUpFromOne(seed: UInt64) {
        var random = SplitMix64(seed: 0x51_0000 + seed)
        let words = ["same", "same-1", "same-2", "same-1-1", "Same", "same 1", "", "!!", "section", "section-1", "toc", "a", "a-10", "A-1"]
        let reserved: Set<String> = Bool.random(using: &random) ? ["toc", "same-2", "section"] : []
        var fast = HeadingSlugger(reserved: reserved)
        var reference = QuadraticSlugger(used: reserved)
        if Bool.random(using: &random) {
            let directiveIDs = ["same-3", "a", "matrix"]
            fast.reserve(directiveIDs)
            reference.used.formUnion(directiveIDs)
        }
        for _ in 0..<Int.random(in: 1...200, using: &random) {
            let text = words.randomElement(using: &random)!
            #expect(fast.unique(for: text) == reference.unique(for: text), "seed \(seed)")
        }
    }

    @Test func twentyThousandSameHeadingsGetUniqueIDsInOrder() throws {
        let body = String(repeating: "## same\n\n", count: 20_000) + "## same-1\n\n## same\n"
        let site = try FixtureSite(["Content/articles/a.md": article(slug: "a", body: body)])
        defer { site.cleanUp() }
        let report = site.build()
        #expect(site.messages(report) == [])
        let page = try #require(site.output("a/index.html"))
        let ids = Self.headingIDs(in: page)
        let expected = ["same"] + (1..<20_000).map { "same-\($0)" } + ["same-1-1", "same-20000"]
        #expect(ids == expected)
        #expect(Set(ids).count == ids.count)
    }

    // MARK: - Unique ids on an article page

    static let catalog: [String: String] = CatalogFixture.files(meshes: ["istio": FactsTests.citedMesh("istio"),
                                                                         "linkerd": FactsTests.citedMesh("linkerd", source: "https://example.org/l/")])

    static func comparison(id: String?) -> String {
        "```comparison\nmeshes: [istio, linkerd]\n" + (id.map { "id: \($0)\n" } ?? "") + "```\n"
    }

    @Test func headingsNamedLikeADirectivesIDsStepAroundThem() throws {
        // Issue 34's case: `## matrix` and `## matrix-source-1` beside a comparison whose id is `matrix`, before and after it.
        for order in [0, 1] {
            let headings = "## matrix\n\n## matrix-source-1\n\n## matrix-caption\n\n"
            let table = Self.comparison(id: "matrix") + "\n"
            var files = Self.catalog
            files["Content/articles/a.md"] = article(slug: "a", body: order == 0 ? headings + table : table + headings)
            let site = try FixtureSite(files)
            defer { site.cleanUp() }
            let report = site.build()
            #expect(site.messages(report) == [])
            let page = try #require(site.output("a/index.html"))
            let ids = Self.ids(in: page)
            #expect(ids.contains("matrix-source-1"))
            #expect(Self.headingIDs(in: page) == ["matrix-1", "matrix-source-1-1", "matrix-caption-1"])
            #expect(Set(ids).count == ids.count, "duplicates: \(Self.duplicates(ids))")
            #expect(Self.unresolvedFragments(in: page) == [])
        }
    }

    @Test func twoDirectivesWithOneIDAreAnErrorAtTheLaterOne() throws {
        var files = Self.catalog
        files["Content/articles/a.md"] = article(slug: "a", body: Self.comparison(id: "matrix") + "\nText.\n\n" + Self.comparison(id: "matrix"))
        let site = try FixtureSite(files)
        defer { site.cleanUp() }
        let messages = site.messages(site.build())
        // The body starts on line 12 of the file; the second fence is seven lines below the first.
        #expect(messages == ["Content/articles/a.md:19:1: error: the id 'matrix' of this comparison is already used on this page by the comparison at line 12; give the block another 'id:'"])
    }

    @Test func aMeshShownTwiceWithoutIDsGetsTwoIDs() throws {
        // Ids sitegen derives (from the mesh or the line) are numbered past those above them; only written ids clash.
        var files = Self.catalog
        files["Content/articles/a.md"] = article(slug: "a", body: "## summary-istio-1\n\n```mesh-summary istio\n```\n\nText.\n\n```mesh-summary istio\n```\n")
        let site = try FixtureSite(files)
        defer { site.cleanUp() }
        #expect(site.messages(site.build()) == [])
        let page = try #require(site.output("a/index.html"))
        let ids = Self.ids(in: page)
        #expect(ids.contains("summary-istio") && ids.contains("summary-istio-1"))
        #expect(Self.headingIDs(in: page) == ["summary-istio-1-1"])
        #expect(Set(ids).count == ids.count, "duplicates: \(Self.duplicates(ids))")
    }

    @Test func aDirectiveTakingAnIDOfTheArticleTemplateIsAnError() throws {
        var files = Self.catalog
        files["Content/articles/a.md"] = article(slug: "a", body: Self.comparison(id: "toc"))
        let site = try FixtureSite(files)
        defer { site.cleanUp() }
        #expect(site.messages(site.build()) == ["Content/articles/a.md:12:1: error: the id 'toc' of this comparison is already used by the page's template; give the block another 'id:'"])
    }

    @Test func aDirectiveMayUseAnIDOnlyAnotherPagesTemplateHas() throws {
        // The repository's guide names its comparison `feature-matrix`, an id of the /compare/ page's template.
        var files = Self.catalog
        files["Content/articles/a.md"] = article(slug: "a", body: "## toc\n\n" + Self.comparison(id: "only-on-compare"))
        var templates = FixtureSite.minimalTemplates
        templates["Templates/compare.mustache"] = templates["Templates/compare.mustache"]!.replacingOccurrences(of: "<h1>", with: "<h1 id=\"only-on-compare\">")
        let site = try FixtureSite(files, templates: templates)
        defer { site.cleanUp() }
        #expect(site.messages(site.build()) == [])
        let page = try #require(site.output("a/index.html"))
        #expect(Self.headingIDs(in: page) == ["toc-1"])
    }

    /// Random bodies of headings (texts equal to directive, template and derived ids) and directives in any order:
    /// a page that builds has no id twice and every `href="#…"` on it resolves; one that does not build failed
    /// only because two directives (or a directive and the template) were given one id.
    @Test(arguments: 0..<30)
    func randomHeadingsAndDirectivesNeverShareAnID(seed: UInt64) throws {
        var random = SplitMix64(seed: 0x1d5_0000 + seed)
        let texts = ["matrix", "matrix-source-1", "matrix-caption", "matrix-note-1", "matrix-ref-1", "section", "Section", "", "toc",
                     "main-content", "summary-istio", "decision-12", "comparison-14", "grid", "grid-istio", "same", "same-1", "diagram-istio"]
        let ids: [String?] = [nil, nil, "matrix", "grid", "section", "same"]
        var blocks: [String] = []
        for _ in 0..<Int.random(in: 1...14, using: &random) {
            switch Int.random(in: 0..<8, using: &random) {
            case 0: blocks.append(Self.comparison(id: ids.randomElement(using: &random)!))
            case 1: blocks.append("```resources\nmeshes: [istio]\n" + (ids.randomElement(using: &random)!.map { "id: \($0)\n" } ?? "") + "```\n")
            case 2: blocks.append("```decision\nmeshes: [istio, linkerd]\n" + (ids.randomElement(using: &random)!.map { "id: \($0)\n" } ?? "") + "```\n")
            case 3: blocks.append("```mesh-summary istio\n```\n")
            case 4: blocks.append("> [!NOTE]\n> A note.\n")
            default: blocks.append("\(["##", "###", "####"].randomElement(using: &random)!) \(texts.randomElement(using: &random)!)\n")
            }
        }
        var files = Self.catalog
        files["Content/articles/a.md"] = article(slug: "a", body: blocks.joined(separator: "\n"))
        let site = try FixtureSite(files)
        defer { site.cleanUp() }
        let messages = site.messages(site.build())
        if messages.isEmpty {
            let page = try #require(site.output("a/index.html"))
            let found = Self.ids(in: page)
            #expect(Set(found).count == found.count, "seed \(seed): duplicates \(Self.duplicates(found))")
            #expect(Self.unresolvedFragments(in: page) == [], "seed \(seed)")
        } else {
            for message in messages {
                #expect(message.hasPrefix("Content/articles/a.md:") && message.contains("is already used"), "seed \(seed): \(message)")
            }
        }
    }

    // MARK: - Reading pages back

    static func matches(of pattern: String, in page: String) -> [String] {
        let expression = try! NSRegularExpression(pattern: pattern)
        return expression.matches(in: page, range: NSRange(page.startIndex..., in: page)).compactMap {
            Range($0.range(at: 1), in: page).map { String(page[$0]) }
        }
    }

    static func ids(in page: String) -> [String] { matches(of: " id=\"([^\"]*)\"", in: page) }

    /// Ids of the body's headings: those with a `#` link to themselves.
    static func headingIDs(in page: String) -> [String] { matches(of: "<h[1-6] id=\"([^\"]*)\">[^<]*<a class=\"heading-anchor\"", in: page) }

    static func unresolvedFragments(in page: String) -> [String] {
        let defined = Set(ids(in: page))
        return matches(of: "href=\"#([^\"]*)\"", in: page).filter { !defined.contains($0) }
    }

    static func duplicates(_ ids: [String]) -> [String] {
        Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
    }
}
