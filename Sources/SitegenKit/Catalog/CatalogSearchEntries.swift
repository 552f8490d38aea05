/// The catalog's pages as search documents: each entry, the comparison of each collection and each pair. Their
/// words are the catalog's (summaries, fields, feature labels and descriptions), sectioned by the headings their
/// templates give them (a field's `anchor`), so a hit links to the part of the page that says it.
enum CatalogSearchEntries {
    static func count(_ catalog: Catalog) -> Int {
        catalog.collections.reduce(0) { total, collection in
            let entries = collection.entries.count
            return total + (entries == 0 ? 0 : entries + 1 + entries * (entries - 1) / 2)
        }
    }

    static func make(_ catalog: Catalog, baseURL base: BaseURL) -> [SearchDocument] {
        catalog.collections.flatMap { make($0, baseURL: base) }
    }

    static func make(_ collection: CatalogCollection, baseURL base: BaseURL) -> [SearchDocument] {
        typealias Section = SearchDocument.Section
        let declaration = collection.declaration
        let decision = declaration.decisionField.flatMap(declaration.field)
        var documents = collection.entries.map { entry in
            // Fields with an anchor are sections of their own; the rest of the words go to the overview.
            var overview: [String] = []
            var sections: [Section] = []
            for field in declaration.fields {
                guard let value = entry.fields[field.id] else { continue }
                let text = words(value, field).joined(separator: " ")
                guard !text.isEmpty else { continue }
                if let anchor = field.anchor {
                    sections.append(Section(heading: field.label(for: entry.name), id: anchor, text: text))
                } else {
                    overview.append(text)
                }
            }
            let facts = declaration.summaryFields.compactMap(declaration.field).flatMap { field -> [String] in
                if case .record = field.kind, let value = entry.fields[field.id] { return words(value, field) }
                return entry.text(field.id).map { [$0] } ?? []
            }
            return SearchDocument(
                kind: "\(declaration.singularTitle) profile", title: entry.name, url: base.rooted(entry.sitePath), description: entry.summary, facts: facts,
                sections: [Section(heading: "", id: "", text: entry.summary), Section(heading: "Overview", id: "overview", text: overview.joined(separator: " "))]
                    + sections)
        }
        guard !collection.entries.isEmpty else { return documents }
        let names = TableMarkup.list(collection.entries.map(\.name))
        func decisionSections(_ entries: [Entry]) -> [Section] {
            guard let decision else { return [] }
            return entries.map { Section(heading: decision.label(for: $0.name), id: "decision-\($0.id)", text: $0.list(decision.id).joined(separator: " ")) }
        }
        documents.append(SearchDocument(
            kind: "compare", title: "Compare " + names, url: base.rooted(declaration.comparePath), description: "Every feature side by side.",
            facts: collection.entries.map(\.name),
            sections: [Section(heading: "", id: "", text: "Every feature of \(names) side by side."),
                       Section(heading: "Feature matrix", id: "feature-matrix",
                               text: collection.features.map { "\($0.label): \($0.description)" }.joined(separator: " "))]
                + decisionSections(collection.entries)))
        for pair in EntryPair.all(in: collection) {
            documents.append(SearchDocument(
                kind: "compare", title: pair.title, url: base.rooted(pair.sitePath), description: pair.description,
                facts: [pair.first.name, pair.second.name],
                sections: [
                    Section(heading: "", id: "", text: pair.description),
                    Section(heading: "Where they differ", id: "where-they-differ",
                            text: pair.differing.map { "\($0.label): \($0.description)" }.joined(separator: " ")),
                    Section(heading: "Where they agree", id: "where-they-agree", text: pair.agreeing.map(\.label).joined(separator: ", ")),
                ] + decisionSections([pair.first, pair.second])))
        }
        return documents
    }

    /// The words of a field's value: texts as written, items' texts, a record's texts; figures and diagrams have none.
    private static func words(_ value: FieldValue, _ field: FieldDeclaration) -> [String] {
        switch (field.kind, value) {
        case (_, .text(let text)): [text]
        case (_, .link): []
        case (_, .list(let texts)): texts
        case (_, .items(let items)): items.map { $0.values.joined(separator: " ") }
        case let (.record(inner), .record(values)): inner.flatMap { sub in values[sub.id].map { words($0, sub) } ?? [] }
        default: []
        }
    }
}
