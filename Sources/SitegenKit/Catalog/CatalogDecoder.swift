/// Validates `Content/catalog/`: `features.yaml` and one file per mesh, every problem at its YAML node.
enum CatalogDecoder {
    static let featureFileKeys = ["groups", "features"]
    static let groupKeys = ["id", "label"]
    static let featureKeys = ["id", "label", "group", "kind", "description", "scale_labels"]
    static let meshKeys = ["id", "name", "order", "vendor", "website", "proxy", "control_plane", "summary", "capabilities",
                           "features", "resources", "team_readiness", "pros", "cons", "when_to_choose", "choose_if", "architecture",
                           "reviewed"]

    static func decode(features file: SourceFile?, meshes files: [SourceFile]) -> (Catalog, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        guard let file else {
            if let first = files.first {
                diagnostics.append(.error("mesh files need Content/catalog/features.yaml to define the features they are compared on", at: SourceLocation(path: first.path)))
            }
            return (.empty, diagnostics)
        }
        let (groups, features) = decodeFeatures(file, &diagnostics)
        var meshes: [Mesh] = []
        var references: [MeshReference] = []
        var seen: [String: String] = [:]
        // Meshes whose files had errors: a reference to one is not reported again, as a compiler does not report
        // every use of a declaration it could not compile.
        var failed: Set<String> = []
        for file in files {
            var decoded = DecodedMesh()
            decodeMesh(file, features: features, into: &decoded, &diagnostics)
            guard let mesh = decoded.mesh else {
                if let id = decoded.id { failed.insert(id) }
                continue
            }
            if let other = seen[mesh.id] {
                diagnostics.append(.error("mesh id '\(mesh.id)' is already used by \(other)", at: mesh.location))
                continue
            }
            seen[mesh.id] = file.path
            meshes.append(mesh)
            references += decoded.references.map { MeshReference(from: mesh.id, to: $0.id, location: $0.location) }
        }
        for reference in references where seen[reference.to] == nil || reference.to == reference.from {
            let other = reference.to
            guard other == reference.from || !failed.contains(other) else { continue }
            diagnostics.append(.error(
                "resources refer to mesh '\(other)', which \(other == reference.from ? "is this mesh" : "does not exist")\(Suggestion.hint(for: other, in: seen.keys.sorted()))",
                at: reference.location))
        }
        meshes.sort { ($0.order, $0.name, $0.id) < ($1.order, $1.name, $1.id) }
        return (Catalog(groups: groups, features: features, meshes: meshes), diagnostics)
    }

    // MARK: features.yaml

    private static func decodeFeatures(_ file: SourceFile, _ diagnostics: inout [Diagnostic]) -> ([FeatureGroup], [Feature]) {
        let (root, problems) = YAMLDocument.parse(file.text, path: file.path)
        diagnostics += problems
        guard problems.isEmpty, let map = YAMLMap.root(root, path: file.path, lineOffset: 0, what: "features.yaml", &diagnostics) else { return ([], []) }
        map.rejectUnknownKeys(featureFileKeys, in: "features.yaml", &diagnostics)

        var groups: [FeatureGroup] = []
        for item in map.mapList("groups", &diagnostics) ?? [] {
            item.rejectUnknownKeys(groupKeys, in: "a group", &diagnostics)
            guard let id = item.identifier("id", required: true, &diagnostics) else { continue }
            if groups.contains(where: { $0.id == id }) {
                diagnostics.append(.error("group id '\(id)' is defined twice", at: item.value("id").map(item.location(of:)) ?? item.location))
                continue
            }
            groups.append(FeatureGroup(id: id, label: item.string("label", required: true, &diagnostics) ?? id))
        }

        var features: [Feature] = []
        guard let items = map.mapList("features", &diagnostics) else {
            map.missing("features", &diagnostics)
            return (groups, [])
        }
        for item in items {
            item.rejectUnknownKeys(featureKeys, in: "a feature", &diagnostics)
            let id = item.identifier("id", required: true, &diagnostics)
            let label = item.string("label", required: true, &diagnostics)
            let group = item.identifier("group", required: true, &diagnostics)
            let description = item.string("description", required: true, &diagnostics)
            var kind: Feature.Kind?
            if let text = item.string("kind", required: true, &diagnostics) {
                kind = Feature.Kind(rawValue: text)
                if kind == nil, let node = item.value("kind") {
                    diagnostics.append(.error(
                        "kind '\(text)' is not one of: \(Feature.Kind.allCases.map(\.rawValue).joined(separator: ", "))",
                        at: item.location(of: node)))
                }
            }
            if let group, !groups.isEmpty, !groups.contains(where: { $0.id == group }), let node = item.value("group") {
                diagnostics.append(.error(
                    "group '\(group)' is not defined under 'groups'\(Suggestion.hint(for: group, in: groups.map(\.id)))",
                    at: item.location(of: node)))
            }
            var scaleLabels: [ScaleLevel: String] = [:]
            if let labels = item.map("scale_labels", &diagnostics) {
                labels.rejectUnknownKeys(ScaleLevel.allCases.map(\.rawValue), in: "scale_labels", &diagnostics)
                for level in ScaleLevel.allCases {
                    if let text = labels.string(level.rawValue, &diagnostics) { scaleLabels[level] = text }
                }
                if kind != .scale {
                    diagnostics.append(.error("scale_labels only apply to features of kind scale", at: labels.location))
                }
            }
            guard let id, let label, let group, let description, let kind else { continue }
            let location = item.value("id").map(item.location(of:)) ?? item.location
            if features.contains(where: { $0.id == id }) {
                diagnostics.append(.error("feature id '\(id)' is defined twice", at: location))
                continue
            }
            features.append(Feature(id: id, label: label, group: group, kind: kind, description: description,
                                    scaleLabels: scaleLabels, location: location))
        }
        if groups.isEmpty {
            // Without a groups list, groups appear in the order features first use them.
            for feature in features where !groups.contains(where: { $0.id == feature.group }) {
                groups.append(FeatureGroup(id: feature.group, label: feature.group.prefix(1).uppercased() + feature.group.dropFirst()))
            }
        }
        return (groups, features)
    }

    // MARK: meshes/<id>.yaml

    /// What one mesh file gave: the mesh when it had no errors, the id it claims either way, and where it names
    /// other meshes (`similar_to`).
    private struct DecodedMesh {
        var mesh: Mesh?
        var id: String?
        var references: [(id: String, location: SourceLocation)] = []
    }

    /// A `similar_to` in mesh `from`, checked once every mesh is known.
    private struct MeshReference {
        var from: String
        var to: String
        var location: SourceLocation
    }

    private static func decodeMesh(_ file: SourceFile, features: [Feature], into decoded: inout DecodedMesh, _ diagnostics: inout [Diagnostic]) {
        let stem = String(file.path.split(separator: "/").last ?? "").replacingOccurrences(of: ".yaml", with: "")
        decoded.id = stem
        let (root, problems) = YAMLDocument.parse(file.text, path: file.path)
        diagnostics += problems
        guard problems.isEmpty, let map = YAMLMap.root(root, path: file.path, lineOffset: 0, what: "a mesh file", &diagnostics) else { return }
        let errorsBefore = diagnostics.filter(\.isError).count
        map.rejectUnknownKeys(meshKeys, in: "a mesh", &diagnostics)

        // A present but empty `id:` is an error, not the file name: otherwise the mesh vanished without a word.
        let id = map.value("id") == nil ? stem : map.identifier("id", required: true, &diagnostics)
        if let written = map.value("id")?.scalar?.string { decoded.id = written }
        let location = map.value("id").map(map.location(of:)) ?? map.location
        if map.value("id") == nil, !YAMLMap.isIdentifier(stem) {
            diagnostics.append(.error("the file name '\(stem)' is not a usable mesh id; add an 'id' of lowercase letters, digits and '-'", at: location))
        }
        let name = map.string("name", required: true, &diagnostics)
        let order = map.int("order", in: -1000...1000, &diagnostics) ?? 0
        let vendor = map.string("vendor", required: true, &diagnostics)
        let website = map.string("website", &diagnostics)

        var proxyName: String?, proxyLanguage: String?
        if let proxy = map.map("proxy", &diagnostics) {
            proxy.rejectUnknownKeys(["name", "language"], in: "proxy", &diagnostics)
            proxyName = proxy.string("name", required: true, &diagnostics)
            proxyLanguage = proxy.string("language", required: true, &diagnostics)
        } else {
            map.missing("proxy", &diagnostics)
        }

        var controlPlane: String?
        var components: [Mesh.Component] = []
        if let plane = map.map("control_plane", &diagnostics) {
            plane.rejectUnknownKeys(["name", "components"], in: "control_plane", &diagnostics)
            controlPlane = plane.string("name", required: true, &diagnostics)
            for item in plane.mapList("components", &diagnostics) ?? [] {
                item.rejectUnknownKeys(["name", "role"], in: "a component", &diagnostics)
                let name = item.string("name", required: true, &diagnostics), role = item.string("role", required: true, &diagnostics)
                if let name, let role {
                    components.append(.init(name: name, role: role))
                }
            }
        } else {
            map.missing("control_plane", &diagnostics)
        }

        let summary = map.string("summary", required: true, &diagnostics)
        let capabilities = map.texts("capabilities", &diagnostics)
        let values = decodeFeatureValues(map, features: features, &diagnostics)
        let resources = decodeResources(map, references: &decoded.references, &diagnostics)
        let teamReadiness = map.string("team_readiness", required: true, &diagnostics)
        let pros = decodePoints(map, "pros", &diagnostics)
        let cons = decodePoints(map, "cons", &diagnostics)
        let whenToChoose = map.texts("when_to_choose", &diagnostics)
        let chooseIf = map.texts("choose_if", &diagnostics)
        var architecture: DiagramDescription?
        if let description = map.map("architecture", &diagnostics) {
            architecture = DiagramDecoder.decode(description, &diagnostics)
            // Layout problems (an edge with no room) belong to the catalog file, not to every page that draws it.
            if let architecture { diagnostics += DiagramRenderer.render(architecture, style: .unicode).1 }
        }

        let reviewed = ProvenanceDecoder.date(map, "reviewed", &diagnostics)

        guard diagnostics.filter(\.isError).count == errorsBefore, let id, let name, let vendor, let proxyName, let proxyLanguage,
              let controlPlane, let summary, let resources, let teamReadiness
        else { return }
        decoded.mesh = Mesh(id: id, name: name, order: order, vendor: vendor, website: website, proxyName: proxyName, proxyLanguage: proxyLanguage,
                    controlPlane: controlPlane, components: components, summary: summary, capabilities: capabilities,
                    features: values, resources: resources, teamReadiness: teamReadiness, pros: pros, cons: cons,
                    whenToChoose: whenToChoose, chooseIf: chooseIf, architecture: architecture, reviewed: reviewed, sourcePath: file.path, location: location)
    }

    private static func decodeFeatureValues(_ map: YAMLMap, features: [Feature], _ diagnostics: inout [Diagnostic]) -> [String: FeatureValue] {
        guard let table = map.map("features", &diagnostics) else {
            map.missing("features", &diagnostics)
            return [:]
        }
        var values: [String: FeatureValue] = [:]
        for pair in table.mapping {
            guard let id = pair.key.scalar?.string else { continue }
            guard let feature = features.first(where: { $0.id == id }) else {
                diagnostics.append(.error(
                    "unknown feature '\(id)'\(Suggestion.hint(for: id, in: features.map(\.id))); features are defined in features.yaml",
                    at: table.location(of: pair.key)))
                continue
            }
            if let value = decodeValue(pair.value, feature: feature, in: table, &diagnostics) { values[id] = value }
        }
        let missing = features.filter { feature in !table.keys.contains(feature.id) }
        if !missing.isEmpty {
            diagnostics.append(.error(
                "no value for \(missing.count == 1 ? "feature" : "features") \(missing.map { "'\($0.id)'" }.joined(separator: ", ")); every mesh states every feature",
                at: map.entry("features").map { map.location(of: $0.key) } ?? map.location))
        }
        return values
    }

    /// `mtls: "yes"` or `multi-cluster: {value: via-add-on, note: "…", source: https://…, checked: 2026-03-15}`.
    private static func decodeValue(_ node: Yams.Node, feature: Feature, in table: YAMLMap, _ diagnostics: inout [Diagnostic]) -> FeatureValue? {
        var note: String?
        var text: String?
        var provenance = Provenance.none
        var valueNode = node
        if let mapping = node.mapping {
            let entry = YAMLMap(mapping: mapping, path: table.path, lineOffset: table.lineOffset, location: table.location(of: node))
            entry.rejectUnknownKeys(["value", "note"] + ProvenanceDecoder.keys, in: "the value of '\(feature.id)'", &diagnostics)
            note = entry.string("note", &diagnostics)
            provenance = ProvenanceDecoder.decode(entry, &diagnostics)
            text = entry.string("value", required: true, &diagnostics)
            valueNode = entry.value("value") ?? node
        } else {
            text = YAMLMap.text(of: node, key: feature.id, map: table, allowEmpty: false, &diagnostics)
        }
        guard let text else { return nil }
        let location = table.location(of: valueNode)
        let value: FeatureValue.Value?
        switch feature.kind {
        case .support: value = SupportLevel(rawValue: text).map { .support($0) }
        case .scale: value = ScaleLevel(rawValue: text).map { .scale($0) }
        case .text: value = .text(text)
        }
        guard let value else {
            let allowed = feature.kind == .support ? SupportLevel.allCases.map(\.rawValue) : ScaleLevel.allCases.map(\.rawValue)
            diagnostics.append(.error(
                "'\(text)' is not a \(feature.kind.rawValue) value for '\(feature.id)'\(Suggestion.hint(for: text, in: allowed)); use one of: \(allowed.joined(separator: ", "))",
                at: location))
            return nil
        }
        return FeatureValue(value: value, note: note, provenance: provenance, location: location)
    }

    private static func decodeResources(_ map: YAMLMap, references: inout [(id: String, location: SourceLocation)],
                                        _ diagnostics: inout [Diagnostic]) -> MeshResources? {
        guard let resources = map.map("resources", &diagnostics) else {
            map.missing("resources", &diagnostics)
            return nil
        }
        resources.rejectUnknownKeys(["proxy", "control_plane", "note"], in: "resources", &diagnostics)
        func need(_ key: String) -> ResourceNeed? {
            guard let part = resources.map(key, &diagnostics) else {
                resources.missing(key, &diagnostics)
                return nil
            }
            part.rejectUnknownKeys(["memory", "cpu", "similar_to", "managed_by"], in: key, &diagnostics)
            if let other = part.identifier("similar_to", &diagnostics) {
                references.append((other, part.value("similar_to").map(part.location(of:)) ?? part.location))
                return .similarTo(other)
            }
            if let vendor = part.string("managed_by", &diagnostics) { return .managedBy(vendor) }
            let memory = figure(part, "memory"), cpu = figure(part, "cpu")
            if part.value("memory") == nil && part.value("cpu") == nil {
                diagnostics.append(.error("give memory and cpu figures, similar_to another mesh, or managed_by a vendor", at: part.location))
                return nil
            }
            guard memory != nil || cpu != nil else { return nil }
            return .figures(memory: memory, cpu: cpu)
        }
        func figure(_ part: YAMLMap, _ key: String) -> ResourceFigure? {
            guard let figure = part.map(key, &diagnostics) else { return nil }
            figure.rejectUnknownKeys(["min", "max", "unit", "or_more", "text"] + ProvenanceDecoder.keys, in: key, &diagnostics)
            let provenance = ProvenanceDecoder.decode(figure, &diagnostics)
            return amount(figure, key).map { ResourceFigure(amount: $0, provenance: provenance) }
        }
        func amount(_ figure: YAMLMap, _ key: String) -> ResourceAmount? {
            if let text = figure.string("text", &diagnostics) { return .text(text) }
            guard let min = figure.number("min", &diagnostics) else {
                if figure.value("min") == nil { figure.missing("min", &diagnostics) }
                return nil
            }
            let unit = figure.string("unit", required: true, &diagnostics) ?? ""
            let orMore = figure.bool("or_more", &diagnostics) ?? false
            let max = figure.number("max", &diagnostics)
            if let max, max < min, let node = figure.value("min") {
                diagnostics.append(.error(
                    "the range's minimum \(ResourceAmount.format(min)) is larger than its maximum \(ResourceAmount.format(max))",
                    at: figure.location(of: node)))
                return nil
            }
            if max == nil && !orMore {
                diagnostics.append(.error("give a 'max', or 'or_more: true' for an open-ended figure such as 8 GB+", at: figure.location))
                return nil
            }
            return .range(min: min, max: orMore ? nil : max, unit: unit)
        }
        let proxy = need("proxy"), controlPlane = need("control_plane")
        let note = resources.string("note", &diagnostics)
        guard let proxy, let controlPlane else { return nil }
        return MeshResources(proxy: proxy, controlPlane: controlPlane, note: note)
    }

    private static func decodePoints(_ map: YAMLMap, _ key: String, _ diagnostics: inout [Diagnostic]) -> [Mesh.Point] {
        (map.mapList(key, &diagnostics) ?? []).compactMap { item in
            item.rejectUnknownKeys(["title", "detail"] + ProvenanceDecoder.keys, in: "an item of \(key)", &diagnostics)
            let provenance = ProvenanceDecoder.decode(item, &diagnostics)
            // Both read before either is checked, so an empty title and detail are reported together.
            let title = item.string("title", required: true, &diagnostics), detail = item.string("detail", required: true, &diagnostics)
            guard let title, let detail else { return nil }
            return Mesh.Point(title: title, detail: detail, provenance: provenance)
        }
    }
}

import Yams
