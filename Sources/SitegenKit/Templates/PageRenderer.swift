/// The render-pages stage: every HTML page through its template, plus the sitemap, feed and robots.txt.
struct PageRenderer: Sendable {
    let site: ResolvedSite
    let templates: TemplateSet
    let catalogPages: [CatalogPage]

    /// Renders the article pages in parallel and the site-wide files after them; output order is fixed.
    func render(_ articles: [RenderedArticle], progress: ProgressCounter?) -> ([OutputFile], [Diagnostic]) {
        let context = PageContext(site: site)
        let pages = Parallel.map(articles) { item -> Result<OutputFile, Diagnostic> in
            defer { progress?.advance() }
            let values = context.article(item.article, rendered: item.markdown)
            guard let html = templates.render(values, template: "article") else {
                return .failure(.error("template 'article' could not be rendered", at: SourceLocation(path: item.article.sourcePath)))
            }
            return .success(OutputFile(path: "\(item.article.slug)/index.html", text: html))
        }
        var files: [OutputFile] = []
        var diagnostics: [Diagnostic] = []
        for page in pages {
            switch page {
            case .success(let file): files.append(file)
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            }
        }
        for (name, path, values) in [("index", "index.html", context.index()), ("404", "404.html", context.notFound())] {
            if let html = templates.render(values, template: name) {
                files.append(OutputFile(path: path, text: html))
            } else {
                diagnostics.append(.error("template '\(name)' could not be rendered", at: nil))
            }
        }
        for page in catalogPages {
            if let html = templates.render(context.catalogPage(page), template: page.templateName) {
                files.append(OutputFile(path: String(page.sitePath.dropFirst()) + "index.html", text: html))
            } else {
                diagnostics.append(.error("template '\(page.templateName)' could not be rendered", at: nil))
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
        return entries
    }
}
