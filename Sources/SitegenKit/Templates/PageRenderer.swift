/// The render-pages stage: every output file as a job with a key naming what it was made from,
/// so a rebuild renders only jobs whose key changed.
struct PageRenderer: Sendable {
    let site: ResolvedSite
    let templates: TemplateSet
    let catalogPages: [CatalogPage]
    /// The search entry, as JSON, of the article at a position in site order.
    let searchEntry: @Sendable (Int) -> String

    /// One output file: where it goes, what its content depends on, and how to make it.
    struct Job: Sendable {
        var path: String
        /// Equal keys promise equal bytes.
        var key: String
        var make: @Sendable () -> Result<OutputFile, Diagnostic>
    }

    /// Every file of the site, in a fixed order; with `only`, just the files at those paths.
    func jobs(_ articles: [RenderedArticle], versions: PageVersions, only: Set<String>? = nil) -> [Job] {
        let context = PageContext(site: site)
        let templates = self.templates
        let site = self.site
        let searchEntry = self.searchEntry
        func page(_ template: String, _ path: String, key: String, source: String? = nil,
                  _ values: @escaping @Sendable () -> [String: Any]) -> Job {
            Job(path: path, key: "\(template)|\(versions.template(template))|\(versions.config)|" + key) {
                guard let html = templates.render(values(), template: template) else {
                    return .failure(.error("template '\(template)' could not be rendered", at: source.map { SourceLocation(path: $0) }))
                }
                return .success(OutputFile(path: path, text: html))
            }
        }
        func file(_ path: String, key: String, _ make: @escaping @Sendable () -> OutputFile) -> Job {
            Job(path: path, key: key) { .success(make()) }
        }

        let listing = "listing:\(versions.listing)"
        let catalog = "catalog:\(versions.catalog)"
        // Whole-site files and listings first, articles last: a long job started last would run alone at the end.
        var jobs: [Job] = []
        if !site.catalog.meshes.isEmpty {
            jobs.append(file("catalog.json", key: "\(catalog)|\(versions.config)") {
                OutputFile(path: "catalog.json", text: CatalogJSON.render(site.catalog, baseURL: site.config.baseURL))
            })
        }
        jobs.append(file("search-index.json", key: "\(listing)|\(catalog)|\(versions.config)") {
            OutputFile(path: "search-index.json", bytes: SearchIndex.render(site: site))
        })
        for number in 0..<SearchIndex.partCount(articles: articles.count) {
            let path = SearchIndex.partPath(number)
            guard only?.contains(path) ?? true else { continue }
            // Generations only grow, and a change stamps the current one: the newest of a part's articles
            // moves on exactly when one of its entries may have changed.
            let positions = (number * SearchIndex.partSize)..<min((number + 1) * SearchIndex.partSize, articles.count)
            let newest = positions.map { max(versions.article(site.articles[$0].slug), versions.markdown(site.articles[$0].slug)) }.max() ?? 0
            jobs.append(file(path, key: "\(listing)|\(newest)|\(versions.config)") {
                OutputFile(path: path, bytes: SearchIndex.renderPart(number, site: site, articleEntry: searchEntry))
            })
        }
        let catalogPagePaths = catalogPages.map(\.sitePath)
        jobs.append(file("sitemap.xml", key: "\(listing)|\(catalog)|\(versions.config)") {
            OutputFile(path: "sitemap.xml", text: SitemapXML.render(Self.sitemapEntries(site, catalogPagePaths: catalogPagePaths)))
        })
        jobs.append(file("atom.xml", key: "\(listing)|\(versions.config)") { OutputFile(path: "atom.xml", text: AtomFeed.render(site: site)) })
        jobs.append(page("index", "index.html", key: listing) { context.index() })
        jobs.append(page("404", "404.html", key: "") { context.notFound() })
        jobs.append(page("tags", "tags/index.html", key: listing) { context.tagIndex() })
        jobs.append(page("search", "search/index.html", key: "") { context.search() })
        jobs += site.tags.map { tag in page("tag", String(tag.sitePath.dropFirst()) + "index.html", key: listing) { context.tag(tag) } }
        jobs += catalogPages.map { catalogPage in
            page(catalogPage.templateName, String(catalogPage.sitePath.dropFirst()) + "index.html", key: catalog) { context.catalogPage(catalogPage) }
        }
        // With `only`, the articles come from its paths: a rebuild of one article must not visit ten thousand.
        let positions = only.map { only in
            only.compactMap { path in path.hasSuffix("/index.html") ? site.articleIndex[String(path.dropLast("/index.html".count))] : nil }.sorted()
        } ?? Array(articles.indices)
        jobs += positions.map { position in
            let item = articles[position]
            let slug = item.article.slug
            let related = site.related[position].map { "\(site.articles[$0].slug):\(versions.listed(site.articles[$0].slug))" }
            let key = "\(versions.article(slug))|\(versions.markdown(slug))|" + related.joined(separator: ",")
            return page("article", "\(slug)/index.html", key: key, source: item.article.sourcePath) {
                context.article(item.article, rendered: item.markdown)
            }
        }
        jobs.append(file("robots.txt", key: "\(versions.config)") { OutputFile(path: "robots.txt", text: RobotsTxt.render(baseURL: site.config.baseURL)) })
        jobs += site.assets.map { asset in
            file(asset.outputPath, key: "asset:\(versions.asset(asset.outputPath))") { OutputFile(path: asset.outputPath, bytes: asset.bytes) }
        }
        return only.map { only in jobs.filter { only.contains($0.path) } } ?? jobs
    }

    /// What running the jobs produced, in job order.
    struct Output {
        var paths: [String] = []
        /// Every file, unless they went to a sink as they were made.
        var files: [OutputFile] = []
        /// Per file, whether it was made now (a reused file is the previous build's, byte for byte).
        var fresh: [Bool] = []
        var rendered = 0
        var diagnostics: [Diagnostic] = []
    }

    /// Runs the jobs whose key differs from `previous` in parallel and reuses the rest. With a sink, each file
    /// goes to it as soon as it is made and is not kept, so the site is never in memory all at once.
    static func run(_ jobs: [Job], previous: [String: (key: String, file: OutputFile)], sink: (any OutputSink)?,
                    progress: ProgressCounter?) -> Output {
        let results = Parallel.map(jobs) { job -> (Result<OutputFile?, Diagnostic>, Bool) in
            defer { progress?.advance() }
            if let old = previous[job.path], old.key == job.key { return (.success(old.file), false) }
            guard let sink else { return (job.make().map { $0 }, true) }
            return (job.make().map { file in sink.accept(file); return nil }, true)
        }
        var output = Output()
        for (job, (result, fresh)) in zip(jobs, results) {
            if fresh { output.rendered += 1 }
            switch result {
            case .success(let file):
                output.paths.append(job.path)
                if let file { output.files.append(file) }
                output.fresh.append(fresh)
            case .failure(let diagnostic):
                output.diagnostics.append(diagnostic)
            }
        }
        return output
    }

    private static func sitemapEntries(_ site: ResolvedSite, catalogPagePaths: [String]) -> [SitemapXML.Entry] {
        let base = site.config.baseURL
        var entries = [SitemapXML.Entry(url: base.absolute("/"), lastModified: site.articles.map(\.date).max()?.isoDate)]
        entries += site.articles.map { SitemapXML.Entry(url: base.absolute(ResolvedSite.sitePath(of: $0)), lastModified: $0.date.isoDate) }
        entries += catalogPagePaths.map { SitemapXML.Entry(url: base.absolute($0), lastModified: nil) }
        entries.append(SitemapXML.Entry(url: base.absolute("/tags/"), lastModified: nil))
        entries += site.tags.map { tag in
            SitemapXML.Entry(url: base.absolute(tag.sitePath), lastModified: tag.articles.first.map { site.articles[$0].date.isoDate })
        }
        return entries
    }
}

/// The generations page keys are made of. A fresh build uses zeros everywhere and an empty cache, so everything renders.
struct PageVersions {
    var article: (String) -> Int = { _ in 0 }
    /// What other pages show of an article (its listing) last changed.
    var listed: (String) -> Int = { _ in 0 }
    var markdown: (String) -> Int = { _ in 0 }
    var template: (String) -> Int = { _ in 0 }
    var asset: (String) -> Int = { _ in 0 }
    var config = 0
    var listing = 0
    var catalog = 0
}
