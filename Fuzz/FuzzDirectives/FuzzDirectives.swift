// libFuzzer target: any directive options (and any Markdown around them) render or fail with diagnostics.
import FuzzSupport
@testable import SitegenKit

private let renderer: MarkdownRenderer = {
    let features = SourceFile(path: "features.yaml", text: """
        features:
          - {id: mtls, label: mTLS, group: security, kind: support, description: "d"}
          - {id: load, label: Load, group: operations, kind: scale, description: "d"}
        """)
    let mesh = SourceFile(path: "meshes/a.yaml", text: """
        id: a
        name: A
        vendor: V
        proxy: {name: P, language: Rust}
        control_plane: {name: C}
        summary: S
        features: {mtls: "yes", load: low}
        resources: {proxy: {memory: {min: 1, max: 2, unit: MB}}, control_plane: {managed_by: V}}
        team_readiness: T
        architecture: {box: a, title: A}
        """)
    let catalog = CatalogDecoder.decode(features: features, meshes: [mesh]).0
    let site = SiteConfig.defaults(path: "site.yaml", baseURL: BaseURL("https://example.com/")!)
    return MarkdownRenderer(allowRawHTML: false, basePath: "/", directives: .standard, context: DirectiveContext(site: site, catalog: catalog))
}()

@_cdecl("FuzzDirectives_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzz(data, size) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let first = bytes.first else { return 0 }
    let names = ["comparison", "resources", "decision", "mesh-summary a", "diagram", "diagram a"]
    let body = String(decoding: bytes.dropFirst(), as: UTF8.self)
    _ = renderer.render("```\(names[Int(first) % names.count])\n\(body)\n```\n", path: "fuzz.md")
    _ = renderer.render(body, path: "fuzz.md")
    return 0
}
