/// ```` ```decision ````: each mesh's "choose it if…" criteria side by side.
struct DecisionGrid: Directive {
    let name = "decision"

    func expand(_ invocation: DirectiveInvocation, context: DirectiveContext) -> DirectiveOutput {
        var diagnostics: [Diagnostic] = []
        guard let options = invocation.options(&diagnostics) else { return .failure(diagnostics) }
        options.rejectUnknownKeys(["meshes", "id"], in: "decision options", &diagnostics)
        let selection = CatalogSelection.read(options, catalog: context.catalog, allowFeatures: false, &diagnostics)
        let id = CatalogSelection.anchorPrefix(options, invocation: invocation, &diagnostics)
        if selection.meshes.isEmpty { diagnostics.append(.error("the decision grid has no meshes to show", at: invocation.location)) }
        guard !diagnostics.hasErrors else { return .failure(diagnostics) }
        var output = Self.render(selection, id: id, context: context)
        output.diagnostics = diagnostics
        return output
    }

    static func render(_ selection: CatalogSelection, id: String, context: DirectiveContext) -> DirectiveOutput {
        var html = "<div class=\"decision-grid\" id=\"\(id)\">\n"
        var anchors = [id]
        for mesh in selection.meshes {
            let cardID = "\(id)-\(mesh.id)"
            anchors.append(cardID)
            html += "<section class=\"decision-card\" aria-labelledby=\"\(cardID)\">\n"
            html += "<h3 id=\"\(cardID)\">Choose \(HTML.escape(mesh.name)) if…</h3>\n<ul>\n"
            for criterion in mesh.chooseIf { html += "<li>\(HTML.escape(criterion))</li>\n" }
            html += "</ul>\n<p><a href=\"\(HTML.escape(context.href(mesh.sitePath)))\">More about \(HTML.escape(mesh.name))</a></p>\n</section>\n"
        }
        html += "</div>\n"
        return DirectiveOutput(html: html, anchors: anchors, dependencies: selection.dependencies)
    }
}
