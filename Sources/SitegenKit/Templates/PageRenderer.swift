/// The render-pages stage: every HTML page through its template, plus the sitemap, feed, robots.txt and catalog.json.
struct PageRenderer: Sendable {
    let site: ResolvedSite
    let templates: TemplateSet
    let catalogPages: [CatalogPage]

    /// One page to render: which template, where it goes, and what it shows.
    private struct Job {
        var template: String
        var path: String
        var source: String?
        var values: @Sendable () -> [String: Any]
    }

    /// Renders every page in parallel; output order is fixed by the job list, not by scheduling.
    func render(_ articles: [RenderedArticle], progress: ProgressCounter?) -> ([OutputFile], [Diagnostic]) {
        let context = PageContext(site: site)
        var jobs = articles.map { item in
            Job(template: "article", path: "\(item.article.slug)/index.html", source: item.article.sourcePath) {
                context.article(item.article, rendered: item.markdown)
            }
        }
        jobs.append(Job(template: "index", path: "index.html") { context.index() })
        jobs.append(Job(template: "404", path: "404.html") { context.notFound() })
        jobs.append(Job(template: "tags", path: "tags/index.html") { context.tagIndex() })
        jobs += site.tags.map { tag in Job(template: "tag", path: String(tag.sitePath.dropFirst()) + "index.html") { context.tag(tag) } }
        jobs += catalogPages.map { page in
            Job(template: page.templateName, path: String(page.sitePath.dropFirst()) + "index.html") { context.catalogPage(page) }
        }

        let pages = Parallel.map(jobs) { job -> Result<OutputFile, Diagnostic> in
            defer { progress?.advance() }
            guard let html = templates.render(job.values(), template: job.template) else {
                return .failure(.error("template '\(job.template)' could not be rendered", at: job.source.map { SourceLocation(path: $0) }))
            }
            return .success(OutputFile(path: job.path, text: html))
        }
        var files: [OutputFile] = []
        var diagnostics: [Diagnostic] = []
        for page in pages {
            switch page {
            case .success(let file): files.append(file)
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            }
        }
        if !site.catalog.meshes.isEmpty {
            files.append(OutputFile(path: "catalog.json", text: CatalogJSON.render(site.catalog, baseURL: site.config.baseURL)))
        }
        files.append(OutputFile(path: "sitemap.xml", text: SitemapXML.render(sitemapEntries())))
        files.append(OutputFile(path: "atom.xml", text: AtomFeed.render(site: site)))
        files.append(OutputFile(path: "robots.txt", text: RobotsTxt.render(baseURL: site.config.baseURL)))
        files += site.assets.map { OutputFile(path: $0.outputPath, bytes: $0.bytes) }
        return (files, diagnostics)
    }

    private func sitemapEntries() -> [SitemapXML.Entry] {
        let base = site.config.baseURL
        var entries = [SitemapXML.Entry(url: base.absolute("/"), lastModified: site.articles.map(\.date).max()?.isoDate)]
        entries += site.articles.map { SitemapXML.Entry(url: base.absolute(ResolvedSite.sitePath(of: $0)), lastModified: $0.date.isoDate) }
        entries += catalogPages.map { SitemapXML.Entry(url: base.absolute($0.sitePath), lastModified: nil) }
        entries.append(SitemapXML.Entry(url: base.absolute("/tags/"), lastModified: nil))
        entries += site.tags.map { tag in
            SitemapXML.Entry(url: base.absolute(tag.sitePath), lastModified: tag.articles.first.map { site.articles[$0].date.isoDate })
        }
        return entries
    }
}
