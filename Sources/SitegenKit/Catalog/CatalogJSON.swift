/// `/catalog.json`: the catalog for other tools, with the same escaping as JSON-LD so it is safe to inline anywhere.
enum CatalogJSON {
    static func render(_ catalog: Catalog, baseURL: BaseURL) -> String {
        let groups: [[String: Any]] = catalog.groups.map { ["id": $0.id, "label": $0.label] }
        let features: [[String: Any]] = catalog.features.map { feature in
            var object: [String: Any] = ["id": feature.id, "label": feature.label, "group": feature.group,
                                         "kind": feature.kind.rawValue, "description": feature.description]
            if !feature.scaleLabels.isEmpty {
                object["scale_labels"] = Dictionary(uniqueKeysWithValues: feature.scaleLabels.map { ($0.key.rawValue, $0.value) })
            }
            return object
        }
        let meshes: [[String: Any]] = catalog.meshes.map { mesh in
            var values: [String: Any] = [:]
            for feature in catalog.features {
                guard let value = mesh.features[feature.id] else { continue }
                var entry: [String: Any] = ["label": value.label(for: feature)]
                switch value.value {
                case .support(let level): entry["value"] = level.rawValue
                case .scale(let level): entry["value"] = level.rawValue
                case .text(let text): entry["value"] = text
                }
                if let note = value.note { entry["note"] = note }
                if let source = value.provenance.source { entry["source"] = source.text }
                if let checked = value.provenance.checked { entry["checked"] = checked.date.isoDate }
                values[feature.id] = entry
            }
            var object: [String: Any] = [
                "id": mesh.id, "name": mesh.name, "url": baseURL.absolute(mesh.sitePath), "vendor": mesh.vendor,
                "proxy": ["name": mesh.proxyName, "language": mesh.proxyLanguage],
                "control_plane": ["name": mesh.controlPlane, "components": mesh.components.map { ["name": $0.name, "role": $0.role] }],
                "summary": mesh.summary, "capabilities": mesh.capabilities, "features": values,
                "resources": [
                    "proxy": ResourceTable.describe(mesh.resources.proxy, catalog: catalog),
                    "control_plane": ResourceTable.describe(mesh.resources.controlPlane, catalog: catalog),
                ],
                "team_readiness": mesh.teamReadiness,
                "pros": mesh.pros.map { ["title": $0.title, "detail": $0.detail] },
                "cons": mesh.cons.map { ["title": $0.title, "detail": $0.detail] },
                "when_to_choose": mesh.whenToChoose, "choose_if": mesh.chooseIf,
            ]
            if let website = mesh.website { object["website"] = website }
            if let reviewed = mesh.reviewed { object["reviewed"] = reviewed.date.isoDate }
            return object
        }
        return JSONLD.encode(["groups": groups, "features": features, "meshes": meshes]) + "\n"
    }
}
