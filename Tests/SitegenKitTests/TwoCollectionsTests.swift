import Foundation
import Testing
@testable import SitegenKit

/// A site of two collections that share no feature — service meshes and ingress controllers
/// (`Fixtures/TwoCollections/`) — builds, links, searches and compares both, and keeps them apart.
@Suite("Two collections on one site")
struct TwoCollectionsTests {
    typealias Fixture = TwoCollectionsFixture

    /// Every page a collection makes: its index, its comparison, each entry's page and each pair's, and its matrix.
    static func pages(entries: String, compare: String, ids: [String]) -> [String] {
        [entries + "index.html", compare + "index.html", compare + "matrix.csv"]
            + ids.map { entries + $0 + "/index.html" }
            + Fixture.pairs(ids).map { compare + $0 + "/index.html" }
    }

    static let meshPages = pages(entries: "meshes/", compare: "compare/", ids: Fixture.meshes)
    static let ingressPages = pages(entries: "ingress/", compare: "ingress/compare/", ids: Fixture.ingress)

    @Test func bothCollectionsBuildEveryPage() throws {
        let site = try Fixture.site()
        defer { site.cleanUp() }
        let report = site.build()
        #expect(report.succeeded, "\(site.messages(report))")
        #expect(!report.diagnostics.contains { $0.isError })
        let files = Set(site.snapshot().keys)
        for path in Self.meshPages + Self.ingressPages {
            #expect(files.contains(path), "\(path) is missing")
        }
        // Pairs in catalog order only: ingress-nginx (order 1) comes first, so no traefik-vs-nginx.
        #expect(Fixture.pairs(Fixture.ingress) == ["nginx-vs-traefik", "nginx-vs-envoy-gateway", "traefik-vs-envoy-gateway"])
        #expect(!files.contains("ingress/compare/traefik-vs-nginx/index.html"))
        #expect(files.filter { $0.hasPrefix("ingress/compare/") && $0.hasSuffix("/index.html") }.count == 1 + 3)
        #expect(files.filter { $0.hasPrefix("compare/") && $0.hasSuffix("/index.html") }.count == 1 + 1)
    }

    /// Each collection's pages show its own fields, features and figures, and nothing of the other's.
    @Test func eachCollectionsPagesShowItsOwnFieldsAndNoneOfTheOthers() throws {
        let site = try Fixture.site()
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let nginx = try #require(site.output("ingress/nginx/index.html"))
        for text in ["<h1>ingress-nginx</h1>", "The Kubernetes project (SIG Network)", "Ingress resources with annotations and a ConfigMap",
                     "TCP and UDP, through a ConfigMap", "Widely known", "Readable configuration", "Pick ingress-nginx when…",
                     "Host and path rules cover your routing", "Path routing", "Gateway API", "Operating effort", "100–300 MB",
                     "Controller pod", "id=\"topology-diagram\"", "id=\"highlights\"", "id=\"pick-when\"", "ingress-nginx vs Traefik",
                     "Compare every ingress controller side by side"] {
            #expect(nginx.contains(text), "ingress/nginx/ lacks \(text)")
        }
        let compare = try #require(site.output("ingress/compare/index.html"))
        for text in ["Path routing", "Header matching", "Rate limiting", "Day-two operations", "Security at the edge",
                     "Pick Traefik when…", "Envoy Gateway", "nginx-vs-traefik/"] {
            #expect(compare.contains(text), "ingress/compare/ lacks \(text)")
        }
        // The ingress pages know nothing of meshes, and the mesh pages nothing of ingress controllers.
        for path in Self.ingressPages where path.hasSuffix(".html") {
            let page = try #require(site.output(path))
            for text in ["mTLS", "Proxy per pod", "Team readiness", "Key capabilities", "Learning curve", "Istio", "Linkerd"] {
                #expect(!page.contains(text), "\(path) shows the meshes' \(text)")
            }
        }
        for path in Self.meshPages where path.hasSuffix(".html") {
            let page = try #require(site.output(path))
            for text in ["Path routing", "Gateway API", "Footprint", "ingress-nginx", "Traefik", "Operating effort"] {
                #expect(!page.contains(text), "\(path) shows the ingress controllers' \(text)")
            }
        }
        let meshMatrix = try #require(site.output("compare/matrix.csv"))
        let ingressMatrix = try #require(site.output("ingress/compare/matrix.csv"))
        #expect(meshMatrix.hasPrefix("Feature,Istio,Linkerd\r\n") && meshMatrix.contains("mTLS,") && !meshMatrix.contains("Path routing"))
        #expect(ingressMatrix.hasPrefix("Feature,ingress-nginx,Traefik,Envoy Gateway\r\n"))
        #expect(ingressMatrix.contains("Path routing,") && ingressMatrix.contains("Operating effort,Moderate,Light,Moderate") && !ingressMatrix.contains("mTLS"))
    }

    /// The articles' directives draw the collection they name: its matrix, its figures, its decision grid, a summary
    /// of one entry, and an entry's diagram.
    @Test func directivesNamingACollectionDrawThatCollection() throws {
        let site = try Fixture.site()
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let guide = try #require(site.output("choosing-an-ingress-controller/index.html"))
        for text in ["id=\"ingress-matrix\"", "Ingress controllers: routing, security at the edge and day-two operations",
                     "id=\"ingress-footprint\"", "What one controller deployment needs", "50–150 MB",
                     "Major versions rename configuration options", "id=\"ingress-decision\"", "A small team runs the cluster",
                     "Traefik at a glance", "Configuration", "IngressRoute custom resources, Ingress and Gateway API",
                     "Envoy Gateway: a Go controller configures separate Envoy pods"] {
            #expect(guide.contains(text), "the ingress guide lacks \(text)")
        }
        #expect(!guide.contains("mTLS") && !guide.contains("Istio"))
        let mixed = try #require(site.output("meshes-and-ingress/index.html"))
        for text in ["mTLS", "L7 routing", "Linkerd at a glance", "TLS termination", "Rate limiting", "ingress-nginx: a controller pod runs NGINX"] {
            #expect(mixed.contains(text), "the mixed article lacks \(text)")
        }
        // The ingress table there shows only its two entries and the security group.
        #expect(!mixed.contains("Header matching") && !mixed.contains(">Traefik<"))
    }

    @Test func catalogJSONHoldsBothCollections() throws {
        let site = try Fixture.site()
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let text = try #require(site.output("catalog.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let collections = try #require(json["collections"] as? [[String: Any]])
        let byID = Dictionary(uniqueKeysWithValues: collections.compactMap { collection in (collection["id"] as? String).map { ($0, collection) } })
        #expect(Set(byID.keys) == ["meshes", "ingress"])
        let ingress = try #require(byID["ingress"])
        #expect(ingress["singular"] as? String == "ingress controller")
        #expect(ingress["compare_url"] as? String == "https://example.com/ingress/compare/")
        let entries = try #require(ingress["entries"] as? [[String: Any]])
        #expect(entries.compactMap { $0["id"] as? String } == Fixture.ingress)
        #expect(entries.first?["maintainer"] as? String == "The Kubernetes project (SIG Network)")
        #expect((entries.first?["features"] as? [String: Any])?["gateway-api"] != nil)
        let meshEntries = try #require(byID["meshes"]?["entries"] as? [[String: Any]])
        #expect(meshEntries.compactMap { $0["id"] as? String } == Fixture.meshes)
        #expect((meshEntries.first?["features"] as? [String: Any])?["gateway-api"] == nil)
    }

    /// Every search document of both collections: each entry, each comparison and each pair.
    @Test func theSearchIndexHoldsBothCollections() throws {
        let site = try Fixture.site()
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        var urls: [String: String] = [:]
        for (path, bytes) in site.snapshot() where path.hasPrefix("search/d-") {
            let chunk = try #require(try JSONSerialization.jsonObject(with: bytes) as? [Any])
            for case let document as [Any] in chunk {
                if let url = document[2] as? String, let kind = document[0] as? String { urls[url] = kind }
            }
        }
        for id in Fixture.meshes { #expect(urls["/meshes/\(id)/"] != nil, "no search document for mesh \(id)") }
        for id in Fixture.ingress { #expect(urls["/ingress/\(id)/"] != nil, "no search document for \(id)") }
        for url in ["/compare/", "/ingress/compare/"] + Fixture.pairs(Fixture.ingress).map({ "/ingress/compare/\($0)/" })
            + Fixture.pairs(Fixture.meshes).map({ "/compare/\($0)/" }) {
            #expect(urls[url] != nil, "no search document for \(url)")
        }
        #expect(urls["/choosing-an-ingress-controller/"] == "article")
        #expect(urls["/ingress/nginx/"] != urls["/meshes/istio/"], "each collection's entries are of their own kind")
    }

    /// Entry pages describe their entry as structured data of their collection's kind.
    @Test func entryPagesCarryJSONLDOfTheirKind() throws {
        let site = try Fixture.site()
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        func structuredData(_ path: String) throws -> [String: Any] {
            let page = try #require(site.output(path))
            let start = try #require(page.range(of: "<script type=\"application/ld+json\">"))
            let end = try #require(page.range(of: "</script>", range: start.upperBound..<page.endIndex))
            return try #require(try JSONSerialization.jsonObject(with: Data(page[start.upperBound..<end.lowerBound].utf8)) as? [String: Any])
        }
        func about(_ object: [String: Any]) -> [[String: Any]] {
            if let list = object["about"] as? [[String: Any]] { return list }
            return (object["about"] as? [String: Any]).map { [$0] } ?? []
        }
        let nginx = about(try structuredData("ingress/nginx/index.html"))
        #expect(nginx.first?["@type"] as? String == "SoftwareApplication")
        #expect(nginx.first?["name"] as? String == "ingress-nginx")
        #expect(nginx.first?["applicationCategory"] as? String == "Ingress controller")
        #expect(nginx.first?["url"] as? String == "https://example.com/ingress/nginx/")
        let istio = about(try structuredData("meshes/istio/index.html"))
        #expect(istio.first?["applicationCategory"] as? String == "Service mesh")
        let pair = about(try structuredData("ingress/compare/traefik-vs-envoy-gateway/index.html"))
        #expect(pair.compactMap { $0["name"] as? String } == ["Traefik", "Envoy Gateway"])
    }

    /// The link check knows both collections' pages and their anchors, and pairs only in catalog order.
    @Test func linksToEitherCollectionAreChecked() throws {
        let site = try Fixture.site()
        defer { site.cleanUp() }
        try site.write("Content/articles/links.md", article(slug: "links", body: """
            Good: [matrix](/ingress/compare/#feature-matrix), [pair](/ingress/compare/traefik-vs-envoy-gateway/),
            [highlights](/ingress/traefik/#highlights), [mesh](/meshes/linkerd/#capabilities), [csv](/ingress/compare/matrix.csv).

            Bad: [reversed pair](/ingress/compare/traefik-vs-nginx/), [no anchor](/ingress/nginx/#no-such-part),
            [other tree](/meshes/nginx/).

            """))
        let report = site.build()
        #expect(!report.succeeded)
        let errors = site.messages(report).filter { $0.contains(": error: ") }
        #expect(errors.count == 3, "\(errors)")
        #expect(errors.allSatisfy { $0.hasPrefix("Content/articles/links.md:") }, "\(errors)")
        for target in ["/ingress/compare/traefik-vs-nginx/", "#no-such-part", "/meshes/nginx/"] {
            #expect(errors.contains { $0.contains(target) }, "no error for \(target): \(errors)")
        }
    }

    /// An anchor that only the other collection's template defines (`#capabilities` is the mesh page's) is no
    /// anchor of an ingress controller's page.
    @Test func anAnchorOfTheOtherCollectionsTemplateIsBroken() throws {
        let site = try Fixture.site()
        defer { site.cleanUp() }
        try site.write("Content/articles/links.md", article(slug: "links", body: "[no such part](/ingress/nginx/#capabilities).\n"))
        let report = site.build()
        #expect(site.messages(report).contains { $0.hasPrefix("Content/articles/links.md:") && $0.contains("#capabilities") })
    }

    // MARK: mistakes

    /// On a site of two collections a directive must say which one it means; the error lists both.
    @Test func aDirectiveWithoutACollectionIsAnErrorListingBoth() throws {
        let site = try Fixture.site()
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let before = site.snapshot()
        try site.write("Content/articles/unnamed.md", article(slug: "unnamed", body: """
            Text.

            ```comparison
            caption: "Which one?"
            ```

            ```resources
            ```

            ```summary traefik
            ```

            ```diagram istio
            ```

            """))
        let report = site.build()
        #expect(!report.succeeded)
        let errors = site.messages(report).filter { $0.contains(": error: ") }
        // One for each directive, in the article, each listing both collections.
        #expect(errors.count == 4, "\(errors)")
        #expect(Set(errors.map { $0.split(separator: ":").prefix(2).joined(separator: ":") }).count == 4, "\(errors)")
        for error in errors {
            #expect(error.hasPrefix("Content/articles/unnamed.md:") && error.contains("ingress") && error.contains("meshes"), "\(error)")
        }
        #expect(site.snapshot() == before, "a failed build leaves the output as it was")
    }

    /// A directive that names an entry of the other collection, or a collection that does not exist, is an error.
    @Test func aDirectiveNamingTheWrongCollectionIsAnError() throws {
        let site = try Fixture.site()
        defer { site.cleanUp() }
        try site.write("Content/articles/wrong.md", article(slug: "wrong", body: """
            ```comparison
            collection: ingress
            features: [mtls]
            ```

            ```summary meshes/traefik
            ```

            ```resources
            collection: ingres
            ```

            """))
        let report = site.build()
        let errors = site.messages(report).filter { $0.contains(": error: ") }
        #expect(!report.succeeded)
        #expect(errors.contains { $0.hasPrefix("Content/articles/wrong.md:") && $0.contains("'mtls'") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("Content/articles/wrong.md:") && $0.contains("'traefik'") && $0.contains("istio") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("Content/articles/wrong.md:") && $0.contains("'ingres'") && $0.contains("ingress") }, "\(errors)")
    }

    /// Two collections whose pages would land on the same path: an error that names both declarations.
    @Test func twoCollectionsClaimingTheSamePathIsAnErrorNamingBoth() throws {
        for (from, to) in [("entries: /ingress/", "entries: /meshes/"), ("compare: /ingress/compare/", "compare: /compare/")] {
            let site = try Fixture.site()
            defer { site.cleanUp() }
            #expect(site.build().succeeded)
            let before = site.snapshot()
            let declaration = try Fixture.text("Content/catalog/ingress/_collection.yaml")
            try site.write("Content/catalog/ingress/_collection.yaml", declaration.replacingOccurrences(of: from, with: to))
            let report = site.build()
            #expect(!report.succeeded, "\(to)")
            let errors = site.messages(report).filter { $0.contains("error: ") }
            #expect(errors.contains { $0.contains("collection 'ingress'") && $0.contains("collection 'meshes'") }, "\(to): \(errors)")
            #expect(site.snapshot() == before, "a failed build leaves the output as it was")
            // Where: at the `paths:` line of one of the two declarations (which one depends on the collections' order).
            #expect(errors.contains { ($0.hasPrefix("Content/catalog/ingress/_collection.yaml:") || $0.hasPrefix("Content/catalog/meshes/_collection.yaml:"))
                && $0.contains("collection 'meshes'") && $0.contains("collection 'ingress'") }, "\(to): \(errors)")
            #expect(!errors.contains { $0.hasPrefix("sitegen: error:") }, "every conflict has a place: \(errors)")
        }
    }

    /// An article whose URL is a collection's page: an error that names the article and the collection.
    @Test func aCollectionPathEqualToAnArticlesURLIsAnError() throws {
        for slug in ["ingress", "compare"] {
            let site = try Fixture.site()
            defer { site.cleanUp() }
            try site.write("Content/articles/clash.md", article(slug: slug))
            let report = site.build()
            #expect(!report.succeeded, "\(slug)")
            let errors = site.messages(report).filter { $0.contains(": error: ") }
            let collection = slug == "ingress" ? "collection 'ingress'" : "collection 'meshes'"
            #expect(errors.contains { $0.hasPrefix("Content/articles/clash.md:4:") && $0.contains(collection) }, "\(slug): \(errors)")
        }
    }

    /// A template a declaration names that the site lacks: an error at that declaration's `templates` entry, with the
    /// closest template, and the output untouched.
    @Test func aMissingTemplateIsAnErrorAtTheDeclarationThatNamesIt() throws {
        let site = try Fixture.site()
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let before = site.snapshot()
        let path = "Content/catalog/ingress/_collection.yaml"
        let text = try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8)
        try site.write(path, text.replacingOccurrences(of: "pair: ingress-versus", with: "pair: ingress-versu"))
        let report = site.build()
        let errors = site.messages(report).filter { $0.contains(": error: ") }
        #expect(errors.contains { $0.hasPrefix(path + ":") && $0.contains("'ingress-versu'") && $0.contains("did you mean 'ingress-versus'?") }, "\(errors)")
        #expect(!errors.contains { $0.hasPrefix("sitegen: error:") }, "\(errors)")
        #expect(site.snapshot() == before)
    }

    // MARK: incremental builds

    /// Pages that show Traefik's features: an edit of one of its values must remake these.
    static let traefikPages: Set<String> = [
        "ingress/traefik/index.html", "ingress/compare/index.html", "ingress/compare/matrix.csv",
        "ingress/compare/nginx-vs-traefik/index.html", "ingress/compare/traefik-vs-envoy-gateway/index.html",
        "choosing-an-ingress-controller/index.html", "catalog.json",
    ]
    /// Pages that show nothing of Traefik: the other collection's, and the article whose tables leave it out.
    static let pagesWithoutTraefik: Set<String> = Set(meshPages).union(["meshes-and-ingress/index.html"])
    /// Pages of Traefik's collection that do not show its features. Their templates may list every entry, so they
    /// are rendered again, but their bytes stay.
    static let siblingsOfTraefik: Set<String> = [
        "ingress/index.html", "ingress/nginx/index.html", "ingress/envoy-gateway/index.html", "ingress/compare/nginx-vs-envoy-gateway/index.html",
    ]

    /// An edit of Traefik remade its pages and none of the pages that do not show it (but for one known exception).
    static func expectOnlyTraefiksPages(_ made: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let remade = Set(made).subtracting(searchFiles(made))
        #expect(remade.isSuperset(of: traefikPages), "missing: \(traefikPages.subtracting(remade).sorted())", sourceLocation: sourceLocation)
        let unrelated = remade.intersection(pagesWithoutTraefik)
        #expect(unrelated.isEmpty, "remade without cause: \(unrelated.sorted())", sourceLocation: sourceLocation)
    }

    static func editTraefik(_ site: FixtureSite, effort: String) throws {
        let text = try Fixture.text("Content/catalog/ingress/traefik.yaml")
        #expect(text.contains("  ops-effort: low\n"))
        try site.write("Content/catalog/ingress/traefik.yaml", text.replacingOccurrences(of: "  ops-effort: low\n", with: "  ops-effort: \(effort)\n"))
    }

    @Test func editingOneValueOfOneEntryRemakesOnlyThePagesThatShowIt() throws {
        let site = try Fixture.site()
        defer { site.cleanUp() }
        let session = BuildSession(options: site.options)
        #expect(session.build().succeeded)
        let steps = IncrementalBuildTests()
        let result = try steps.step(site, session, changed: ["Content/catalog/ingress/traefik.yaml"]) {
            try Self.editTraefik(site, effort: "high")
        }
        Self.expectOnlyTraefiksPages(result.made)
        let changed = Set(result.changed.map(\.path))
        #expect(changed.isDisjoint(with: Self.siblingsOfTraefik.union(Self.pagesWithoutTraefik)), "\(changed.sorted())")
        let matrix = try #require(result.changed.first { $0.path == "ingress/compare/matrix.csv" })
        #expect(matrix.text.contains("Operating effort,Moderate,Heavy,Moderate"))
    }

    /// The same edit in a new process that starts from the cache folder.
    @Test func aNewProcessWithTheCacheRemakesOnlyThePagesThatShowTheEdit() throws {
        let site = try Fixture.site()
        defer { site.cleanUp() }
        let cache = site.path("cache")
        #expect(BuildCacheTests.newProcessBuild(site, cache: cache).succeeded)
        try Self.editTraefik(site, effort: "medium")
        let before = site.snapshot()
        let result = BuildCacheTests.newProcessBuild(site, cache: cache)
        BuildCacheTests.expectSameAsCleanBuild(site, result, before: before, step: "traefik's effort")
        Self.expectOnlyTraefiksPages(result.made)
    }

    /// Random edits to both collections, their declarations, templates and articles; after each, the incremental
    /// build equals a full build (failures included: a directive without a collection, an entry that is gone).
    @Test func randomEditsToBothCollectionsStayEqualToFullBuilds() throws {
        let site = try Fixture.site()
        defer { site.cleanUp() }
        let session = BuildSession(options: site.options)
        #expect(session.build().succeeded)
        session.prepareForNextBuild()
        let steps = IncrementalBuildTests()
        var random = RandomDiagram(seed: 20261207)
        var texts: [String: String] = [:]
        for path in ["Content/catalog/ingress/traefik.yaml", "Content/catalog/ingress/envoy-gateway.yaml", "Content/catalog/ingress/nginx.yaml",
                     "Content/catalog/ingress/_collection.yaml", "Content/catalog/meshes/linkerd.yaml", "Content/catalog/meshes/_collection.yaml",
                     "Content/articles/meshes-and-ingress.md", "Templates/ingress.mustache"] {
            texts[path] = try Fixture.text(path)
        }
        /// Replaces the first `old` in a file (one that is present, as every edit leaves a file present or restores it).
        func edit(_ path: String, _ old: String, _ new: String) throws {
            guard let text = texts[path], let range = text.range(of: old) else { return }
            texts[path] = text.replacingCharacters(in: range, with: new)
            try site.write(path, texts[path]!)
        }
        var traefikGone = false, unnamedDirective = false, relabelled = false
        let levels = ["low", "medium", "high"]
        var effort = "low", curve = "low", memory = 250
        for counter in 0..<48 {
            switch random.next(10) {
            case 0:
                let next = levels[random.next(3)]
                try steps.step(site, session, changed: ["Content/catalog/ingress/traefik.yaml"]) {
                    // Writing the file brings Traefik back if it was gone.
                    try edit("Content/catalog/ingress/traefik.yaml", "ops-effort: \(effort)", "ops-effort: \(next)")
                }
                effort = next
                traefikGone = false
            case 1:
                let next = levels[random.next(3)]
                try steps.step(site, session, changed: ["Content/catalog/meshes/linkerd.yaml"]) {
                    try edit("Content/catalog/meshes/linkerd.yaml", "learning-curve: \(curve)", "learning-curve: \(next)")
                }
                curve = next
            case 2:
                let next = 200 + 10 * random.next(20)
                try steps.step(site, session, changed: ["Content/catalog/ingress/envoy-gateway.yaml"]) {
                    try edit("Content/catalog/ingress/envoy-gateway.yaml", "max: \(memory), unit: MB", "max: \(next), unit: MB")
                }
                memory = next
            case 3:
                // An entry that goes takes its page, pairs and rows along; the guide's summary of it fails until it is back.
                traefikGone.toggle()
                try steps.step(site, session, changed: ["Content/catalog/ingress/traefik.yaml"]) {
                    if traefikGone {
                        try site.remove("Content/catalog/ingress/traefik.yaml")
                    } else {
                        try site.write("Content/catalog/ingress/traefik.yaml", texts["Content/catalog/ingress/traefik.yaml"]!)
                    }
                }
            case 4:
                relabelled.toggle()
                try steps.step(site, session, changed: ["Content/catalog/ingress/_collection.yaml"]) {
                    if relabelled {
                        try edit("Content/catalog/ingress/_collection.yaml", "label: Rate limiting", "label: Request limits")
                    } else {
                        try edit("Content/catalog/ingress/_collection.yaml", "label: Request limits", "label: Rate limiting")
                    }
                }
            case 5:
                try steps.step(site, session, changed: ["Templates/ingress.mustache"]) {
                    try site.write("Templates/ingress.mustache", texts["Templates/ingress.mustache"]! + "<!-- \(counter) -->\n")
                }
            case 6:
                try steps.step(site, session, changed: ["Content/articles/meshes-and-ingress.md"]) {
                    try edit("Content/articles/meshes-and-ingress.md", "Both catalogs", "Both catalogs (\(counter))")
                }
            case 7:
                // A directive without a collection: an error on this site, until it goes again.
                unnamedDirective.toggle()
                try steps.step(site, session, changed: ["Content/articles/unnamed.md"]) {
                    if unnamedDirective {
                        try site.write("Content/articles/unnamed.md", article(slug: "unnamed", body: "```comparison\n```\n"))
                    } else {
                        try site.remove("Content/articles/unnamed.md")
                    }
                }
            case 8:
                try steps.step(site, session, changed: ["Content/catalog/ingress/nginx.yaml"]) {
                    try edit("Content/catalog/ingress/nginx.yaml", "Widely known", "Widely known (\(counter))")
                }
            default:
                try steps.step(site, session, changed: []) {}
            }
        }
    }
}
