extension BuildSession {
    /// Everything a session keeps between builds: the last load, the compiled templates, and every stage's memos.
    struct State {
        var load: LoadStage.Output?
        /// The last build's fingerprints, with everything its stages published.
        var fingerprints: FingerprintTable?
        var templates: TemplatesStage.Compiled?
        var articles = MemoTable<Article>()
        var catalog = MemoTable<Catalog>()
        var resolve = ResolveStage.Memos()
        var routes = MemoTable<RouteTable>()
        /// The last complete list of articles with the files it came from, for the next build to patch.
        var articleList: (paths: [String], articles: [Article])?
        var markdown = MarkdownStage.Memos()
        var links = MemoTable<LinkStage.NoValue>()
        var pages = MemoTable<PagesStage.NoValue>()
        /// The whole build's memo, from the cache folder or the last one-shot build.
        var site = MemoTable<PagesStage.NoValue>()
        /// Whether the cache folder has been consulted; its stage memos are read only once the whole build's does not hold.
        var cacheRead = false
        var memosUnread = false
        /// Notices about the cache folder, for the next result.
        var notes: [String] = []
        /// Paths changed since the last successful build: a failed build leaves them pending for the next.
        var pending: Set<String> = []
        var readEverything = true
        var built = 0
        /// The routes whose pages the output held after the last successful build (see `MovedPagesStage`).
        var checkedRoutes: Fingerprint?
        /// The last search index, whose unchanged files the next one keeps where they are in the spill.
        var search: SearchIndex?
        /// One memo per run of the search index's chunks, with the run's postings (see `SearchStage`).
        var searchRuns = MemoTable<SearchIndex.Run>()
        /// The output folders this build found as the last one left them, for the whole build's memo to take
        /// instead of looking again; empty unless this build patches the output rather than swapping it whole.
        var outputFolders: [String: FileIdentity] = [:]

        /// The cache's journal until the base it extends is read; `journalExtends` names that base.
        var journal: [String: [String: Memo]]?
        var journalExtends = Fingerprint.zero
        /// The checksum of the cache's base file these memos extend; nil when there is none to extend.
        var base: Fingerprint?

        /// A one-shot build's stages plan once, so none keeps its plan; without a cache folder to save them to,
        /// none keeps its memos either (see `MemoTable.remembersPlans`, `keepsMemos`).
        mutating func buildOnce(savingMemos: Bool) {
            func once<Value>(_ table: inout MemoTable<Value>) {
                table.remembersPlans = false
                table.keepsMemos = savingMemos
            }
            once(&articles)
            once(&catalog)
            once(&resolve.sites)
            once(&resolve.related)
            once(&routes)
            once(&markdown.bodies)
            once(&markdown.catalogPages)
            once(&links)
            once(&pages)
            once(&searchRuns)
        }

        /// The preview's next build checks only the memos that read a changed key: the index for that, built ahead.
        mutating func indexReaders() {
            articles.indexReaders()
            markdown.bodies.indexReaders()
            links.indexReaders()
            pages.indexReaders()
        }

        var revision: Int {
            articles.revision + resolve.related.revision + resolve.sites.revision + markdown.bodies.revision + links.revision + pages.revision
                + searchRuns.revision
        }
    }
}
