/// What a catalog page's template sees besides `site` and `page`: its generated tables (`fragments`), its
/// collection (`collection`: labels and paths), every entry (`entries`), every pair (`pairs`) and, on an entry's own
/// page, that entry (`entry`). An entry's values are its common keys and each declared field by id: text and links
/// as text, lists as lists, records as maps, items as maps of their keys (with `source_ref`), figures as each
/// part's need in words, a diagram as its `caption`. Shaped here, beside the catalog, so page rendering needs to
/// know nothing about any collection.
enum CatalogPageValues {
    static func make(fragments: [String: String], collection: CatalogCollection, entry: Entry?, citations: [String: [String]] = [:],
                     pairs: [EntryPair], baseURL: BaseURL) -> TemplateValue {
        let declaration = collection.declaration
        var values: TemplateValue = [
            "fragments": fragments,
            "collection": [
                "id": declaration.id, "singular": declaration.singular, "plural": declaration.plural,
                "singular_title": declaration.singularTitle, "plural_title": declaration.pluralTitle,
                "index_url": baseURL.rooted(declaration.entriesPath), "compare_url": baseURL.rooted(declaration.comparePath),
                "matrix_csv_url": baseURL.rooted(declaration.comparePath + "matrix.csv"),
            ] as TemplateValue,
            "entries": collection.entries.map { entryValues($0, collection: collection, baseURL: baseURL) },
            "pairs": pairs.map { ["title": $0.title, "url": baseURL.rooted($0.sitePath)] as TemplateValue },
        ]
        if let entry {
            var one = entryValues(entry, collection: collection, citations: citations, baseURL: baseURL)
            // Each pair that includes this entry, named by the other one: "Linkerd", linking to istio-vs-linkerd.
            let others: [TemplateValue] = pairs.compactMap { pair in
                guard pair.first.id == entry.id || pair.second.id == entry.id else { return nil }
                let other = pair.first.id == entry.id ? pair.second : pair.first
                return ["title": "\(entry.name) vs \(other.name)", "name": other.name, "url": baseURL.rooted(pair.sitePath)]
            }
            one["compare_with"] = .list(others)
            one["has_compare_with"] = .bool(!others.isEmpty)
            values["entry"] = one
        }
        return values
    }

    static func entryValues(_ entry: Entry, collection: CatalogCollection, citations: [String: [String]] = [:], baseURL: BaseURL) -> TemplateValue {
        var values: TemplateValue = [
            "id": entry.id,
            "name": entry.name,
            "url": baseURL.rooted(entry.sitePath),
            "summary": entry.summary,
        ]
        if let website = entry.website { values["website"] = .string(website) }
        if let reviewed = entry.reviewed {
            values["reviewed"] = .string(reviewed.date.longForm)
            values["reviewed_iso"] = .string(reviewed.date.isoDate)
        }
        for field in collection.declaration.fields {
            guard let value = entry.fields[field.id] else { continue }
            values[field.id] = fieldValue(value, field, entry: entry, citations: citations[field.id] ?? [], collection: collection)
        }
        return values
    }

    // `source_ref` is markup made by `SourceNotes` (escaped there), for `{{{source_ref}}}`.
    private static func fieldValue(_ value: FieldValue, _ field: FieldDeclaration, entry: Entry, citations: [String],
                                   collection: CatalogCollection) -> TemplateValue {
        switch (field.kind, value) {
        case (_, .text(let text)), (_, .link(let text)):
            return .string(text)
        case (_, .list(let texts)):
            return .list(texts.map { TemplateValue.string($0) })
        case let (.items(keys), .items(items)):
            return .list(items.enumerated().map { index, item -> TemplateValue in
                var fields: [String: TemplateValue] = ["source_ref": .string(citations.indices.contains(index) ? citations[index] : "")]
                for (key, text) in zip(keys, item.values) { fields[key] = .string(text) }
                return .object(fields)
            })
        case let (.figures(parts, measures), .figures(set)):
            var map: TemplateValue = [:]
            for part in parts {
                guard let need = set.parts[part.id] else { continue }
                map[part.id] = .string(ResourceTable.describe(need, part: part.id, field: field, measures: measures, collection: collection))
            }
            if let note = set.note { map["note"] = .string(note) }
            return map
        case (_, .diagram(let description)):
            var map: TemplateValue = [:]
            if let caption = description.caption { map["caption"] = .string(caption) }
            return map
        case let (.record(inner), .record(values)):
            var map: TemplateValue = [:]
            for sub in inner {
                if let value = values[sub.id] { map[sub.id] = fieldValue(value, sub, entry: entry, citations: [], collection: collection) }
            }
            return map
        default:
            return .string("")
        }
    }
}
