import Testing
@testable import SitegenKit

/// Normalising skips paths that are already normal; the shortcut must never change a result.
@Suite("Site paths")
struct SitePathTests {
    @Test func theShortcutAgreesWithResolvingEverySegment() {
        var random = RandomDiagram(seed: 3)
        let pieces = ["/", "a", "b", ".", "..", "...", "é", ".md", "x.md", "/", "//", "#", " "]
        var normal = 0
        for _ in 0..<20_000 {
            let path = (0..<random.next(8)).map { _ in pieces[random.next(pieces.count)] }.joined()
            if SitePath.isNormal(path) {
                normal += 1
                #expect(SitePath.resolvingSegments(path) == path, "\(path)")
            }
            #expect(SitePath.normalize(path) == SitePath.resolvingSegments(path), "\(path)")
        }
        #expect(normal > 1000)
    }
}
