/// A resource need such as "50–100 MB" or "8 GB+", or words where the source gives no number.
public enum ResourceAmount: Sendable, Hashable {
    case range(min: Double, max: Double?, unit: String)
    case text(String)

    /// `50–100 MB`, `0.5–2 cores`, `8 GB+`.
    public var display: String {
        switch self {
        case let .range(min, max, unit):
            let low = Self.format(min)
            guard let max else { return "\(low) \(unit)+" }
            return max == min ? "\(low) \(unit)" : "\(low)–\(Self.format(max)) \(unit)"
        case let .text(text):
            return text
        }
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

/// A figure as the catalog states it, with where it comes from.
public struct ResourceFigure: Sendable, Hashable {
    public var amount: ResourceAmount
    public var provenance: Provenance
}

/// What one part of an entry needs (a mesh's proxy per pod, or its control plane).
public enum ResourceNeed: Sendable, Hashable {
    /// Figures by measure id (`memory`, `cpu`).
    case figures([String: ResourceFigure])
    /// The same as another entry's, by id (Anthos' proxy is Istio's Envoy).
    case similarTo(String)
    /// Run by the vendor, so nothing to size.
    case managedBy(String)
}
