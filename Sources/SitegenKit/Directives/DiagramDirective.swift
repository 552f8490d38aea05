/// ```` ```diagram istio ```` draws a mesh's architecture from the catalog; ```` ```diagram ```` draws the description in its body.
struct DiagramDirective: Directive {
    let name = "diagram"

    func expand(_ invocation: DirectiveInvocation, context: DirectiveContext) -> DirectiveOutput {
        var diagnostics: [Diagnostic] = []
        guard let options = invocation.options(&diagnostics) else { return .failure(diagnostics) }
        if invocation.arguments.count > 1 {
            diagnostics.append(.error("write at most one mesh after the name: ```diagram <mesh>", at: invocation.location))
        }
        if let meshID = invocation.arguments.first {
            options.rejectUnknownKeys(["id", "caption", "style"], in: "diagram options", &diagnostics)
            let caption = options.string("caption", &diagnostics)
            let style = options.string("style", &diagnostics).flatMap(DiagramStyle.init(rawValue:))
            let id = options.identifier("id", &diagnostics) ?? invocation.derivedID("diagram-\(meshID)")
            guard let mesh = context.catalog.mesh(meshID) else {
                return .failure(diagnostics + [CatalogSelection.unknownMesh(meshID, in: context.catalog, at: invocation.location)])
            }
            guard mesh.architecture != nil else {
                return .failure(diagnostics + [.error("mesh '\(meshID)' has no architecture in \(mesh.sourcePath)", at: invocation.location)])
            }
            guard !diagnostics.hasErrors else { return .failure(diagnostics) }
            return Self.render(mesh: mesh, id: id, caption: caption, style: style, context: context)
        }
        guard let description = DiagramDecoder.decode(options, extraKeys: ["id"], &diagnostics) else { return .failure(diagnostics) }
        let id = options.identifier("id", &diagnostics) ?? invocation.derivedID("diagram-\(invocation.location.line)")
        let (diagram, problems) = DiagramRenderer.render(description, style: description.style ?? context.site.diagramStyle)
        guard let diagram, !diagnostics.hasErrors else { return .failure(diagnostics + problems) }
        return DirectiveOutput(html: DiagramRenderer.html(diagram, description: description, id: id, caption: nil), anchors: [id], diagnostics: diagnostics)
    }

    /// A mesh's architecture as a figure; the catalog already checked that it can be drawn.
    static func render(mesh: Mesh, id: String, caption: String?, style: DiagramStyle?, context: DirectiveContext) -> DirectiveOutput {
        guard let description = mesh.architecture else { return DirectiveOutput(html: "", dependencies: [.mesh(mesh.id)]) }
        let (diagram, problems) = DiagramRenderer.render(description, style: style ?? description.style ?? context.site.diagramStyle)
        guard let diagram else { return DirectiveOutput(html: "", diagnostics: problems, dependencies: [.mesh(mesh.id)]) }
        return DirectiveOutput(html: DiagramRenderer.html(diagram, description: description, id: id, caption: caption),
                               anchors: [id], dependencies: [.mesh(mesh.id)])
    }
}

