/// ```` ```resources ````: what each entry needs, from its collection's figures field (a mesh's proxy per pod and
/// control plane), one column per part.
struct ResourceTable: Directive {
    let name = "resources"

    func expand(_ invocation: DirectiveInvocation, context: DirectiveContext) -> DirectiveOutput {
        var diagnostics: [Diagnostic] = []
        guard let options = invocation.options(&diagnostics) else { return .failure(diagnostics) }
        // `team_readiness` is the mesh guide's name for `details`, kept so its articles build unchanged.
        options.rejectUnknownKeys(CatalogSelection.optionKeys(catalog: context.catalog, features: false)
                                  + ["caption", "id", "details", "team_readiness", "field"], in: "resources options", &diagnostics)
        let selection = CatalogSelection.read(options, catalog: context.catalog, allowFeatures: false, at: invocation.location, &diagnostics)
        let caption = options.string("caption", &diagnostics)
        let details = options.bool("details", &diagnostics) ?? options.bool("team_readiness", &diagnostics) ?? false
        let id = CatalogSelection.anchorPrefix(options, invocation: invocation, &diagnostics)
        var field: FieldDeclaration?
        if let selection {
            let declaration = selection.collection.declaration
            if let name = options.string("field", &diagnostics) {
                field = declaration.field(name)
                if field == nil || field.map({ if case .figures = $0.kind { false } else { true } }) == true {
                    let figures = declaration.fields.filter { if case .figures = $0.kind { true } else { false } }.map(\.id)
                    diagnostics.append(.error("'\(name)' is not a figures field of \(declaration.plural)\(Suggestion.hint(for: name, in: figures))",
                                              at: options.value("field").map(options.location(of:)) ?? invocation.location))
                }
            } else {
                field = declaration.figuresField
                if field == nil {
                    diagnostics.append(.error("\(declaration.plural) declare no figures field to show (\(declaration.sourcePath))", at: invocation.location))
                }
            }
            if selection.entries.isEmpty {
                diagnostics.append(.error("the resource table has no \(declaration.plural) to show", at: invocation.location))
            }
        }
        guard let selection, let field, !diagnostics.hasErrors else { return .failure(diagnostics) }
        var output = Self.render(selection, field: field, id: id, caption: caption, details: details, context: context)
        output.diagnostics = diagnostics
        return output
    }

    static func render(_ selection: CatalogSelection, field: FieldDeclaration, id: String, caption: String?, details: Bool,
                       context: DirectiveContext) -> DirectiveOutput {
        var sources = SourceNotes(prefix: id)
        return render(selection, field: field, id: id, caption: caption, details: details, context: context, sources: &sources)
    }

    /// The same, citing sources in `sources`, which a page may share between several tables.
    static func render(_ selection: CatalogSelection, field: FieldDeclaration, id: String, caption: String?, details: Bool,
                       context: DirectiveContext, sources: inout SourceNotes) -> DirectiveOutput {
        guard case let .figures(parts, measures) = field.kind else { return DirectiveOutput(html: "") }
        let declaration = selection.collection.declaration
        let detail = details ? declaration.detailField.flatMap(declaration.field) : nil
        var footnotes = TableMarkup.Footnotes(prefix: id)
        var head = "<tr><th scope=\"col\">\(HTML.escape(declaration.singularTitle))</th>"
        for part in parts { head += "<th scope=\"col\">\(HTML.escape(part.label))</th>" }
        if let detail { head += "<th scope=\"col\">\(HTML.escape(detail.label))</th>" }
        head += "</tr>"
        var body = "<tbody>\n"
        var dependencies = selection.dependencies
        for entry in selection.entries {
            body += "<tr><th scope=\"row\"><a href=\"\(HTML.escape(context.href(entry.sitePath)))\">\(HTML.escape(entry.name))</a></th>"
            guard case .figures(let set)? = entry.fields[field.id] else {
                body += String(repeating: "<td>Not stated</td>", count: parts.count) + (detail == nil ? "" : "<td></td>") + "</tr>\n"
                continue
            }
            for part in parts {
                let need = set.parts[part.id]
                if case .similarTo(let other)? = need { dependencies.insert(.entry(entry.collection, other)) }
                body += "<td>\(HTML.escape(need.map { describe($0, part: part.id, field: field, measures: measures, collection: selection.collection) } ?? "Not stated"))"
                if case .figures(let figures)? = need {
                    for measure in measures { if let figure = figures[measure.id] { body += sources.reference(figure.provenance) } }
                }
                body += "</td>"
            }
            if let detail { body += "<td>\(HTML.escape(entry.text(detail.id) ?? ""))</td>" }
            if let note = set.note {
                body = String(body.dropLast("</td>".count)) + footnotes.reference("\(HTML.escape(entry.name)): \(HTML.escape(note))") + "</td>"
            }
            body += "</tr>\n"
        }
        body += "</tbody>\n"
        let title = caption ?? "\(field.label(for: "")): " + TableMarkup.list(selection.entries.map(\.name))
        let html = TableMarkup.figure(id: id, className: "resource-table", caption: title, head: head, body: body, footnotes: footnotes,
                                      sources: sources)
        return DirectiveOutput(html: html, anchors: TableMarkup.anchors(id: id, footnotes: footnotes, sources: sources), dependencies: dependencies)
    }

    /// "50–100 MB memory, 0.5–2 cores"; "Similar to Istio (…)"; "Managed by Google".
    static func describe(_ need: ResourceNeed, part: String, field: FieldDeclaration, measures: [FieldDeclaration.Label],
                         collection: CatalogCollection, following: Bool = true) -> String {
        switch need {
        case .figures(let figures):
            return measures.compactMap { measure in figures[measure.id].map { $0.amount.label(suffix: measure.label) } }.joined(separator: ", ")
        case .similarTo(let id):
            guard let other = collection.entry(id) else { return "Similar to \(id)" }
            var figures = ""
            if following, case .figures(let set)? = other.fields[field.id], let theirs = set.parts[part] {
                figures = describe(theirs, part: part, field: field, measures: measures, collection: collection, following: false)
            }
            return "Similar to \(other.name)" + (figures.isEmpty ? "" : " (\(figures))")
        case .managedBy(let vendor):
            return "Managed by \(vendor)"
        }
    }

    /// An entry's need for one part of a figures field, in words, or nil when it states none.
    static func describe(_ entry: Entry, field: FieldDeclaration, part: String, collection: CatalogCollection) -> String? {
        guard case let .figures(_, measures) = field.kind, case .figures(let set)? = entry.fields[field.id], let need = set.parts[part] else { return nil }
        return describe(need, part: part, field: field, measures: measures, collection: collection)
    }
}

extension ResourceAmount {
    /// `50–100 MB memory`; units that already say what they measure (`cores`) stand alone.
    func label(suffix: String) -> String {
        switch self {
        case let .range(_, _, unit) where unit.lowercased().hasPrefix("core"): display
        case .range: "\(display) \(suffix)"
        case .text: display
        }
    }
}
