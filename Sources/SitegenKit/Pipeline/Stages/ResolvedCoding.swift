/// A resolved site as bytes for the cache folder, so a new process whose front matter is unchanged (a body edit)
/// takes the order, related reading and tags from the last build instead of resolving again. Only positions and
/// tag names are stored: the articles come from the articles stage, key numbers from this process.
enum ResolvedCoding {
    static func encode(_ resolved: ResolveStage.Resolved) -> [UInt8] {
        var writer = ByteWriter()
        writer.positions(resolved.inputPositions)
        for list in resolved.site.related { writer.positions(list) }
        writer.u32(resolved.site.tags.count)
        for tag in resolved.site.tags {
            writer.string(tag.name)
            writer.string(tag.slug)
            writer.positions(tag.articles)
        }
        for print in [resolved.orderPrint, resolved.inputOrderPrint, resolved.sourcePagesPrint] { writer.fingerprint(print) }
        return writer.bytes
    }

    /// The resolved site of a memo that verified against these inputs. Its published keys are, in order, `order`,
    /// `article-count`, then `related:` and `position:` of each article in site order, then `tags`, `aliases`, each
    /// tag's `tag:<slug>` and `source-pages` (as `ResolveStage` writes them): the key numbers are taken from there
    /// rather than named again.
    static func decode(_ memo: Memo, config: SiteConfig, articles: [Article], catalog: Catalog, assets: [AssetFile],
                       fingerprints: FingerprintTable) throws -> ResolveStage.Resolved {
        var reader = ByteReader(memo.payload)
        let inputPositions = try reader.positions(below: articles.count)
        let count = inputPositions.count
        let related = try (0..<count).map { _ in try reader.positions(below: count) }
        let tagCount = try reader.u32()
        guard tagCount <= count else { throw ByteReader.Malformed() }
        let tags = try (0..<tagCount).map { _ in TagPage(name: try reader.string(), slug: try reader.string(), articles: try reader.positions(below: count)) }
        let orderPrint = try reader.fingerprint(), inputOrderPrint = try reader.fingerprint(), sourcePagesPrint = try reader.fingerprint()
        guard reader.isAtEnd, memo.published.count == 2 * count + 5 + tags.count else { throw ByteReader.Malformed() }

        let ordered = inputPositions.map { articles[$0] }
        var index: [String: Int] = [:]
        index.reserveCapacity(count)
        for position in ordered.indices { index[ordered[position].slug] = position }
        let site = ResolvedSite(config: config, articles: ordered, articleIndex: index, assets: assets, catalog: catalog, related: related, tags: tags)
        let paths = ordered.map(\.sourcePath)
        let bodyKeys = paths.map { fingerprints.id(.body($0)) }
        return ResolveStage.Resolved(
            site: site, diagnostics: memo.diagnostics, sourcePages: ResolveStage.sourcePages(site), inputPositions: inputPositions,
            bodyKeys: bodyKeys, bodyPrints: bodyKeys.map { fingerprints[id: $0] }, frontKeys: paths.map { fingerprints.id(.front($0)) },
            articleKeys: memo.published[2..<(2 + 2 * count)].map(\.key), orderPrint: orderPrint, inputOrderPrint: inputOrderPrint,
            sourcePagesPrint: sourcePagesPrint)
    }
}

extension ByteWriter {
    mutating func positions(_ values: [Int]) {
        u32(values.count)
        for value in values { u32(value) }
    }
}

extension ByteReader {
    /// A list of positions, each below `limit`.
    mutating func positions(below limit: Int) throws -> [Int] {
        let count = try u32()
        guard count <= end - offset else { throw Malformed() }
        return try (0..<count).map { _ in
            let position = try u32()
            guard position < limit else { throw Malformed() }
            return position
        }
    }
}
