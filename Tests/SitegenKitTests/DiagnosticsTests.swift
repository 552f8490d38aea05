import Foundation
import Testing
@testable import SitegenKit

/// Every bad input gives `path:line:column: error:` and leaves the previous site byte for byte.
@Suite("Bad input is reported and the previous site survives")
struct DiagnosticsTests {
    /// Builds a good site, breaks it with `files`, rebuilds, and returns the messages after checking Site/ is unchanged.
    func failingBuild(_ files: [String: String], templates: [String: String] = FixtureSite.minimalTemplates) throws -> [String] {
        let site = try FixtureSite(["Content/articles/good.md": article(slug: "good")], templates: templates)
        defer { site.cleanUp() }
        let first = site.build()
        #expect(first.succeeded, "the fixture must build before it is broken: \(site.messages(first))")
        let before = site.snapshot()
        for (path, text) in files { try site.write(path, text) }
        let report = site.build()
        #expect(!report.succeeded)
        #expect(site.snapshot() == before, "a failed build must leave Site/ exactly as it was")
        return site.messages(report).filter { $0.contains(": error: ") }
    }

    @Test func yamlSyntaxErrorPointsAtTheYAMLLine() throws {
        let text = "---\ntitle: \"x\"\nmeta_description: [unclosed\nurl_slug: x\n---\nBody\n"
        let messages = try failingBuild(["Content/articles/bad.md": text])
        #expect(messages.count == 1)
        #expect(messages.first?.hasPrefix("Content/articles/bad.md:4:") == true, "\(messages)")
    }

    @Test func missingRequiredKeysAreAllReported() throws {
        let text = "---\ntitle: \"Only a title\"\n---\nBody\n"
        let messages = try failingBuild(["Content/articles/bad.md": text])
        for key in ["meta_description", "url_slug", "primary_keyword", "secondary_keywords", "author", "date"] {
            #expect(messages.contains("Content/articles/bad.md:2:1: error: missing required key '\(key)'"), "\(messages)")
        }
    }

    @Test func invalidDateIsReportedAtItsValue() throws {
        let messages = try failingBuild(["Content/articles/bad.md": article(slug: "bad", date: "2026-02-30")])
        #expect(messages.count == 1)
        #expect(messages.first?.hasPrefix("Content/articles/bad.md:9:7: error: invalid date '2026-02-30'") == true, "\(messages)")
    }

    /// The offset `++1:00` once slipped through into the Atom feed and JSON-LD; quoted or not, it is an error at the value.
    @Test(arguments: ["\"2026-04-02T09:30:00++1:00\"", "2026-04-02T09:30:00++1:00"])
    func aDateTimeOutsideRFC3339IsReportedAtItsValue(value: String) throws {
        let text = article(slug: "bad").replacingOccurrences(of: "date: \"2026-01-15\"", with: "date: \(value)")
        let messages = try failingBuild(["Content/articles/bad.md": text])
        #expect(messages == [
            "Content/articles/bad.md:9:7: error: invalid date '2026-04-02T09:30:00++1:00': a time ends with its offset from UTC, 'Z' or +hh:mm / -hh:mm; "
                + "write a real calendar date as YYYY-MM-DD, or an RFC 3339 date and time such as 2026-04-02T09:30:00Z or 2026-04-02T09:30:00+02:00",
        ])
    }

    @Test func twoArticlesClaimingOneURLDifferingOnlyInCase() throws {
        let messages = try failingBuild(["Content/articles/zz-copy.md": article(slug: "GOOD")])
        #expect(messages.count == 1)
        #expect(messages.first?.hasPrefix("Content/articles/zz-copy.md:4:11: error: url_slug 'GOOD' gives the URL /GOOD/") == true, "\(messages)")
    }

    @Test(arguments: ["a/b", "..", "has space", "what?", "100%"])
    func slugMustBeOnePlainSegment(slug: String) throws {
        let messages = try failingBuild(["Content/articles/bad.md": article(slug: "placeholder").replacingOccurrences(of: "url_slug: placeholder", with: "url_slug: \"\(slug)\"")])
        #expect(messages.count == 1)
        #expect(messages.first?.hasPrefix("Content/articles/bad.md:4:11: error: url_slug") == true, "\(messages)")
    }

    /// Slugs are checked for ASCII without Unicode's tables: every ASCII character must still be judged as the
    /// tables judge it (letters, digits and `-_.~` allowed), and characters beyond ASCII by the tables themselves.
    @Test func slugCharactersAreJudgedAsUnicodePropertiesJudgeThem() {
        func byProperties(_ scalar: Unicode.Scalar) -> Bool {
            (scalar.properties.isAlphabetic || scalar.properties.numericType != nil || "-_.~".unicodeScalars.contains(scalar))
                && !scalar.properties.isWhitespace
        }
        let beyondASCII: [Unicode.Scalar] = ["é", "ß", "日", "٣", "\u{00A0}", "\u{2003}", "—", "€"]
        for scalar in (0x21...0x7E).compactMap(Unicode.Scalar.init) + beyondASCII {
            let slug = "a" + String(Character(scalar)) + "b"
            #expect((SlugRules.problem(with: slug) == nil) == byProperties(scalar), "\(slug)")
        }
    }

    @Test func duplicateYAMLKey() throws {
        let text = article(slug: "bad", extra: "title: \"again\"\n")
        let messages = try failingBuild(["Content/articles/bad.md": text])
        #expect(messages.count == 1)
        #expect(messages.first?.contains("error: duplicate key 'title'") == true, "\(messages)")
        #expect(messages.first?.hasPrefix("Content/articles/bad.md:") == true)
    }

    @Test func unknownKeySuggestsTheKnownOne() throws {
        let messages = try failingBuild(["Content/articles/bad.md": article(slug: "bad", extra: "tgas: [x]\n")])
        #expect(messages == ["Content/articles/bad.md:10:1: error: unknown key 'tgas' in front matter; did you mean 'tags'? known keys are: title, meta_description, url_slug, primary_keyword, secondary_keywords, author, date, tags, related, draft, summary, updated, aliases, cta"])
    }

    @Test func unquotedBooleanWhereTextIsMeant() throws {
        let text = article(slug: "bad").replacingOccurrences(of: "author: \"Ada Writer\"", with: "author: no")
        let messages = try failingBuild(["Content/articles/bad.md": text])
        #expect(messages.count == 1)
        #expect(messages.first?.hasPrefix("Content/articles/bad.md:8:9: error: 'author': YAML reads the unquoted value no as a boolean") == true, "\(messages)")
    }

    @Test func neverClosedFrontMatter() throws {
        let messages = try failingBuild(["Content/articles/bad.md": "---\ntitle: x\n\nBody\n"])
        #expect(messages.first?.hasPrefix("Content/articles/bad.md:1:1: error: front matter opened") == true, "\(messages)")
    }

    @Test func problemsInSeveralFilesComeInOneRun() throws {
        let messages = try failingBuild([
            "Content/articles/one.md": article(slug: "one", date: "yesterday"),
            "Content/articles/two.md": article(slug: "two/three"),
            "Content/site.yaml": FixtureSite.siteYAML + "colour: blue\n",
        ])
        #expect(messages.count == 3, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("Content/articles/one.md:9:") })
        #expect(messages.contains { $0.hasPrefix("Content/articles/two.md:4:") })
        #expect(messages.contains { $0.hasPrefix("Content/site.yaml:4:1: error: unknown key 'colour'") })
    }

    @Test func unknownRelatedSlugIsReportedAtItsLine() throws {
        let text = article(slug: "bad", extra: "related:\n  - good\n  - goood\n")
        let messages = try failingBuild(["Content/articles/bad.md": text])
        #expect(messages == ["Content/articles/bad.md:12:5: error: related article 'goood' does not exist; did you mean 'good'?"])
    }

    @Test func siteYAMLBaseURLMustBeAbsolute() throws {
        let messages = try failingBuild(["Content/site.yaml": "title: T\nbase_url: example.com\n"])
        #expect(messages.first?.hasPrefix("Content/site.yaml:2:11: error: base_url 'example.com' must be an absolute") == true, "\(messages)")
    }

    @Test func templateSyntaxErrorHasTheTemplateLine() throws {
        var templates = FixtureSite.minimalTemplates
        templates["Templates/index.mustache"] = "{{<layout}}{{$main}}\n<ul>\n{{#articles}}<li>{{title}}</li>\n{{/main}}{{/layout}}\n"
        let site = try FixtureSite(["Content/articles/good.md": article(slug: "good")], templates: templates)
        defer { site.cleanUp() }
        let messages = site.messages(site.build())
        #expect(messages.count == 1)
        #expect(messages.first?.hasPrefix("Templates/index.mustache:4:") == true, "\(messages)")
        #expect(messages.first?.contains("error: template syntax error") == true)
    }

    /// Every template is compiled with a content-type pragma before its first line; columns there must not show it.
    @Test func aSyntaxErrorOnTheFirstLineHasTheSameColumnAsOnAnyOther() throws {
        func message(_ index: String) throws -> String? {
            var templates = FixtureSite.minimalTemplates
            templates["Templates/index.mustache"] = index
            let site = try FixtureSite(["Content/articles/good.md": article(slug: "good")], templates: templates)
            defer { site.cleanUp() }
            return site.messages(site.build()).first
        }
        let broken = "<p>{{#items}}x{{/other}}</p>\n"
        let first = try #require(try message(broken)), second = try #require(try message("\n" + broken))
        #expect(first.hasPrefix("Templates/index.mustache:1:"), "\(first)")
        #expect(second.hasPrefix("Templates/index.mustache:2:"), "\(second)")
        #expect(first.dropFirst("Templates/index.mustache:1".count) == second.dropFirst("Templates/index.mustache:2".count))
    }

    @Test func missingPartialIsAnErrorNotAnEmptyString() throws {
        let messages = try failingBuild(["Templates/404.mustache": "{{<layout}}{{$main}}\n  {{> partials/footr}}\n{{/main}}{{/layout}}"])
        #expect(messages.count == 1)
        #expect(messages.first?.hasPrefix("Templates/404.mustache:2:3: error: partial 'partials/footr' does not exist") == true, "\(messages)")
    }

    @Test func brokenInternalLinkAndAnchor() throws {
        let body = "See [the good one](/good/#missing) and [nowhere](/goood/).\n"
        let messages = try failingBuild(["Content/articles/bad.md": article(slug: "bad", body: body)])
        #expect(messages == [
            "Content/articles/bad.md:12:5: error: broken link '/good/#missing': /good/ has no heading or anchor '#missing'",
            "Content/articles/bad.md:12:40: error: broken link '/goood/': no page at /goood/; did you mean /good/?",
        ])
    }

    @Test func unreadableFileIsADiagnosticNamingIt() throws {
        let site = try FixtureSite(["Content/articles/good.md": article(slug: "good")])
        defer { site.cleanUp() }
        try site.write("Content/articles/locked.md", article(slug: "locked"))
        chmod(site.path("Content/articles/locked.md"), 0)
        defer { chmod(site.path("Content/articles/locked.md"), 0o644) }
        // root reads anything; the check only means something for other users.
        guard getuid() != 0 else { return }
        let messages = site.messages(site.build())
        #expect(messages.first?.hasPrefix("Content/articles/locked.md:1:1: error: cannot read file") == true, "\(messages)")
    }
}
