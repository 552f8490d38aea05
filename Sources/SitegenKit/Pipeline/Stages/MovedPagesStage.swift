/// Warns when an article's URL changed: a page the output folder published is no longer made, no alias keeps it,
/// and an article now at another URL had that page's title. Readers and search engines may link to the old URL,
/// so the warning sits at the article's `url_slug` and names the alias to add. Pages that went for other reasons
/// (a deleted article, a tag nobody uses) say nothing. Runs only when the routes changed, since otherwise nothing
/// can have gone.
struct MovedPagesStage {
    func run(published: PublishedSite, routes: RouteTable, site: ResolvedSite) -> [Diagnostic] {
        let now = Set(routes.routes.map(\.sitePath))
        let gone = published.pagePaths.filter { !now.contains($0) }.sorted()
        guard !gone.isEmpty else { return [] }
        let siteTitle = site.config.title
        var diagnostics: [Diagnostic] = []
        for path in gone where !RouteTable.reservedNames.contains(String(path.dropFirst().prefix { $0 != "/" })) {
            let title = published.title(at: path)
            // The article template's `<title>` is "Title · Site"; an exact title matches too.
            let moved = title.flatMap { title in
                site.articles.first { $0.title == title || title == "\($0.title) · \(siteTitle)" }
            }
            guard let moved else { continue }
            diagnostics.append(.warning(
                "this article was published at \(path) and is now at \(ResolvedSite.sitePath(of: moved)); add aliases: [\(path)] to its front matter so links to the old URL keep working",
                at: moved.slugLocation))
        }
        return diagnostics
    }
}

extension MovedPagesStage: Stage {
    struct Input {
        var published: PublishedSite
        var routes: RouteTable
        var site: ResolvedSite
    }

    func run(_ input: consuming Input, in context: inout StageContext) {
        context.diagnostics += run(published: input.published, routes: input.routes, site: input.site)
    }
}
