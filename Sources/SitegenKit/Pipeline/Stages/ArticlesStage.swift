/// The validate stage for articles: front matter to `Article`, one memo per file. An article is decoded again
/// only when its file's bytes changed; otherwise it comes from memory or from the cache folder's encoding.
/// Publishes `front:` (everything outside the body) and `body:` for each article, so an edit to a body alone
/// leaves every stage that reads only front matter (resolve, listings, related reading) untouched.
struct ArticlesStage {
    /// Where articles' encodings wait for the cache to be saved (at 100,000 articles they were 90 MB of the heap).
    var spill: BodySpill?
    static let memos = MemoTableKey<Article>("articles")

    struct Output {
        /// Decoded articles in tree order; empty when one failed to decode (the build stops before they are read).
        var articles: [Article]
        var diagnostics: [Diagnostic]
    }

    /// `previous` is the last build's list when it was made from the same files in the same order: then only the
    /// articles whose memo does not verify are replaced in it, and the other ten thousand are not even copied.
    /// Still the one rule: `plan` returns every position whose memo does not verify now, and a position it does not
    /// return holds the value made with the memo that verified (the list and the table change together).
    func run(_ files: [SourceFile], previous: inout [Article]?, memos: inout MemoTable<Article>, fingerprints: inout FingerprintTable) -> Output {
        let paths = files.map(\.path)
        let stale = memos.plan(paths, fingerprints: &fingerprints)
        if var kept = previous.take(), kept.count == files.count {
            var failed = false
            for (position, article) in zip(stale, make(files, at: stale, memos: &memos, fingerprints: &fingerprints)) {
                if let article { kept[position] = article } else { failed = true }
            }
            memos.keepOnly(paths, fingerprints: &fingerprints)
            return Output(articles: failed ? [] : kept, diagnostics: memos.diagnostics)
        }
        // Articles this process already holds are taken as they are; the rest are read back from the cache
        // folder's encoding, or decoded.
        var articles = paths.map { memos.value($0) }
        for position in stale { articles[position] = nil }
        let open = files.indices.filter { articles[$0] == nil }
        for (position, article) in zip(open, make(files, at: open, memos: &memos, fingerprints: &fingerprints)) { articles[position] = article }
        memos.keepOnly(paths, fingerprints: &fingerprints)
        let decoded = articles.compactMap { $0 }
        // An empty list means one failed to decode: the build stops before any stage reads the list.
        return Output(articles: decoded.count == files.count ? decoded : [], diagnostics: memos.diagnostics)
    }

    /// Reads back (from a memo that verifies) or decodes the articles at `positions`, storing the memos of those decoded.
    private func make(_ files: [SourceFile], at positions: [Int], memos: inout MemoTable<Article>,
                      fingerprints: inout FingerprintTable) -> [Article?] {
        let table = fingerprints
        let made = Self.decode(files, at: positions, memos: memos, table: table, spill: spill)
        for (index, (article, memo)) in zip(positions, made) {
            if let memo {
                memos.store(files[index].path, memo, value: article, publishing: &fingerprints)
            } else if let article {
                memos.remember(files[index].path, value: article)
            }
        }
        return made.map(\.0)
    }

    /// On every core; `previous` is a copy of the table, dropped before the caller stores into it.
    private static func decode(_ files: [SourceFile], at positions: [Int], memos previous: MemoTable<Article>,
                               table: FingerprintTable, spill: BodySpill?) -> [(Article?, Memo?)] {
        // Only a later build reads an article's encoding: none if no memo is kept.
        let makesPayloads = previous.keepsMemos
        return Parallel.map(positions) { index -> (Article?, Memo?) in
            let file = files[index]
            if let memo = previous.verified(file.path, in: table), let article = try? ArticleCoding.decode(memo.payload(in: spill), text: file.text) {
                return (article, nil)
            }
            let recorder = TraceRecorder(table)
            recorder.read(.file(file.path))
            let (article, problems) = ArticleDecoder.decode(file)
            let published = article.map { article in
                table.reads([(.front(file.path), .of(ArticleCoding.encodeFront(article))),
                             (.body(file.path), ArticleCoding.bodyFingerprint(article)),
                             (.relatedInput(file.path), ArticleCoding.relatedFingerprint(article))])
            } ?? []
            var memo = Memo(trace: recorder.trace, published: published, diagnostics: problems)
            if makesPayloads, let article {
                let encoded = ArticleCoding.encode(article)
                if let spill { memo.spilledPayload = spill.put(bytes: encoded) } else { memo.payload = encoded }
            }
            return (article, memo)
        }
    }
}

/// An article as bytes for the cache folder. The body is not stored: it is sliced again from the file's text,
/// which the load stage reads anyway, at the offset it was found.
enum ArticleCoding {
    static func encode(_ article: Article) -> [UInt8] {
        var writer = ByteWriter()
        writer.raw(encodeFront(article))
        let text = article.body.base
        writer.u32(text.utf8.distance(from: text.startIndex, to: article.body.startIndex))
        writer.u32(article.body.utf8.count)
        writer.u32(article.bodyStartLine)
        return writer.bytes
    }

    /// Everything but the body, in a fixed order: equal bytes mean equal front matter.
    static func encodeFront(_ article: Article) -> [UInt8] {
        var writer = ByteWriter()
        writer.string(article.sourcePath)
        writer.string(article.title)
        writer.string(article.metaDescription)
        writer.string(article.slug)
        writer.location(article.slugLocation)
        writer.string(article.primaryKeyword)
        writer.strings(article.secondaryKeywords)
        writer.string(article.author)
        writer.string(article.date.normalizedText)
        writer.strings(article.tags)
        writer.u32(article.related.count)
        for reference in article.related {
            writer.string(reference.slug)
            writer.location(reference.location)
        }
        writer.bool(article.draft)
        writer.optionalString(article.summary)
        writer.optionalString(article.updated?.normalizedText)
        writer.u32(article.aliases.count)
        for alias in article.aliases {
            writer.string(alias.path)
            writer.location(alias.location)
        }
        writer.bool(article.showsCallToAction)
        writer.bool(article.authorLocation != nil)
        if let location = article.authorLocation { writer.location(location) }
        writer.u32(article.tagLocations.count)
        for location in article.tagLocations { writer.location(location) }
        return writer.bytes
    }

    static func relatedFingerprint(_ article: Article) -> Fingerprint {
        var hasher = StableHasher()
        hasher.combine(article.slug)
        hasher.combine(article.date.normalizedText)
        for field in [article.tags, article.keywords, article.related.map(\.slug)] {
            hasher.combine(field.count)
            for value in field { hasher.combine(value) }
        }
        return hasher.finish()
    }

    /// What rendering the body reads of its article: the text, the line it starts on, and the page it lands on
    /// (the slug names the `anchors:` its render publishes).
    static func bodyFingerprint(_ article: Article) -> Fingerprint {
        var hasher = StableHasher()
        hasher.combine(article.sourcePath)
        hasher.combine(article.slug)
        hasher.combine(article.bodyStartLine)
        hasher.combine(article.body)
        return hasher.finish()
    }

    static func decode(_ payload: [UInt8], text: String) throws -> Article {
        var outer = ByteReader(payload)
        var reader = ByteReader(try outer.raw())
        let sourcePath = try reader.string()
        let title = try reader.string()
        let metaDescription = try reader.string()
        let slug = try reader.string()
        let slugLocation = try reader.location()
        let primaryKeyword = try reader.string()
        let secondaryKeywords = try reader.strings()
        let author = try reader.string()
        let dateText = try reader.string()
        let tags = try reader.strings()
        let related = try (0..<reader.u32()).map { _ in Article.RelatedReference(slug: try reader.string(), location: try reader.location()) }
        let draft = try reader.bool()
        let summary = try reader.optionalString()
        let updatedText = try reader.optionalString()
        let aliases = try (0..<reader.u32()).map { _ in Article.Alias(path: try reader.string(), location: try reader.location()) }
        let showsCallToAction = try reader.bool()
        let authorLocation = try reader.bool() ? try reader.location() : nil
        let tagLocations = try (0..<reader.u32()).map { _ in try reader.location() }
        let updated = try updatedText.map { text in
            guard let date = ArticleDate(text) else { throw ByteReader.Malformed() }
            return date
        }
        guard reader.isAtEnd, let date = ArticleDate(dateText) else { throw ByteReader.Malformed() }
        let start = try outer.u32(), length = try outer.u32(), bodyStartLine = try outer.u32()
        let utf8 = text.utf8
        guard outer.isAtEnd, start + length <= utf8.count else { throw ByteReader.Malformed() }
        let lower = utf8.index(utf8.startIndex, offsetBy: start), upper = utf8.index(lower, offsetBy: length)
        return Article(sourcePath: sourcePath, title: title, metaDescription: metaDescription, slug: slug, slugLocation: slugLocation,
                       primaryKeyword: primaryKeyword, secondaryKeywords: secondaryKeywords, author: author, date: date, tags: tags,
                       related: related, draft: draft, summary: summary, updated: updated, aliases: aliases,
                       showsCallToAction: showsCallToAction, authorLocation: authorLocation, tagLocations: tagLocations, body: text[lower..<upper],
                       bodyStartLine: bodyStartLine)
    }
}

extension ArticlesStage: Stage {
    struct Input {
        var files: [SourceFile]
        /// The last build's list, when made from the same files in the same order (see `run(_:previous:memos:fingerprints:)`).
        var previous: [Article]?
    }

    func run(_ input: consuming Input, in context: inout StageContext) -> Output {
        var previous = input.previous.take()
        let output = run(input.files, previous: &previous, memos: &context.memos[Self.memos], fingerprints: &context.fingerprints)
        context.diagnostics += output.diagnostics
        return output
    }
}
