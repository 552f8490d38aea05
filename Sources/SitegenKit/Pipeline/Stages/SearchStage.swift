import Foundation
import Synchronization

/// Makes the search index (`SearchIndex`) from every page's words, then publishes each of its files' fingerprint
/// as `search:<path>`. The file's page reads only that key, so after a body edit only the files whose bytes
/// changed are rendered and written (and kept again in the spill: the others keep the last build's slots).
/// One memo per run of chunks: a run's pages are indexed again only when one of them (its front matter, its
/// body's words, a catalog page's facts), its slots or the settings changed; a session that builds again keeps
/// each run's postings with its memo, so a preview edit indexes one run and merges the rest; with a cache folder,
/// each run's postings and chunk files are its memo's payload, so a new process does the same. A stale run indexes
/// again only the pages whose stamp changed (`SearchIndex.patched`); a session merges only the fragments whose
/// postings changed, a new process every fragment.
struct SearchStage {
    static let memos = MemoTableKey<SearchIndex.Run>("search")

    func run(site: ResolvedSite, bodies: RenderedBodies, spill: BodySpill, previous: SearchIndex?, keepsRuns: Bool, savesRuns: Bool,
             memos: inout MemoTable<SearchIndex.Run>, fingerprints: inout FingerprintTable) -> SearchIndex {
        let base = site.config.baseURL
        let articles = site.articles
        let catalog = CatalogSearchEntries.make(site.catalog, baseURL: base)
        let urls = catalog.map(\.url) + articles.map { base.rooted(ResolvedSite.sitePath(of: $0)) }
        let placement = previous?.placement?.reused(for: urls, catalogCount: catalog.count) ?? SearchIndex.Placement(urls: urls, catalogCount: catalog.count)
        let layout = placement.layout
        let items = (0..<layout.runCount).map(layout.item(ofRun:))
        // What sits in a run's slots: each page's slot and URL, and a catalog page's words (no other key holds them).
        for run in items.indices {
            var hasher = StableHasher()
            hasher.combine(placement.runURLs[run])
            for number in placement.catalogPages[run] { Self.combine(catalog[number], into: &hasher) }
            fingerprints[.searchRun(items[run])] = hasher.finish()
        }
        let stale = Set(memos.plan(items, fingerprints: &fingerprints))
        let kept = items.map { memos.value($0) }
        let saved = items.map { memos[$0] }
        let table = fingerprints
        let made = MadeRuns()
        // What each slot's document is made of, so a stale run indexes again only the pages that changed.
        let settings = table[.settings]
        let stamps = { @Sendable (run: Int) -> [Fingerprint] in
            layout.slots(ofRun: run).map { slot in
                let number = Int(layout.slots.documents[slot])
                guard number >= 0 else { return .zero }
                var hasher = StableHasher()
                hasher.combine(urls[number])
                if number < catalog.count {
                    Self.combine(catalog[number], into: &hasher)
                } else {
                    let path = articles[number - catalog.count].sourcePath
                    hasher.combine(settings)
                    hasher.combine(table[.front(path)])
                    hasher.combine(table[.markdown(path)])
                }
                return hasher.finish()
            }
        }
        // Each article's document (its section texts, from its memo's payload in the spill) is made on the core
        // that indexes it and let go right after: every page's text at once was most of a build's peak.
        var index = SearchIndex(layout: layout, documents: urls.count, baseURL: base, spill: spill, previous: previous, remembers: keepsRuns) { run in
            var last = kept[run]
            if last == nil, let payload = saved[run]?.payload(in: spill),
               let value = try? SearchIndex.Run(decoding: payload, spill: spill, previous: previous) {
                if !stale.contains(run) { made.decoded(run, keepsRuns ? value : nil) }
                last = value
            }
            if !stale.contains(run), var value = last {
                value.changedFragments = []
                return value
            }
            let recorder = TraceRecorder(table)
            recorder.read(.searchRun(items[run]))
            recorder.read(.settings)
            for slot in layout.slots(ofRun: run) {
                let number = Int(layout.slots.documents[slot]) - catalog.count
                guard number >= 0 else { continue }
                recorder.read(.front(articles[number].sourcePath))
                recorder.read(.markdown(articles[number].sourcePath))
            }
            let document = { (number: Int) in
                number < catalog.count ? catalog[number]
                    : SearchDocument(article: articles[number - catalog.count], summary: bodies.summary(at: number - catalog.count), baseURL: base)
            }
            let runStamps = stamps(run)
            let value = last.flatMap { SearchIndex.patched($0, run: run, layout: layout, stamps: runStamps, spill: spill, previous: previous, document: document) }
                ?? SearchIndex.index(run: run, layout: layout, stamps: runStamps, spill: spill, previous: previous, document: document)
            var memo = Memo(trace: recorder.trace)
            if savesRuns { memo.spilledPayload = value.encoded(in: spill).map { spill.put(bytes: $0) } }
            made.add(run, memo, keepsRuns ? value : nil)
            return value
        }
        spill.flush()
        for (run, memo, value) in made.all { memos.store(items[run], memo, value: value) }
        for (run, value) in made.read { memos.remember(items[run], value: value) }
        memos.keepOnly(items, fingerprints: &fingerprints)
        // A session's table still holds what the last index published: only files whose bytes changed are new to it.
        for (path, file) in index.files where previous?.files[path]?.fingerprint != file.fingerprint {
            fingerprints[.searchFile(path)] = file.fingerprint
        }
        if keepsRuns { index.placement = placement }
        return index
    }

    private static func combine(_ document: SearchDocument, into hasher: inout StableHasher) {
        for text in [document.kind, document.title, document.description] + document.facts { hasher.combine(text) }
        for section in document.sections {
            hasher.combine(section.heading)
            hasher.combine(section.id)
            hasher.combine(section.text)
        }
    }

    /// The runs indexed in this build, gathered from the workers that indexed them.
    private final class MadeRuns: Sendable {
        private struct Gathered {
            var runs: [(Int, Memo, SearchIndex.Run?)] = []
            var fromPayloads: [(Int, SearchIndex.Run)] = []
        }
        private let gathered = Mutex(Gathered())

        func add(_ run: Int, _ memo: Memo, _ value: SearchIndex.Run?) { gathered.withLock { $0.runs.append((run, memo, value)) } }

        /// A run whose memo verified, read from its payload (the memo came from the cache folder).
        func decoded(_ run: Int, _ value: SearchIndex.Run?) {
            guard let value else { return }
            gathered.withLock { $0.fromPayloads.append((run, value)) }
        }

        var all: [(Int, Memo, SearchIndex.Run?)] { gathered.withLock { $0.runs.sorted { $0.0 < $1.0 } } }
        var read: [(Int, SearchIndex.Run)] { gathered.withLock { $0.fromPayloads.sorted { $0.0 < $1.0 } } }
    }
}

extension SearchStage: Stage {
    struct Input {
        var site: ResolvedSite
        var bodies: RenderedBodies
        var spill: BodySpill
        /// The last index this process made, whose unchanged files stay where they are in the spill.
        var previous: SearchIndex?
        /// Whether runs' postings are kept for a next build in this process, and encoded for the cache folder.
        var keepsRuns: Bool
        var savesRuns: Bool
    }

    func run(_ input: consuming Input, in context: inout StageContext) -> SearchIndex {
        run(site: input.site, bodies: input.bodies, spill: input.spill, previous: input.previous, keepsRuns: input.keepsRuns,
            savesRuns: input.savesRuns, memos: &context.memos[Self.memos], fingerprints: &context.fingerprints)
    }
}
