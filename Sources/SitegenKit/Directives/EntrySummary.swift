/// ```` ```summary istio ````: one entry at a glance — its summary, the fields its collection lists under
/// `summary`, and a link to its page. `mesh-summary` is the mesh guide's older name for it.
struct EntrySummary: Directive {
    let name: String

    func expand(_ invocation: DirectiveInvocation, context: DirectiveContext) -> DirectiveOutput {
        var diagnostics: [Diagnostic] = []
        guard let options = invocation.options(&diagnostics) else { return .failure(diagnostics) }
        options.rejectUnknownKeys(["id", "collection"], in: "\(name) options", &diagnostics)
        guard invocation.arguments.count == 1, let argument = invocation.arguments.first else {
            return .failure(diagnostics + [.error("write the entry after the name: ```\(name) <id>", at: invocation.location)])
        }
        guard let entry = CatalogSelection.entry(argument, options: options, catalog: context.catalog, at: invocation.location, &diagnostics),
              let collection = context.catalog.collection(entry.collection) else { return .failure(diagnostics) }
        let id = options.identifier("id", &diagnostics) ?? invocation.derivedID("summary-\(entry.id)")
        guard !diagnostics.hasErrors else { return .failure(diagnostics) }
        var output = Self.render(entry, declaration: collection.declaration, id: id, context: context)
        output.diagnostics = diagnostics
        return output
    }

    static func render(_ entry: Entry, declaration: CollectionDeclaration, id: String, context: DirectiveContext) -> DirectiveOutput {
        var html = "<aside class=\"entry-summary\" id=\"\(id)\" aria-label=\"\(HTML.escape(entry.name)) at a glance\">\n"
        html += "<p class=\"entry-summary-lede\">\(HTML.escape(entry.summary))</p>\n<dl>\n"
        var lists = ""
        for field in declaration.summaryFields.compactMap(declaration.field) {
            if case .list = field.kind {
                let items = entry.list(field.id)
                guard !items.isEmpty else { continue }
                lists += "<p class=\"entry-summary-label\">\(HTML.escape(field.label(for: entry.name)))</p>\n<ul>\n"
                for item in items { lists += "<li>\(HTML.escape(item))</li>\n" }
                lists += "</ul>\n"
            } else if let detail = entry.display(field) {
                html += "<dt>\(HTML.escape(field.label(for: entry.name)))</dt><dd>\(HTML.escape(detail))</dd>\n"
            }
        }
        html += "</dl>\n" + lists
        html += "<p><a href=\"\(HTML.escape(context.href(entry.sitePath)))\">Full profile of \(HTML.escape(entry.name))</a></p>\n</aside>\n"
        return DirectiveOutput(html: html, anchors: [id], dependencies: [entry.dependency])
    }
}
