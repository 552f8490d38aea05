/// How a session's memos travel through the cache folder: the journal first and alone (the whole build's memo in
/// it may settle the build), the base only when the build goes on, and on saving the journal always but the base
/// only when there is none to extend or the journal has grown to a quarter of it.
extension BuildSession.State {
    /// Journal tables of items dropped since the base carry this prefix before the stage's name.
    private static let droppedPrefix = "dropped:"

    mutating func readJournal(_ cache: BuildCache, interner: KeyInterner) {
        cacheRead = true
        let loaded = cache.load(.journal, interner: interner)
        site = MemoTable(memos: loaded.tables[WholeSiteStage.item] ?? [:])
        journal = loaded.tables
        journalExtends = loaded.extends
        // A doubtful journal means a full build: the base is not read either.
        memosUnread = loaded.notice == nil
        notes += loaded.notice.map { [$0] } ?? []
    }

    /// Reads the base and replays the journal over it. False when the journal was not replayed (there was none, or
    /// it extends another base): the memos are then an earlier build's, sound but not a list of what the output holds.
    mutating func readBase(_ cache: BuildCache, interner: KeyInterner) -> Bool {
        memosUnread = false
        let journal = self.journal.take() ?? [:]
        let loaded = cache.load(.base, interner: interner)
        notes += loaded.notice.map { [$0] } ?? []
        guard let checksum = loaded.checksum else { return false }
        base = checksum
        articles = MemoTable(memos: loaded.tables["articles"] ?? [:])
        resolve.related = MemoTable(memos: loaded.tables["related"] ?? [:])
        resolve.sites = MemoTable(memos: loaded.tables["resolve"] ?? [:])
        markdown.bodies = MemoTable(memos: loaded.tables["markdown"] ?? [:])
        links = MemoTable(memos: loaded.tables["links"] ?? [:])
        pages = MemoTable(memos: loaded.tables["pages"] ?? [:])
        searchRuns = MemoTable(memos: loaded.tables["search"] ?? [:])
        guard !journal.isEmpty, journalExtends == checksum else { return false }
        func dropped(_ stage: String) -> [String] { journal[Self.droppedPrefix + stage].map { Array($0.keys) } ?? [] }
        articles.replay(journal["articles"] ?? [:], dropped: dropped("articles"))
        resolve.related.replay(journal["related"] ?? [:], dropped: dropped("related"))
        resolve.sites.replay(journal["resolve"] ?? [:], dropped: dropped("resolve"))
        markdown.bodies.replay(journal["markdown"] ?? [:], dropped: dropped("markdown"))
        links.replay(journal["links"] ?? [:], dropped: dropped("links"))
        pages.replay(journal["pages"] ?? [:], dropped: dropped("pages"))
        searchRuns.replay(journal["search"] ?? [:], dropped: dropped("search"))
        return true
    }

    /// Whether the next save writes the base: there is none to extend, or the journal has grown to a quarter of it.
    var baseDue: Bool {
        let touched = articles.touched.count + resolve.related.touched.count + resolve.sites.touched.count + markdown.bodies.touched.count
            + links.touched.count + pages.touched.count + searchRuns.touched.count
        let total = articles.memos.count + resolve.related.memos.count + resolve.sites.memos.count + markdown.bodies.memos.count
            + links.memos.count + pages.memos.count + searchRuns.memos.count
        return base == nil || touched * 4 > total
    }

    /// Writes the journal, with `site` as the whole build's memo, after the base when one is due. Payloads that
    /// wait in `spill` are read back as the save writes their memo's block.
    mutating func save(to cache: BuildCache, site: Memo?, interner: KeyInterner, spill: BodySpill?) throws {
        let payload: BuildCache.Payloads = { _, _, memo in memo.payload(in: spill) }
        if baseDue {
            base = try cache.save(["articles": articles.memos, "related": resolve.related.memos, "resolve": resolve.sites.memos,
                                   "markdown": markdown.bodies.memos, "links": links.memos, "pages": pages.memos, "search": searchRuns.memos], as: .base, interner: interner,
                                   payload: payload)
            articles.markSaved()
            resolve.related.markSaved()
            resolve.sites.markSaved()
            markdown.bodies.markSaved()
            links.markSaved()
            pages.markSaved()
            searchRuns.markSaved()
        }
        var tables: [String: [String: Memo]] = [:]
        func add(_ stage: String, _ journal: (stored: [String: Memo], dropped: [String])) {
            if !journal.stored.isEmpty { tables[stage] = journal.stored }
            if !journal.dropped.isEmpty { tables[Self.droppedPrefix + stage] = Dictionary(uniqueKeysWithValues: journal.dropped.map { ($0, Memo(trace: [])) }) }
        }
        add("articles", articles.journal)
        add("related", resolve.related.journal)
        add("resolve", resolve.sites.journal)
        add("markdown", markdown.bodies.journal)
        add("links", links.journal)
        add("pages", pages.journal)
        add("search", searchRuns.journal)
        self.site = MemoTable(memos: site.map { [WholeSiteStage.item: $0] } ?? [:])
        if let site { tables[WholeSiteStage.item] = [WholeSiteStage.item: site] }
        try cache.save(tables, as: .journal, extending: base ?? .zero, interner: interner, payload: payload)
    }
}
