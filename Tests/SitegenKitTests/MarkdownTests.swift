import Testing
@testable import SitegenKit

/// A directive for tests: echoes its arguments and options, and defines one anchor.
struct EchoDirective: Directive {
    let name = "echo"

    func expand(_ invocation: DirectiveInvocation, context: DirectiveContext) -> DirectiveOutput {
        var diagnostics: [Diagnostic] = []
        guard let options = invocation.options(&diagnostics) else { return .failure(diagnostics) }
        let colour = options.string("colour", &diagnostics) ?? "none"
        options.rejectUnknownKeys(["colour"], in: "echo options", &diagnostics)
        let html = "<div class=\"echo\" id=\"echo-anchor\">\(HTML.escape(invocation.arguments.joined(separator: ",")))|\(HTML.escape(colour))</div>"
        return DirectiveOutput(html: html, anchors: ["echo-anchor"], diagnostics: diagnostics)
    }
}

@Suite("Markdown through libcmark")
struct MarkdownTests {
    func render(_ markdown: String, rawHTML: Bool = false, basePath: String = "/", firstLine: Int = 1) -> (RenderedMarkdown, [String]) {
        let site = SiteConfig.defaults(path: "site.yaml", baseURL: BaseURL("https://example.com" + basePath)!)
        let renderer = MarkdownRenderer(
            allowRawHTML: rawHTML, basePath: basePath, directives: DirectiveRegistry([EchoDirective()]),
            context: DirectiveContext(site: site), reservedIDs: ["toc"])
        let (rendered, diagnostics) = renderer.render(markdown, path: "a.md", firstLine: firstLine)
        return (rendered, diagnostics.map(\.description))
    }

    @Test func smartPunctuation() {
        let (rendered, _) = render("\"Quoted\" -- it's --- done...\n")
        #expect(rendered.html == "<p>“Quoted” – it’s — done…</p>\n")
    }

    @Test func rawHTMLIsDroppedUnlessAllowed() {
        let markdown = "<script>alert(1)</script>\n\nText with <b>bold</b>.\n"
        let (safe, _) = render(markdown)
        #expect(!safe.html.contains("<script>"))
        #expect(!safe.html.contains("<b>"))
        #expect(safe.html.contains("raw HTML omitted"))
        let (unsafe, _) = render(markdown, rawHTML: true)
        #expect(unsafe.html.contains("<script>alert(1)</script>"))
        #expect(unsafe.html.contains("<b>bold</b>"))
    }

    @Test func injectedHTMLRendersEvenWhenRawHTMLIsOff() {
        let (rendered, diagnostics) = render("## Title\n\n```echo a b\ncolour: red\n```\n")
        #expect(diagnostics.isEmpty)
        #expect(rendered.html.contains("<h2 id=\"title\">Title<a class=\"heading-anchor\" href=\"#title\""))
        #expect(rendered.html.contains("<div class=\"echo\" id=\"echo-anchor\">a,b|red</div>"))
        #expect(rendered.anchors == ["title", "echo-anchor"])
    }

    @Test func headingIdsAreStableUniqueAndAvoidTemplateIds() {
        let (rendered, _) = render("## Setup\n\n## Setup\n\n### Café *au lait* `x`!\n\n## Toc\n\n## 日本語の見出し\n\n## ???\n")
        #expect(rendered.headings.map(\.id) == ["setup", "setup-1", "café-au-lait-x", "toc-1", "日本語の見出し", "section"])
        #expect(rendered.headings[2].text == "Café au lait x!")
    }

    @Test func tableOfContentsNestsH3UnderH2() {
        let (rendered, _) = render("# Top\n\n## One\n\n### One A\n\n#### Deep\n\n## Two\n")
        let toc = rendered.tableOfContents
        #expect(toc.map(\.text) == ["One", "Two"])
        #expect(toc[0].children.map(\.text) == ["One A"])
    }

    @Test func laterThematicBreakAndSetextHeadingStayMarkdown() {
        let (rendered, _) = render("Intro\n\n---\n\nHeading\n---\n")
        #expect(rendered.html.contains("<hr />"))
        #expect(rendered.html.contains("<h2 id=\"heading\">Heading"))
    }

    @Test func ordinaryCodeBlocksKeepTheirLanguageClass() {
        let (rendered, diagnostics) = render("```toml\nkey = <value>\n```\n")
        #expect(diagnostics.isEmpty)
        #expect(rendered.html == "<pre><code class=\"language-toml\">key = &lt;value&gt;\n</code></pre>\n")
        // A language the highlighter knows keeps the class too (HighlightTests has the details).
        let (highlighted, _) = render("```yaml\nkey: <value>\n```\n")
        #expect(highlighted.html.hasPrefix("<pre><code class=\"language-yaml\"><span class=\"tok-key\">key</span>"))
    }

    @Test func unknownDirectiveIsAnErrorAtItsLine() {
        let (_, explicit) = render("Text\n\n```{nope}\n```\n", firstLine: 10)
        #expect(explicit == ["a.md:12:1: error: unknown directive 'nope'; known directives are: echo"])
        let (_, typo) = render("```echoo\n```\n")
        #expect(typo == ["a.md:1:1: error: unknown directive 'echoo'; did you mean 'echo'?; known directives are: echo"])
    }

    @Test func directiveOptionErrorsPointIntoTheBlock() {
        let (_, diagnostics) = render("Intro\n\n```echo\ncolor: red\n```\n", firstLine: 5)
        #expect(diagnostics == ["a.md:8:1: error: unknown key 'color' in echo options; did you mean 'colour'? known keys are: colour"])
    }

    @Test func rootRelativeLinksGetTheBasePathAndAreRecorded() {
        let (rendered, _) = render("[a](/x/#part) [b](https://example.org/) ![c](/assets/c.png)\n", basePath: "/guide/", firstLine: 3)
        #expect(rendered.html.contains("href=\"/guide/x/#part\""))
        #expect(rendered.html.contains("src=\"/guide/assets/c.png\""))
        #expect(rendered.html.contains("href=\"https://example.org/\""))
        #expect(rendered.links.map(\.destination) == ["/x/#part", "https://example.org/", "/assets/c.png"])
        #expect(rendered.links[0].location == SourceLocation(path: "a.md", line: 3, column: 1))
    }

    @Test func unsafeURLsAreNeutralised() {
        let (rendered, _) = render("[x](javascript:alert(1))\n")
        #expect(!rendered.html.contains("javascript:"))
    }
}
