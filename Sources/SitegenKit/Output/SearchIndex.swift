/// The search index, split so a query downloads only what it needs (README, "Search"):
/// - `/search-index.json`: how many documents, slots and fragments there are;
/// - `/search/terms-<letter>.json`: every stemmed term starting with that letter and how many documents hold it,
///   for typo and prefix matching;
/// - `/search/f-<n>.json`: the postings of the terms whose FNV-1a hash is n modulo the fragment count;
/// - `/search/d-<n>.json`: `chunkSlots` slots' documents (0 for a free slot): titles, URLs, descriptions, and each
///   section's heading, anchor and opening words (the snippet); the description only when a section has no
///   snippet to show.
/// A document's number is its slot (`SearchSlots`, from its URL's hash), so a body edit changes only the fragments
/// holding terms it added, dropped or re-weighed, and its own chunk; adding or removing a page, the same for that
/// page's terms (and the counts in the term lists).
struct SearchIndex: Sendable {
    /// One file of the index: its bytes' fingerprint and where they are kept.
    struct File: Sendable {
        var fingerprint: Fingerprint
        var slot: BodySpill.Slot
    }

    /// Each file by its path relative to the output folder.
    private(set) var files: [String: File] = [:]
    /// Holds the files' bytes until their pages are written (on a large site, a few hundred megabytes of the heap).
    let spill: BodySpill

    /// A file's bytes, as the index made them.
    func bytes(_ path: String) -> [UInt8]? {
        files[path].flatMap { spill.bytes(at: $0.slot) }
    }

    /// Keeps a file in the spill, unless `previous` (the last build's index, in the same spill) holds the same bytes.
    private static func keep(_ bytes: [UInt8], at path: String, in spill: BodySpill, previous: SearchIndex?) -> File {
        keep(bytes, fingerprint: Fingerprint.of(bytes), at: path, in: spill, previous: previous)
    }

    /// `keep` of bytes whose fingerprint is known (a run read from the cache folder).
    static func keep(_ bytes: [UInt8], fingerprint: Fingerprint, at path: String, in spill: BodySpill, previous: SearchIndex?) -> File {
        if let known = previous?.files[path], known.fingerprint == fingerprint { return known }
        return File(fingerprint: fingerprint, slot: spill.put(bytes: bytes))
    }

    /// Slots per metadata file (a quarter to a half of them taken): a result page of ten fetches at most ten small files.
    static let chunkSlots = 16
    /// The most postings a term keeps (its best-scoring documents): a word on every page of a large site would
    /// otherwise cost a query more than the whole budget (150 KB).
    static let postingLimit = 1000
    /// Sections a posting names, best first: enough to link the hit and to see two terms share one.
    static let sectionLimit = 4
    /// Characters of a section's text its snippet shows: snippets are two thirds of a chunk's bytes, and ten
    /// chunks most of a query's (at 160, three of five queries on 10,000 articles fetched over 150 KB).
    static let snippetLength = 120

    /// Field weights: a term's score in a document is 8 × its best field's weight plus how often it occurs (up to 7).
    static let titleWeight = 16, headingWeight = 8, factWeight = 4, textWeight = 1
    /// A title of at most three words is a name (a catalog entry, a pair of entries): its words weigh more than a long title's.
    static let nameWeight = 20

    /// A power of two near one fragment per eight documents, so fragments stay a few kilobytes on any site.
    static func fragmentCount(documents: Int) -> Int {
        var count = 8
        while count < 4096 && count * 8 < documents { count *= 2 }
        return count
    }

    static func chunkCount(documents: Int) -> Int { SearchSlots.count(documents: documents) / chunkSlots }

    static let manifestPath = "search-index.json"
    static func termsPath(_ letter: String) -> String { "search/terms-\(letter).json" }
    static func fragmentPath(_ number: Int) -> String { "search/f-\(number).json" }
    static func chunkPath(_ number: Int) -> String { "search/d-\(number).json" }

    /// Every file the index is written to, in a fixed order, known from the number of documents alone.
    static func paths(documents: Int) -> [String] {
        [manifestPath] + SearchText.letters.map(termsPath) + (0..<fragmentCount(documents: documents)).map(fragmentPath)
            + (0..<chunkCount(documents: documents)).map(chunkPath)
    }

    /// One posting, without a heap allocation of its own: a document, its score for the term, and up to
    /// `sectionLimit` sections, best first.
    struct Posting: Sendable {
        var document: Int32
        var score: UInt16
        var sectionCount: UInt8
        var sections: (UInt16, UInt16, UInt16, UInt16)

        func section(_ index: Int) -> Int {
            switch index {
            case 0: return Int(sections.0)
            case 1: return Int(sections.1)
            case 2: return Int(sections.2)
            default: return Int(sections.3)
            }
        }
    }

    /// A run of consecutive chunks (so slots), indexed by one worker: each term's postings in document order, filed
    /// under the term's fragment so the merge can give every fragment to one worker. Its documents' chunk files
    /// are written with it (runs start at a chunk's first document), so their section texts go with the run.
    /// A preview session keeps each run with its memo (`SearchStage`), so an edit indexes one run again.
    struct Run: Sendable {
        /// Per fragment: its terms' postings in this run.
        var byFragment: [Int: Part] = [:]
        var chunks: [(Int, File)] = []
        /// Per slot of the run, what its document was made from (`.zero` for a free slot): a later build indexes
        /// again only the slots whose stamp changed (`patched`).
        var stamps: [Fingerprint] = []
        /// The fragments whose postings differ from the run the last index merged; nil when that is unknown (the
        /// run was indexed whole), so the merge makes every fragment again. Not kept in the payload.
        var changedFragments: Set<Int>?
        /// Per slot of the run, the fragments its postings are in, so a patch visits only those; empty when unknown
        /// (a run read from the cache folder), and then a patch looks through every fragment. Not kept in the payload.
        var documentFragments: [[UInt16]] = []

        /// `documentFragments` made from the postings.
        mutating func noteDocumentFragments(slots: Range<Int>) {
            var lists = [[UInt16]](repeating: [], count: slots.count)
            for (fragment, part) in byFragment {
                for posting in part.postings {
                    let offset = Int(posting.document) - slots.lowerBound
                    if lists[offset].last != UInt16(fragment) { lists[offset].append(UInt16(fragment)) }
                }
            }
            documentFragments = lists
        }
    }

    /// Where pages and terms go, from the pages' URLs alone: slots, fragments, chunks and runs of chunks.
    struct Layout: Sendable {
        let slots: SearchSlots
        let fragmentCount: Int
        let chunkCount: Int
        /// Run r covers chunks `runBounds[r]..<runBounds[r + 1]`.
        let runBounds: [Int]

        init(urls: [String]) {
            slots = SearchSlots(keys: urls)
            fragmentCount = SearchIndex.fragmentCount(documents: urls.count)
            let chunks = SearchIndex.chunkCount(documents: urls.count)
            chunkCount = chunks
            // Runs of about a thousand pages (at least sixteen runs, to share them among cores): each run stems its
            // own words, so smaller runs stem the same words again (a tenth of the index at 64 runs on 10,000 pages).
            let runCount = Swift.max(1, Swift.min(Swift.max(16, urls.count / 1000), chunks / 4))
            runBounds = (0...runCount).map { $0 * chunks / runCount }
        }

        var runCount: Int { runBounds.count - 1 }

        /// A run's name: its chunks and how terms are filed, so a run laid out otherwise is another run.
        func item(ofRun run: Int) -> String {
            "chunks \(runBounds[run])-\(runBounds[run + 1]) of \(chunkCount), \(fragmentCount) fragments"
        }

        /// The slots a run covers.
        func slots(ofRun run: Int) -> Range<Int> {
            (runBounds[run] * SearchIndex.chunkSlots)..<(runBounds[run + 1] * SearchIndex.chunkSlots)
        }
    }

    /// One fragment's postings from one run, in one array of exactly their number: an array per term would cost
    /// a header, a heap block and up to half its capacity unused for each of a run's terms, and every run is held
    /// until the merge (most of a large site's peak).
    struct Part: Sendable {
        /// (term, where its postings are in `postings`).
        var terms: [(String, Range<Int>)] = []
        var postings: [Posting] = []

        mutating func append(_ term: String, _ list: ArraySlice<Posting>) {
            guard !list.isEmpty else { return }
            let start = postings.count
            postings += list
            terms.append((term, start..<postings.count))
        }
    }

    /// One occurrence of a term, packed so a plain integer sort orders them by term, then section:
    /// the run's number for the term (bits 24…), the section (8…23) and the weight (0…7).
    private typealias Occurrence = UInt64

    /// A run's words and their terms, so each distinct word is folded, checked against the stop words and stemmed
    /// once per run rather than once per occurrence.
    private struct Vocabulary {
        /// Word → its term's number, or -1 for a stop word.
        var words = WordTable()
        var stems: [String: Int32] = [:]
        var terms: [String] = []

        mutating func term(of bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
            if let known = words.value(of: bytes) { return known }
            let word = String(decoding: bytes, as: UTF8.self)
            let number: Int32
            if SearchText.stopWords.contains(word) {
                number = -1
            } else {
                let stem = EnglishStemmer.stem(word)
                if let known = stems[stem] { number = known } else {
                    number = Int32(terms.count)
                    terms.append(stem)
                    stems[stem] = number
                }
            }
            words.insert(bytes, value: number)
            return number
        }

        /// Per term: the last document that held it, and where its group starts in that document's occurrences.
        private var stamps: [Int32] = []
        private var groups: [Int32] = []
        private var distinct: [Int] = []
        private var starts: [Int] = []
        private var grouped: [Occurrence] = []

        /// Orders a document's occurrences by term, keeping each term's in the order they came (so by section, since
        /// a document's fields are added section by section): a counting sort over the terms the document holds,
        /// linear where a comparison sort of every occurrence was a few percent of a build.
        mutating func groupByTerm(_ occurrences: inout [Occurrence], document: Int) {
            if stamps.count < terms.count {
                stamps += Array(repeating: -1, count: terms.count - stamps.count)
                groups += Array(repeating: 0, count: terms.count - groups.count)
            }
            distinct.removeAll(keepingCapacity: true)
            starts.removeAll(keepingCapacity: true)
            let stamp = Int32(document)
            for occurrence in occurrences {
                let term = Int(occurrence >> 24)
                if stamps[term] != stamp {
                    stamps[term] = stamp
                    groups[term] = Int32(distinct.count)
                    distinct.append(term)
                    starts.append(0)
                }
                starts[Int(groups[term])] += 1
            }
            var total = 0
            for index in starts.indices { let count = starts[index]; starts[index] = total; total += count }
            grouped.removeAll(keepingCapacity: true)
            grouped.append(contentsOf: repeatElement(0, count: occurrences.count))
            for occurrence in occurrences {
                let group = Int(groups[Int(occurrence >> 24)])
                grouped[starts[group]] = occurrence
                starts[group] += 1
            }
            swap(&occurrences, &grouped)
        }

        mutating func add(_ text: String, weight: Int, section: Int, to occurrences: inout [Occurrence]) {
            let low = UInt64(UInt16(clamping: section)) << 8 | UInt64(UInt8(clamping: weight))
            SearchText.forEachWordUTF8(text) { word in
                let term = self.term(of: word)
                if term >= 0 { occurrences.append(UInt64(term) << 24 | low) }
            }
        }
    }

    /// A document's postings, one per term it holds: its occurrences grouped by term, then each term's
    /// best weight, count, and best sections by (weight, count, earliest).
    private static func index(_ document: SearchDocument, number: Int, vocabulary: inout Vocabulary,
                              occurrences: inout [Occurrence], into postings: inout [[Posting]]) {
        occurrences.removeAll(keepingCapacity: true)
        var titleWords = 0
        SearchText.forEachWord(document.title) { if !SearchText.stopWords.contains($0) { titleWords += 1 } }
        vocabulary.add(document.title, weight: titleWords <= 3 ? nameWeight : titleWeight, section: 0, to: &occurrences)
        for fact in document.facts { vocabulary.add(fact, weight: factWeight, section: 0, to: &occurrences) }
        for (index, section) in document.sections.enumerated() {
            vocabulary.add(section.heading, weight: headingWeight, section: index, to: &occurrences)
            vocabulary.add(section.text, weight: document.textIsFacts ? factWeight : textWeight, section: index, to: &occurrences)
        }
        if postings.count < vocabulary.terms.count { postings += Array(repeating: [], count: vocabulary.terms.count - postings.count) }
        vocabulary.groupByTerm(&occurrences, document: number)
        var sections: [(weight: Int, count: Int, section: Int)] = []
        var start = 0
        while start < occurrences.count {
            let term = Int(occurrences[start] >> 24)
            var end = start, best = 0
            sections.removeAll(keepingCapacity: true)
            while end < occurrences.count && Int(occurrences[end] >> 24) == term {
                let weight = Int(occurrences[end] & 0xFF), section = Int((occurrences[end] >> 8) & 0xFFFF)
                best = max(best, weight)
                if let last = sections.last, last.section == section {
                    sections[sections.count - 1] = (max(last.weight, weight), last.count + 1, section)
                } else {
                    sections.append((weight, 1, section))
                }
                end += 1
            }
            let count = end - start
            sections.sort { ($0.weight, $0.count, -$0.section) > ($1.weight, $1.count, -$1.section) }
            var kept: (UInt16, UInt16, UInt16, UInt16) = (0, 0, 0, 0)
            let keptCount = min(sections.count, sectionLimit)
            for index in 0..<keptCount {
                let value = UInt16(sections[index].section)
                switch index {
                case 0: kept.0 = value
                case 1: kept.1 = value
                case 2: kept.2 = value
                default: kept.3 = value
                }
            }
            postings[term].append(Posting(document: Int32(number), score: UInt16(best * 8 + min(count, 7)),
                                               sectionCount: UInt8(keptCount), sections: kept))
            start = end
        }
    }

    /// Indexes one run: each of its pages, made by `document` (from its number) and let go once indexed, so only
    /// the postings outlive it, never every page's text at once; its chunk files go to `spill` as they are made.
    static func index(run: Int, layout: Layout, stamps: [Fingerprint], spill: BodySpill, previous: SearchIndex?,
                      document: (Int) -> SearchDocument) -> Run {
        var vocabulary = Vocabulary()
        var occurrences: [Occurrence] = []
        var postings: [[Posting]] = []
        var result = Run()
        result.stamps = stamps
        for chunk in layout.runBounds[run]..<layout.runBounds[run + 1] {
            let file = chunkFile(chunk, layout: layout, spill: spill, previous: previous) { slot, page in
                index(page, number: slot, vocabulary: &vocabulary, occurrences: &occurrences, into: &postings)
            } document: { document($0) }
            result.chunks.append((chunk, file))
        }
        var parts: [Int: Part] = [:]
        for (term, list) in zip(vocabulary.terms, postings) where !list.isEmpty {
            let fragment = Int(SearchText.hash(term) % UInt32(layout.fragmentCount))
            parts[fragment, default: Part()].terms.append((term, 0..<0))
            let start = parts[fragment]!.postings.count
            parts[fragment]!.postings += list
            parts[fragment]!.terms[parts[fragment]!.terms.count - 1].1 = start..<(start + list.count)
        }
        postings = []
        for (fragment, part) in parts {
            result.byFragment[fragment] = Part(terms: exact(part.terms), postings: exact(part.postings))
        }
        result.noteDocumentFragments(slots: layout.slots(ofRun: run))
        return result
    }

    /// A chunk's file: each of its slots' document (0 for a free slot), handed to `visit` as it is written.
    private static func chunkFile(_ chunk: Int, layout: Layout, spill: BodySpill, previous: SearchIndex?,
                                  visit: (Int, SearchDocument) -> Void, document: (Int) -> SearchDocument) -> File {
        var output: [UInt8] = [UInt8(ascii: "[")]
        for slot in (chunk * chunkSlots)..<((chunk + 1) * chunkSlots) {
            if slot > chunk * chunkSlots { output.append(UInt8(ascii: ",")) }
            let number = Int(layout.slots.documents[slot])
            guard number >= 0 else { output.append(UInt8(ascii: "0")); continue }
            let page = document(number)
            visit(slot, page)
            write(page, into: &output)
        }
        return keep(output + "]\n".utf8, at: chunkPath(chunk), in: spill, previous: previous)
    }

    /// `old` with only the slots whose stamp changed indexed again: their postings taken out of every fragment and
    /// their new ones put in, in document order, and their chunks' files made again — what `index` would make, for
    /// the cost of the changed pages. Nil when `old` covers other slots or most of the run changed (indexing it
    /// whole is then as quick). A catalog edit shown on a thousand pages of ten thousand touches every run, but
    /// indexes a thousand pages, not ten thousand.
    static func patched(_ old: Run, run: Int, layout: Layout, stamps: [Fingerprint], spill: BodySpill, previous: SearchIndex?,
                        document: (Int) -> SearchDocument) -> Run? {
        let slots = layout.slots(ofRun: run)
        guard old.stamps.count == slots.count, stamps.count == slots.count else { return nil }
        var changed = [Bool](repeating: false, count: slots.count)
        var changedCount = 0
        for offset in stamps.indices where stamps[offset] != old.stamps[offset] {
            changed[offset] = true
            changedCount += 1
        }
        var result = old
        result.stamps = stamps
        result.changedFragments = []
        guard changedCount > 0 else { return result }
        guard changedCount * 4 <= slots.count else { return nil }
        // The changed slots' new postings, by fragment and term.
        var vocabulary = Vocabulary()
        var occurrences: [Occurrence] = []
        var postings: [[Posting]] = []
        var chunks = old.chunks
        for (index, (chunk, _)) in chunks.enumerated() {
            let range = (chunk * chunkSlots)..<((chunk + 1) * chunkSlots)
            guard range.contains(where: { changed[$0 - slots.lowerBound] }) else { continue }
            chunks[index].1 = chunkFile(chunk, layout: layout, spill: spill, previous: previous) { slot, page in
                guard changed[slot - slots.lowerBound] else { return }
                Self.index(page, number: slot, vocabulary: &vocabulary, occurrences: &occurrences, into: &postings)
            } document: { document($0) }
        }
        result.chunks = chunks
        var added: [Int: [String: [Posting]]] = [:]
        for (term, list) in zip(vocabulary.terms, postings) where !list.isEmpty {
            added[Int(SearchText.hash(term) % UInt32(layout.fragmentCount)), default: [:]][term] = list
        }
        // Each fragment with the changed slots that now have postings there, in fragment order per slot.
        let newFragments: [(Int, [Int])] = added.keys.sorted().map { fragment in
            (fragment, Set(added[fragment]!.values.flatMap { $0.map { Int($0.document) } }).sorted())
        }
        let isChanged = { (posting: Posting) in changed[Int(posting.document) - slots.lowerBound] }
        var parts = old.byFragment
        var changedFragments = Set<Int>()
        // The fragments holding a changed slot's old postings: from the run's note of them, or by looking.
        let known = old.documentFragments.count == slots.count
        var visited = Set<Int>()
        if known {
            for offset in changed.indices where changed[offset] { visited.formUnion(old.documentFragments[offset].lazy.map(Int.init)) }
        } else {
            visited = Set(old.byFragment.keys)
        }
        // Fragments the changed slots now reach: an old part there gains their postings (the loop after this one
        // makes the parts of fragments the run had none in).
        visited.formUnion(added.keys)
        for fragment in visited {
            guard let part = old.byFragment[fragment], added[fragment] != nil || part.postings.contains(where: isChanged) else { continue }
            parts[fragment] = nil
            var additions = added.removeValue(forKey: fragment) ?? [:]
            var rebuilt = Part()
            var differs = false
            for (term, range) in part.terms {
                let list = part.postings[range]
                let new = additions.removeValue(forKey: term) ?? []
                guard list.contains(where: isChanged) || !new.isEmpty else {
                    rebuilt.append(term, list)
                    continue
                }
                let removed = list.filter(isChanged)
                if !Self.same(removed, new) { differs = true }
                rebuilt.append(term, Self.merged(list.filter { !isChanged($0) }, new))
            }
            for (term, list) in additions.sorted(by: { $0.key < $1.key }) {
                differs = true
                rebuilt.append(term, list[...])
            }
            if differs { changedFragments.insert(fragment) }
            if !rebuilt.terms.isEmpty { parts[fragment] = Part(terms: exact(rebuilt.terms), postings: exact(rebuilt.postings)) }
        }
        for (fragment, additions) in added {
            changedFragments.insert(fragment)
            var part = Part()
            for (term, list) in additions.sorted(by: { $0.key < $1.key }) { part.append(term, list[...]) }
            parts[fragment] = part
        }
        result.byFragment = parts
        result.changedFragments = changedFragments
        if known {
            var lists = old.documentFragments
            for offset in changed.indices where changed[offset] { lists[offset] = [] }
            for (fragment, terms) in newFragments {
                for slot in terms { if lists[slot - slots.lowerBound].last != UInt16(fragment) { lists[slot - slots.lowerBound].append(UInt16(fragment)) } }
            }
            result.documentFragments = lists
        } else {
            result.noteDocumentFragments(slots: slots)
        }
        return result
    }

    /// Whether two lists of postings are the same, posting for posting.
    private static func same(_ a: [Posting], _ b: [Posting]) -> Bool {
        guard a.count == b.count else { return false }
        for (x, y) in zip(a, b) {
            guard x.document == y.document, x.score == y.score, x.sectionCount == y.sectionCount,
                  (0..<Int(x.sectionCount)).allSatisfy({ x.section($0) == y.section($0) }) else { return false }
        }
        return true
    }

    /// Two lists in document order, as one in document order.
    private static func merged(_ a: [Posting], _ b: [Posting]) -> ArraySlice<Posting> {
        guard !b.isEmpty else { return a[...] }
        guard !a.isEmpty else { return b[...] }
        var result: [Posting] = []
        result.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a[i].document < b[j].document) { result.append(a[i]); i += 1 } else { result.append(b[j]); j += 1 }
        }
        return result[...]
    }

    /// What the next build's merge starts from: the layout's runs, each fragment's terms with how many documents
    /// hold them, and the term lists by letter. Kept only by a session that builds again (the preview).
    struct Merged: Sendable {
        var runBounds: [Int]
        var fragmentTerms: [[(String, Int)]]
        var letters: [String: [String: Int]]
    }

    /// The merge's state, for the next build of this session; nil unless asked for.
    private(set) var merged: Merged?
    /// Where the pages went, for the next build of this session to keep when the pages' URLs are the same.
    var placement: Placement?

    /// The layout of a list of URLs, with what each run's fingerprint takes from it: made again only when the URLs
    /// change (a page added, removed or moved), since sorting ten thousand URLs into slots costs more than a body edit.
    struct Placement: Sendable {
        let urls: [String]
        /// How many of the URLs (the first ones) are catalog pages, whose words a run's fingerprint also holds.
        let catalogCount: Int
        let layout: Layout
        /// Per run: a fingerprint of its slots and their URLs.
        let runURLs: [Fingerprint]
        /// Per run: the catalog pages in it.
        let catalogPages: [[Int]]

        init(urls: [String], catalogCount: Int) {
            self.urls = urls
            self.catalogCount = catalogCount
            layout = Layout(urls: urls)
            var runURLs: [Fingerprint] = []
            var catalogPages: [[Int]] = []
            for run in 0..<layout.runCount {
                var hasher = StableHasher()
                var pages: [Int] = []
                for slot in layout.slots(ofRun: run) {
                    let number = Int(layout.slots.documents[slot])
                    guard number >= 0 else { continue }
                    hasher.combine(slot)
                    hasher.combine(urls[number])
                    if number < catalogCount { pages.append(number) }
                }
                runURLs.append(hasher.finish())
                catalogPages.append(pages)
            }
            self.runURLs = runURLs
            self.catalogPages = catalogPages
        }

        /// This placement if it is of these URLs, else a new one.
        func reused(for urls: [String], catalogCount: Int) -> Placement {
            catalogCount == self.catalogCount && urls == self.urls ? self : Placement(urls: urls, catalogCount: catalogCount)
        }
    }

    /// Builds every file from the runs `run` gives (indexed now or kept from an earlier build), a few at a time on
    /// every core; the merge gives each core whole fragments. A file whose bytes `previous` already holds keeps
    /// its slot there. When `previous` kept its merge and every run says which fragments it changed (`Run.
    /// changedFragments`), only those fragments and the letters of their terms are made again: a body edit in
    /// the preview merges a handful of fragments, not two thousand.
    init(layout: Layout, documents count: Int, baseURL: BaseURL, spill: BodySpill, previous: SearchIndex?, remembers: Bool = false,
         run: @Sendable (Int) -> Run) {
        self.spill = spill
        var files: [String: File] = [:]
        let incremental = previous?.merged.map { $0.runBounds == layout.runBounds && $0.fragmentTerms.count == layout.fragmentCount } ?? false
        // Made again in place: a file the merge keeps keeps its entry, and no path is spelled again for it.
        if incremental, let previous { files = previous.files } else {
            files.reserveCapacity(1 + SearchText.letters.count + layout.fragmentCount + layout.chunkCount)
        }
        let keep = { (path: String, bytes: [UInt8]) in files[path] = Self.keep(bytes, at: path, in: spill, previous: previous) }
        keep(Self.manifestPath, Array(JSONWriter.encode(["v": 4, "documents": count, "slots": layout.slots.documents.count,
                                                            "fragments": layout.fragmentCount, "chunk": Self.chunkSlots, "files": baseURL.rooted("/search/")] as [String: Any]).utf8) + [0x0A])
        var state: Merged
        var changedLetters: Set<String>? = nil
        if incremental, let previous, let last = previous.merged {
            let runs = Parallel.map(Array(0..<layout.runCount), run)
            for run in runs { for (number, file) in run.chunks { files[Self.chunkPath(number)] = file } }
            var dirty = Set<Int>()
            for run in runs {
                guard let changed = run.changedFragments else { dirty = Set(0..<layout.fragmentCount); break }
                dirty.formUnion(changed)
            }
            let fragments = dirty.sorted()
            let made = Parallel.map(fragments) { fragment in
                var lists: [String: Gathered] = [:]
                for run in runs {
                    guard let part = run.byFragment[fragment] else { continue }
                    for (term, range) in part.terms { lists[term, default: Gathered()].add(part.postings[range]) }
                }
                return Self.fragmentFile(fragment, lists: lists, spill: spill, previous: previous)
            }
            state = last
            var letters = Set<String>()
            for (fragment, (file, terms)) in zip(fragments, made) {
                for (term, _) in state.fragmentTerms[fragment] {
                    let letter = SearchText.letter(of: term)
                    state.letters[letter]?[term] = nil
                    letters.insert(letter)
                }
                for (term, total) in terms {
                    let letter = SearchText.letter(of: term)
                    state.letters[letter, default: [:]][term] = total
                    letters.insert(letter)
                }
                state.fragmentTerms[fragment] = terms
                files[Self.fragmentPath(fragment)] = file
            }
            changedLetters = letters
        } else {
            state = Self.mergeWhole(layout: layout, spill: spill, previous: previous, run: run, into: &files)
        }
        for letter in SearchText.letters {
            let path = Self.termsPath(letter)
            if let changedLetters, !changedLetters.contains(letter), files[path] != nil { continue }
            var output: [UInt8] = [UInt8(ascii: "{")]
            for (index, (stem, total)) in (state.letters[letter] ?? [:]).sorted(by: { $0.key < $1.key }).enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                JSONWriter.write(string: stem, into: &output)
                output.append(UInt8(ascii: ":"))
                Self.append(total, to: &output)
            }
            keep(path, output + "}\n".utf8)
        }
        self.files = files
        merged = remembers ? state : nil
    }

    /// Every fragment made from every run; the runs are indexed a batch at a time, and each batch's postings gathered
    /// by fragment before the next: a term keeps only its best `postingLimit` postings between batches (its best
    /// among all documents are among its best in any part of them), so words on most pages no longer hold a
    /// posting per page.
    private static func mergeWhole(layout: Layout, spill: BodySpill, previous: SearchIndex?, run: @Sendable (Int) -> Run,
                                   into files: inout [String: File]) -> Merged {
        let fragmentCount = layout.fragmentCount
        let runCount = layout.runCount
        let groups = Swift.min(fragmentCount, 64)
        var gathered = [[String: Gathered]](repeating: [:], count: fragmentCount)
        for batchStart in stride(from: 0, to: runCount, by: Self.runsPerBatch) {
            let runs = Parallel.map(Array(batchStart..<Swift.min(batchStart + Self.runsPerBatch, runCount)), run)
            for run in runs { for (number, file) in run.chunks { files[Self.chunkPath(number)] = file } }
            // Each worker owns a stretch of fragments: it adds their terms' postings from the batch's runs, in run
            // (so document) order.
            let before = gathered
            gathered = []
            let updated = Parallel.map(Array(0..<groups)) { group -> [(Int, [String: Gathered])] in
                var stretch: [(Int, [String: Gathered])] = []
                for fragment in stride(from: group, to: fragmentCount, by: groups) {
                    var lists = before[fragment]
                    for run in runs {
                        guard let part = run.byFragment[fragment] else { continue }
                        for (term, range) in part.terms { lists[term, default: Gathered()].add(part.postings[range]) }
                    }
                    stretch.append((fragment, lists))
                }
                return stretch
            }
            gathered = [[String: Gathered]](repeating: [:], count: fragmentCount)
            for stretch in updated { for (fragment, lists) in stretch { gathered[fragment] = lists } }
        }
        // Each worker writes a stretch of fragments.
        let final = gathered
        gathered = []
        let merged = Parallel.map(Array(0..<groups)) { group -> [(Int, File, [(String, Int)])] in
            stride(from: group, to: fragmentCount, by: groups).map { fragment in
                let (file, terms) = fragmentFile(fragment, lists: final[fragment], spill: spill, previous: previous)
                return (fragment, file, terms)
            }
        }
        var state = Merged(runBounds: layout.runBounds, fragmentTerms: Array(repeating: [], count: fragmentCount), letters: [:])
        for group in merged {
            for (fragment, file, terms) in group {
                for (term, total) in terms { state.letters[SearchText.letter(of: term), default: [:]][term] = total }
                state.fragmentTerms[fragment] = terms
                files[Self.fragmentPath(fragment)] = file
            }
        }
        return state
    }

    /// A fragment's file: per term, how many documents hold it and its best `postingLimit` postings in document
    /// order; with each term's count of documents.
    private static func fragmentFile(_ fragment: Int, lists: [String: Gathered], spill: BodySpill, previous: SearchIndex?) -> (File, [(String, Int)]) {
        var output: [UInt8] = [UInt8(ascii: "{")]
        var terms: [(String, Int)] = []
        for (index, (term, gathered)) in lists.sorted(by: { $0.key < $1.key }).enumerated() {
            terms.append((term, gathered.count))
            let kept = gathered.kept()
            if index > 0 { output.append(UInt8(ascii: ",")) }
            JSONWriter.write(string: term, into: &output)
            // [documents holding it, then per posting: document − previous, score, section count, sections…]
            output += ":[".utf8
            Self.append(gathered.count, to: &output)
            var previous = 0
            for posting in kept {
                output.append(UInt8(ascii: ","))
                Self.append(Int(posting.document) - previous, to: &output)
                output.append(UInt8(ascii: ","))
                Self.append(Int(posting.score), to: &output)
                output.append(UInt8(ascii: ","))
                Self.append(Int(posting.sectionCount), to: &output)
                for section in 0..<Int(posting.sectionCount) {
                    output.append(UInt8(ascii: ","))
                    Self.append(posting.section(section), to: &output)
                }
                previous = Int(posting.document)
            }
            output.append(UInt8(ascii: "]"))
        }
        return (Self.keep(output + "}\n".utf8, at: Self.fragmentPath(fragment), in: spill, previous: previous), terms)
    }

    /// Runs indexed before their postings are gathered by fragment and frequent terms' cut to their best.
    static let runsPerBatch = 8

    /// A term's postings gathered so far, in document order: how many there were, and at least its best
    /// `postingLimit` of them (cut back to those whenever twice as many have gathered).
    private struct Gathered: Sendable {
        var count = 0
        var postings: [Posting] = []

        mutating func add(_ more: ArraySlice<Posting>) {
            count += more.count
            postings += more
            if postings.count >= 2 * SearchIndex.postingLimit { postings = SearchIndex.best(postings) }
        }

        /// The best `postingLimit` postings, in document order.
        func kept() -> [Posting] { postings.count > SearchIndex.postingLimit ? SearchIndex.best(postings) : postings }
    }

    /// The best `postingLimit` of `list` by score (the earlier document on a tie), in document order.
    /// Scores are small (at most 8 × 20 + 7), so this counts them rather than sorting: the lowest score kept is the
    /// one where the count from the top reaches the limit, and only as many of it as fit are kept, earliest first.
    private static func best(_ list: [Posting]) -> [Posting] {
        guard list.count > postingLimit else { return list }
        let level = { (posting: Posting) in Int(Swift.min(posting.score, 255)) }
        var counts = [Int](repeating: 0, count: 256)
        for posting in list { counts[level(posting)] += 1 }
        var threshold = 255, above = 0
        while above + counts[threshold] < postingLimit { above += counts[threshold]; threshold -= 1 }
        var atThreshold = postingLimit - above
        var kept: [Posting] = []
        kept.reserveCapacity(postingLimit)
        for posting in list {
            if level(posting) > threshold { kept.append(posting) }
            else if level(posting) == threshold && atThreshold > 0 { kept.append(posting); atThreshold -= 1 }
        }
        return kept
    }

    /// A copy of `array` in a buffer of its count (an array grown by appending keeps up to twice that).
    private static func exact<Element>(_ array: [Element]) -> [Element] {
        [Element](unsafeUninitializedCapacity: array.count) { buffer, count in
            _ = buffer.initialize(from: array)
            count = array.count
        }
    }

    /// A non-negative or negative integer's decimal digits, without making a String.
    private static func append(_ value: Int, to output: inout [UInt8]) {
        if value < 0 { output.append(UInt8(ascii: "-")); append(-value, to: &output); return }
        if value < 10 { output.append(UInt8(truncatingIfNeeded: 0x30 + value)); return }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            while rest > 0 { buffer[count] = UInt8(truncatingIfNeeded: 0x30 + rest % 10); rest /= 10; count += 1 }
            for index in stride(from: count - 1, through: 0, by: -1) { output.append(buffer[index]) }
        }
    }

    /// `[kind, title, url, description, [[heading, anchor, snippet], …]]`. A result shows its section's snippet
    /// and the description only in place of an empty one, so the description is written as "" when every section
    /// has a snippet (a tenth of a chunk's bytes on a large site).
    private static func write(_ document: SearchDocument, into output: inout [UInt8]) {
        let snippets = document.sections.map { snippet($0.text) }
        let description = !snippets.isEmpty && snippets.allSatisfy({ !$0.isEmpty }) ? "" : document.description
        JSONWriter.write(strings: [document.kind, document.title, document.url, description], into: &output)
        output.removeLast()
        output += ",[".utf8
        for (index, section) in document.sections.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            JSONWriter.write(strings: [section.heading, section.id, snippets[index]], into: &output)
        }
        output += "]]".utf8
    }

    /// A section's opening words, cut at a space: its whitespace runs made one space, only as far as the snippet
    /// needs (a section's whole text can be long).
    static func snippet(_ text: String) -> String {
        if let ascii = asciiSnippet(text) { return ascii }
        var trimmed = ""
        var count = 0, pendingSpace = false
        for character in text {
            if character.isWhitespace {
                if count > 0 { pendingSpace = true }
                continue
            }
            if pendingSpace { trimmed.append(" "); count += 1; pendingSpace = false }
            trimmed.append(character)
            count += 1
            if count > snippetLength { break }
        }
        guard count > snippetLength else { return trimmed }
        var cut = trimmed.prefix(snippetLength)
        if let space = cut.lastIndex(of: " ") { cut = cut[..<space] }
        return String(cut) + "…"
    }

    /// `snippet` over bytes, for a text whose opening is ASCII as far as the snippet reads (nil past a byte that is not).
    private static func asciiSnippet(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            var trimmed: [UInt8] = []
            trimmed.reserveCapacity(snippetLength + 2)
            var pendingSpace = false
            for byte in bytes {
                if byte >= 0x80 { return nil }
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                    if !trimmed.isEmpty { pendingSpace = true }
                    continue
                }
                if pendingSpace { trimmed.append(0x20); pendingSpace = false }
                trimmed.append(byte)
                if trimmed.count > snippetLength { break }
            }
            guard trimmed.count > snippetLength else { return String(decoding: trimmed, as: UTF8.self) }
            var cut = trimmed[..<snippetLength]
            if let space = cut.lastIndex(of: 0x20) { cut = cut[..<space] }
            return String(decoding: cut, as: UTF8.self) + "…"
        }
    }
}
