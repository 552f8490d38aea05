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
    mutating func readBase(_ cache: BuildCache, interner: KeyInterner, into memos: inout MemoTables) -> Bool {
        memosUnread = false
        let journal = self.journal.take() ?? [:]
        let loaded = cache.load(.base, interner: interner)
        notes += loaded.notice.map { [$0] } ?? []
        guard let checksum = loaded.checksum else { return false }
        base = checksum
        memos.load(loaded.tables)
        guard !journal.isEmpty, journalExtends == checksum else { return false }
        memos.forEach(persisted: true) { name, table in
            table.replay(journal[name] ?? [:], dropped: journal[Self.droppedPrefix + name].map { Array($0.keys) } ?? [])
        }
        return true
    }

    /// Whether the next save writes the base: there is none to extend, or the journal has grown to a quarter of it.
    var baseDue: Bool {
        let tables = memos.persisted
        let touched = tables.reduce(0) { $0 + $1.table.touched.count }
        let total = tables.reduce(0) { $0 + $1.table.memos.count }
        return base == nil || touched * 4 > total
    }

    /// Writes the journal, with `site` as the whole build's memo, after the base when one is due. Payloads that
    /// wait in `spill` are read back as the save writes their memo's block.
    mutating func save(to cache: BuildCache, site: Memo?, interner: KeyInterner, spill: BodySpill?) throws {
        let payload: BuildCache.Payloads = { _, _, memo in memo.payloadBytes(in: spill) }
        if baseDue {
            base = try cache.save(Dictionary(uniqueKeysWithValues: memos.persisted.map { ($0.name, $0.table.memos) }), as: .base,
                                  interner: interner, payload: payload)
            memos.forEach(persisted: true) { $1.markSaved() }
        }
        var tables: [String: [String: Memo]] = [:]
        for (name, table) in memos.persisted {
            let journal = table.journal
            if !journal.stored.isEmpty { tables[name] = journal.stored }
            if !journal.dropped.isEmpty { tables[Self.droppedPrefix + name] = Dictionary(uniqueKeysWithValues: journal.dropped.map { ($0, Memo(trace: [])) }) }
        }
        self.site = MemoTable(memos: site.map { [WholeSiteStage.item: $0] } ?? [:])
        if let site { tables[WholeSiteStage.item] = [WholeSiteStage.item: site] }
        try cache.save(tables, as: .journal, extending: base ?? .zero, interner: interner, payload: payload)
    }
}

extension BuildSession {
    /// After a successful build: saves the memos when anything changed since `revision` (or the output was
    /// written, or the build is one-shot, whose journal carries the whole build's memo).
    func saveMemos(after result: inout Result, revision: Int) {
        guard let cache, state.revision != revision || result.wrote || destination == .staged else { return }
        if destination.isOneShot, state.baseDue {
            // A one-shot build has no next build in this process: let go of the texts and values before
            // writing every memo. (Only then: freeing them one by one takes longer than the exit.)
            state.load = nil
            state.memos[ArticlesStage.memos].dropValues()
            state.memos[MarkdownStage.bodyMemos].dropValues()
        }
        do { try state.save(to: cache, site: wholeSiteMemo(result), interner: interner, spill: spill) } catch { result.notes.append("sitegen: note: \(error)") }
    }
}
