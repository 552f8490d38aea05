/// The resolve stage: drops drafts, orders articles, checks URL owners and `related:` slugs, and computes
/// related reading and tags. Two memos, both kept in the cache folder too: the resolved site as a whole, whose
/// trace names every article's front matter (reused with edited bodies put in place; a new process decodes it with
/// `ResolvedCoding`), and related reading, whose trace names which articles are published and what related reading
/// weighs of each (the slow part: a title edit reuses it even when it reorders the site).
/// Publishes `order`, `article-count`, `position:<n>`, `related:<path>`, `tags`, each tag's `tag:<slug>`, `aliases`, `source-pages`.
struct ResolveStage {
    let includeDrafts: Bool
    static let siteItem = "site"
    static let relatedItem = "related"

    /// A resolved site with its diagnostics and what it takes to put edited bodies in.
    struct Resolved: Sendable {
        var site: ResolvedSite
        var diagnostics: [Diagnostic]
        /// Each article's source path (normalised) → its page, for links written to `.md` files.
        var sourcePages: [String: String]
        /// For each article in site order: its position in the list it was resolved from, and its `body:` key
        /// and fingerprint then, so a later build puts in exactly the bodies that changed since.
        var inputPositions: [Int]
        var bodyKeys: [Int]
        var bodyPrints: [Fingerprint]
        /// Each article's `front:` key number, in site order, for the pages stage: numbered once per resolved site,
        /// not on every rebuild.
        var frontKeys: [Int]
        /// Each article's `related:<path>` and `position:<n>` key numbers, in site order.
        var articleKeys: [Int]
        /// Fingerprints of the paths in site order, the paths in input order, and which file has which page:
        /// when the next resolve finds them unchanged (a title edit that moves nothing), it keeps what follows from them.
        var orderPrint: Fingerprint
        var inputOrderPrint: Fingerprint
        var sourcePagesPrint: Fingerprint
    }

    /// The stage's two memo tables, both kept in the cache folder.
    static let siteMemos = MemoTableKey<Resolved>("resolve")
    static let relatedMemos = MemoTableKey<[[Int]]>("related")

    func run(config: SiteConfig, articles: [Article], catalog: Catalog, assets: [AssetFile],
             memos tables: inout MemoTables, fingerprints: inout FingerprintTable) -> (ResolvedSite, [Diagnostic], sourcePages: [String: String], frontKeys: [Int]) {
        // Taken out while the other is changed in place: one access to `tables` at a time.
        var related = tables.take(Self.relatedMemos)
        defer { tables.put(related, as: Self.relatedMemos) }
        return run(config: config, articles: articles, catalog: catalog, assets: assets, sites: &tables[Self.siteMemos],
                   related: &related, fingerprints: &fingerprints)
    }

    private func run(config: SiteConfig, articles: [Article], catalog: Catalog, assets: [AssetFile], sites: inout MemoTable<Resolved>,
                     related: inout MemoTable<[[Int]]>, fingerprints: inout FingerprintTable) -> (ResolvedSite, [Diagnostic], sourcePages: [String: String], frontKeys: [Int]) {
        if sites.plan([Self.siteItem], fingerprints: &fingerprints).isEmpty,
           var kept = sites.takeValue(Self.siteItem) ?? sites[Self.siteItem].flatMap({ memo in
               try? ResolvedCoding.decode(memo, config: config, articles: articles, catalog: catalog, assets: assets, fingerprints: fingerprints)
           }) {
            // Only bodies can differ (everything else an article says is in the trace): edited ones are put in.
            // Not a second rule: the memo verified, and `body:` is the one key its trace leaves out on purpose; each
            // body is compared by the same fingerprint the articles stage published for it.
            for index in kept.site.articles.indices where fingerprints[id: kept.bodyKeys[index]] != kept.bodyPrints[index] {
                kept.site.articles[index] = articles[kept.inputPositions[index]]
                kept.bodyPrints[index] = fingerprints[id: kept.bodyKeys[index]]
            }
            sites.remember(Self.siteItem, value: kept)
            return (kept.site, kept.diagnostics, kept.sourcePages, kept.frontKeys)
        }
        // Which articles are published, in which order, and what each says all come from front matter; which
        // articles and assets there are, from the list of sources.
        let recorder = TraceRecorder(fingerprints)
        recorder.read(.settings)
        recorder.read(.sources)
        for position in articles.indices { recorder.read(.front(articles[position].sourcePath)) }
        recorder.read(.catalog(.collections))
        for asset in assets { recorder.read(.asset(asset.outputPath)) }
        let trace = recorder.trace

        let table = fingerprints
        var fresh: (Memo, [[Int]])?
        let previous = related
        let (site, diagnostics) = SiteResolver.resolve(config: config, articles: articles, catalog: catalog, assets: assets,
                                                       includeDrafts: includeDrafts) { ordered, _, count in
            // Related reading does not depend on the site's order (ties break on date and slug, never title), so it is
            // computed and kept over the articles sorted by path: a title edit that reorders the site reuses it.
            let orderedPaths = ordered.map(\.sourcePath)
            let byPath = ordered.indices.sorted { orderedPaths[$0] < orderedPaths[$1] }
            var local = table
            local[.relatedSet] = Self.orderFingerprint(byPath.map { orderedPaths[$0] })
            let reads = TraceRecorder(local)
            reads.read(.settings)
            reads.read(.relatedSet)
            for position in byPath { reads.read(.relatedInput(orderedPaths[position])) }
            // The one rule (`verified`) against the table with this build's `related-set`; the trace must also name
            // exactly the `related-input:` keys of the articles there are now — `relatedSet` already says which
            // paths, so this only refuses what the rule would accept anyway, never reuses more. The count checks
            // guard a value or payload against a list of another length, which a verified memo cannot have.
            if let memo = previous.verified(Self.relatedItem, in: local), memo.trace == reads.trace {
                if let value = previous.value(Self.relatedItem), value.count == ordered.count { return Self.siteOrder(value, byPath: byPath) }
                if let value = try? Self.decode(memo.payload), value.count == ordered.count { return Self.siteOrder(value, byPath: byPath) }
            }
            let inputs = byPath.map { RelatedIndex.Input(ordered[$0]) }
            let index = Dictionary(inputs.indices.map { (inputs[$0].slug, $0) }, uniquingKeysWith: { _, last in last })
            let value = RelatedIndex.compute(inputs: inputs, index: index, count: count)
            fresh = (Memo(trace: reads.trace, payload: Self.encode(value)), value)
            return Self.siteOrder(value, byPath: byPath)
        }
        if let (memo, value) = fresh { related.store(Self.relatedItem, memo, value: value) }

        // Paths are taken out once: every loop below reads them for every article.
        let paths = site.articles.map(\.sourcePath)
        var count = StableHasher()
        count.combine(site.articles.count)
        let orderPrint = Self.orderFingerprint(paths)
        // A title edit rarely moves an article: what follows from the paths alone is kept from the last resolve.
        let last = sites.value(Self.siteItem)
        let sameOrder = last?.orderPrint == orderPrint
        // Each article's `related:<path>` and `position:<n>` key numbers, in that order.
        let articleKeys: [Int]
        if let last, sameOrder {
            articleKeys = last.articleKeys
        } else {
            articleKeys = paths.indices.flatMap { [fingerprints.id(.related(paths[$0])), fingerprints.id(.position($0))] }
        }
        var reads = fingerprints.reads([(.order, orderPrint), (.articleCount, count.finish())])
        reads.reserveCapacity(2 * paths.count + 4)
        for position in paths.indices {
            var hasher = StableHasher()
            for other in site.related[position] { hasher.combine(paths[other]) }
            reads.append(TraceRead(key: articleKeys[2 * position], fingerprint: hasher.finish()))
            var here = StableHasher()
            here.combine(paths[position])
            reads.append(TraceRead(key: articleKeys[2 * position + 1], fingerprint: here.finish()))
        }
        var tags = StableHasher()
        var eachTag: [(InputKey, Fingerprint)] = []
        for tag in site.tags {
            var this = StableHasher()
            this.combine(tag.name)
            this.combine(tag.slug)
            for position in tag.articles { this.combine(paths[position]) }
            let print = this.finish()
            tags.combine(print)
            eachTag.append((.tag(tag.slug), print))
        }
        var aliases = StableHasher()
        for position in paths.indices where !site.articles[position].aliases.isEmpty {
            aliases.combine(paths[position])
            for alias in site.articles[position].aliases { aliases.combine(alias.path) }
        }
        var published: [(InputKey, Fingerprint)] = [(.tags, tags.finish()), (.aliases, aliases.finish())] + eachTag
        // Which file has which page follows from each published article's path and slug, in site order.
        var sourcePages = StableHasher()
        for position in paths.indices {
            sourcePages.combine(paths[position])
            sourcePages.combine(site.articles[position].slug)
        }
        let sourcePagesPrint = sourcePages.finish()
        published.append((.sourcePages, sourcePagesPrint))
        reads += fingerprints.reads(published)

        let inputOrderPrint = Self.orderFingerprint(articles.map(\.sourcePath))
        let inputPositions: [Int], bodyKeys: [Int], frontKeys: [Int]
        if let last, sameOrder, last.inputOrderPrint == inputOrderPrint {
            (inputPositions, bodyKeys, frontKeys) = (last.inputPositions, last.bodyKeys, last.frontKeys)
        } else {
            let inputs = Dictionary(articles.indices.map { (articles[$0].sourcePath, $0) }, uniquingKeysWith: { first, _ in first })
            inputPositions = paths.map { inputs[$0] ?? 0 }
            bodyKeys = paths.map { fingerprints.id(.body($0)) }
            frontKeys = paths.map { fingerprints.id(.front($0)) }
        }
        let pages: [String: String]
        if let last, last.sourcePagesPrint == sourcePagesPrint { pages = last.sourcePages } else { pages = Self.sourcePages(site) }
        let bodyPrints = bodyKeys.map { fingerprints[id: $0] }
        let resolved = Resolved(site: site, diagnostics: diagnostics, sourcePages: pages, inputPositions: inputPositions, bodyKeys: bodyKeys,
                                bodyPrints: bodyPrints, frontKeys: frontKeys, articleKeys: articleKeys, orderPrint: orderPrint,
                                inputOrderPrint: inputOrderPrint, sourcePagesPrint: sourcePagesPrint)
        sites.store(Self.siteItem, Memo(trace: trace, published: reads, diagnostics: diagnostics, payload: ResolvedCoding.encode(resolved)),
                          value: resolved, publishing: &fingerprints)
        return (site, diagnostics, pages, frontKeys)
    }

    /// Related reading computed over the articles sorted by path (`byPath[i]` is the i-th one's site position), in site positions.
    static func siteOrder(_ related: [[Int]], byPath: [Int]) -> [[Int]] {
        var result = [[Int]](repeating: [], count: byPath.count)
        for position in byPath.indices { result[byPath[position]] = related[position].map { byPath[$0] } }
        return result
    }

    static func orderFingerprint(_ paths: [String]) -> Fingerprint {
        var hasher = StableHasher()
        for path in paths { hasher.combine(path) }
        return hasher.finish()
    }

    /// Each article's source path (normalised) → its page, for links written to `.md` files.
    static func sourcePages(_ site: ResolvedSite) -> [String: String] {
        Dictionary(site.articles.map { (SitePath.normalize($0.sourcePath), ResolvedSite.sitePath(of: $0)) }, uniquingKeysWith: { first, _ in first })
    }

    static func encode(_ related: [[Int]]) -> [UInt8] {
        var writer = ByteWriter()
        writer.u32(related.count)
        for list in related {
            writer.u32(list.count)
            for position in list { writer.u32(position) }
        }
        return writer.bytes
    }

    static func decode(_ payload: [UInt8]) throws -> [[Int]] {
        var reader = ByteReader(payload)
        let count = try reader.u32()
        guard count <= payload.count else { throw ByteReader.Malformed() }
        let related = try (0..<count).map { _ in
            let inner = try reader.u32()
            guard inner <= payload.count else { throw ByteReader.Malformed() }
            return try (0..<inner).map { _ in
                let position = try reader.u32()
                guard position < count else { throw ByteReader.Malformed() }
                return position
            }
        }
        guard reader.isAtEnd else { throw ByteReader.Malformed() }
        return related
    }
}

extension ResolveStage: Stage {
    struct Input {
        var config: SiteConfig
        var articles: [Article]
        var catalog: Catalog
        var assets: [AssetFile]
    }

    /// The resolved site, each article's source path → its page, and each article's `front:` key number.
    func run(_ input: consuming Input, in context: inout StageContext) -> (site: ResolvedSite, sourcePages: [String: String], frontKeys: [Int]) {
        let (site, problems, sourcePages, frontKeys) = run(config: input.config, articles: input.articles, catalog: input.catalog, assets: input.assets,
                                                           memos: &context.memos, fingerprints: &context.fingerprints)
        context.diagnostics += problems
        return (site, sourcePages, frontKeys)
    }
}
