/// Names every generated path (`RouteTable`), made again only when something that names a route changed: which
/// articles are published and in what order, their slugs, the tags, the catalog, the assets. Publishes `routes`,
/// and `anchors:` for every route that is not an article: the ids a catalog page defines, none for the rest.
/// (An article's `anchors:` come with its rendered body.)
struct RouteStage {
    static let item = "routes"
    /// In this process only: a new process names the routes again from the resolved site.
    static let memos = MemoTableKey<RouteTable>("routes", persisted: false)

    /// Static files are named under it in diagnostics.
    var templatesDirectory = ""
    /// Where earlier stages reported errors (`RouteProblems.alreadyReported`).
    var alreadyReported: Set<SourceLocation> = []

    /// The routes, and the problems with their output paths (`RouteProblems`): a route the writer would refuse, two for one path.
    func run(site: ResolvedSite, catalogPages: [CatalogPage], memos: inout MemoTable<RouteTable>,
             fingerprints: inout FingerprintTable) -> (RouteTable, [Diagnostic]) {
        if memos.plan([Self.item], fingerprints: &fingerprints).isEmpty, let routes = memos.value(Self.item) {
            return (routes, memos[Self.item]?.diagnostics ?? [])
        }
        let recorder = TraceRecorder(fingerprints)
        for key in [InputKey.order, .tags, .aliases, .settings, .sourcePages, .sources, .markdownContext, .catalog(.collections)] {
            recorder.read(key)
        }
        let routes = RouteTable(site: site, catalogPages: catalogPages)
        let problems = RouteProblems(site: site, catalogPages: catalogPages, templatesDirectory: templatesDirectory, alreadyReported: alreadyReported).diagnostics(for: routes)
        var published: [(InputKey, Fingerprint)] = [(.routes, routes.fingerprint)]
        let none = MarkdownStage.fingerprint(anchors: [])
        for route in routes.routes {
            switch route.kind {
            case .article: break
            case .catalogPage(let position): published.append((.anchors(route.sitePath), MarkdownStage.fingerprint(anchors: catalogPages[position].anchors)))
            default: published.append((.anchors(route.sitePath), none))
            }
        }
        memos.store(Self.item, Memo(trace: recorder.trace, published: fingerprints.reads(published), diagnostics: problems), value: routes,
                    publishing: &fingerprints)
        return (routes, problems)
    }
}

extension RouteStage: Stage {
    struct Input {
        var site: ResolvedSite
        var catalogPages: [CatalogPage]
    }

    func run(_ input: consuming Input, in context: inout StageContext) -> RouteTable {
        let (routes, problems) = run(site: input.site, catalogPages: input.catalogPages, memos: &context.memos[Self.memos],
                                     fingerprints: &context.fingerprints)
        context.diagnostics += problems
        return routes
    }
}
