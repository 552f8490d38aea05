/// Reads one entry file against its collection's declaration: the common keys, a value for every feature, and
/// each declared field by its type. Every problem is reported at its YAML node.
enum EntryDecoder {
    /// What one entry file gave: the entry when it had no errors, the id it claims either way, and where it names
    /// other entries (`similar_to`), checked once every entry is known.
    struct Decoded {
        var entry: Entry?
        var id: String?
        var references: [(id: String, location: SourceLocation)] = []
    }

    static func decode(_ file: SourceFile, declaration: CollectionDeclaration, _ diagnostics: inout [Diagnostic]) -> Decoded {
        let stem = String(file.path.split(separator: "/").last ?? "").replacingOccurrences(of: ".yaml", with: "")
        var decoded = Decoded(id: stem)
        let singular = declaration.singular
        let (root, problems) = YAMLDocument.parse(file.text, path: file.path)
        diagnostics += problems
        guard problems.isEmpty, let map = YAMLMap.root(root, path: file.path, lineOffset: 0, what: "a \(singular) file", &diagnostics) else { return decoded }
        let errorsBefore = diagnostics.filter(\.isError).count
        map.rejectUnknownKeys(DeclarationDecoder.commonEntryKeys + declaration.fields.map(\.id), in: "a \(singular) (fields are declared in \(declaration.sourcePath))", &diagnostics)

        // A present but empty `id:` is an error, not the file name: otherwise the entry vanished without a word.
        let id = map.value("id") == nil ? stem : map.identifier("id", required: true, &diagnostics)
        if let written = map.value("id")?.scalar?.string { decoded.id = written }
        let location = map.value("id").map(map.location(of:)) ?? map.location
        if map.value("id") == nil, !YAMLMap.isIdentifier(stem) {
            diagnostics.append(.error("the file name '\(stem)' is not a usable \(singular) id; add an 'id' of lowercase letters, digits and '-'", at: location))
        }
        let name = map.string("name", required: true, &diagnostics)
        let order = map.int("order", in: -1000...1000, &diagnostics) ?? 0
        let summary = map.string("summary", required: true, &diagnostics)
        let website = link(map, "website", &diagnostics)
        let values = decodeFeatureValues(map, features: declaration.features, singular: singular, &diagnostics)
        let fields = decodeFields(declaration.fields, in: map, references: &decoded.references, &diagnostics)
        let reviewed = ProvenanceDecoder.date(map, "reviewed", &diagnostics)

        guard diagnostics.filter(\.isError).count == errorsBefore, let id, let name, let summary else { return decoded }
        decoded.entry = Entry(collection: declaration.id, id: id, name: name, order: order, summary: summary, website: website,
                              features: values, fields: fields, reviewed: reviewed, sitePath: declaration.entriesPath + id + "/",
                              sourcePath: file.path, location: location)
        return decoded
    }

    // MARK: declared fields

    /// Each declared field present in `map`, decoded by its type; a required field left out is an error that says
    /// what the declaration expects.
    private static func decodeFields(_ fields: [FieldDeclaration], in map: YAMLMap, references: inout [(id: String, location: SourceLocation)],
                                     _ diagnostics: inout [Diagnostic]) -> [String: FieldValue] {
        var values: [String: FieldValue] = [:]
        for field in fields {
            guard map.value(field.id) != nil else {
                if field.required {
                    diagnostics.append(.error("missing required key '\(field.id)' (\(field.kind.name)\(field.description.isEmpty ? "" : ": \(field.description)"))",
                                              at: map.location))
                }
                continue
            }
            if let value = decodeField(field, in: map, references: &references, &diagnostics) { values[field.id] = value }
        }
        return values
    }

    private static func decodeField(_ field: FieldDeclaration, in map: YAMLMap, references: inout [(id: String, location: SourceLocation)],
                                    _ diagnostics: inout [Diagnostic]) -> FieldValue? {
        let key = field.id
        switch field.kind {
        case .text:
            return map.string(key, required: true, &diagnostics).map(FieldValue.text)
        case .link:
            return link(map, key, &diagnostics).map(FieldValue.link)
        case .list:
            return map.stringList(key, required: true, &diagnostics).map { .list($0.map(\.0)) }
        case .items(let keys):
            guard let list = map.mapList(key, &diagnostics) else { return nil }
            let items = list.compactMap { item -> TitledItem? in
                item.rejectUnknownKeys(keys + ProvenanceDecoder.keys, in: "an item of \(key)", &diagnostics)
                let provenance = ProvenanceDecoder.decode(item, &diagnostics)
                // Every key read before any is checked, so an empty title and detail are reported together.
                let texts = keys.map { item.string($0, required: true, &diagnostics) }
                let present = texts.compactMap { $0 }
                guard present.count == keys.count else { return nil }
                return TitledItem(values: present, provenance: provenance)
            }
            return items.count == list.count ? .items(items) : nil
        case let .figures(parts, measures):
            guard let figures = map.map(key, &diagnostics) else { return nil }
            return decodeFigures(figures, key: key, parts: parts, measures: measures, references: &references, &diagnostics).map(FieldValue.figures)
        case .diagram:
            guard let description = map.map(key, &diagnostics), let diagram = DiagramDecoder.decode(description, &diagnostics) else { return nil }
            // Layout problems (an edge with no room) belong to the catalog file, not to every page that draws it.
            let problems = DiagramRenderer.render(diagram, style: .unicode).1
            diagnostics += problems
            return problems.hasErrors ? nil : .diagram(diagram)
        case .record(let inner):
            guard let record = map.map(key, &diagnostics) else { return nil }
            record.rejectUnknownKeys(inner.map(\.id), in: key, &diagnostics)
            let errors = diagnostics.filter(\.isError).count
            let values = decodeFields(inner, in: record, references: &references, &diagnostics)
            return diagnostics.filter(\.isError).count == errors ? .record(values) : nil
        }
    }

    /// A web address under the site's URL policy.
    private static func link(_ map: YAMLMap, _ key: String, _ diagnostics: inout [Diagnostic]) -> String? {
        guard let text = map.string(key, &diagnostics), let node = map.value(key) else { return nil }
        if let problem = URLPolicy.addressProblem(text) {
            diagnostics.append(.error("'\(key)' \(problem.reason(hint: "write a full http(s) address such as https://example.com/docs/"))", at: map.location(of: node)))
            return nil
        }
        return text
    }

    /// Each declared part: figures by measure, `similar_to` another entry, or `managed_by` someone; and a `note`.
    private static func decodeFigures(_ map: YAMLMap, key: String, parts: [FieldDeclaration.Label], measures: [FieldDeclaration.Label],
                                      references: inout [(id: String, location: SourceLocation)], _ diagnostics: inout [Diagnostic]) -> FigureSet? {
        map.rejectUnknownKeys(parts.map(\.id) + ["note"], in: key, &diagnostics)
        func need(_ key: String) -> ResourceNeed? {
            guard let part = map.map(key, &diagnostics) else {
                map.missing(key, &diagnostics)
                return nil
            }
            part.rejectUnknownKeys(measures.map(\.id) + ["similar_to", "managed_by"], in: key, &diagnostics)
            if let other = part.identifier("similar_to", &diagnostics) {
                references.append((other, part.value("similar_to").map(part.location(of:)) ?? part.location))
                return .similarTo(other)
            }
            if let vendor = part.string("managed_by", &diagnostics) { return .managedBy(vendor) }
            var figures: [String: ResourceFigure] = [:]
            for measure in measures { figures[measure.id] = figure(part, measure.id) }
            if measures.allSatisfy({ part.value($0.id) == nil }) {
                diagnostics.append(.error(
                    "give \(measures.map(\.id).joined(separator: " and ")) figures, similar_to another entry, or managed_by a vendor", at: part.location))
                return nil
            }
            guard !figures.isEmpty else { return nil }
            return .figures(figures)
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
        var needs: [String: ResourceNeed] = [:]
        for part in parts { needs[part.id] = need(part.id) }
        let note = map.string("note", &diagnostics)
        guard needs.count == parts.count else { return nil }
        return FigureSet(parts: needs, note: note)
    }

    // MARK: features

    private static func decodeFeatureValues(_ map: YAMLMap, features: [Feature], singular: String, _ diagnostics: inout [Diagnostic]) -> [String: FeatureValue] {
        guard let table = map.map("features", &diagnostics) else {
            map.missing("features", &diagnostics)
            return [:]
        }
        var values: [String: FeatureValue] = [:]
        for pair in table.mapping {
            guard let id = pair.key.scalar?.string else { continue }
            guard let feature = features.first(where: { $0.id == id }) else {
                diagnostics.append(.error(
                    "unknown feature '\(id)'\(Suggestion.hint(for: id, in: features.map(\.id))); features are declared in _collection.yaml",
                    at: table.location(of: pair.key)))
                continue
            }
            if let value = decodeValue(pair.value, feature: feature, in: table, &diagnostics) { values[id] = value }
        }
        let missing = features.filter { feature in !table.keys.contains(feature.id) }
        if !missing.isEmpty {
            diagnostics.append(.error(
                "no value for \(missing.count == 1 ? "feature" : "features") \(missing.map { "'\($0.id)'" }.joined(separator: ", ")); every \(singular) states every feature",
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

}

import Yams
