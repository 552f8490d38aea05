/// What rendering one output file may read, each accessor recording the input it touched. Page code reaches
/// the site only through this, so the trace of a page is exactly what the page read, with no list kept by hand:
/// a template that starts showing a new field is tracked the moment it reads it.
/// One reader belongs to one output file on one thread.
final class SiteReader {
    private let build: PageInputs
    let recorder: TraceRecorder

    init(_ build: PageInputs, recorder: TraceRecorder) {
        self.build = build
        self.recorder = recorder
    }

    var config: SiteConfig {
        recorder.read(.settings)
        return build.site.config
    }

    var articleCount: Int {
        recorder.read(.articleCount)
        return build.site.articles.count
    }

    /// What other pages show of an article: everything outside its body.
    func article(at position: Int) -> Article {
        recorder.read(id: build.frontKeys[position])
        return build.site.articles[position]
    }

    /// Every published article in site order.
    var articles: [Article] {
        recorder.read(.order)
        for id in build.frontKeys { recorder.read(id: id) }
        return build.site.articles
    }

    /// The articles at a range of the site order (one page of the index): which article is at each position and
    /// what it says count as read, so a page is made again when its own range changes, not the whole order.
    func articles(inOrderAt positions: Range<Int>) -> [Article] {
        recorder.read(.articleCount)
        for position in positions {
            recorder.read(.position(position))
            recorder.read(id: build.frontKeys[position])
        }
        return Array(build.site.articles[positions])
    }

    /// An author's articles: every article's `author` is read to find them.
    func articles(by author: Author) -> [Int] {
        recorder.read(.order)
        for id in build.frontKeys { recorder.read(id: id) }
        return build.site.articles(by: author)
    }

    /// Every old URL (`aliases:`) with the page it now leads to, in site order.
    var redirects: [(from: String, to: String)] {
        recorder.read(.aliases)
        recorder.read(.order)
        return build.site.articles.flatMap { article in article.aliases.map { ($0.path, ResolvedSite.sitePath(of: article)) } }
    }

    func position(of slug: String) -> Int? {
        recorder.read(.order)
        return build.site.articleIndex[slug]
    }

    func related(at position: Int) -> [Int] {
        recorder.read(.related(build.site.articles[position].sourcePath))
        return build.site.related[position]
    }

    var tags: [TagPage] {
        recorder.read(.tags)
        return build.site.tags
    }

    /// One tag's page: its name and articles (`tag:<slug>`), not every tag's.
    func tag(at position: Int) -> TagPage {
        let tag = build.site.tags[position]
        recorder.read(.tag(tag.slug))
        return tag
    }

    /// A rendered body's headings, anchors and links; its HTML through `html(at:)`.
    func markdown(at position: Int) -> RenderedMarkdown {
        recorder.read(.markdown(build.site.articles[position].sourcePath))
        return build.bodies.facts(at: position)
    }

    func html(at position: Int) -> String {
        recorder.read(.html(build.site.articles[position].sourcePath))
        return build.bodies.html(at: position)
    }

    /// One file of the search index, as `SearchStage` made it: its own fingerprint is what the file read, so a
    /// body edit re-makes only the files whose bytes it changed.
    func searchFile(_ path: String) -> [UInt8]? {
        recorder.read(.searchFile(path))
        return build.search.bytes(path)
    }

    /// The whole catalog: every collection, entry and feature.
    var catalog: Catalog {
        recorder.read(.catalog(.collections))
        return build.site.catalog
    }

    /// One collection, by position: its entries and features, not the others'.
    func collection(at position: Int) -> CatalogCollection {
        let collection = build.site.catalog.collections[position]
        recorder.read(.catalog(.allEntries(collection.id)))
        recorder.read(.catalog(.allFeatures(collection.id)))
        return collection
    }

    /// A catalog page's generated tables, which show the entities it lists.
    func catalogPage(at position: Int) -> CatalogPage {
        let page = build.catalogPages[position]
        for dependency in page.dependencies { recorder.read(.catalog(dependency)) }
        return page
    }

    var routes: RouteTable {
        recorder.read(.routes)
        return build.routes
    }

    func asset(at position: Int) -> AssetFile {
        let asset = build.site.assets[position]
        recorder.read(.asset(asset.outputPath))
        return asset
    }

    func render(_ values: TemplateValue, template: String, stop: RenderStop? = nil) -> Result<[UInt8], TemplateSet.RenderError> {
        recorder.read(.template(template))
        return build.templates.renderPage(values, template: template, stop: stop)
    }
}

/// Everything page rendering reads from, shared by every page's `SiteReader`.
struct PageInputs: Sendable {
    var site: ResolvedSite
    var bodies: RenderedBodies
    var catalogPages: [CatalogPage]
    var routes: RouteTable
    var templates: TemplateSet
    var search: SearchIndex
    /// Each article's `front:` key number, in site order: listings read thousands, and interning each by name
    /// on every page was a tenth of a title edit's rebuild.
    var frontKeys: [Int]
}
