/// The check-links stage: every internal link and `#fragment` of every published article, one memo per article.
/// The checker records each target it looks up as it goes, so an article's links are checked again exactly
/// when its body or a page it links to (or that page's anchors) changed. Publishes `anchors:` for every
/// route that is not an article or catalog page, and `routes`.
struct LinkStage {
    struct NoValue: Sendable {}

    func run(routes: RouteTable, bodies: RenderedBodies, catalogPages: [CatalogPage], templateAnchors: Set<String>, config: SiteConfig,
             memos: inout MemoTable<NoValue>, fingerprints: inout FingerprintTable) -> [Diagnostic] {
        let site = bodies.site
        let list = routes.routes
        let targets = LinkTargets(list) { index in
            switch list[index].kind {
            case .article(let position): bodies.anchors(at: position)
            case .catalogPage(let position): catalogPages[position].anchors
            default: []
            }
        }
        let empty = MarkdownStage.fingerprint(anchors: [])
        for route in routes.routes {
            switch route.kind {
            case .article, .catalogPage: break
            default: fingerprints[.anchors(route.sitePath)] = empty
            }
        }
        fingerprints[.routes] = routes.fingerprint

        let checker = LinkChecker(targets: targets, templateAnchors: templateAnchors, baseURL: config.baseURL)
        let table = fingerprints
        let previous = memos
        let stale = site.articles.indices.filter { previous.verified(site.articles[$0].sourcePath, in: table) == nil }
        let policy = config.linkPolicy
        let fresh = Parallel.map(stale) { position -> Memo in
            let recorder = TraceRecorder(table)
            recorder.read(.markdown(site.articles[position].sourcePath))
            recorder.read(.settings)
            let problems = checker.check(bodies.article(at: position), policy: policy, recorder: recorder)
            return Memo(trace: recorder.trace, diagnostics: problems)
        }
        for (position, memo) in zip(stale, fresh) { memos.store(site.articles[position].sourcePath, memo, value: NoValue()) }
        memos.keepOnly(site.articles.map(\.sourcePath))
        return checker.check(navigation: config.navigation, policy: policy)
            + site.articles.flatMap { memos[$0.sourcePath]?.diagnostics ?? [] }
    }
}
