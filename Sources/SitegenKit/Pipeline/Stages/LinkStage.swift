/// The check-links stage: every internal link and `#fragment` of every published article, one memo per article.
/// The checker records each target it looks up as it goes, so an article's links are checked again exactly
/// when its body or a page it links to (or that page's anchors) changed.
struct LinkStage {
    struct NoValue: Sendable {}
    static let memos = MemoTableKey<NoValue>("links")

    func run(routes: RouteTable, bodies: RenderedBodies, catalogPages: [CatalogPage], templateAnchors: Set<String>, config: SiteConfig,
             memos: inout MemoTable<NoValue>, fingerprints: inout FingerprintTable) -> [Diagnostic] {
        let site = bodies.site
        let list = routes.routes
        let targets = LinkTargets(routes) { index in
            switch list[index].kind {
            case .article(let position): bodies.anchors(at: position)
            case .catalogPage(let position): catalogPages[position].anchors
            default: []
            }
        }
        let checker = LinkChecker(targets: targets, templateAnchors: templateAnchors, baseURL: config.baseURL)
        let paths = site.articles.map(\.sourcePath)
        let stale = memos.plan(paths, fingerprints: &fingerprints)
        let table = fingerprints
        let policy = config.linkPolicy
        let fresh = Parallel.map(stale) { position -> Memo in
            let recorder = TraceRecorder(table)
            recorder.read(.markdown(paths[position]))
            recorder.read(.settings)
            let problems = checker.check(bodies.linkable(at: position), policy: policy, recorder: recorder)
            return Memo(trace: recorder.trace, diagnostics: problems)
        }
        for (position, memo) in zip(stale, fresh) { memos.store(paths[position], memo, value: NoValue()) }
        memos.keepOnly(paths, fingerprints: &fingerprints)
        return checker.check(navigation: config.navigation, policy: policy) + memos.diagnostics
    }
}
