/// The structured facts about every mesh: features to compare and each mesh's values.
public struct Catalog: Sendable, Hashable {
    public var groups: [FeatureGroup]
    public var features: [Feature]
    /// In display order: `order`, then name.
    public var meshes: [Mesh]

    public static let empty = Catalog(groups: [], features: [], meshes: [])

    public var isEmpty: Bool { meshes.isEmpty && features.isEmpty }

    public func mesh(_ id: String) -> Mesh? { meshes.first { $0.id == id } }
    public func feature(_ id: String) -> Feature? { features.first { $0.id == id } }

    /// Features of one group, in file order.
    public func features(in group: String) -> [Feature] { features.filter { $0.group == group } }
}

/// Something from the catalog that a page shows, so an edit can find the pages to redo.
public enum CatalogDependency: Sendable, Hashable, Comparable {
    case mesh(String)
    case feature(String)
    /// Every mesh or every feature, for "all" selections that an added file would change.
    case allMeshes
    case allFeatures
}
