/// The render-pages stage: every output file as a job with a key naming what it was made from,
/// so a rebuild renders only jobs whose key changed.
struct PageRenderer: Sendable {
    let site: ResolvedSite
    let templates: TemplateSet
    let catalogPages: [CatalogPage]
    /// Each article's search entry as JSON, in site order (the session keeps them between builds).
    let searchEntries: [String]

    /// One output file: where it goes, what its content depends on, and how to make it.
    struct Job: Sendable {
        var path: String
        /// Equal keys promise equal bytes.
        var key: String
        var make: @Sendable () -> Result<OutputFile, Diagnostic>
    }

    /// Every file of the site, in a fixed order.
    func jobs(_ articles: [RenderedArticle], versions: PageVersions) -> [Job] {
        let context = PageContext(site: site)
        let templates = self.templates
        let site = self.site
        let searchEntries = self.searchEntries
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

        var jobs: [Job] = articles.enumerated().map { position, item in
            let slug = item.article.slug
            let related = site.related[position].map { "\(site.articles[$0].slug):\(versions.listed(site.articles[$0].slug))" }
            let key = "\(versions.article(slug))|\(versions.markdown(slug))|" + related.joined(separator: ",")
            return page("article", "\(slug)/index.html", key: key, source: item.article.sourcePath) {
                context.article(item.article, rendered: item.markdown)
            }
        }
        let listing = "listing:\(versions.listing)"
        jobs.append(page("index", "index.html", key: listing) { context.index() })
        jobs.append(page("404", "404.html", key: "") { context.notFound() })
        jobs.append(page("tags", "tags/index.html", key: listing) { context.tagIndex() })
        jobs.append(page("search", "search/index.html", key: "") { context.search() })
        jobs += site.tags.map { tag in page("tag", String(tag.sitePath.dropFirst()) + "index.html", key: listing) { context.tag(tag) } }
        let catalog = "catalog:\(versions.catalog)"
        jobs += catalogPages.map { catalogPage in
            page(catalogPage.templateName, String(catalogPage.sitePath.dropFirst()) + "index.html", key: catalog) { context.catalogPage(catalogPage) }
        }
        if !site.catalog.meshes.isEmpty {
            jobs.append(file("catalog.json", key: "\(catalog)|\(versions.config)") {
                OutputFile(path: "catalog.json", text: CatalogJSON.render(site.catalog, baseURL: site.config.baseURL))
            })
        }
        jobs.append(file("search-index.json", key: "\(listing)|\(versions.allMarkdown)|\(catalog)|\(versions.config)") {
            OutputFile(path: "search-index.json", text: SearchIndex.render(site: site, articleEntries: searchEntries))
        })
        let catalogPagePaths = catalogPages.map(\.sitePath)
        jobs.append(file("sitemap.xml", key: "\(listing)|\(catalog)|\(versions.config)") {
            OutputFile(path: "sitemap.xml", text: SitemapXML.render(Self.sitemapEntries(site, catalogPagePaths: catalogPagePaths)))
        })
        jobs.append(file("atom.xml", key: "\(listing)|\(versions.config)") { OutputFile(path: "atom.xml", text: AtomFeed.render(site: site)) })
        jobs.append(file("robots.txt", key: "\(versions.config)") { OutputFile(path: "robots.txt", text: RobotsTxt.render(baseURL: site.config.baseURL)) })
        jobs += site.assets.map { asset in
            file(asset.outputPath, key: "asset:\(versions.asset(asset.outputPath))") { OutputFile(path: asset.outputPath, bytes: asset.bytes) }
        }
        return jobs
    }

    /// Runs the jobs whose key differs from `previous` in parallel and reuses the rest; results keep job order.
    /// `fresh` tells, per file, whether it was made now (a reused file is the previous build's, byte for byte).
    static func run(_ jobs: [Job], previous: [String: (key: String, file: OutputFile)], progress: ProgressCounter?)
        -> (files: [OutputFile], fresh: [Bool], rendered: Int, diagnostics: [Diagnostic]) {
        let results = Parallel.map(jobs) { job -> (Result<OutputFile, Diagnostic>, Bool) in
            defer { progress?.advance() }
            if let old = previous[job.path], old.key == job.key { return (.success(old.file), false) }
            return (job.make(), true)
        }
        var files: [OutputFile] = []
        var freshFiles: [Bool] = []
        var diagnostics: [Diagnostic] = []
        var rendered = 0
        for (result, fresh) in results {
            if fresh { rendered += 1 }
            switch result {
            case .success(let file):
                files.append(file)
                freshFiles.append(fresh)
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
            }
        }
        return (files, freshFiles, rendered, diagnostics)
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
    /// The newest generation of any rendered body, for files that show every body (the search index).
    var allMarkdown = 0
    var listing = 0
    var catalog = 0
}
