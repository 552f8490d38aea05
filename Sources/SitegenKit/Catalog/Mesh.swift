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
    public var sourcePath: String
    public var location: SourceLocation

    /// The site path of the mesh's own page.
    public var sitePath: String { "/meshes/\(id)/" }
}
