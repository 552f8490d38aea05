extension BuildSession {
    /// Everything a session keeps between builds: the last load, the compiled templates, and every stage's memos.
    struct State {
        var load: LoadStage.Output?
        /// The last build's fingerprints, with everything its stages published.
        var fingerprints: FingerprintTable?
        var templates: TemplatesStage.Compiled?
        /// Every stage's memos (`MemoTables` lists them).
        var memos = MemoTables()
        /// The last complete list of articles with the files it came from, for the next build to patch.
        var articleList: (paths: [String], articles: [Article])?
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
        /// The output folders this build found as the last one left them, for the whole build's memo to take
        /// instead of looking again; empty unless this build patches the output rather than swapping it whole.
        var outputFolders: [String: FileIdentity] = [:]

        /// The cache's journal until the base it extends is read; `journalExtends` names that base.
        var journal: [String: [String: Memo]]?
        var journalExtends = Fingerprint.zero
        /// The checksum of the cache's base file these memos extend; nil when there is none to extend.
        var base: Fingerprint?

        /// The preview's next build checks only the memos that read a changed key: the index for that, built ahead.
        mutating func indexReaders() {
            memos.forEach { $1.indexReaders() }
        }

        var revision: Int { memos.revision }
    }
}
