/// The check-links stage: every internal link and `#fragment` of every published article, one memo per article.
/// The checker records each target it looks up as it goes, so an article's links are checked again exactly
/// when its body or a page it links to (or that page's anchors) changed.
struct LinkStage {
    struct NoValue: Sendable {}
    static let memos = MemoTableKey<NoValue>("links")

    /// The fixed ids of every template but the catalog's: an article may link to them on any page. (A catalog
    /// template's ids belong to its pages alone, which carry them as their anchors.)
    static func templateAnchors(_ templates: TemplateSet, catalog: Catalog) -> Set<String> {
        let catalogTemplates = CatalogPages.templates(catalog)
        return templates.names.filter { !catalogTemplates.contains($0) }.reduce(into: Set<String>()) { $0.formUnion(templates.staticIDs(onPage: $1)) }
    }

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

extension LinkStage: Stage {
    struct Input {
        var routes: RouteTable
        var bodies: RenderedBodies
        var catalogPages: [CatalogPage]
        /// The fixed ids of the templates every page shares.
        var templateAnchors: Set<String>
        var config: SiteConfig
    }

    func run(_ input: consuming Input, in context: inout StageContext) {
        context.diagnostics += run(routes: input.routes, bodies: input.bodies, catalogPages: input.catalogPages, templateAnchors: input.templateAnchors,
                                   config: input.config, memos: &context.memos[Self.memos], fingerprints: &context.fingerprints)
    }
}
