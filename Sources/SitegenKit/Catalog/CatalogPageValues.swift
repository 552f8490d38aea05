/// What a catalog page's template sees besides `site` and `page`: its generated tables (`fragments`), every
/// mesh (`meshes`) and, on a mesh's own page, that mesh (`mesh`). Shaped here, beside the catalog, so page
/// rendering needs to know nothing about meshes.
enum CatalogPageValues {
    static func make(fragments: [String: String], catalog: Catalog, mesh: Mesh?, citations: [String: [String]] = [:], pairs: [MeshPair],
                     baseURL: BaseURL) -> TemplateValue {
        var values: TemplateValue = [
            "fragments": fragments,
            "meshes": catalog.meshes.map { meshValues($0, baseURL: baseURL) },
            "pairs": pairs.map { ["title": $0.title, "url": baseURL.rooted($0.sitePath)] as TemplateValue },
        ]
        if let mesh {
            var one = meshValues(mesh, citations: citations, baseURL: baseURL)
            // Each pair that includes this mesh, named by the other one: "Linkerd", linking to istio-vs-linkerd.
            let others: [TemplateValue] = pairs.compactMap { pair in
                guard pair.first.id == mesh.id || pair.second.id == mesh.id else { return nil }
                let other = pair.first.id == mesh.id ? pair.second : pair.first
                return ["title": "\(mesh.name) vs \(other.name)", "name": other.name, "url": baseURL.rooted(pair.sitePath)]
            }
            one["compare_with"] = .list(others)
            one["has_compare_with"] = .bool(!others.isEmpty)
            values["mesh"] = one
        }
        return values
    }

    static func meshValues(_ mesh: Mesh, citations: [String: [String]] = [:], baseURL: BaseURL) -> TemplateValue {
        // `source_ref` is markup made by `SourceNotes` (escaped there), for `{{{source_ref}}}`.
        func points(_ list: [Mesh.Point], _ key: String) -> [TemplateValue] {
            list.enumerated().map { index, point in
                let reference = citations[key].flatMap { $0.indices.contains(index) ? $0[index] : nil } ?? ""
                return ["title": point.title, "detail": point.detail, "source_ref": reference] as TemplateValue
            }
        }
        var values: TemplateValue = [
            "id": mesh.id,
            "name": mesh.name,
            "url": baseURL.rooted(mesh.sitePath),
            "vendor": mesh.vendor,
            "proxy_name": mesh.proxyName,
            "proxy_language": mesh.proxyLanguage,
            "control_plane": mesh.controlPlane,
            "components": mesh.components.map { ["name": $0.name, "role": $0.role] },
            "summary": mesh.summary,
            "capabilities": mesh.capabilities,
            "team_readiness": mesh.teamReadiness,
            "pros": points(mesh.pros, "pros"),
            "cons": points(mesh.cons, "cons"),
            "when_to_choose": mesh.whenToChoose,
            "choose_if": mesh.chooseIf,
        ]
        if let website = mesh.website { values["website"] = .string(website) }
        if let caption = mesh.architecture?.caption { values["architecture_caption"] = .string(caption) }
        if let reviewed = mesh.reviewed {
            values["reviewed"] = .string(reviewed.date.longForm)
            values["reviewed_iso"] = .string(reviewed.date.isoDate)
        }
        return values
    }
}
