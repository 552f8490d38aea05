/// `/catalog.json`: every collection for other tools, with the same escaping as JSON-LD so it is safe to inline anywhere.
enum CatalogJSON {
    static func render(_ catalog: Catalog, baseURL: BaseURL) -> String {
        let collections: [[String: Any]] = catalog.collections.map { collection in
            let declaration = collection.declaration
            let groups: [[String: Any]] = collection.groups.map { ["id": $0.id, "label": $0.label] }
            let features: [[String: Any]] = collection.features.map { feature in
                var object: [String: Any] = ["id": feature.id, "label": feature.label, "group": feature.group,
                                             "kind": feature.kind.rawValue, "description": feature.description]
                if !feature.scaleLabels.isEmpty {
                    object["scale_labels"] = Dictionary(uniqueKeysWithValues: feature.scaleLabels.map { ($0.key.rawValue, $0.value) })
                }
                return object
            }
            let entries: [[String: Any]] = collection.entries.map { entry in
                var values: [String: Any] = [:]
                for feature in collection.features {
                    guard let value = entry.features[feature.id] else { continue }
                    var object: [String: Any] = ["label": value.label(for: feature)]
                    switch value.value {
                    case .support(let level): object["value"] = level.rawValue
                    case .scale(let level): object["value"] = level.rawValue
                    case .text(let text): object["value"] = text
                    }
                    if let note = value.note { object["note"] = note }
                    if let source = value.provenance.source { object["source"] = source.text }
                    if let checked = value.provenance.checked { object["checked"] = checked.date.isoDate }
                    values[feature.id] = object
                }
                var object: [String: Any] = ["id": entry.id, "name": entry.name, "url": baseURL.absolute(entry.sitePath),
                                             "summary": entry.summary, "features": values]
                if let website = entry.website { object["website"] = website }
                if let reviewed = entry.reviewed { object["reviewed"] = reviewed.date.isoDate }
                for field in declaration.fields {
                    if let value = entry.fields[field.id], let json = json(value, field, collection: collection) { object[field.id] = json }
                }
                return object
            }
            return ["id": declaration.id, "singular": declaration.singular, "plural": declaration.plural,
                    "url": baseURL.absolute(declaration.entriesPath), "compare_url": baseURL.absolute(declaration.comparePath),
                    "groups": groups, "features": features, "entries": entries]
        }
        return JSONLD.encode(["collections": collections]) + "\n"
    }

    /// A field's value as JSON: figures in words, as the tables show them; a diagram is left to the pages.
    private static func json(_ value: FieldValue, _ field: FieldDeclaration, collection: CatalogCollection) -> Any? {
        switch (field.kind, value) {
        case (_, .text(let text)), (_, .link(let text)): return text
        case (_, .list(let texts)): return texts
        case let (.items(keys), .items(items)): return items.map { Dictionary(uniqueKeysWithValues: zip(keys, $0.values)) }
        case let (.figures(parts, measures), .figures(set)):
            var object: [String: Any] = [:]
            for part in parts {
                if let need = set.parts[part.id] {
                    object[part.id] = ResourceTable.describe(need, part: part.id, field: field, measures: measures, collection: collection)
                }
            }
            if let note = set.note { object["note"] = note }
            return object
        case let (.record(inner), .record(values)):
            var object: [String: Any] = [:]
            for sub in inner { if let value = values[sub.id], let json = json(value, sub, collection: collection) { object[sub.id] = json } }
            return object
        default: return nil
        }
    }
}
