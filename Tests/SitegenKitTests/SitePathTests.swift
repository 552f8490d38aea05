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

/// Slugs may not take a name the site generates; the reserved list must cover every kind of route.
@Suite("Route table")
struct RouteTableTests {
    @Test func everyGeneratedRouteIsReservedFromSlugs() throws {
        var files = CatalogFixture.files(meshes: ["alpha": CatalogFixture.mesh("alpha")])
        files["Content/articles/a.md"] = article(slug: "a", extra: "tags: [one]\n")
        let site = try FixtureSite(files)
        defer { site.cleanUp() }
        let result = BuildSession(options: site.options).build()
        #expect(result.succeeded, "\(result.diagnostics)")
        let kinds = Set(result.paths.map { $0.split(separator: "/").first.map(String.init) ?? $0 })
        #expect(kinds.subtracting(["a"]).isSubset(of: RouteTable.reservedNames), "\(kinds.subtracting(RouteTable.reservedNames))")
        #expect(kinds.contains("meshes") && kinds.contains("tags") && kinds.contains("search") && kinds.contains("assets"))
    }
}
