/// ```` ```mesh-summary istio ````: one mesh at a glance, linking to its page.
struct MeshSummary: Directive {
    let name = "mesh-summary"

    func expand(_ invocation: DirectiveInvocation, context: DirectiveContext) -> DirectiveOutput {
        var diagnostics: [Diagnostic] = []
        guard let options = invocation.options(&diagnostics) else { return .failure(diagnostics) }
        options.rejectUnknownKeys(["id"], in: "mesh-summary options", &diagnostics)
        guard invocation.arguments.count == 1, let meshID = invocation.arguments.first else {
            return .failure(diagnostics + [.error("write the mesh after the name: ```mesh-summary <id>", at: invocation.location)])
        }
        guard let mesh = context.catalog.mesh(meshID) else {
            return .failure(diagnostics + [CatalogSelection.unknownMesh(meshID, in: context.catalog, at: invocation.location)])
        }
        let id = options.identifier("id", &diagnostics) ?? invocation.derivedID("summary-\(mesh.id)")
        guard !diagnostics.hasErrors else { return .failure(diagnostics) }
        var output = Self.render(mesh, id: id, context: context)
        output.diagnostics = diagnostics
        return output
    }

    static func render(_ mesh: Mesh, id: String, context: DirectiveContext) -> DirectiveOutput {
        var html = "<aside class=\"mesh-summary\" id=\"\(id)\" aria-label=\"\(HTML.escape(mesh.name)) at a glance\">\n"
        html += "<p class=\"mesh-summary-lede\">\(HTML.escape(mesh.summary))</p>\n<dl>\n"
        let facts = [
            ("Maintainer", mesh.vendor),
            ("Proxy", "\(mesh.proxyName) (\(mesh.proxyLanguage))"),
            ("Control plane", mesh.controlPlane),
            ("Team readiness", mesh.teamReadiness),
        ]
        for (term, detail) in facts { html += "<dt>\(term)</dt><dd>\(HTML.escape(detail))</dd>\n" }
        html += "</dl>\n"
        if !mesh.capabilities.isEmpty {
            html += "<p class=\"mesh-summary-label\">Key capabilities</p>\n<ul>\n"
            for capability in mesh.capabilities { html += "<li>\(HTML.escape(capability))</li>\n" }
            html += "</ul>\n"
        }
        html += "<p><a href=\"\(HTML.escape(context.href(mesh.sitePath)))\">Full profile of \(HTML.escape(mesh.name))</a></p>\n</aside>\n"
        return DirectiveOutput(html: html, anchors: [id], dependencies: [.mesh(mesh.id)])
    }
}
