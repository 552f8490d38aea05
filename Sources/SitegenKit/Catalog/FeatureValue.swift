/// How far a mesh supports a feature. Shown as text and a symbol, never colour alone.
public enum SupportLevel: String, Sendable, Hashable, CaseIterable {
    case yes
    case no
    case limited
    case automatic
    case native
    case viaAddOn = "via-add-on"

    public var label: String {
        switch self {
        case .yes: "Yes"
        case .no: "No"
        case .limited: "Limited"
        case .automatic: "Yes (automatic)"
        case .native: "Native"
        case .viaAddOn: "Via add-on"
        }
    }

    public var symbol: String {
        switch self {
        case .yes, .automatic, .native: "✓"
        case .no: "✗"
        case .limited: "◐"
        case .viaAddOn: "⊕"
        }
    }
}

/// A low/medium/high level for scale features.
public enum ScaleLevel: String, Sendable, Hashable, CaseIterable {
    case low, medium, high

    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    public var symbol: String {
        switch self {
        case .low: "●○○"
        case .medium: "●●○"
        case .high: "●●●"
        }
    }
}

/// A mesh's value for one feature, with an optional short note shown as a footnote.
public struct FeatureValue: Sendable, Hashable {
    public enum Value: Sendable, Hashable {
        case support(SupportLevel)
        case scale(ScaleLevel)
        case text(String)
    }

    public var value: Value
    public var note: String?
    /// Where the value comes from and when it was checked.
    public var provenance: Provenance
    public var location: SourceLocation

    /// The words a reader sees for this value.
    public func label(for feature: Feature) -> String {
        switch value {
        case .support(let level): level.label
        case .scale(let level): feature.scaleLabels[level] ?? level.label
        case .text(let text): text
        }
    }

    public var symbol: String? {
        switch value {
        case .support(let level): level.symbol
        case .scale(let level): level.symbol
        case .text: nil
        }
    }

    /// A stable CSS class (`support-yes`, `scale-high`, `text`), for styling beyond the text and symbol.
    public var cssClass: String {
        switch value {
        case .support(let level): "support-\(level.rawValue)"
        case .scale(let level): "scale-\(level.rawValue)"
        case .text: "text"
        }
    }
}
