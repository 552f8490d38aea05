/// The catalog's entries in `search-index.json`: one per mesh, and the comparison page with every feature.
enum CatalogSearchEntries {
    static func make(_ catalog: Catalog, baseURL base: BaseURL) -> [SearchIndex.Entry] {
        var entries = catalog.meshes.map { mesh in
            SearchIndex.Entry(kind: "mesh", title: mesh.name, url: base.rooted(mesh.sitePath), description: mesh.summary,
                              words: mesh.capabilities + [mesh.proxyName, mesh.vendor], sections: [], excerpt: "")
        }
        if !catalog.meshes.isEmpty {
            entries.append(SearchIndex.Entry(
                kind: "compare", title: "Compare " + TableMarkup.list(catalog.meshes.map(\.name)), url: base.rooted("/compare/"),
                description: "Every feature side by side.", words: catalog.features.map(\.label),
                sections: catalog.features.map { [$0.label, "#matrix"] },
                excerpt: catalog.features.map { "\($0.label): \($0.description)" }.joined(separator: " ")))
        }
        for pair in MeshPair.all(in: catalog) {
            entries.append(SearchIndex.Entry(
                kind: "compare", title: pair.title, url: base.rooted(pair.sitePath), description: pair.description,
                words: [pair.first.name, pair.second.name, "vs"] + pair.differing.map(\.label),
                sections: [["Where they differ", "#where-they-differ"], ["Resource planning", "#resource-planning"]],
                excerpt: pair.differing.map(\.label).joined(separator: ", ")))
        }
        return entries
    }
}
