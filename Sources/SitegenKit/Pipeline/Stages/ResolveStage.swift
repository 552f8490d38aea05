/// The resolve stage: drops drafts, orders articles, checks URL owners and `related:` slugs, and computes
/// related reading and tags. Everything but related reading takes milliseconds and runs every build; related
/// reading is one memo whose trace names every article's front matter it weighed.
/// Publishes `order`, `related:<path>`, `tags`, `source-pages`.
struct ResolveStage {
    let includeDrafts: Bool
    static let item = "related"

    func run(config: SiteConfig, articles: [Article], catalog: Catalog, assets: [AssetFile],
             memos: inout MemoTable<[[Int]]>, fingerprints: inout FingerprintTable) -> (ResolvedSite, [Diagnostic]) {
        let table = fingerprints
        var fresh: (Memo, [[Int]])?
        let previous = memos
        // Which articles are published, in which order, and what each says all come from front matter.
        let recorder = TraceRecorder(table)
        recorder.read(.settings)
        for position in articles.indices { recorder.read(.front(articles[position].sourcePath)) }
        let (site, diagnostics) = SiteResolver.resolve(config: config, articles: articles, catalog: catalog, assets: assets,
                                                       includeDrafts: includeDrafts) { ordered, index, count in
            if let memo = previous.verified(Self.item, in: table), memo.trace == recorder.trace {
                if let value = previous.value(Self.item), value.count == ordered.count { return value }
                if let value = try? Self.decode(memo.payload), value.count == ordered.count { return value }
            }
            let value = RelatedIndex.compute(ordered, index: index, count: count)
            fresh = (Memo(trace: recorder.trace, payload: Self.encode(value)), value)
            return value
        }
        if let (memo, value) = fresh { memos.store(Self.item, memo, value: value) }

        var order = StableHasher()
        for position in site.articles.indices {
            let path = site.articles[position].sourcePath
            order.combine(path)
            var related = StableHasher()
            for other in site.related[position] { related.combine(site.articles[other].sourcePath) }
            fingerprints[.related(path)] = related.finish()
        }
        fingerprints[.order] = order.finish()
        var tags = StableHasher()
        for tag in site.tags {
            tags.combine(tag.name)
            tags.combine(tag.slug)
            for position in tag.articles { tags.combine(site.articles[position].sourcePath) }
        }
        fingerprints[.tags] = tags.finish()
        // Which file has which page follows from each published article's path and slug, in site order.
        var sourcePages = StableHasher()
        for position in site.articles.indices {
            sourcePages.combine(site.articles[position].sourcePath)
            sourcePages.combine(site.articles[position].slug)
        }
        fingerprints[.sourcePages] = sourcePages.finish()
        return (site, diagnostics)
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
