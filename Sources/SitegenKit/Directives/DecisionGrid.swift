/// ```` ```decision ````: each entry's "choose it if…" criteria side by side, from the list field its collection
/// names as `decision`.
struct DecisionGrid: Directive {
    let name = "decision"

    func expand(_ invocation: DirectiveInvocation, context: DirectiveContext) -> DirectiveOutput {
        var diagnostics: [Diagnostic] = []
        guard let options = invocation.options(&diagnostics) else { return .failure(diagnostics) }
        options.rejectUnknownKeys(CatalogSelection.optionKeys(catalog: context.catalog, features: false) + ["id"],
                                  in: "decision options", &diagnostics)
        let selection = CatalogSelection.read(options, catalog: context.catalog, allowFeatures: false, at: invocation.location, &diagnostics)
        let id = CatalogSelection.anchorPrefix(options, invocation: invocation, &diagnostics)
        if let selection {
            let declaration = selection.collection.declaration
            if selection.entries.isEmpty { diagnostics.append(.error("the decision grid has no \(declaration.plural) to show", at: invocation.location)) }
            if declaration.decisionField == nil {
                diagnostics.append(.error("\(declaration.plural) name no 'decision' list field in \(declaration.sourcePath)", at: invocation.location))
            }
        }
        guard let selection, !diagnostics.hasErrors else { return .failure(diagnostics) }
        var output = Self.render(selection, id: id, context: context)
        output.diagnostics = diagnostics
        return output
    }

    static func render(_ selection: CatalogSelection, id: String, context: DirectiveContext) -> DirectiveOutput {
        let declaration = selection.collection.declaration
        guard let field = declaration.decisionField.flatMap(declaration.field) else { return DirectiveOutput(html: "", dependencies: selection.dependencies) }
        var html = "<div class=\"decision-grid\" id=\"\(id)\">\n"
        var anchors = [id]
        for entry in selection.entries {
            let cardID = "\(id)-\(entry.id)"
            anchors.append(cardID)
            html += "<section class=\"decision-card\" aria-labelledby=\"\(cardID)\">\n"
            html += "<h3 id=\"\(cardID)\">\(HTML.escape(field.label(for: entry.name)))</h3>\n<ul>\n"
            for criterion in entry.list(field.id) { html += "<li>\(HTML.escape(criterion))</li>\n" }
            html += "</ul>\n<p><a href=\"\(HTML.escape(context.href(entry.sitePath)))\">More about \(HTML.escape(entry.name))</a></p>\n</section>\n"
        }
        html += "</div>\n"
        return DirectiveOutput(html: html, anchors: anchors, dependencies: selection.dependencies)
    }
}
