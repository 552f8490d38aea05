import Foundation
import Synchronization

/// The render-Markdown stage: every published body through libcmark, one memo per article. A body is rendered
/// again when anything its trace names changed: its text, the settings and reserved ids, a catalog entity one of
/// its directives showed, or (for bodies that link to `.md` files) which file has which page.
/// Publishes `markdown:<path>`, `html:<path>` and `anchors:<site path>` for articles and catalog pages.
struct MarkdownStage {
    let renderer: MarkdownRenderer
    /// Where bodies' HTML waits for their pages.
    let spill: BodySpill
    /// Whether bodies rendered on demand are kept for the next build in this process (the preview), or
    /// dropped as soon as their page is made (a one-shot build, which would only pile them up).
    var keepsBodies = true
    /// The fixed ids each catalog page's template gives it (by template name), which are its anchors as much as its
    /// tables' are; `markdown-context` covers them, as it covers every template's ids.
    var catalogTemplateIDs: [String: Set<String>] = [:]

    struct Output {
        /// Every published body, rendered now, kept from this process, or rendered again when first asked for.
        var bodies: RenderedBodies
        var catalogPages: [CatalogPage]
        var diagnostics: [Diagnostic]
        /// How many bodies were rendered now.
        var rendered: Int
    }

    /// One memo per article, kept in the cache folder too.
    static let bodyMemos = MemoTableKey<KeptBody>("markdown")
    /// In this process only: rendering them again is cheap next to reading them back.
    static let catalogPageMemos = MemoTableKey<[CatalogPage]>("catalog-pages", persisted: false)

    func run(_ site: ResolvedSite, texts: BodyTexts, directiveNames: [String], memos tables: inout MemoTables,
             fingerprints: inout FingerprintTable, progress: (@Sendable (BuildProgress) -> Void)?) -> Output {
        var context = StableHasher()
        context.combine(fingerprints[.settings])
        context.combine(fingerprints[.templateAnchors])
        // Which template ids are on the article page decides which directive ids clash; the set of all may not change.
        for id in (renderer.pageTemplateIDs ?? []).sorted() { context.combine(id) }
        for name in directiveNames { context.combine(name) }
        fingerprints[.markdownContext] = context.finish()

        let paths = site.articles.map(\.sourcePath)
        let stale = tables[Self.bodyMemos].plan(paths, fingerprints: &fingerprints)
        let table = fingerprints
        let renderer = self.renderer, spill = self.spill
        let progress = progress.map { ProgressCounter(step: .renderMarkdown, total: stale.count, observer: $0) }
        let fresh = Parallel.map(stale) { position -> (Memo, KeptBody) in
            defer { progress?.advance() }
            let article = site.articles[position]
            let text = texts.text(of: article)
            var (markdown, problems) = renderer.render(text ?? "", path: article.sourcePath, firstLine: article.bodyStartLine)
            if text == nil { problems.append(BodyTexts.changed(article)) }
            let recorder = TraceRecorder(table)
            recorder.read(.body(article.sourcePath))
            recorder.read(.markdownContext)
            for dependency in markdown.dependencies { recorder.read(.catalog(dependency)) }
            if markdown.usesSourceLinks { recorder.read(.sourcePages) }
            let published = table.reads([(.markdown(article.sourcePath), Self.fingerprint(markdown)),
                                         (.html(article.sourcePath), .of(markdown.html)),
                                         (.anchors(ResolvedSite.sitePath(of: article)), Self.fingerprint(anchors: markdown.anchors))])
            let kept = KeptBody(markdown, in: spill)
            var memo = Memo(trace: recorder.trace, published: published, diagnostics: problems)
            memo.spilledPayload = kept.payload
            texts.release(of: article)
            return (memo, kept)
        }
        spill.flush()
        func keep(_ bodies: inout MemoTable<KeptBody>) {
            for (position, (memo, markdown)) in zip(stale, fresh) { bodies.store(paths[position], memo, value: markdown, publishing: &fingerprints) }
            bodies.keepOnly(paths, fingerprints: &fingerprints)
        }
        keep(&tables[Self.bodyMemos])

        let catalogPages = Self.catalogPages(site.catalog, context: renderer.context, templateIDs: catalogTemplateIDs,
                                             memos: &tables[Self.catalogPageMemos], fingerprints: &fingerprints)
        let kept = tables[Self.bodyMemos]
        let bodies = RenderedBodies(site: site, texts: texts, renderer: renderer, kept: kept, spill: spill, keepsRendered: keepsBodies)
        return Output(bodies: bodies, catalogPages: catalogPages, diagnostics: kept.diagnostics, rendered: stale.count)
    }

    static let catalogPagesItem = "catalog-pages"

    /// The catalog's own pages, made from the whole catalog and the settings alone: a body edit reuses them.
    static func catalogPages(_ catalog: Catalog, context: DirectiveContext, templateIDs: [String: Set<String>] = [:],
                             memos: inout MemoTable<[CatalogPage]>, fingerprints: inout FingerprintTable) -> [CatalogPage] {
        if memos.plan([catalogPagesItem], fingerprints: &fingerprints).isEmpty, let kept = memos.value(catalogPagesItem) { return kept }
        let recorder = TraceRecorder(fingerprints)
        recorder.read(.markdownContext)
        recorder.read(.catalog(.collections))
        var pages = CatalogPages.render(catalog, context: context)
        for index in pages.indices { pages[index].anchors.formUnion(templateIDs[pages[index].templateName] ?? []) }
        memos.store(catalogPagesItem, Memo(trace: recorder.trace), value: pages)
        return pages
    }

    /// Everything a rendered body gives later stages but its HTML, which only its own page shows (`html:`):
    /// a directive whose table changed remakes that page, not the search part that lists the article.
    static func fingerprint(_ markdown: RenderedMarkdown) -> Fingerprint {
        var hasher = StableHasher()
        for heading in markdown.headings {
            hasher.combine(heading.level)
            hasher.combine(heading.id)
            hasher.combine(heading.text)
        }
        hasher.combine(fingerprint(anchors: markdown.anchors))
        for link in markdown.links {
            hasher.combine(link.destination)
            hasher.combine(link.location.path)
            hasher.combine(link.location.line)
            hasher.combine(link.location.column)
            hasher.combine(link.isImage)
        }
        for dependency in markdown.dependencies.sorted() { hasher.combine(InputKey.catalog(dependency).name) }
        hasher.combine(markdown.usesSourceLinks)
        hasher.combine(markdown.excerpt)
        for text in markdown.sectionTexts { hasher.combine(text) }
        return hasher.finish()
    }

    static func fingerprint(anchors: Set<String>) -> Fingerprint {
        var hasher = StableHasher()
        hasher.combine(anchors.count)
        for anchor in anchors.sorted() { hasher.combine(anchor) }
        return hasher.finish()
    }

    /// A body's memo carries its anchors (for link checks) and its summary (for search parts): what other pages
    /// read of it besides its HTML, so a new process need not render it again for them.
    static func encode(anchors: Set<String>, summary: BodySummary) -> [UInt8] {
        var writer = ByteWriter()
        writer.strings(anchors.sorted())
        writer.u32(summary.sections.count)
        for section in summary.sections {
            writer.string(section.text)
            writer.string(section.id)
        }
        writer.string(summary.excerpt)
        writer.strings(summary.sectionTexts)
        return writer.bytes
    }

    /// The anchors alone: link checks read them, and making the summary's strings too would be wasted.
    static func decodeAnchors(_ payload: [UInt8]) throws -> Set<String> {
        var reader = ByteReader(payload)
        return Set(try reader.strings())
    }

    /// The summary alone, the anchors before it skipped: every search part reads 500 of these.
    static func decodeSummary(_ payload: [UInt8]) throws -> BodySummary {
        var reader = ByteReader(payload)
        let anchorCount = try reader.u32()
        guard anchorCount <= payload.count else { throw ByteReader.Malformed() }
        for _ in 0..<anchorCount { _ = try reader.span() }
        let count = try reader.u32()
        guard count <= payload.count else { throw ByteReader.Malformed() }
        let sections = try (0..<count).map { _ in (text: try reader.string(), id: try reader.string()) }
        let summary = BodySummary(sections: sections, excerpt: try reader.string(), sectionTexts: try reader.strings())
        guard reader.isAtEnd else { throw ByteReader.Malformed() }
        return summary
    }
}

/// A rendered body as kept with its memo: its HTML and its memo's payload (anchors and summary) in the spill, its
/// headings, anchors and links in memory.
struct KeptBody: Sendable {
    /// Everything but the HTML and the summary.
    var facts: RenderedMarkdown
    var html: BodySpill.Slot
    var payload: BodySpill.Slot

    init(_ markdown: RenderedMarkdown, in spill: BodySpill) {
        html = spill.put(markdown.html)
        payload = spill.put(bytes: MarkdownStage.encode(anchors: markdown.anchors, summary: BodySummary(markdown)))
        facts = markdown
        facts.html = ""
        facts.excerpt = ""
        facts.sectionTexts = []
    }
}

/// The rendered bodies of one build, by position in site order. Bodies whose memo verified but whose value this
/// process never had (the memo came from the cache folder) are rendered when first asked for: rendering is
/// deterministic, so the result is the one the memo describes. Shared by the link and page workers.
final class RenderedBodies: Sendable {
    let site: ResolvedSite
    private let texts: BodyTexts
    private let renderer: MarkdownRenderer
    private let kept: MemoTable<KeptBody>
    private let spill: BodySpill
    private let keepsRendered: Bool
    /// What the link and page workers learn as they go, shared between them.
    private let learned = Mutex(Learned())

    private struct Learned {
        var values: [String: KeptBody] = [:]
        var renderedLater: [String] = []
        var unreadable: [Diagnostic] = []
        var decodedAnchors: [String: Set<String>] = [:]
    }

    init(site: ResolvedSite, texts: BodyTexts, renderer: MarkdownRenderer, kept: MemoTable<KeptBody>, spill: BodySpill, keepsRendered: Bool) {
        self.site = site
        self.texts = texts
        self.renderer = renderer
        self.kept = kept
        self.spill = spill
        self.keepsRendered = keepsRendered
    }

    private func keptBody(_ path: String) -> KeptBody? {
        kept.value(path) ?? learned.withLock { $0.values[path] }
    }

    /// The ids a body defines, from this process's value, the memo's payload, or a render, in that order.
    func anchors(at position: Int) -> Set<String> {
        let path = site.articles[position].sourcePath
        if let value = keptBody(path) { return value.facts.anchors }
        if let known = learned.withLock({ $0.decodedAnchors[path] }) { return known }
        if let payload = kept[path]?.payload(in: spill), let decoded = try? MarkdownStage.decodeAnchors(payload) {
            learned.withLock { $0.decodedAnchors[path] = decoded }
            return decoded
        }
        return facts(at: position).anchors
    }

    /// What search shows of a body, from the spill, the memo's payload, or a render of it.
    func summary(at position: Int) -> BodySummary {
        let article = site.articles[position]
        let payload = keptBody(article.sourcePath).flatMap { spill.bytes(at: $0.payload) } ?? kept[article.sourcePath]?.payload(in: spill)
        if let payload, let summary = try? MarkdownStage.decodeSummary(payload) { return summary }
        return BodySummary(renderer.render(text(of: article), path: article.sourcePath, firstLine: article.bodyStartLine).0)
    }

    /// A body's HTML alone, read once for its page. A one-shot build lets go of a body rendered on demand here: its
    /// page is the last to read it.
    func html(at position: Int) -> String {
        let path = site.articles[position].sourcePath
        guard let value = keptBody(path), let html = spill.html(at: value.html) else { return render(at: position).html }
        if !keepsRendered { learned.withLock { _ = $0.values.removeValue(forKey: path) } }
        return html
    }

    /// A body without its HTML (which stays in the spill): its headings, anchors and links.
    func facts(at position: Int) -> RenderedMarkdown {
        keptBody(site.articles[position].sourcePath)?.facts ?? render(at: position)
    }

    /// Renders a body whose memo came without a value (from the cache folder), and keeps it: its page reads its
    /// headings and then its HTML, and a second render for the second would double a template edit's rebuild.
    private func render(at position: Int) -> RenderedMarkdown {
        let article = site.articles[position]
        let (markdown, _) = renderer.render(text(of: article), path: article.sourcePath, firstLine: article.bodyStartLine)
        let value = KeptBody(markdown, in: spill)
        let keepsRendered = keepsRendered
        learned.withLock {
            if $0.values.updateValue(value, forKey: article.sourcePath) == nil, keepsRendered { $0.renderedLater.append(article.sourcePath) }
        }
        return markdown
    }

    /// The text of a body rendered on demand. One whose file changed since it was loaded (a one-shot build reads
    /// large sites' texts again) is rendered empty and reported, so the build fails rather than publish it.
    private func text(of article: Article) -> Substring {
        if let text = texts.text(of: article) { return text }
        learned.withLock { $0.unreadable.append(BodyTexts.changed(article)) }
        return ""
    }

    /// Bodies rendered on demand whose text could not be read again: errors for the build.
    var problems: [Diagnostic] {
        learned.withLock { $0.unreadable }
    }

    /// An article with its body's facts but not its HTML: what link checks read.
    func linkable(at position: Int) -> RenderedArticle {
        RenderedArticle(article: site.articles[position], markdown: facts(at: position))
    }

    /// Bodies rendered on demand during this build, to keep with their memos.
    func takeRenderedLater() -> [(String, KeptBody)] {
        learned.withLock { learned in learned.renderedLater.compactMap { path in learned.values[path].map { (path, $0) } } }
    }
}

extension MarkdownStage {
    /// The stage as a build sets it up: the renderer with the site's settings, the catalog for directives, the
    /// templates' fixed ids, and which file has which page.
    init(config: SiteConfig, catalog: Catalog, templates: TemplateSet, directives: DirectiveRegistry, sourcePages: [String: String],
         spill: BodySpill, keepsBodies: Bool) {
        var renderer = MarkdownRenderer(allowRawHTML: config.allowRawHTML, basePath: config.baseURL.path, directives: directives,
                                        context: DirectiveContext(site: config, catalog: catalog), reservedIDs: templates.staticIDs,
                                        pageTemplateIDs: templates.staticIDs(onPage: "article"))
        renderer.sourcePages = sourcePages
        // A catalog template's ids belong to its pages alone: a link to `#capabilities` on an article is broken.
        let catalogTemplateIDs = Dictionary(uniqueKeysWithValues: CatalogPages.templates(catalog).map { ($0, templates.staticIDs(onPage: $0)) })
        self.init(renderer: renderer, spill: spill, keepsBodies: keepsBodies, catalogTemplateIDs: catalogTemplateIDs)
    }
}

extension MarkdownStage: Stage {
    struct Input {
        var site: ResolvedSite
        var texts: BodyTexts
        var directiveNames: [String]
    }

    func run(_ input: consuming Input, in context: inout StageContext) -> Output {
        let output = run(input.site, texts: input.texts, directiveNames: input.directiveNames, memos: &context.memos,
                         fingerprints: &context.fingerprints, progress: context.progress)
        context.diagnostics += output.diagnostics
        return output
    }
}
