/// Which meshes and features a catalog directive shows, read from its options and checked against the catalog.
struct CatalogSelection {
    var meshes: [Mesh]
    var features: [Feature]
    var dependencies: Set<CatalogDependency>

    /// Reads `meshes:`, `features:` and `groups:`; unknown ids are errors at their line in the article.
    static func read(_ options: YAMLMap, catalog: Catalog, allowFeatures: Bool, _ diagnostics: inout [Diagnostic]) -> CatalogSelection {
        var dependencies: Set<CatalogDependency> = []
        var meshes = catalog.meshes
        if let ids = options.stringList("meshes", &diagnostics) {
            meshes = ids.compactMap { id, location in
                guard let mesh = catalog.mesh(id) else {
                    diagnostics.append(unknownMesh(id, in: catalog, at: location))
                    return nil
                }
                return mesh
            }
            dependencies.formUnion(meshes.map { .mesh($0.id) })
        } else {
            dependencies.insert(.allMeshes)
        }
        guard allowFeatures else { return CatalogSelection(meshes: meshes, features: [], dependencies: dependencies) }

        var features = catalog.features
        let featureIDs = options.stringList("features", &diagnostics)
        let groupIDs = options.stringList("groups", &diagnostics)
        if featureIDs != nil || groupIDs != nil {
            var chosen = Set<String>()
            for (id, location) in featureIDs ?? [] {
                if catalog.feature(id) != nil {
                    chosen.insert(id)
                } else {
                    diagnostics.append(.error("unknown feature '\(id)'\(Suggestion.hint(for: id, in: catalog.features.map(\.id)))", at: location))
                }
            }
            for (id, location) in groupIDs ?? [] {
                if catalog.groups.contains(where: { $0.id == id }) {
                    chosen.formUnion(catalog.features(in: id).map(\.id))
                } else {
                    diagnostics.append(.error(
                        "unknown feature group '\(id)'\(Suggestion.hint(for: id, in: catalog.groups.map(\.id))); groups are: \(catalog.groups.map(\.id).joined(separator: ", "))",
                        at: location))
                }
            }
            features = catalog.features.filter { chosen.contains($0.id) }
            dependencies.formUnion(features.map { .feature($0.id) })
        } else {
            dependencies.insert(.allFeatures)
        }
        return CatalogSelection(meshes: meshes, features: features, dependencies: dependencies)
    }

    static func unknownMesh(_ id: String, in catalog: Catalog, at location: SourceLocation) -> Diagnostic {
        let ids = catalog.meshes.map(\.id)
        return .error("unknown mesh '\(id)'\(Suggestion.hint(for: id, in: ids)); meshes are: \(ids.joined(separator: ", "))", at: location)
    }

    /// The anchor prefix: the `id` option, or one derived from the block's line so two tables on a page never clash.
    static func anchorPrefix(_ options: YAMLMap, invocation: DirectiveInvocation, _ diagnostics: inout [Diagnostic]) -> String {
        options.identifier("id", &diagnostics) ?? invocation.derivedID("\(invocation.name)-\(invocation.location.line)")
    }
}
