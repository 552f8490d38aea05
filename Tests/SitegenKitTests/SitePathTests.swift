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

/// Slugs may not take a name the site generates; the reserved list must cover every kind of route but the paths a
/// collection declares, which the route table's conflict check guards.
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
        // `schema/` holds files only (the generated catalog schemas beside static ones), which no article page can
        // take: the conflict check guards each file.
        let declared: Set<String> = ["meshes", "compare", "schema"]
        #expect(kinds.subtracting(["a"]).subtracting(declared).isSubset(of: RouteTable.reservedNames), "\(kinds.subtracting(RouteTable.reservedNames))")
        #expect(kinds.contains("meshes") && kinds.contains("tags") && kinds.contains("search") && kinds.contains("assets"))
        // A slug that takes a collection's declared path is an error at the slug, naming the page it would overwrite.
        for (name, page) in [("meshes", "the index page of collection 'meshes'"), ("compare", "the comparison page of collection 'meshes'")] {
            try site.write("Content/articles/b.md", article(slug: name))
            let messages = site.messages(site.build())
            #expect(messages == ["Content/articles/b.md:4:11: error: /\(name)/ (from the article Content/articles/b.md) is also published by \(page); one file would overwrite the other"])
        }
    }
}
