/// ```` ```resources ````: what each mesh's proxy and control plane need, from the catalog's figures.
struct ResourceTable: Directive {
    let name = "resources"

    func expand(_ invocation: DirectiveInvocation, context: DirectiveContext) -> DirectiveOutput {
        var diagnostics: [Diagnostic] = []
        guard let options = invocation.options(&diagnostics) else { return .failure(diagnostics) }
        options.rejectUnknownKeys(["meshes", "caption", "id", "team_readiness"], in: "resources options", &diagnostics)
        let selection = CatalogSelection.read(options, catalog: context.catalog, allowFeatures: false, &diagnostics)
        let caption = options.string("caption", &diagnostics)
        let teamReadiness = options.bool("team_readiness", &diagnostics) ?? false
        let id = CatalogSelection.anchorPrefix(options, invocation: invocation, &diagnostics)
        if selection.meshes.isEmpty { diagnostics.append(.error("the resource table has no meshes to show", at: invocation.location)) }
        guard !diagnostics.hasErrors else { return .failure(diagnostics) }
        var output = Self.render(selection, catalog: context.catalog, id: id, caption: caption, teamReadiness: teamReadiness, context: context)
        output.diagnostics = diagnostics
        return output
    }

    static func render(_ selection: CatalogSelection, catalog: Catalog, id: String, caption: String?, teamReadiness: Bool, context: DirectiveContext) -> DirectiveOutput {
        var sources = SourceNotes(prefix: id)
        return render(selection, catalog: catalog, id: id, caption: caption, teamReadiness: teamReadiness, context: context, sources: &sources)
    }

    /// The same, citing sources in `sources`, which a page may share between several tables.
    static func render(_ selection: CatalogSelection, catalog: Catalog, id: String, caption: String?, teamReadiness: Bool,
                       context: DirectiveContext, sources: inout SourceNotes) -> DirectiveOutput {
        var footnotes = TableMarkup.Footnotes(prefix: id)
        var head = "<tr><th scope=\"col\">Mesh</th><th scope=\"col\">Proxy per pod</th><th scope=\"col\">Control plane</th>"
        if teamReadiness { head += "<th scope=\"col\">Team readiness</th>" }
        head += "</tr>"
        var body = "<tbody>\n"
        var dependencies = selection.dependencies
        for mesh in selection.meshes {
            body += "<tr><th scope=\"row\"><a href=\"\(HTML.escape(context.href(mesh.sitePath)))\">\(HTML.escape(mesh.name))</a></th>"
            for need in [mesh.resources.proxy, mesh.resources.controlPlane] {
                if case .similarTo(let other) = need { dependencies.insert(.mesh(other)) }
                body += "<td>\(HTML.escape(describe(need, catalog: catalog)))"
                if case let .figures(memory, cpu) = need {
                    for figure in [memory, cpu].compactMap({ $0 }) { body += sources.reference(figure.provenance) }
                }
                body += "</td>"
            }
            if teamReadiness { body += "<td>\(HTML.escape(mesh.teamReadiness))</td>" }
            if let note = mesh.resources.note {
                body = String(body.dropLast("</td>".count)) + footnotes.reference("\(HTML.escape(mesh.name)): \(HTML.escape(note))") + "</td>"
            }
            body += "</tr>\n"
        }
        body += "</tbody>\n"
        let title = caption ?? "Resource planning: " + TableMarkup.list(selection.meshes.map(\.name))
        let html = TableMarkup.figure(id: id, className: "resource-table", caption: title, head: head, body: body, footnotes: footnotes,
                                      sources: sources)
        return DirectiveOutput(html: html, anchors: TableMarkup.anchors(id: id, footnotes: footnotes, sources: sources), dependencies: dependencies)
    }

    /// "50–100 MB memory, 0.5–2 cores"; "Similar to Istio (…)"; "Managed by Google".
    static func describe(_ need: ResourceNeed, catalog: Catalog, following: Bool = true) -> String {
        switch need {
        case let .figures(memory, cpu):
            var parts: [String] = []
            if let memory { parts.append(memory.amount.label(suffix: "memory")) }
            if let cpu { parts.append(cpu.amount.label(suffix: "CPU")) }
            return parts.joined(separator: ", ")
        case .similarTo(let id):
            guard let other = catalog.mesh(id) else { return "Similar to \(id)" }
            let figures = following ? describe(other.resources.proxy, catalog: catalog, following: false) : ""
            return "Similar to \(other.name)" + (figures.isEmpty ? "" : " (\(figures))")
        case .managedBy(let vendor):
            return "Managed by \(vendor)"
        }
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
