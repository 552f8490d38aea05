import Foundation
import Testing
@testable import SitegenKit

/// Parses a diagram description written as YAML, as the catalog and the directive do.
func diagram(_ yaml: String, path: String = "d.yaml") -> (DiagramDescription?, [String]) {
    var diagnostics: [Diagnostic] = []
    let (root, problems) = YAMLDocument.parse(yaml, path: path)
    diagnostics += problems
    guard problems.isEmpty, let map = YAMLMap.root(root, path: path, lineOffset: 0, what: "a diagram", &diagnostics) else {
        return (nil, diagnostics.map(\.description))
    }
    let description = DiagramDecoder.decode(map, &diagnostics)
    return (description, diagnostics.map(\.description))
}

func drawing(_ yaml: String, style: DiagramStyle = .unicode) throws -> String {
    let (description, messages) = diagram(yaml)
    let parsed = try #require(description, "\(messages)")
    let (rendered, problems) = DiagramRenderer.render(parsed, style: style)
    return try #require(rendered, "\(problems)").text
}

@Suite("Architecture diagrams")
struct DiagramTests {
    /// A repository mesh's architecture, as its page draws it.
    static func architecture(_ mesh: String) -> DiagramDescription? {
        guard case .diagram(let description)? = repositoryCatalog.collection("meshes")?.entry(mesh)?.fields["architecture"] else { return nil }
        return description
    }

    static var repositoryCatalog: Catalog {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let (tree, _) = SourceLoader(fileSystem: LocalFileSystem()).load(
            content: repository.appendingPathComponent("Content").path, templates: repository.appendingPathComponent("Templates").path)
        return CatalogDecoder.decode(tree.catalog).0
    }

    @Test(arguments: ["istio", "linkerd", "anthos"])
    func meshDiagramsMatchTheirGoldenFiles(mesh: String) throws {
        let description = try #require(Self.architecture(mesh))
        let text = try #require(DiagramRenderer.render(description, style: .unicode).0?.text)
        try Golden.check(text, against: "diagram-\(mesh).txt")
        let ascii = try #require(DiagramRenderer.render(description, style: .ascii).0?.text)
        try Golden.check(ascii, against: "diagram-\(mesh)-ascii.txt")
        #expect(ascii.unicodeScalars.allSatisfy { $0.isASCII })
    }

    @Test func wideCharactersTakeTwoColumnsAndBoxesStillLineUp() throws {
        let text = try drawing("""
            row:
              - box: a
                title: 服务网格
                lines: ["控制平面 🚀"]
              - box: b
                title: Proxy
            edges:
              - {from: a, to: b, arrow: true, label: "流量"}
            """)
        try Golden.check(text, against: "diagram-wide-characters.txt")
        let widths = Set(text.split(separator: "\n").map { TerminalWidth.of(String($0)) })
        #expect(widths.count == 1, "every line has the same width in terminal columns")
    }

    @Test func longLabelsWidenTheirGap() throws {
        let text = try drawing("""
            column:
              - row:
                  - box: client
                    title: Client
                  - box: server
                    title: A server whose title is rather long
              - box: store
                title: Store
            edges:
              - {from: client, to: server, arrow: true, label: "HTTPS with mutual TLS and retries"}
              - {from: server, to: store, arrow: true, label: "SQL over a pooled connection"}
            """)
        try Golden.check(text, against: "diagram-long-labels.txt")
    }

    @Test func deepNesting() throws {
        let text = try drawing("""
            box: l1
            title: Level 1
            column:
              - box: l2
                title: Level 2
                column:
                  - box: l3
                    title: Level 3
                    row:
                      - box: l4
                        title: Level 4
                        column:
                          - box: l5
                            title: Level 5
                      - box: side
                        title: Beside
                        lines: ["tall enough", "to face", "level 5"]
            edges:
              - {from: l5, to: side, arrow: true}
            """)
        try Golden.check(text, against: "diagram-deep-nesting.txt")
    }

    @Test func manyChildrenInARow() throws {
        var yaml = "column:\n  - box: hub\n    title: Hub\n  - row:\n"
        for index in 1...8 { yaml += "      - box: n\(index)\n        title: Node \(index)\n" }
        yaml += "edges:\n"
        for index in 1...8 { yaml += "  - {from: hub, to: n\(index), arrow: true}\n" }
        let text = try drawing(yaml)
        try Golden.check(text, against: "diagram-many-children.txt")
    }

    @Test func edgeToAnUnknownBoxIsAnErrorAtItsLine() {
        let (_, messages) = diagram("row:\n  - box: a\n    title: A\nedges:\n  - from: a\n    to: b\n")
        #expect(messages == ["d.yaml:6:9: error: edge to unknown box 'b'; boxes are: a"])
    }

    @Test func aBoxInsideItself() {
        let (_, messages) = diagram("box: a\ntitle: A\nrow:\n  - box: a\n    title: Again\n")
        #expect(messages == ["d.yaml:4:5: error: box 'a' is inside itself"])
    }

    @Test func anEmptyDescription() {
        let (_, messages) = diagram("caption: Nothing here\n")
        #expect(messages == ["d.yaml:1:1: error: the diagram is empty: it needs at least one box (a mapping with 'box: <id>')"])
    }

    @Test func anEdgeThatCannotBeDrawnIsReportedNotDrawnWrongly() throws {
        let (description, _) = diagram("""
            row:
              - box: a
                title: A
              - box: b
                title: B
              - box: c
                title: C
            edges:
              - {from: a, to: c}
            """)
        let (rendered, problems) = DiagramRenderer.render(try #require(description), style: .unicode)
        #expect(rendered == nil)
        #expect(problems.map(\.description) == ["d.yaml:9:5: error: the edge from 'a' to 'c' would cross box 'b'"])
    }

    @Test func htmlHasAFigureACaptionAndATextAlternative() throws {
        let description = try #require(Self.architecture("istio"))
        let rendered = try #require(DiagramRenderer.render(description, style: .unicode).0)
        let html = DiagramRenderer.html(rendered, description: description, id: "arch", caption: nil)
        #expect(html.hasPrefix("<figure class=\"diagram\" id=\"arch\">\n<pre class=\"diagram-art\" role=\"img\" tabindex=\"0\" aria-label=\"Diagram. Components: POD, containing Service A; Proxy ((Envoy)); Application (Business Logic). Control Plane ((istiod), Config, Certs, Discovery). Connections: Service A and Proxy ((Envoy)); Proxy ((Envoy)) to Control Plane ((istiod), Config, Certs, Discovery).\">"))
        #expect(html.contains("<figcaption>Istio: an Envoy sidecar in every pod, configured by istiod</figcaption>"))
    }

    @Test func theDirectiveDrawsInlineDescriptionsAndMeshes() throws {
        let body = "```diagram\nid: flow\nstyle: ascii\nrow:\n  - box: a\n    title: A\n  - box: b\n    title: B\nedges:\n  - {from: a, to: b, arrow: true}\n```\n\n```diagram mesh1\n```\n"
        var files = CatalogFixture.files(meshes: ["mesh1": CatalogFixture.mesh("mesh1", extra: "architecture:\n  caption: \"One box\"\n  box: only\n  title: Only")])
        files["Content/articles/a.md"] = article(slug: "a", body: body)
        let site = try FixtureSite(files)
        defer { site.cleanUp() }
        let report = site.build()
        #expect(report.succeeded, "\(site.messages(report))")
        let html = try #require(site.output("a/index.html"))
        #expect(html.contains("+---+  +---+\n| A +-&gt;+ B |\n+---+  +---+\n</pre>"))
        #expect(html.contains("<figure class=\"diagram\" id=\"diagram-mesh1\">"))
        #expect(html.contains("<figcaption>One box</figcaption>"))
    }

    @Test func directiveErrorsPointIntoTheArticle() throws {
        let body = "Intro\n\n```diagram\nrow:\n  - box: a\n    title: A\nedges:\n  - {from: a, to: z}\n```\n"
        let site = try FixtureSite(["Content/articles/a.md": article(slug: "a", body: body)])
        defer { site.cleanUp() }
        #expect(site.messages(site.build()) == ["Content/articles/a.md:19:19: error: edge to unknown box 'z'; boxes are: a"])
    }
}
