/// Reads `Content/catalog/<id>/_collection.yaml`: labels, paths, templates, feature groups and features, and the
/// declared fields, every problem at its YAML node.
enum DeclarationDecoder {
    static let fileName = "_collection.yaml"
    static let keys = ["singular", "plural", "description", "paths", "templates", "summary", "decision", "details", "fields", "groups", "features"]
    static let groupKeys = ["id", "label"]
    static let featureKeys = ["id", "label", "group", "kind", "description", "scale_labels"]
    static let fieldKeys = ["id", "label", "type", "required", "description", "anchor", "item", "fields", "keys", "parts", "measures"]
    /// Keys every entry has, which a field may not take.
    static let commonEntryKeys = ["id", "name", "order", "summary", "website", "features", "reviewed"]

    static func decode(_ file: SourceFile, id: String, _ diagnostics: inout [Diagnostic]) -> CollectionDeclaration? {
        let (root, problems) = YAMLDocument.parse(file.text, path: file.path)
        diagnostics += problems
        guard problems.isEmpty, let map = YAMLMap.root(root, path: file.path, lineOffset: 0, what: "a collection declaration", &diagnostics) else { return nil }
        let errorsBefore = diagnostics.filter(\.isError).count
        map.rejectUnknownKeys(keys, in: "a collection declaration", &diagnostics)
        let singular = map.string("singular", required: true, &diagnostics)
        let plural = map.string("plural", required: true, &diagnostics)
        let description = map.string("description", &diagnostics) ?? "Profiles of {names}, feature by feature."

        var entriesPath = "/\(id)/", comparePath = "/\(id)/compare/"
        var keyLocations: [String: SourceLocation] = [:]
        for key in ["paths.entries", "paths.compare", "templates.index", "templates.entry", "templates.compare", "templates.pair"] {
            keyLocations[key] = map.location
        }
        if let paths = map.map("paths", &diagnostics) {
            for key in ["entries", "compare"] { if let node = paths.value(key) { keyLocations["paths." + key] = paths.location(of: node) } }
            paths.rejectUnknownKeys(["entries", "compare"], in: "paths", &diagnostics)
            entriesPath = sitePath(paths, "entries", &diagnostics) ?? entriesPath
            comparePath = sitePath(paths, "compare", &diagnostics) ?? comparePath
            if entriesPath == comparePath, let node = paths.value("compare") {
                diagnostics.append(.error("the comparison page needs a path of its own, not the entries' \(entriesPath)", at: paths.location(of: node)))
            }
        }
        var templates = CollectionDeclaration.Templates.defaults
        if let names = map.map("templates", &diagnostics) {
            names.rejectUnknownKeys(["index", "entry", "compare", "pair"], in: "templates", &diagnostics)
            for key in ["index", "entry", "compare", "pair"] { if let node = names.value(key) { keyLocations["templates." + key] = names.location(of: node) } }
            templates.index = names.string("index", &diagnostics) ?? templates.index
            templates.entry = names.string("entry", &diagnostics) ?? templates.entry
            templates.compare = names.string("compare", &diagnostics) ?? templates.compare
            templates.pair = names.string("pair", &diagnostics) ?? templates.pair
        }
        let (groups, features) = decodeFeatures(map, &diagnostics)
        var fields: [FieldDeclaration] = []
        if let items = map.mapList("fields", &diagnostics) {
            fields = decodeFields(items, in: map, top: true, &diagnostics)
        }
        func named(_ key: String, _ accepts: (FieldDeclaration.Kind) -> Bool, _ what: String) -> String? {
            guard let name = map.string(key, &diagnostics), let node = map.value(key) else { return nil }
            guard let field = fields.first(where: { $0.id == name }) else {
                diagnostics.append(.error("'\(key)' names field '\(name)', which is not declared\(Suggestion.hint(for: name, in: fields.map(\.id)))",
                                          at: map.location(of: node)))
                return nil
            }
            if !accepts(field.kind) {
                diagnostics.append(.error("'\(key)' needs a \(what) field; '\(name)' is \(field.kind.name)", at: map.location(of: node)))
            }
            return name
        }
        var summary: [String] = []
        for (name, location) in map.stringList("summary", &diagnostics) ?? [] {
            guard let field = fields.first(where: { $0.id == name }) else {
                diagnostics.append(.error("'summary' names field '\(name)', which is not declared\(Suggestion.hint(for: name, in: fields.map(\.id)))", at: location))
                continue
            }
            switch field.kind {
            case .text, .link, .record, .list: summary.append(name)
            default: diagnostics.append(.error("'summary' shows text, link, list and record fields; '\(name)' is \(field.kind.name)", at: location))
            }
        }
        let decision = named("decision", { $0 == .list }, "list")
        let details = named("details", { $0 == .text }, "text")
        guard diagnostics.filter(\.isError).count == errorsBefore, let singular, let plural else { return nil }
        return CollectionDeclaration(
            id: id, singular: singular, plural: plural, description: description, entriesPath: entriesPath, comparePath: comparePath, templates: templates,
            groups: groups, features: features, fields: fields, summaryFields: summary, keyLocations: keyLocations, decisionField: decision, detailField: details,
            sourcePath: file.path, location: map.location)
    }

    /// A page path such as `/meshes/`: one or more plain segments between slashes.
    private static func sitePath(_ map: YAMLMap, _ key: String, _ diagnostics: inout [Diagnostic]) -> String? {
        guard let text = map.string(key, &diagnostics), let node = map.value(key) else { return nil }
        let segments = text.split(separator: "/", omittingEmptySubsequences: false)
        let plain = text.hasPrefix("/") && text.hasSuffix("/") && segments.count >= 3
            && segments.dropFirst().dropLast().allSatisfy { YAMLMap.isIdentifier(String($0)) && !$0.isEmpty }
        guard plain else {
            diagnostics.append(.error("'\(key)' must be a site path such as /\(key == "compare" ? "compare" : "meshes")/: segments of lowercase letters, digits and '-' between slashes",
                                      at: map.location(of: node)))
            return nil
        }
        return text
    }

    /// A field id: lowercase letters, digits, `_` and `-`, starting with a letter, as YAML keys are usually written.
    static func isFieldID(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    }

    private static func decodeFields(_ items: [YAMLMap], in parent: YAMLMap, top: Bool, _ diagnostics: inout [Diagnostic]) -> [FieldDeclaration] {
        var fields: [FieldDeclaration] = []
        for item in items {
            item.rejectUnknownKeys(fieldKeys, in: "a field", &diagnostics)
            let id = item.string("id", required: true, &diagnostics)
            let location = item.value("id").map(item.location(of:)) ?? item.location
            if let id, !isFieldID(id) {
                diagnostics.append(.error("field id '\(id)' must start with a letter and hold only lowercase letters, digits, '_' and '-'", at: location))
                continue
            }
            if let id, top, commonEntryKeys.contains(id) {
                diagnostics.append(.error("'\(id)' is a key every entry has (\(commonEntryKeys.joined(separator: ", "))); a field needs another id", at: location))
                continue
            }
            if let id, fields.contains(where: { $0.id == id }) {
                diagnostics.append(.error("field id '\(id)' is declared twice", at: location))
                continue
            }
            let typeName = item.string("type", required: true, &diagnostics)
            let label = item.string("label", &diagnostics)
            let required = item.bool("required", &diagnostics) ?? true
            let description = item.string("description", &diagnostics) ?? ""
            let anchor = item.identifier("anchor", &diagnostics)
            let itemLabel = item.string("item", &diagnostics)
            var kind: FieldDeclaration.Kind?
            switch typeName {
            case "text": kind = .text
            case "list": kind = .list
            case "link": kind = .link
            case "diagram": kind = .diagram
            case "items":
                let keys = item.texts("keys", &diagnostics)
                if keys.isEmpty { item.missing("keys", &diagnostics) }
                if let bad = keys.first(where: { !isFieldID($0) || ProvenanceDecoder.keys.contains($0) }), let node = item.value("keys") {
                    diagnostics.append(.error("item key '\(bad)' must be a plain name other than \(ProvenanceDecoder.keys.joined(separator: " and "))", at: item.location(of: node)))
                }
                kind = .items(keys: keys)
            case "figures":
                let parts = labels(item, "parts", &diagnostics), measures = labels(item, "measures", &diagnostics)
                if !parts.isEmpty, !measures.isEmpty { kind = .figures(parts: parts, measures: measures) }
            case "record":
                if let inner = item.mapList("fields", &diagnostics), !inner.isEmpty {
                    kind = .record(decodeFields(inner, in: item, top: false, &diagnostics))
                } else {
                    item.missing("fields", &diagnostics)
                }
            case nil: break
            case let other?:
                if let node = item.value("type") {
                    diagnostics.append(.error(
                        "type '\(other)' is not one of: \(FieldDeclaration.Kind.names.joined(separator: ", "))\(Suggestion.hint(for: other, in: FieldDeclaration.Kind.names))",
                        at: item.location(of: node)))
                }
            }
            for (key, kinds) in [("keys", ["items"]), ("parts", ["figures"]), ("measures", ["figures"]), ("fields", ["record"]), ("item", ["items"])]
            where !kinds.contains(typeName ?? "") {
                guard let written = item.entry(key) else { continue }
                diagnostics.append(.error("'\(key)' only applies to fields of type \(kinds.joined(separator: ", "))", at: item.location(of: written.key)))
            }
            guard let id, let kind else { continue }
            fields.append(FieldDeclaration(id: id, label: label ?? id.replacingOccurrences(of: "_", with: " ").capitalizedFirst, kind: kind,
                                           required: required, description: description, anchor: anchor, itemLabel: itemLabel, location: location))
        }
        return fields
    }

    /// `parts:` or `measures:` of a figures field: each an id and a label.
    private static func labels(_ item: YAMLMap, _ key: String, _ diagnostics: inout [Diagnostic]) -> [FieldDeclaration.Label] {
        guard let list = item.mapList(key, &diagnostics), !list.isEmpty else {
            item.missing(key, &diagnostics)
            return []
        }
        var labels: [FieldDeclaration.Label] = []
        for entry in list {
            entry.rejectUnknownKeys(["id", "label"], in: "an item of \(key)", &diagnostics)
            guard let id = entry.string("id", required: true, &diagnostics) else { continue }
            guard isFieldID(id), !["similar_to", "managed_by", "note", "text"].contains(id) else {
                diagnostics.append(.error("'\(id)' cannot name one of \(key): use lowercase letters, digits, '_' and '-', other than similar_to, managed_by, note and text",
                                          at: entry.value("id").map(entry.location(of:)) ?? entry.location))
                continue
            }
            labels.append(.init(id: id, label: entry.string("label", &diagnostics) ?? id))
        }
        return labels
    }

    // MARK: groups and features

    private static func decodeFeatures(_ map: YAMLMap, _ diagnostics: inout [Diagnostic]) -> ([FeatureGroup], [Feature]) {
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
}

extension String {
    /// The text with its first letter in capitals ("control plane" → "Control plane").
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

import Yams
