import Foundation

/// The two-collection site of `Fixtures/TwoCollections/`: service meshes and ingress controllers, which share no
/// feature, group or field, two articles whose directives name a collection, and the ingress templates. Copied with
/// the repository's own `Templates/` into a fresh temporary folder, so each test may edit its copy.
enum TwoCollectionsFixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/TwoCollections")
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Entry ids in catalog order (`order`), as pages and pairs list them.
    static let meshes = ["istio", "linkerd"]
    static let ingress = ["nginx", "traefik", "envoy-gateway"]

    /// Every `<a>-vs-<b>` pair of `ids`, once, in catalog order.
    static func pairs(_ ids: [String]) -> [String] {
        ids.indices.flatMap { i in ids[(i + 1)...].map { "\(ids[i])-vs-\($0)" } }
    }

    /// A fresh copy of the site: the repository's templates, then the fixture's content and templates over them.
    static func site() throws -> FixtureSite {
        let site = try FixtureSite([:], templates: [:], siteYAML: nil)
        try copy(repository.appendingPathComponent("Templates"), to: site.root.appendingPathComponent("Templates"))
        try copy(folder, to: site.root)
        return site
    }

    /// The text of one of the fixture's files, to edit in a test.
    static func text(_ relative: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(relative), encoding: .utf8)
    }

    private static func copy(_ source: URL, to destination: URL) throws {
        let manager = FileManager.default
        for name in try manager.subpathsOfDirectory(atPath: source.path).sorted() {
            var isFolder: ObjCBool = false
            let from = source.appendingPathComponent(name)
            guard manager.fileExists(atPath: from.path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            let to = destination.appendingPathComponent(name)
            try manager.createDirectory(at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
            if manager.fileExists(atPath: to.path) { try manager.removeItem(at: to) }
            try manager.copyItem(at: from, to: to)
        }
    }
}
