/// The search index, split so a query downloads only what it needs (README, "Search"):
/// - `/search-index.json`: how many documents and fragments there are;
/// - `/search/terms-<letter>.json`: every stemmed term starting with that letter and how many documents hold it,
///   for typo and prefix matching;
/// - `/search/f-<n>.json`: the postings of the terms whose FNV-1a hash is n modulo the fragment count;
/// - `/search/d-<n>.json`: `chunkSize` documents' titles, URLs, descriptions, and each section's heading, anchor
///   and opening words (the snippet).
/// Documents are numbered catalog pages first, then articles in site order, so a body edit changes only the
/// fragments holding terms it added, dropped or re-weighed, and its own document chunk.
struct SearchIndex: Sendable {
    /// Each file by its path relative to the output folder.
    var files: [String: [UInt8]]

    /// Documents per metadata file: a result page of ten fetches at most ten small files.
    static let chunkSize = 8
    /// The most postings a term keeps (its best-scoring documents): a word on every page of a large site would
    /// otherwise cost a query more than the whole budget (150 KB).
    static let postingLimit = 1000
    /// Sections a posting names, best first: enough to link the hit and to see two terms share one.
    static let sectionLimit = 4
    /// Characters of a section's text its snippet shows.
    static let snippetLength = 160

    /// Field weights: a term's score in a document is 8 × its best field's weight plus how often it occurs (up to 7).
    static let titleWeight = 16, headingWeight = 8, factWeight = 4, textWeight = 1
    /// A title of at most three words is a name (a mesh, a pair of meshes): its words weigh more than a long title's.
    static let nameWeight = 20

    /// A power of two near one fragment per eight documents, so fragments stay a few kilobytes on any site.
    static func fragmentCount(documents: Int) -> Int {
        var count = 8
        while count < 4096 && count * 8 < documents { count *= 2 }
        return count
    }

    static func chunkCount(documents: Int) -> Int { (documents + chunkSize - 1) / chunkSize }

    static let manifestPath = "search-index.json"
    static func termsPath(_ letter: String) -> String { "search/terms-\(letter).json" }
    static func fragmentPath(_ number: Int) -> String { "search/f-\(number).json" }
    static func chunkPath(_ number: Int) -> String { "search/d-\(number).json" }

    /// Every file the index is written to, in a fixed order, known from the number of documents alone.
    static func paths(documents: Int) -> [String] {
        [manifestPath] + SearchText.letters.map(termsPath) + (0..<fragmentCount(documents: documents)).map(fragmentPath)
            + (0..<chunkCount(documents: documents)).map(chunkPath)
    }

    /// One document's terms: for each stem, its best field weight, how often it occurs, and per section the weight
    /// and count there.
    private struct DocumentTerms: Sendable {
        struct Entry: Sendable {
            var best = 0
            var count = 0
            var sections: [Int: (weight: Int, count: Int)] = [:]
        }
        var terms: [String: Entry] = [:]

        mutating func add(_ text: String, weight: Int, section: Int, stems: inout [String: String]) {
            for word in SearchText.words(text) where !SearchText.stopWords.contains(word) {
                let stem: String
                if let known = stems[word] { stem = known } else { stem = EnglishStemmer.stem(word); stems[word] = stem }
                var entry = terms[stem, default: Entry()]
                entry.best = max(entry.best, weight)
                entry.count += 1
                let old = entry.sections[section] ?? (0, 0)
                entry.sections[section] = (max(old.weight, weight), old.count + 1)
                terms[stem] = entry
            }
        }
    }

    private static func terms(of document: SearchDocument, stems: inout [String: String]) -> DocumentTerms {
        var terms = DocumentTerms()
        let isName = SearchText.words(document.title).filter { !SearchText.stopWords.contains($0) }.count <= 3
        terms.add(document.title, weight: isName ? nameWeight : titleWeight, section: 0, stems: &stems)
        for fact in document.facts { terms.add(fact, weight: factWeight, section: 0, stems: &stems) }
        for (index, section) in document.sections.enumerated() {
            terms.add(section.heading, weight: headingWeight, section: index, stems: &stems)
            terms.add(section.text, weight: document.textIsFacts ? factWeight : textWeight, section: index, stems: &stems)
        }
        return terms
    }

    private struct Posting {
        var document: Int
        var score: Int
        var sections: [Int]
    }

    /// Builds every file from the documents in index order. Each document's terms are found on every core;
    /// the merge is one pass over all postings, and each term's postings are sorted once.
    init(documents: [SearchDocument], baseURL: BaseURL) {
        // Stems are found once per distinct word in a run of documents, not once per occurrence: stemming every
        // word of 10,000 articles was most of the build.
        let runs = Swift.max(1, Swift.min(64, documents.count / 64))
        let bounds = (0...runs).map { $0 * documents.count / runs }
        let perDocument = Parallel.map(Array(0..<runs)) { run -> [DocumentTerms] in
            var stems: [String: String] = [:]
            return documents[bounds[run]..<bounds[run + 1]].map { Self.terms(of: $0, stems: &stems) }
        }.flatMap { $0 }
        var postings: [String: [Posting]] = [:]
        for (number, document) in perDocument.enumerated() {
            for (stem, entry) in document.terms {
                let sections = entry.sections.sorted { ($0.value.weight, $0.value.count, -$0.key) > ($1.value.weight, $1.value.count, -$1.key) }
                    .prefix(Self.sectionLimit).map(\.key)
                postings[stem, default: []].append(Posting(document: number, score: entry.best * 8 + min(entry.count, 7), sections: sections))
            }
        }
        let fragmentCount = Self.fragmentCount(documents: documents.count)
        var fragments = [[(String, [Posting], Int)]](repeating: [], count: fragmentCount)
        var letters: [String: [(String, Int)]] = [:]
        for (stem, list) in postings {
            var kept = list
            if kept.count > Self.postingLimit {
                kept = Array(kept.sorted { ($0.score, -$0.document) > ($1.score, -$1.document) }.prefix(Self.postingLimit))
                kept.sort { $0.document < $1.document }
            }
            fragments[Int(SearchText.hash(stem) % UInt32(fragmentCount))].append((stem, kept, list.count))
            letters[SearchText.letter(of: stem), default: []].append((stem, list.count))
        }
        var files: [String: [UInt8]] = [:]
        files[Self.manifestPath] = Array(JSONWriter.encode(["v": 3, "documents": documents.count, "fragments": fragmentCount,
                                                            "chunk": Self.chunkSize, "files": baseURL.rooted("/search/")] as [String: Any]).utf8) + [0x0A]
        for letter in SearchText.letters {
            var output: [UInt8] = [UInt8(ascii: "{")]
            for (index, (stem, count)) in (letters[letter] ?? []).sorted(by: { $0.0 < $1.0 }).enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                JSONWriter.write(string: stem, into: &output)
                output += ":\(count)".utf8
            }
            files[Self.termsPath(letter)] = output + "}\n".utf8
        }
        for (number, fragment) in fragments.enumerated() {
            var output: [UInt8] = [UInt8(ascii: "{")]
            for (index, (stem, list, count)) in fragment.sorted(by: { $0.0 < $1.0 }).enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                JSONWriter.write(string: stem, into: &output)
                // [documents holding it, then per posting: document − previous, score, section count, sections…]
                output += ":[\(count)".utf8
                var previous = 0
                for posting in list {
                    output += ",\(posting.document - previous),\(posting.score),\(posting.sections.count)".utf8
                    for section in posting.sections { output += ",\(section)".utf8 }
                    previous = posting.document
                }
                output.append(UInt8(ascii: "]"))
            }
            files[Self.fragmentPath(number)] = output + "}\n".utf8
        }
        for chunk in 0..<Self.chunkCount(documents: documents.count) {
            var output: [UInt8] = [UInt8(ascii: "[")]
            for number in (chunk * Self.chunkSize)..<min((chunk + 1) * Self.chunkSize, documents.count) {
                if number > chunk * Self.chunkSize { output.append(UInt8(ascii: ",")) }
                Self.write(documents[number], into: &output)
            }
            files[Self.chunkPath(chunk)] = output + "]\n".utf8
        }
        self.files = files
    }

    /// `[kind, title, url, description, [[heading, anchor, snippet], …]]`.
    private static func write(_ document: SearchDocument, into output: inout [UInt8]) {
        JSONWriter.write(strings: [document.kind, document.title, document.url, document.description], into: &output)
        output.removeLast()
        output += ",[".utf8
        for (index, section) in document.sections.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            JSONWriter.write(strings: [section.heading, section.id, snippet(section.text)], into: &output)
        }
        output += "]]".utf8
    }

    /// A section's opening words, cut at a space.
    static func snippet(_ text: String) -> String {
        let trimmed = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard trimmed.count > snippetLength else { return trimmed }
        var cut = trimmed.prefix(snippetLength)
        if let space = cut.lastIndex(of: " ") { cut = cut[..<space] }
        return String(cut) + "…"
    }
}
