import Foundation
import Testing
@testable import SitegenKit

/// What authors coming from Hugo or Zola expect: dates, edit links, calls to action, authors, redirects,
/// pagination, callouts and scaffolding — each built as a whole site and read back as files.
@Suite("Authoring features")
struct AuthoringTests {
    static var templates: [String: String] {
        var templates = FixtureSite.minimalTemplates
        templates["Templates/article.mustache"] = """
            {{<layout}}{{$main}}<h1>{{article.title}}</h1>{{#article.has_updated}}<p class="updated">Updated {{article.updated_long}}</p>{{/article.has_updated}}
            {{{article.body}}}{{#article.author_box}}<aside class="author-box"><a href="{{page_url}}">{{name}}</a>, {{role}}: {{bio}}</aside>{{/article.author_box}}
            {{#article.cta}}<aside class="cta"><h2>{{heading}}</h2><p>{{text}}</p><a href="{{url}}">{{button}}</a></aside>{{/article.cta}}
            {{#article.edit_url}}<a class="edit" href="{{article.edit_url}}">Edit this page</a>{{/article.edit_url}}{{/main}}{{/layout}}
            """
        templates["Templates/index.mustache"] = """
            {{<layout}}{{$main}}{{#articles}}<li>{{title}}</li>
            {{/articles}}{{#pagination.prev_url}}<a rel="prev" href="{{pagination.prev_url}}">prev</a>{{/pagination.prev_url}}{{#pagination.pages}}<a href="{{url}}"{{#is_current}} aria-current="page"{{/is_current}}>{{number}}</a>{{/pagination.pages}}{{#pagination.next_url}}<a rel="next" href="{{pagination.next_url}}">next</a>{{/pagination.next_url}}{{/main}}{{/layout}}
            """
        templates["Templates/author.mustache"] = "{{<layout}}{{$main}}{{#author}}<h1>{{name}}</h1><p>{{bio}}</p>{{/author}}{{#articles}}<li>{{title}}</li>{{/articles}}{{/main}}{{/layout}}"
        return templates
    }

    @Test func updatedDatesReachThePageTheFeedJSONLDAndEverySitemapEntry() throws {
        let site = try FixtureSite([
            "Content/articles/a.md": article(slug: "a", date: "2026-01-15", extra: "updated: 2026-03-02\n"),
            "Content/articles/b.md": article(slug: "b", date: "2026-02-01", extra: "tags: [ops]\n"),
        ], templates: Self.templates)
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let page = try #require(site.output("a/index.html"))
        #expect(page.contains("<p class=\"updated\">Updated March 2, 2026</p>"))
        #expect(page.contains("\"dateModified\":\"2026-03-02T00:00:00Z\"") && page.contains("\"datePublished\":\"2026-01-15T00:00:00Z\""))
        let feed = try #require(site.output("atom.xml"))
        #expect(feed.contains("<published>2026-01-15T00:00:00Z</published>\n    <updated>2026-03-02T00:00:00Z</updated>"))
        #expect(feed.contains("  <updated>2026-03-02T00:00:00Z</updated>\n"), "the feed is as new as its newest change")
        let sitemap = try #require(site.output("sitemap.xml"))
        let entries = sitemap.components(separatedBy: "<url>").dropFirst()
        #expect(!entries.isEmpty && entries.allSatisfy { $0.contains("<lastmod>") }, "every URL has a lastmod")
        #expect(sitemap.contains("<loc>https://example.com/a/</loc>\n    <lastmod>2026-03-02</lastmod>"))
        #expect(sitemap.contains("<loc>https://example.com/</loc>\n    <lastmod>2026-03-02</lastmod>"))

        try site.write("Content/articles/a.md", article(slug: "a", date: "2026-01-15", extra: "updated: 2026-01-01\n"))
        #expect(site.messages(site.build()) == ["Content/articles/a.md:10:10: error: updated 2026-01-01 is before the article's date 2026-01-15"])
    }

    @Test func editLinksCallsToActionAndAuthors() throws {
        let siteYAML = FixtureSite.siteYAML + """
            edit_url: https://github.com/acme/guide/edit/main/Content/articles
            cta:
              heading: "Plan your mesh"
              text: "Book a workshop."
              button: "Book now"
              url: /contact/

            """
        let authors = """
            authors:
              - name: "Ada Writer"
                role: "Platform architect"
                bio: "Runs <meshes> for a living."
                url: https://example.org/ada

            """
        let site = try FixtureSite([
            "Content/authors.yaml": authors,
            "Content/articles/a.md": article(slug: "a"),
            "Content/articles/b.md": article(slug: "b", extra: "cta: false\n"),
        ], templates: Self.templates, siteYAML: siteYAML)
        defer { site.cleanUp() }
        let report = site.build()
        #expect(report.succeeded, "\(site.messages(report))")
        let page = try #require(site.output("a/index.html"))
        #expect(page.contains("<a class=\"edit\" href=\"https://github.com/acme/guide/edit/main/Content/articles/a.md\">Edit this page</a>"))
        #expect(page.contains("<aside class=\"cta\"><h2>Plan your mesh</h2><p>Book a workshop.</p><a href=\"/contact/\">Book now</a></aside>"))
        #expect(page.contains("<aside class=\"author-box\"><a href=\"/authors/ada-writer/\">Ada Writer</a>, Platform architect: Runs &lt;meshes&gt; for a living.</aside>"))
        #expect(try #require(site.output("b/index.html")).contains("class=\"cta\"") == false)
        let authorPage = try #require(site.output("authors/ada-writer/index.html"))
        #expect(authorPage.contains("<h1>Ada Writer</h1>") && authorPage.contains("<li>Article a</li><li>Article b</li>"))
        #expect(try #require(site.output("sitemap.xml")).contains("https://example.com/authors/ada-writer/"))

        try site.write("Content/articles/b.md", article(slug: "b").replacingOccurrences(of: "Ada Writer", with: "Ada Writr"))
        #expect(site.messages(site.build()) == [
            "Content/articles/b.md:8:9: error: author 'Ada Writr' is not in authors.yaml; did you mean 'Ada Writer'?; add them there or correct the name",
        ])
    }

    @Test func aliasesPublishRedirectsAndCollisionsNameBothFiles() throws {
        let site = try FixtureSite([
            "Content/articles/a.md": article(slug: "a", extra: "aliases: [/old-a/, legacy/a.html]\n"),
            "Content/articles/b.md": article(slug: "b"),
        ], templates: Self.templates)
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let redirect = try #require(site.output("old-a/index.html"))
        #expect(redirect.contains("<meta http-equiv=\"refresh\" content=\"0; url=/a/\">"))
        #expect(redirect.contains("<link rel=\"canonical\" href=\"https://example.com/a/\">"))
        #expect(redirect.contains("<a href=\"/a/\">Article a</a>"))
        #expect(site.output("legacy/a.html") != nil)
        #expect(site.output("_redirects") == "/old-a/ /a/ 301\n/legacy/a.html /a/ 301\n")
        #expect(try #require(site.output("sitemap.xml")).contains("old-a") == false, "redirects are not pages to index")

        try site.write("Content/articles/b.md", article(slug: "b", extra: "aliases: [/old-a/, /a/, /tags/x/, \"https://elsewhere.example/\"]\n"))
        #expect(site.messages(site.build()) == [
            "Content/articles/b.md:10:35: error: alias 'https://elsewhere.example/' is a full URL; write the old path on this site, such as /old-guide/",
        ])
        try site.write("Content/articles/b.md", article(slug: "b", extra: "aliases: [/old-a/, /a/, /tags/x/]\n"))
        #expect(site.messages(site.build()) == [
            "Content/articles/b.md:10:11: error: alias '/old-a/' is also an alias of Content/articles/a.md; each old URL can redirect to one page",
            "Content/articles/b.md:10:20: error: alias '/a/' is the page of Content/articles/a.md (url_slug 'a'); an alias must be a URL no page has",
            "Content/articles/b.md:10:25: error: alias '/tags/x/' lies in /tags/, which the site generates; it cannot redirect from there",
        ])
    }

    @Test func aRenamedArticleWarnsAndNamesTheAliasToAdd() throws {
        let site = try FixtureSite(["Content/articles/a.md": article(slug: "first-name", title: "Mesh basics")], templates: Self.templates)
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        try site.write("Content/articles/a.md", article(slug: "second-name", title: "Mesh basics"))
        #expect(site.messages(site.build()) == [
            "Content/articles/a.md:4:11: warning: this article was published at /first-name/ and is now at /second-name/; add aliases: [/first-name/] to its front matter so links to the old URL keep working",
        ])
        try site.write("Content/articles/a.md", article(slug: "third-name", title: "Mesh basics", extra: "aliases: [/second-name/]\n"))
        #expect(site.messages(site.build()).isEmpty, "an alias keeps the old URL, so nothing is lost")
    }

    @Test func listingsArePaginated() throws {
        var files: [String: String] = [:]
        for day in 1...5 { files["Content/articles/a\(day).md"] = article(slug: "a\(day)", date: "2026-01-0\(day)", extra: "tags: [ops]\n") }
        let site = try FixtureSite(files, templates: Self.templates,
                                   siteYAML: FixtureSite.siteYAML + "options:\n  page_size: 2\n")
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let first = try #require(site.output("index.html"))
        #expect(first.contains("<li>Article a5</li>\n<li>Article a4</li>\n") && !first.contains("a3"))
        #expect(first.contains("<a href=\"/\" aria-current=\"page\">1</a><a href=\"/page/2/\">2</a><a href=\"/page/3/\">3</a><a rel=\"next\" href=\"/page/2/\">next</a>"))
        let second = try #require(site.output("page/2/index.html"))
        #expect(second.contains("<li>Article a3</li>\n<li>Article a2</li>\n"))
        #expect(second.contains("<a rel=\"prev\" href=\"/\">prev</a>") && second.contains("<a rel=\"next\" href=\"/page/3/\">next</a>"))
        #expect(second.contains("<link rel=\"canonical\" href=\"https://example.com/page/2/\">"))
        #expect(try #require(site.output("page/3/index.html")).contains("<li>Article a1</li>"))
        #expect(site.output("page/4/index.html") == nil)
        #expect(try #require(site.output("tags/ops/page/3/index.html")).contains("Article a1"))
        let sitemap = try #require(site.output("sitemap.xml"))
        #expect(sitemap.contains("<loc>https://example.com/page/3/</loc>") && sitemap.contains("<loc>https://example.com/tags/ops/page/2/</loc>"))
    }

    @Test func calloutsBecomeLabelledNotesAndAMisspeltKindIsAnError() throws {
        let body = """
            > [!WARNING]
            > Back up etcd **first**.
            >
            > Then upgrade.

            > A plain quote stays a quote.

            """
        let site = try FixtureSite(["Content/articles/a.md": article(slug: "a", body: body)], templates: Self.templates)
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let page = try #require(site.output("a/index.html"))
        #expect(page.contains("<div class=\"callout callout-warning\" role=\"note\" aria-label=\"Warning\">\n<p class=\"callout-title\">Warning</p>\n<p>Back up etcd <strong>first</strong>.</p>\n<p>Then upgrade.</p>\n</div>"))
        #expect(page.contains("<blockquote>\n<p>A plain quote stays a quote.</p>\n</blockquote>"))

        try site.write("Content/articles/a.md", article(slug: "a", body: "Intro.\n\n> [!WARN]\n> Careful.\n"))
        #expect(site.messages(site.build()) == [
            "Content/articles/a.md:14:3: error: '[!WARN]' is not a callout; did you mean 'WARNING'?; use one of [!NOTE], [!TIP], [!IMPORTANT], [!WARNING], [!CAUTION]",
        ])
    }

    // Collections and entries are scaffolded in ScaffoldCollectionTests.
    @Test func scaffoldingWritesFilesTheBuildUnderstands() throws {
        let site = try FixtureSite([:])
        defer { site.cleanUp() }
        let fileSystem = LocalFileSystem()
        let date = try ArticleDate.parse("2026-12-06").get()
        let new = try Scaffold.article(title: "Kubernetes Ingress \"Controllers\"", date: date, contentDirectory: site.path("Content"),
                                       fileSystem: fileSystem).get()
        #expect(new.path == site.path("Content/articles/kubernetes-ingress-controllers.md"))
        try new.text.write(toFile: new.path, atomically: true, encoding: .utf8)
        #expect(site.build(drafts: true).succeeded, "a new article is a valid draft")
        #expect(try #require(site.output("kubernetes-ingress-controllers/index.html")).contains("Kubernetes Ingress &quot;Controllers&quot;"))
        guard case .failure(let again) = Scaffold.article(title: "Kubernetes Ingress Controllers", date: date,
                                                            contentDirectory: site.path("Content"), fileSystem: fileSystem) else {
            Issue.record("an existing file must not be overwritten")
            return
        }
        #expect(again.message.hasSuffix("already exists; sitegen new never overwrites a file"))
    }
}

@Suite("Pagination")
struct PaginationTests {
    @Test func aPageLinksToTheEndsAndItsNeighboursNotToEveryPage() {
        #expect(Pagination.window(page: 1, of: 3) == [1, 2, 3])
        #expect(Pagination.window(page: 1, of: 2000) == [1, 2, 3, nil, 2000])
        #expect(Pagination.window(page: 1000, of: 2000) == [1, nil, 998, 999, 1000, 1001, 1002, nil, 2000])
        #expect(Pagination.window(page: 4, of: 7) == [1, 2, 3, 4, 5, 6, 7])
        #expect(Pagination.window(page: 2000, of: 2000) == [1, nil, 1998, 1999, 2000])
    }
}

@Suite("Authoring settings that are wrong")
struct AuthoringSettingsTests {
    @Test func badAuthoringSettingsAreErrorsAtTheirLinesAndTheSiteStays() throws {
        let site = try FixtureSite(["Content/articles/a.md": article(slug: "a")], templates: AuthoringTests.templates)
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let before = site.snapshot()
        try site.write("Content/site.yaml", FixtureSite.siteYAML + """
            edit_url: github.com/acme/guide/edit
            cta:
              heading: "Talk to us"
              text: "We can help."
              url: /contact/
            options:
              page_size: 0

            """)
        let report = site.build()
        #expect(!report.succeeded)
        #expect(site.messages(report) == [
            "Content/site.yaml:4:11: error: edit_url 'github.com/acme/guide/edit' must be an http:// or https:// address that the article's file name completes, such as https://github.com/org/guide/edit/main/Content/articles/",
            "Content/site.yaml:6:3: error: missing required key 'button'",
            "Content/site.yaml:10:14: error: 'page_size' must be a whole number from 1 to 10000",
        ])
        #expect(site.snapshot() == before, "a failed build leaves the published site alone")
    }
}
