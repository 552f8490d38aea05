/// A page made from the catalog rather than an article: `/compare/`, `/meshes/` and `/meshes/<id>/`.
public struct CatalogPage: Sendable {
    public enum Kind: Sendable {
        case compare
        case meshIndex
        case mesh(Mesh)
        /// `/compare/<a>-vs-<b>/`.
        case pair(Mesh, Mesh)
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
    /// The meshes the page is about, for its structured data.
    var about: [Mesh] = []
    /// Source references for the pros and cons of a mesh page, item by item (`pros`, `cons`).
    var citations: [String: [String]] = [:]
    /// What its template sees besides `site` and `page` (`CatalogPageValues`).
    var values: TemplateValue = [:]

    var templateName: String {
        switch kind {
        case .compare: "compare"
        case .meshIndex: "meshes"
        case .mesh: "mesh"
        case .pair: "versus"
        }
    }
}

/// Renders the catalog pages' tables with the same code the article directives use, so both always agree.
enum CatalogPages {
    static let templates = ["compare", "meshes", "mesh", "versus"]

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
            // One numbering for the page: its tables and its pros and cons cite the "Sources" section.
            var sources = SourceNotes(prefix: "facts", listedWithTable: false)
            let needs = ResourceTable.render(one, catalog: catalog, id: "resources", caption: "\(mesh.name) resource planning", teamReadiness: true,
                                             context: context, sources: &sources)
            let features = ComparisonTable.render(one, catalog: catalog, id: "features", caption: "\(mesh.name), feature by feature",
                                                  context: context, sources: &sources)
            let diagram = DiagramDirective.render(mesh: mesh, id: "architecture-diagram", caption: nil, style: nil, context: context)
            let pros = mesh.pros.map { sources.reference($0.provenance) }, cons = mesh.cons.map { sources.reference($0.provenance) }
            var page = CatalogPage(
                kind: .mesh(mesh), sitePath: mesh.sitePath, title: mesh.name, description: mesh.summary,
                fragments: ["features": features.html, "resources": needs.html, "architecture": diagram.html].merging(sources.fragment) { $1 },
                anchors: Set(features.anchors + needs.anchors + diagram.anchors + sources.anchors),
                dependencies: features.dependencies.union(needs.dependencies))
            page.citations = ["pros": pros, "cons": cons]
            pages.append(page)
        }
        let pairs = MeshPair.all(in: catalog)
        pages += pairs.map { pairPage($0, catalog: catalog, context: context) }
        let baseURL = context.site.baseURL
        return pages.map { page in
            var page = page
            var mesh: Mesh?
            if case .mesh(let one) = page.kind { mesh = one }
            page.values = CatalogPageValues.make(fragments: page.fragments, catalog: catalog, mesh: mesh, citations: page.citations,
                                                 pairs: pairs, baseURL: baseURL)
            if case let .pair(first, second) = page.kind, let pair = pairs.first(where: { $0.sitePath == page.sitePath }) {
                page.values["first"] = CatalogPageValues.meshValues(first, baseURL: baseURL)
                page.values["second"] = CatalogPageValues.meshValues(second, baseURL: baseURL)
                page.values["agreeing_count"] = .string(String(pair.agreeing.count))
            }
            page.dependencies.insert(.allMeshes)
            switch page.kind {
            case .compare, .meshIndex: page.about = catalog.meshes
            case .mesh(let mesh): page.about = [mesh]
            case let .pair(first, second): page.about = [first, second]
            }
            return page
        }
    }

    /// Differences first, agreements folded away, then resources and "choose it if" side by side.
    static func pairPage(_ pair: MeshPair, catalog: Catalog, context: DirectiveContext) -> CatalogPage {
        let dependencies: Set<CatalogDependency> = [.mesh(pair.first.id), .mesh(pair.second.id), .allFeatures]
        func selection(_ features: [Feature]) -> CatalogSelection {
            CatalogSelection(meshes: [pair.first, pair.second], features: features, dependencies: dependencies)
        }
        var sources = SourceNotes(prefix: "facts", listedWithTable: false)
        // A table only for a side that has rows: two meshes may differ everywhere, or nowhere.
        var tables: [String: DirectiveOutput] = [:]
        for (id, features, verb) in [("differences", pair.differing, "differ"), ("agreements", pair.agreeing, "agree")] where !features.isEmpty {
            tables[id] = ComparisonTable.render(selection(features), catalog: catalog, id: id,
                                                caption: "Where \(pair.first.name) and \(pair.second.name) \(verb)", context: context, sources: &sources)
        }
        let resources = ResourceTable.render(selection([]), catalog: catalog, id: "resources", caption: nil, teamReadiness: true,
                                             context: context, sources: &sources)
        let decision = DecisionGrid.render(selection([]), id: "decision", context: context)
        let fragments = ["introduction": pair.introduction(in: catalog), "resources": resources.html, "decision": decision.html]
            .merging(sources.fragment) { $1 }.merging(tables.mapValues(\.html)) { $1 }
        return CatalogPage(
            kind: .pair(pair.first, pair.second), sitePath: pair.sitePath, title: pair.title, description: pair.description,
            fragments: fragments,
            anchors: Set(tables.values.flatMap(\.anchors) + resources.anchors + decision.anchors + sources.anchors),
            dependencies: resources.dependencies.union(dependencies))
    }
}
