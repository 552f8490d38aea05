/// A page made from the catalog rather than an article: `/compare/`, `/meshes/` and `/meshes/<id>/`.
public struct CatalogPage: Sendable {
    public enum Kind: Sendable {
        case compare
        case meshIndex
        case mesh(Mesh)
    }

    public var kind: Kind
    public var sitePath: String
    public var title: String
    public var description: String
    /// Generated HTML the page's template places by name (`matrix`, `resources`, …).
    public var fragments: [String: String]
    public var anchors: Set<String>
    /// Everything the page shows: its tables' entities, and every mesh, which its template lists.
    public var dependencies: Set<CatalogDependency>
    /// What its template sees besides `site` and `page` (`CatalogPageValues`).
    var values: TemplateValue = [:]

    var templateName: String {
        switch kind {
        case .compare: "compare"
        case .meshIndex: "meshes"
        case .mesh: "mesh"
        }
    }
}

/// Renders the catalog pages' tables with the same code the article directives use, so both always agree.
enum CatalogPages {
    static let templates = ["compare", "meshes", "mesh"]

    static func render(_ catalog: Catalog, context: DirectiveContext) -> [CatalogPage] {
        guard !catalog.meshes.isEmpty else { return [] }
        let everything = CatalogSelection(meshes: catalog.meshes, features: catalog.features, dependencies: [.allMeshes, .allFeatures])
        let matrix = ComparisonTable.render(everything, catalog: catalog, id: "matrix", caption: nil, context: context)
        let resources = ResourceTable.render(everything, catalog: catalog, id: "resources", caption: nil, teamReadiness: true, context: context)
        let decision = DecisionGrid.render(everything, id: "decision", context: context)
        let names = TableMarkup.list(catalog.meshes.map(\.name))
        var pages = [
            CatalogPage(
                kind: .compare, sitePath: "/compare/", title: "Compare \(names)",
                description: "Every feature of \(names) side by side, with resource figures and when to choose each.",
                fragments: ["matrix": matrix.html, "resources": resources.html, "decision": decision.html],
                anchors: Set(matrix.anchors + resources.anchors + decision.anchors),
                dependencies: [.allMeshes, .allFeatures]),
            CatalogPage(
                kind: .meshIndex, sitePath: "/meshes/", title: "Service meshes",
                description: "Profiles of \(names): architecture, features, resources, pros and cons.",
                fragments: [:], anchors: [], dependencies: [.allMeshes]),
        ]
        for mesh in catalog.meshes {
            let one = CatalogSelection(meshes: [mesh], features: catalog.features, dependencies: [.mesh(mesh.id), .allFeatures])
            let features = ComparisonTable.render(one, catalog: catalog, id: "features", caption: "\(mesh.name), feature by feature", context: context)
            let needs = ResourceTable.render(one, catalog: catalog, id: "resources", caption: "\(mesh.name) resource planning", teamReadiness: true, context: context)
            let diagram = DiagramDirective.render(mesh: mesh, id: "architecture-diagram", caption: nil, style: nil, context: context)
            pages.append(CatalogPage(
                kind: .mesh(mesh), sitePath: mesh.sitePath, title: mesh.name, description: mesh.summary,
                fragments: ["features": features.html, "resources": needs.html, "architecture": diagram.html],
                anchors: Set(features.anchors + needs.anchors + diagram.anchors),
                dependencies: features.dependencies.union(needs.dependencies)))
        }
        let baseURL = context.site.baseURL
        return pages.map { page in
            var page = page
            var mesh: Mesh?
            if case .mesh(let one) = page.kind { mesh = one }
            page.values = CatalogPageValues.make(fragments: page.fragments, catalog: catalog, mesh: mesh, baseURL: baseURL)
            page.dependencies.insert(.allMeshes)
            return page
        }
    }
}
