/// One entry of a collection, from `Content/catalog/<collection>/<id>.yaml`: the common facts every entry has
/// and the declared fields' values.
public struct Entry: Sendable, Hashable {
    public var collection: String
    public var id: String
    public var name: String
    public var order: Int
    public var summary: String
    public var website: String?
    public var features: [String: FeatureValue]
    /// Declared fields by id; an optional field left out has no value.
    public var fields: [String: FieldValue]
    /// When someone last reviewed the file's facts as a whole.
    public var reviewed: Provenance.Dated?
    /// The path of the entry's own page.
    public var sitePath: String
    public var sourcePath: String
    public var location: SourceLocation

    public var dependency: CatalogDependency { .entry(collection, id) }

    /// A text or link field's value, or nil.
    public func text(_ field: String) -> String? { fields[field]?.display }

    /// The words a one-line summary shows for a field: a text or link as written, a record as its first text with
    /// its other texts in brackets ("Envoy (C++)").
    public func display(_ field: FieldDeclaration) -> String? {
        guard let value = fields[field.id] else { return nil }
        if case let (.record(inner), .record(values)) = (field.kind, value) {
            let texts = inner.compactMap { values[$0.id]?.display }
            guard let first = texts.first else { return nil }
            return texts.count == 1 ? first : "\(first) (\(texts.dropFirst().joined(separator: ", ")))"
        }
        return value.display
    }

    /// A list field's texts, or none.
    public func list(_ field: String) -> [String] {
        if case .list(let texts)? = fields[field] { return texts }
        return []
    }

    /// Every stated provenance of the file's facts, in the order its page shows them: features in catalog order,
    /// then each field's in declaration order (figures, items).
    public func provenances(in declaration: CollectionDeclaration) -> [(fact: String, provenance: Provenance)] {
        var all: [(String, Provenance)] = []
        for feature in declaration.features {
            if let value = features[feature.id], !value.provenance.isEmpty {
                all.append(("\(feature.label): \(value.label(for: feature))", value.provenance))
            }
        }
        func walk(_ fields: [FieldDeclaration], _ values: [String: FieldValue]) {
            for field in fields {
                switch (field.kind, values[field.id]) {
                case let (.figures(parts, measures), .figures(set)?):
                    for part in parts {
                        guard case .figures(let figures)? = set.parts[part.id] else { continue }
                        for measure in measures {
                            if let figure = figures[measure.id], !figure.provenance.isEmpty {
                                all.append(("\(part.label) \(measure.label): \(figure.amount.display)", figure.provenance))
                            }
                        }
                    }
                case let (.items, .items(items)?):
                    for item in items where !item.provenance.isEmpty {
                        all.append(("\(field.itemLabel ?? field.label): \(item.values.first ?? "")", item.provenance))
                    }
                case let (.record(inner), .record(values)?):
                    walk(inner, values)
                default:
                    continue
                }
            }
        }
        walk(declaration.fields, fields)
        return all
    }
}

/// A declared field's value in one entry.
public enum FieldValue: Sendable, Hashable {
    case text(String)
    case list([String])
    case link(String)
    case items([TitledItem])
    case figures(FigureSet)
    case diagram(DiagramDescription)
    case record([String: FieldValue])

    /// A text or link as written; nil for values that are not one line of text.
    public var display: String? {
        switch self {
        case .text(let text), .link(let text): text
        default: nil
        }
    }
}

/// One item of an items field: its texts in the declared keys' order, and where it comes from.
public struct TitledItem: Sendable, Hashable {
    public var values: [String]
    public var provenance: Provenance
}

/// A figures field's value: each part's need, and a note for the whole.
public struct FigureSet: Sendable, Hashable {
    public var parts: [String: ResourceNeed]
    public var note: String?
}
