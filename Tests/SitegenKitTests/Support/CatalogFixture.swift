/// Small catalogs for tests: three features (support, scale, text) in two groups, and meshes made to order.
enum CatalogFixture {
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
        var files = ["Content/catalog/features.yaml": features]
        for (id, text) in meshes { files["Content/catalog/meshes/\(id).yaml"] = text }
        return files
    }
}
