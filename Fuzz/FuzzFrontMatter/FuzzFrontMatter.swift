// libFuzzer target: splitting and decoding an article's front matter must never crash or hang.
import FuzzSupport
@testable import SitegenKit

@_cdecl("FuzzFrontMatter_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzz(data, size) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = ArticleDecoder.decode(SourceFile(path: "fuzz.md", text: text))
    return 0
}
