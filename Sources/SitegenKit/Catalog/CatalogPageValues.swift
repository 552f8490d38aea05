/// What a catalog page's template sees besides `site` and `page`: its generated tables (`fragments`), every
/// mesh (`meshes`) and, on a mesh's own page, that mesh (`mesh`). Shaped here, beside the catalog, so page
/// rendering needs to know nothing about meshes.
enum CatalogPageValues {
    static func make(fragments: [String: String], catalog: Catalog, mesh: Mesh?, baseURL: BaseURL) -> TemplateValue {
        var values: TemplateValue = [
            "fragments": fragments,
            "meshes": catalog.meshes.map { meshValues($0, baseURL: baseURL) },
        ]
        if let mesh { values["mesh"] = meshValues(mesh, baseURL: baseURL) }
        return values
    }

    static func meshValues(_ mesh: Mesh, baseURL: BaseURL) -> TemplateValue {
        let points: ([Mesh.Point]) -> [TemplateValue] = { $0.map { ["title": $0.title, "detail": $0.detail] } }
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
            "pros": points(mesh.pros),
            "cons": points(mesh.cons),
            "when_to_choose": mesh.whenToChoose,
            "choose_if": mesh.chooseIf,
        ]
        if let website = mesh.website { values["website"] = .string(website) }
        if let caption = mesh.architecture?.caption { values["architecture_caption"] = .string(caption) }
        return values
    }
}
