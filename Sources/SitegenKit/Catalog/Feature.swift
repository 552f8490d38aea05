/// One comparison dimension from `features.yaml`: what is compared, in which group, and what values it takes.
public struct Feature: Sendable, Hashable {
    /// How a feature's values are written and shown.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Whether and how a mesh supports it: yes, no, limited, automatic, native, via-add-on.
        case support
        /// A level: low, medium, high (with optional per-feature words such as gentle/moderate/steep).
        case scale
        /// Free text.
        case text
    }

    public var id: String
    public var label: String
    public var group: String
    public var kind: Kind
    public var description: String
    /// Words shown for low/medium/high on a scale feature (`learning curve`: gentle, moderate, steep).
    public var scaleLabels: [ScaleLevel: String]
    public var location: SourceLocation
}

/// A heading under which features are grouped in tables (traffic, security, …), in file order.
public struct FeatureGroup: Sendable, Hashable {
    public var id: String
    public var label: String
}
