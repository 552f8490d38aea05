// libFuzzer target: resolving any link or request path never crashes, and a request path never climbs out.
import FuzzSupport
@testable import SitegenKit

private let checker: LinkChecker = {
    let site = ResolvedSite(config: SiteConfig.defaults(path: "site.yaml", baseURL: BaseURL("https://example.com/guide/")!),
                            articles: [], articleIndex: [:], assets: [], catalog: .empty, related: [], tags: [])
    return LinkChecker(site: site, rendered: [], catalogPages: [], templateAnchors: ["main-content"])
}()

@_cdecl("FuzzLinks_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzz(data, size) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = checker.problem(with: text, from: "/a/")
    let normalized = SitePath.normalize("/" + text)
    precondition(normalized.utf8.first == UInt8(ascii: "/"), "a site path stays rooted")
    precondition(!SitePath.segments(normalized).contains(".."), "normalising removes every '..'")
    _ = SitePath.splitSuffix(text)
    return 0
}
