/// One service mesh from `Content/catalog/meshes/<id>.yaml`.
public struct Mesh: Sendable, Hashable {
    /// A named part of the control plane or data plane and what it does.
    public struct Component: Sendable, Hashable {
        public var name: String
        public var role: String
    }

    /// A pro or con: a short claim and its explanation.
    public struct Point: Sendable, Hashable {
        public var title: String
        public var detail: String
        public var provenance: Provenance
    }

    public var id: String
    public var name: String
    public var order: Int
    public var vendor: String
    public var website: String?
    public var proxyName: String
    public var proxyLanguage: String
    public var controlPlane: String
    public var components: [Component]
    public var summary: String
    public var capabilities: [String]
    public var features: [String: FeatureValue]
    public var resources: MeshResources
    public var teamReadiness: String
    public var pros: [Point]
    public var cons: [Point]
    public var whenToChoose: [String]
    /// The decision framework's "choose it if…" criteria.
    public var chooseIf: [String]
    /// The mesh's architecture, drawn by the diagram renderer.
    public var architecture: DiagramDescription?
    /// When someone last reviewed the file's facts as a whole.
    public var reviewed: Provenance.Dated?
    public var sourcePath: String
    public var location: SourceLocation

    /// The site path of the mesh's own page.
    public var sitePath: String { "/meshes/\(id)/" }

    /// Every stated provenance of the file's facts, in the order its page shows them: features in catalog
    /// order, then resource figures, pros and cons.
    public func provenances(features order: [Feature]) -> [(fact: String, provenance: Provenance)] {
        var all: [(String, Provenance)] = []
        for feature in order {
            if let value = features[feature.id], !value.provenance.isEmpty {
                all.append(("\(feature.label): \(value.label(for: feature))", value.provenance))
            }
        }
        for (part, need) in [("Proxy", resources.proxy), ("Control plane", resources.controlPlane)] {
            guard case let .figures(memory, cpu) = need else { continue }
            for (what, figure) in [("memory", memory), ("CPU", cpu)] {
                if let figure, !figure.provenance.isEmpty { all.append(("\(part) \(what): \(figure.amount.display)", figure.provenance)) }
            }
        }
        for point in pros where !point.provenance.isEmpty { all.append(("Strength: \(point.title)", point.provenance)) }
        for point in cons where !point.provenance.isEmpty { all.append(("Weakness: \(point.title)", point.provenance)) }
        return all
    }
}
