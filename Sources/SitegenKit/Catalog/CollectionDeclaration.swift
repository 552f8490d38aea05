/// What a collection is and how its entries are shaped, from `Content/catalog/<id>/_collection.yaml`: its labels,
/// where its pages go and which templates draw them, the features entries are compared on, and the fields each
/// entry carries beyond the common ones (`id`, `name`, `order`, `summary`, `website`, `features`, `reviewed`).
public struct CollectionDeclaration: Sendable, Hashable {
    /// The templates that draw a collection's four kinds of page.
    public struct Templates: Sendable, Hashable {
        public var index: String
        public var entry: String
        public var compare: String
        public var pair: String

        public static let defaults = Templates(index: "collection", entry: "entry", compare: "compare", pair: "versus")
        public var all: [String] { [index, entry, compare, pair] }
    }

    /// The folder name: how directives, keys and the schema name the collection.
    public var id: String
    /// "service mesh" and "service meshes", as running text uses them.
    public var singular: String
    public var plural: String
    /// The index page's description; `{names}` stands for the entries' names.
    public var description: String
    /// Where the index page goes; entry pages go below it (`/meshes/` → `/meshes/<id>/`).
    public var entriesPath: String
    /// Where the comparison page goes; pair pages go below it (`/compare/` → `/compare/<a>-vs-<b>/`).
    public var comparePath: String
    public var templates: Templates
    public var groups: [FeatureGroup]
    public var features: [Feature]
    public var fields: [FieldDeclaration]
    /// The fields a `summary` shows "at a glance", in this order.
    public var summaryFields: [String]
    /// Where `paths.entries`, `paths.compare` and each `templates.<kind>` are written (the file's start when left to
    /// their defaults), for an error about a page they place or a template they name.
    public var keyLocations: [String: SourceLocation] = [:]
    /// The list field the `decision` grid shows ("choose it if…").
    public var decisionField: String?
    /// The text field a `resources` table adds as a last column when asked for details.
    public var detailField: String?
    public var sourcePath: String
    public var location: SourceLocation

    public func field(_ id: String) -> FieldDeclaration? { fields.first { $0.id == id } }

    /// The singular label with a capital, for table headers ("Service mesh").
    public var singularTitle: String { singular.prefix(1).uppercased() + singular.dropFirst() }
    public var pluralTitle: String { plural.prefix(1).uppercased() + plural.dropFirst() }

    /// The first field of figures, which `resources` tables show.
    public var figuresField: FieldDeclaration? {
        fields.first { if case .figures = $0.kind { true } else { false } }
    }
}

/// One declared field of a collection's entries, and what values it takes.
public struct FieldDeclaration: Sendable, Hashable {
    /// A label and an id, for figures' parts and measures.
    public struct Label: Sendable, Hashable {
        public var id: String
        public var label: String
    }

    public enum Kind: Sendable, Hashable {
        /// One line or paragraph of text.
        case text
        /// A list of texts.
        case list
        /// A web address, checked by the site's URL policy.
        case link
        /// Items of named texts (`title`/`detail`, `name`/`role`), each with an optional source.
        case items(keys: [String])
        /// Figures with units by part and measure (a proxy's memory and CPU); a part may instead be `similar_to` another
        /// entry or `managed_by` someone.
        case figures(parts: [Label], measures: [Label])
        /// An architecture drawn by the diagram renderer.
        case diagram
        /// Named sub-fields.
        case record([FieldDeclaration])

        /// The word a declaration and an error message use.
        public var name: String {
            switch self {
            case .text: "text"
            case .list: "list"
            case .link: "link"
            case .items: "items"
            case .figures: "figures"
            case .diagram: "diagram"
            case .record: "record"
            }
        }

        public static let names = ["text", "list", "link", "items", "figures", "diagram", "record"]
    }

    public var id: String
    /// How pages and search name the field ("Key capabilities"); `{name}` stands for the entry's name.
    public var label: String
    public var kind: Kind
    public var required: Bool
    /// What the field holds, for the scaffold and the schema.
    public var description: String
    /// The heading id an entry's template gives the field, so a search hit links to it.
    public var anchor: String?
    /// How one item is cited among an entry's facts ("Strength"), for items fields.
    public var itemLabel: String?
    public var location: SourceLocation

    /// The label with the entry's name in place of `{name}`.
    public func label(for entryName: String) -> String { label.replacingOccurrences(of: "{name}", with: entryName) }
}
