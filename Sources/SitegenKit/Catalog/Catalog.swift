/// Every collection the site declares under `Content/catalog/`, in folder-name order.
public struct Catalog: Sendable, Hashable {
    public var collections: [CatalogCollection]

    public static let empty = Catalog(collections: [])

    public var isEmpty: Bool { collections.allSatisfy { $0.entries.isEmpty && $0.features.isEmpty } }

    public func collection(_ id: String) -> CatalogCollection? { collections.first { $0.id == id } }

    /// Every entry of every collection, in collection then display order.
    public var entries: [Entry] { collections.flatMap(\.entries) }
}

/// One declared collection: its declaration and its entries, in display order (`order`, then name).
public struct CatalogCollection: Sendable, Hashable {
    public var declaration: CollectionDeclaration
    public var entries: [Entry]

    public var id: String { declaration.id }
    public var groups: [FeatureGroup] { declaration.groups }
    public var features: [Feature] { declaration.features }

    public func entry(_ id: String) -> Entry? { entries.first { $0.id == id } }
    public func feature(_ id: String) -> Feature? { declaration.features.first { $0.id == id } }

    /// Features of one group, in file order.
    public func features(in group: String) -> [Feature] { declaration.features.filter { $0.group == group } }

    /// The path of an entry's own page: the declaration's entry path with the id appended.
    public func sitePath(of id: String) -> String { declaration.entriesPath + id + "/" }
}

/// Something from the catalog that a page shows, so an edit can find the pages to redo.
public enum CatalogDependency: Sendable, Hashable, Comparable {
    /// One entry of one collection: `(collection, entry)`.
    case entry(String, String)
    /// One feature of one collection.
    case feature(String, String)
    /// Every entry or every feature of a collection, for "all" selections that an added file would change.
    case allEntries(String)
    case allFeatures(String)
    /// Which collections there are and what they declare: the set of catalog pages.
    case collections
}
