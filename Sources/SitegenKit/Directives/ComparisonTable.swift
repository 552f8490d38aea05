/// ```` ```comparison ````: the feature matrix, entries as columns and features grouped as rows.
struct ComparisonTable: Directive {
    let name = "comparison"

    func expand(_ invocation: DirectiveInvocation, context: DirectiveContext) -> DirectiveOutput {
        var diagnostics: [Diagnostic] = []
        guard let options = invocation.options(&diagnostics) else { return .failure(diagnostics) }
        options.rejectUnknownKeys(CatalogSelection.optionKeys(catalog: context.catalog, features: true) + ["caption", "id"],
                                  in: "comparison options", &diagnostics)
        let selection = CatalogSelection.read(options, catalog: context.catalog, allowFeatures: true, at: invocation.location, &diagnostics)
        let caption = options.string("caption", &diagnostics)
        let id = CatalogSelection.anchorPrefix(options, invocation: invocation, &diagnostics)
        if let selection, selection.entries.isEmpty || selection.features.isEmpty {
            diagnostics.append(.error("the comparison has no \(selection.entries.isEmpty ? selection.collection.declaration.plural : "features") to show",
                                      at: invocation.location))
        }
        guard let selection, !diagnostics.hasErrors else { return .failure(diagnostics) }
        var output = Self.render(selection, id: id, caption: caption, context: context)
        output.diagnostics = diagnostics
        return output
    }

    /// The table for any number of entries; `caption` defaults to naming them.
    static func render(_ selection: CatalogSelection, id: String, caption: String?, context: DirectiveContext) -> DirectiveOutput {
        var sources = SourceNotes(prefix: id)
        return render(selection, id: id, caption: caption, context: context, sources: &sources)
    }

    /// The same, citing sources in `sources`, which a page may share between several tables.
    static func render(_ selection: CatalogSelection, id: String, caption: String?, context: DirectiveContext,
                       sources: inout SourceNotes) -> DirectiveOutput {
        let entries = selection.entries
        var footnotes = TableMarkup.Footnotes(prefix: id)
        var head = "<tr><th scope=\"col\">Feature</th>"
        for entry in entries {
            head += "<th scope=\"col\"><a href=\"\(HTML.escape(context.href(entry.sitePath)))\">\(HTML.escape(entry.name))</a></th>"
        }
        head += "</tr>"
        var body = ""
        for group in selection.collection.groups {
            let features = selection.features.filter { $0.group == group.id }
            guard !features.isEmpty else { continue }
            body += "<tbody>\n<tr class=\"group-row\"><th scope=\"rowgroup\" colspan=\"\(entries.count + 1)\">\(HTML.escape(group.label))</th></tr>\n"
            for feature in features {
                body += "<tr><th scope=\"row\">\(HTML.escape(feature.label))</th>"
                for entry in entries {
                    guard let value = entry.features[feature.id] else {
                        body += "<td class=\"value unknown\">Not stated</td>"
                        continue
                    }
                    body += "<td class=\"value \(value.cssClass)\">"
                    if let symbol = value.symbol { body += "<span class=\"symbol\" aria-hidden=\"true\">\(symbol)</span> " }
                    body += HTML.escape(value.label(for: feature))
                    body += sources.reference(value.provenance)
                    if let note = value.note {
                        body += footnotes.reference("\(HTML.escape(entry.name)), \(HTML.escape(feature.label)): \(HTML.escape(note))")
                    }
                    body += "</td>"
                }
                body += "</tr>\n"
            }
            body += "</tbody>\n"
        }
        let title = caption ?? "Feature comparison: " + TableMarkup.list(entries.map(\.name))
        let html = TableMarkup.figure(id: id, className: "comparison-table", caption: title, head: head, body: body, footnotes: footnotes,
                                      sources: sources)
        return DirectiveOutput(html: html, anchors: TableMarkup.anchors(id: id, footnotes: footnotes, sources: sources),
                               dependencies: selection.dependencies)
    }
}
