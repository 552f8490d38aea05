/// The catalog's pages as search documents: each mesh, the comparison of them all and each pair. Their words are
/// the catalog's (summaries, capabilities, feature labels and descriptions, pros and cons, choose-if…), sectioned
/// by the headings their templates give them, so a hit links to the part of the page that says it.
enum CatalogSearchEntries {
    static func count(_ catalog: Catalog) -> Int {
        let meshes = catalog.meshes.count
        return meshes == 0 ? 0 : meshes + 1 + meshes * (meshes - 1) / 2
    }

    static func make(_ catalog: Catalog, baseURL base: BaseURL) -> [SearchDocument] {
        typealias Section = SearchDocument.Section
        var documents = catalog.meshes.map { mesh in
            SearchDocument(
                kind: "mesh", title: mesh.name, url: base.rooted(mesh.sitePath), description: mesh.summary,
                facts: [mesh.vendor, mesh.proxyName, mesh.proxyLanguage, mesh.controlPlane],
                sections: [
                    Section(heading: "", id: "", text: mesh.summary),
                    Section(heading: "Overview", id: "overview",
                            text: (mesh.components.map { "\($0.name) \($0.role)" } + [mesh.teamReadiness]).joined(separator: " ")),
                    Section(heading: "Key capabilities", id: "capabilities", text: mesh.capabilities.joined(separator: " ")),
                    Section(heading: "Strengths", id: "pros-heading", text: mesh.pros.map { "\($0.title) \($0.detail)" }.joined(separator: " ")),
                    Section(heading: "Weaknesses", id: "cons-heading", text: mesh.cons.map { "\($0.title) \($0.detail)" }.joined(separator: " ")),
                    Section(heading: "When to choose \(mesh.name)", id: "when-to-choose", text: mesh.whenToChoose.joined(separator: " ")),
                    Section(heading: "Choose \(mesh.name) if…", id: "choose-if", text: mesh.chooseIf.joined(separator: " ")),
                ])
        }
        guard !catalog.meshes.isEmpty else { return documents }
        let names = TableMarkup.list(catalog.meshes.map(\.name))
        documents.append(SearchDocument(
            kind: "compare", title: "Compare " + names, url: base.rooted("/compare/"), description: "Every feature side by side.",
            facts: catalog.meshes.map(\.name),
            sections: [Section(heading: "", id: "", text: "Every feature of \(names) side by side."),
                       Section(heading: "Feature matrix", id: "feature-matrix",
                               text: catalog.features.map { "\($0.label): \($0.description)" }.joined(separator: " "))]
                + catalog.meshes.map { mesh in
                    Section(heading: "Choose \(mesh.name) if…", id: "decision-\(mesh.id)", text: mesh.chooseIf.joined(separator: " "))
                }))
        for pair in MeshPair.all(in: catalog) {
            documents.append(SearchDocument(
                kind: "compare", title: pair.title, url: base.rooted(pair.sitePath), description: pair.description,
                facts: [pair.first.name, pair.second.name],
                sections: [
                    Section(heading: "", id: "", text: pair.description),
                    Section(heading: "Where they differ", id: "where-they-differ",
                            text: pair.differing.map { "\($0.label): \($0.description)" }.joined(separator: " ")),
                    Section(heading: "Where they agree", id: "where-they-agree", text: pair.agreeing.map(\.label).joined(separator: ", ")),
                    Section(heading: "Choose \(pair.first.name) if…", id: "decision-\(pair.first.id)", text: pair.first.chooseIf.joined(separator: " ")),
                    Section(heading: "Choose \(pair.second.name) if…", id: "decision-\(pair.second.id)", text: pair.second.chooseIf.joined(separator: " ")),
                ]))
        }
        return documents
    }
}
