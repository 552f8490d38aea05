/// Validates `Content/catalog/`: each collection's declaration, then its entries against it, every problem at
/// its YAML node and all of them in one pass.
enum CatalogDecoder {
    /// A collection's id is also a directive option (`meshes: [istio]`), so it may not be one of the others.
    static let reservedIDs: Set<String> = ["collection", "entries", "features", "groups", "caption", "id", "details", "team_readiness", "field", "style"]

    static func decode(_ sources: [CatalogSource]) -> (Catalog, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var collections: [CatalogCollection] = []
        for source in sources.sorted(by: { $0.id < $1.id }) {
            guard let file = source.declaration else {
                if let first = source.entries.first {
                    diagnostics.append(.error(
                        "entry files need Content/catalog/\(source.id)/\(DeclarationDecoder.fileName) to declare their collection (`sitegen new collection \(source.id)` writes one)",
                        at: SourceLocation(path: first.path)))
                }
                continue
            }
            if !YAMLMap.isIdentifier(source.id) || reservedIDs.contains(source.id) {
                diagnostics.append(.error(
                    "the folder name '\(source.id)' is not a usable collection id; use lowercase letters, digits and '-', other than \(reservedIDs.sorted().joined(separator: ", ")) (the directives' option names)",
                    at: SourceLocation(path: file.path)))
                continue
            }
            guard let declaration = DeclarationDecoder.decode(file, id: source.id, &diagnostics) else { continue }
            collections.append(CatalogCollection(declaration: declaration, entries: decodeEntries(source.entries, declaration, &diagnostics)))
        }
        return (Catalog(collections: collections), diagnostics)
    }

    private static func decodeEntries(_ files: [SourceFile], _ declaration: CollectionDeclaration, _ diagnostics: inout [Diagnostic]) -> [Entry] {
        var entries: [Entry] = []
        var references: [(from: String, to: String, location: SourceLocation)] = []
        var seen: [String: String] = [:]
        // Entries whose files had errors: a reference to one is not reported again, as a compiler does not report
        // every use of a declaration it could not compile.
        var failed: Set<String> = []
        for file in files {
            let decoded = EntryDecoder.decode(file, declaration: declaration, &diagnostics)
            guard let entry = decoded.entry else {
                if let id = decoded.id { failed.insert(id) }
                continue
            }
            if let other = seen[entry.id] {
                diagnostics.append(.error("\(declaration.singular) id '\(entry.id)' is already used by \(other)", at: entry.location))
                continue
            }
            seen[entry.id] = file.path
            entries.append(entry)
            references += decoded.references.map { (entry.id, $0.id, $0.location) }
        }
        for reference in references where seen[reference.to] == nil || reference.to == reference.from {
            let other = reference.to
            guard other == reference.from || !failed.contains(other) else { continue }
            diagnostics.append(.error(
                "similar_to names \(declaration.singular) '\(other)', which \(other == reference.from ? "is this one" : "does not exist")\(Suggestion.hint(for: other, in: seen.keys.sorted()))",
                at: reference.location))
        }
        return entries.sorted { ($0.order, $0.name, $0.id) < ($1.order, $1.name, $1.id) }
    }
}

/// One folder of `Content/catalog/` as loaded: its declaration and its entry files, not yet read.
public struct CatalogSource: Sendable {
    /// The folder name.
    public var id: String
    public var declaration: SourceFile?
    public var entries: [SourceFile]
}
