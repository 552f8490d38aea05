/// Which collection, entries and features a catalog directive shows, read from its options and checked against the catalog.
struct CatalogSelection {
    var collection: CatalogCollection
    var entries: [Entry]
    var features: [Feature]
    var dependencies: Set<CatalogDependency>

    /// The option keys every selection takes besides the directive's own: `collection`, `entries` (or the
    /// collection's id, as in `meshes: [istio, linkerd]`), and with features `features` and `groups`.
    static func optionKeys(catalog: Catalog, features: Bool) -> [String] {
        ["collection", "entries"] + catalog.collections.map(\.id) + (features ? ["features", "groups"] : [])
    }

    /// The collection a directive means: the one its `collection:` option names, else the site's only one. With
    /// several and none named, an error that lists them.
    static func collection(_ options: YAMLMap, catalog: Catalog, at location: SourceLocation, _ diagnostics: inout [Diagnostic]) -> CatalogCollection? {
        let ids = catalog.collections.map(\.id)
        if let id = options.string("collection", &diagnostics) {
            if let collection = catalog.collection(id) { return collection }
            diagnostics.append(.error(
                "unknown collection '\(id)'\(Suggestion.hint(for: id, in: ids)); collections are: \(ids.isEmpty ? "none (Content/catalog/ declares none)" : ids.joined(separator: ", "))",
                at: options.value("collection").map(options.location(of:)) ?? location))
            return nil
        }
        if catalog.collections.count == 1 { return catalog.collections[0] }
        diagnostics.append(.error(
            catalog.collections.isEmpty ? "the site declares no catalog collection (Content/catalog/<id>/_collection.yaml)"
                : "name the collection with 'collection:'; the site declares \(ids.joined(separator: ", "))",
            at: location))
        return nil
    }

    /// Reads the collection, then `entries:` (or `<collection id>:`), `features:` and `groups:`; unknown ids are
    /// errors at their line in the article.
    static func read(_ options: YAMLMap, catalog: Catalog, allowFeatures: Bool, at location: SourceLocation,
                     _ diagnostics: inout [Diagnostic]) -> CatalogSelection? {
        guard let collection = collection(options, catalog: catalog, at: location, &diagnostics) else { return nil }
        var dependencies: Set<CatalogDependency> = []
        var entries = collection.entries
        let key = options.value("entries") != nil ? "entries" : collection.id
        if let ids = options.stringList(key, &diagnostics) {
            entries = ids.compactMap { id, location in
                guard let entry = collection.entry(id) else {
                    diagnostics.append(unknownEntry(id, in: collection, at: location))
                    return nil
                }
                return entry
            }
            dependencies.formUnion(entries.map(\.dependency))
        } else {
            dependencies.insert(.allEntries(collection.id))
        }
        for other in catalog.collections where other.id != collection.id {
            if let node = options.entry(other.id)?.key {
                diagnostics.append(.error("'\(other.id)' names entries of another collection than '\(collection.id)'; write 'collection: \(other.id)'",
                                          at: options.location(of: node)))
            }
        }
        guard allowFeatures else { return CatalogSelection(collection: collection, entries: entries, features: [], dependencies: dependencies) }

        var features = collection.features
        let featureIDs = options.stringList("features", &diagnostics)
        let groupIDs = options.stringList("groups", &diagnostics)
        if featureIDs != nil || groupIDs != nil {
            var chosen = Set<String>()
            for (id, location) in featureIDs ?? [] {
                if collection.feature(id) != nil {
                    chosen.insert(id)
                } else {
                    diagnostics.append(.error("unknown feature '\(id)'\(Suggestion.hint(for: id, in: collection.features.map(\.id)))", at: location))
                }
            }
            for (id, location) in groupIDs ?? [] {
                if collection.groups.contains(where: { $0.id == id }) {
                    chosen.formUnion(collection.features(in: id).map(\.id))
                } else {
                    diagnostics.append(.error(
                        "unknown feature group '\(id)'\(Suggestion.hint(for: id, in: collection.groups.map(\.id))); groups are: \(collection.groups.map(\.id).joined(separator: ", "))",
                        at: location))
                }
            }
            features = collection.features.filter { chosen.contains($0.id) }
            dependencies.formUnion(features.map { .feature(collection.id, $0.id) })
        } else {
            dependencies.insert(.allFeatures(collection.id))
        }
        return CatalogSelection(collection: collection, entries: entries, features: features, dependencies: dependencies)
    }

    /// The entry an argument names (```` ```diagram istio ````, or `ingress/nginx` on a site of several collections).
    static func entry(_ argument: String, options: YAMLMap, catalog: Catalog, at location: SourceLocation, _ diagnostics: inout [Diagnostic]) -> Entry? {
        var id = argument
        var collection: CatalogCollection?
        if let slash = argument.firstIndex(of: "/") {
            let name = String(argument[..<slash])
            id = String(argument[argument.index(after: slash)...])
            collection = catalog.collection(name)
            if collection == nil {
                let ids = catalog.collections.map(\.id)
                diagnostics.append(.error("unknown collection '\(name)'\(Suggestion.hint(for: name, in: ids)); collections are: \(ids.joined(separator: ", "))", at: location))
                return nil
            }
        } else {
            collection = Self.collection(options, catalog: catalog, at: location, &diagnostics)
        }
        guard let collection else { return nil }
        guard let entry = collection.entry(id) else {
            diagnostics.append(unknownEntry(id, in: collection, at: location))
            return nil
        }
        return entry
    }

    static func unknownEntry(_ id: String, in collection: CatalogCollection, at location: SourceLocation) -> Diagnostic {
        let ids = collection.entries.map(\.id)
        let singular = collection.declaration.singular
        return .error("unknown \(singular) '\(id)'\(Suggestion.hint(for: id, in: ids)); \(collection.declaration.plural) are: \(ids.joined(separator: ", "))", at: location)
    }

    /// The anchor prefix: the `id` option, or one derived from the block's line so two tables on a page never clash.
    static func anchorPrefix(_ options: YAMLMap, invocation: DirectiveInvocation, _ diagnostics: inout [Diagnostic]) -> String {
        options.identifier("id", &diagnostics) ?? invocation.derivedID("\(invocation.name)-\(invocation.location.line)")
    }
}
