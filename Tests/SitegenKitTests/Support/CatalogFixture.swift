@testable import SitegenKit

/// Small catalogs for tests: the `meshes` collection with three features (support, scale, text) in two groups, and
/// meshes made to order.
enum CatalogFixture {
    /// The fields of the repository's own mesh declaration, without its groups and features.
    static let fields = """
        singular: service mesh
        plural: service meshes
        description: "Profiles of {names}: architecture, features, resources, pros and cons."
        paths:
          entries: /meshes/
          compare: /compare/
        templates:
          index: meshes
          entry: mesh
          compare: compare
          pair: versus
        summary: [vendor, proxy, control_plane, team_readiness, capabilities]
        decision: choose_if
        details: team_readiness

        fields:
          - id: vendor
            label: Maintainer
            type: text
            description: "Who builds and maintains the mesh."
          - id: proxy
            label: Proxy
            type: record
            description: "The data-plane proxy next to each workload."
            fields:
              - {id: name, label: Name, type: text, description: "The proxy's name."}
              - {id: language, label: Language, type: text, description: "The language it is written in."}
          - id: control_plane
            label: Control plane
            type: record
            description: "What configures the proxies, and its parts."
            fields:
              - {id: name, label: Name, type: text, description: "The control plane's name."}
              - id: components
                label: Components
                type: items
                keys: [name, role]
                required: false
                description: "Each part of the control and data plane and what it does."
          - id: capabilities
            label: Key capabilities
            type: list
            anchor: capabilities
            description: "What the mesh is known for, one line each."
          - id: resources
            label: Resource planning
            type: figures
            description: "What the proxy per pod and the control plane need."
            parts:
              - {id: proxy, label: Proxy per pod}
              - {id: control_plane, label: Control plane}
            measures:
              - {id: memory, label: memory}
              - {id: cpu, label: CPU}
          - id: team_readiness
            label: Team readiness
            type: text
            description: "What the team running the mesh needs to know."
          - id: pros
            label: Strengths
            type: items
            keys: [title, detail]
            anchor: pros-heading
            item: Strength
            description: "Strengths: a short claim and its explanation."
          - id: cons
            label: Weaknesses
            type: items
            keys: [title, detail]
            anchor: cons-heading
            item: Weakness
            description: "Weaknesses: a short claim and its explanation."
          - id: when_to_choose
            label: "When to choose {name}"
            type: list
            anchor: when-to-choose
            description: "The situations the mesh suits."
          - id: choose_if
            label: "Choose {name} if…"
            type: list
            anchor: choose-if
            description: "The decision framework's criteria."
          - id: architecture
            label: Architecture
            type: diagram
            required: false
            description: "Boxes and edges the diagram renderer draws."

        """

    /// The groups and features, the last part of the declaration, so a test can append a feature.
    static let features = """
        groups:
          - id: security
            label: Security
          - id: operations
            label: Operations
        features:
          - id: mtls
            label: mTLS
            group: security
            kind: support
            description: "Encrypted, authenticated connections."
          - id: overhead
            label: Resource overhead
            group: operations
            kind: scale
            description: "CPU and memory taken."
          - id: license
            label: Licence
            group: operations
            kind: text
            description: "How it is licensed."

        """

    /// `Content/catalog/meshes/_collection.yaml`: the repository's mesh fields with the fixture's features;
    /// `features` swaps in other groups and features.
    static func declaration(features: String = CatalogFixture.features) -> String {
        fields + "\n" + features
    }

    static let declarationPath = "Content/catalog/meshes/_collection.yaml"

    /// A valid mesh file; `mtls`, `overhead` and `features` can be swapped for broken ones.
    static func mesh(_ id: String, name: String? = nil, order: Int = 0, mtls: String = "\"yes\"", overhead: String = "low",
                     features: String? = nil, resources: String? = nil, extra: String = "") -> String {
        let featureBlock = features ?? """
            features:
              mtls: \(mtls)
              overhead: \(overhead)
              license:
                value: "Apache 2.0"
                note: "Foundation-owned."
            """
        let resourceBlock = resources ?? """
            resources:
              proxy:
                memory: {min: 10, max: 20, unit: MB}
                cpu: {text: "minimal CPU"}
              control_plane:
                cpu: {min: 1, max: 2, unit: cores}
                memory: {min: 2, unit: GB, or_more: true}
            """
        return """
            id: \(id)
            name: "\(name ?? id.capitalized)"
            order: \(order)
            vendor: "Vendor of \(id)"
            proxy:
              name: "proxy-\(id)"
              language: Rust
            control_plane:
              name: "\(id)-control"
              components:
                - name: Controller
                  role: "Hands out configuration."
            summary: "Summary of \(id)."
            capabilities:
              - "Capability of \(id)"
            \(featureBlock)
            \(resourceBlock)
            team_readiness: "Readiness for \(id)."
            pros:
              - title: "Light"
                detail: "It is light."
            cons:
              - title: "Narrow"
                detail: "It does little."
            when_to_choose:
              - "When \(id) fits"
            choose_if:
              - "You like \(id)"
            \(extra)
            """
    }

    /// Catalog files for `FixtureSite`, keyed by path.
    static func files(meshes: [String: String]) -> [String: String] {
        var files = [declarationPath: declaration()]
        for (id, text) in meshes { files["Content/catalog/meshes/\(id).yaml"] = text }
        return files
    }

    /// Decodes mesh files (by id) against the fixture's declaration, as the catalog stage does.
    static func decode(_ meshes: [String: String], features: String = CatalogFixture.features) -> (Catalog, [Diagnostic]) {
        let files = meshes.keys.sorted().map { SourceFile(path: "Content/catalog/meshes/\($0).yaml", text: meshes[$0]!) }
        let file = SourceFile(path: declarationPath, text: declaration(features: features))
        return CatalogDecoder.decode([CatalogSource(id: "meshes", declaration: file, entries: files)])
    }
}
