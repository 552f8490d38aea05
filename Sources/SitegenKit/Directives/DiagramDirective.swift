/// ```` ```diagram istio ```` draws an entry's diagram field from the catalog; ```` ```diagram ```` draws the description in its body.
struct DiagramDirective: Directive {
    let name = "diagram"

    func expand(_ invocation: DirectiveInvocation, context: DirectiveContext) -> DirectiveOutput {
        var diagnostics: [Diagnostic] = []
        guard let options = invocation.options(&diagnostics) else { return .failure(diagnostics) }
        if invocation.arguments.count > 1 {
            diagnostics.append(.error("write at most one entry after the name: ```diagram <entry>", at: invocation.location))
        }
        if let argument = invocation.arguments.first {
            options.rejectUnknownKeys(["id", "caption", "style", "collection", "field"], in: "diagram options", &diagnostics)
            let caption = options.string("caption", &diagnostics)
            let style = options.string("style", &diagnostics).flatMap(DiagramStyle.init(rawValue:))
            let fieldName = options.string("field", &diagnostics)
            guard let entry = CatalogSelection.entry(argument, options: options, catalog: context.catalog, at: invocation.location, &diagnostics),
                  let collection = context.catalog.collection(entry.collection) else { return .failure(diagnostics) }
            let id = options.identifier("id", &diagnostics) ?? invocation.derivedID("diagram-\(entry.id)")
            let diagrams = collection.declaration.fields.filter { $0.kind == .diagram }
            guard let field = fieldName.map({ name in diagrams.first { $0.id == name } }) ?? diagrams.first else {
                let message = fieldName.map { "'\($0)' is not a diagram field of \(collection.declaration.plural)\(Suggestion.hint(for: $0, in: diagrams.map(\.id)))" }
                    ?? "\(collection.declaration.plural) declare no diagram field (\(collection.declaration.sourcePath))"
                return .failure(diagnostics + [.error(message, at: invocation.location)])
            }
            guard entry.fields[field.id] != nil else {
                return .failure(diagnostics + [.error("\(collection.declaration.singular) '\(entry.id)' has no \(field.id) in \(entry.sourcePath)", at: invocation.location)])
            }
            guard !diagnostics.hasErrors else { return .failure(diagnostics) }
            return Self.render(entry: entry, field: field.id, id: id, caption: caption, style: style, context: context)
        }
        guard let description = DiagramDecoder.decode(options, extraKeys: ["id"], &diagnostics) else { return .failure(diagnostics) }
        let id = options.identifier("id", &diagnostics) ?? invocation.derivedID("diagram-\(invocation.location.line)")
        let (diagram, problems) = DiagramRenderer.render(description, style: description.style ?? context.site.diagramStyle)
        guard let diagram, !diagnostics.hasErrors else { return .failure(diagnostics + problems) }
        return DirectiveOutput(html: DiagramRenderer.html(diagram, description: description, id: id, caption: nil), anchors: [id], diagnostics: diagnostics)
    }

    /// An entry's diagram as a figure; the catalog already checked that it can be drawn.
    static func render(entry: Entry, field: String, id: String, caption: String?, style: DiagramStyle?, context: DirectiveContext) -> DirectiveOutput {
        guard case .diagram(let description)? = entry.fields[field] else { return DirectiveOutput(html: "", dependencies: [entry.dependency]) }
        let (diagram, problems) = DiagramRenderer.render(description, style: style ?? description.style ?? context.site.diagramStyle)
        guard let diagram else { return DirectiveOutput(html: "", diagnostics: problems, dependencies: [entry.dependency]) }
        return DirectiveOutput(html: DiagramRenderer.html(diagram, description: description, id: id, caption: caption),
                               anchors: [id], dependencies: [entry.dependency])
    }
}
