// libFuzzer target: any diagram description lays out and draws, or fails with diagnostics; never crashes.
import FuzzSupport
@testable import SitegenKit

@_cdecl("FuzzDiagram_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzz(data, size) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    var diagnostics: [Diagnostic] = []
    let (root, problems) = YAMLDocument.parse(text, path: "fuzz.yaml")
    guard problems.isEmpty, let map = YAMLMap.root(root, path: "fuzz.yaml", lineOffset: 0, what: "a diagram", &diagnostics),
          let description = DiagramDecoder.decode(map, &diagnostics) else { return 0 }
    // Bounded so a fuzzer-made giant does not spend the run in one input.
    guard description.root.boxes.count <= 200 else { return 0 }
    if let drawn = DiagramRenderer.render(description, style: .unicode).0 {
        let widths = Set(drawn.text.split(separator: "\n").map { TerminalWidth.of(String($0)) })
        precondition(widths.count <= 1, "a drawing must be rectangular")
    }
    return 0
}
