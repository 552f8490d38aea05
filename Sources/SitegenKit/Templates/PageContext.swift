/// Builds the values templates see, as `TemplateValue`s: concrete values the fast renderer reads without casts.
struct PageContext {
    let reader: SiteReader

    var config: SiteConfig { reader.config }

    /// `site` in every template: title, root path for links and assets, navigation.
    func siteValues(currentPath: String) -> TemplateValue {
        let navigation: [TemplateValue] = config.navigation.map { item in
            let isSitePath = item.url.hasPrefix("/") && !item.url.hasPrefix("//")
            return [
                "title": item.title,
                "url": isSitePath ? config.baseURL.rooted(item.url) : item.url,
                "current": isSitePath && item.url == currentPath,
            ]
        }
        return [
            "title": config.title,
            "description": config.description,
            "author": config.author,
            "language": config.language,
            "root": config.baseURL.path,
            "url": config.baseURL.description,
            "navigation": TemplateValue.list(navigation),
            "has_navigation": !navigation.isEmpty,
            "feed_url": config.baseURL.rooted("/atom.xml"),
        ]
    }

    /// `page`: what the `<head>` partial prints for any page.
    func pageValues(title: String, description: String, keywords: [String], sitePath: String, ogType: String, jsonLD: String?) -> TemplateValue {
        let fullTitle = title.isEmpty || title == config.title ? config.title : "\(title) · \(config.title)"
        var values: TemplateValue = [
            "title": fullTitle,
            "heading": title,
            "description": description,
            "keywords": keywords.joined(separator: ", "),
            "has_keywords": !keywords.isEmpty,
            "canonical": config.baseURL.absolute(sitePath),
            "path": config.baseURL.rooted(sitePath),
            "og_type": ogType,
        ]
        if let jsonLD { values["json_ld"] = .string(jsonLD) }
        return values
    }

    func article(at position: Int) -> TemplateValue {
        let article = reader.article(at: position), rendered = reader.markdown(at: position)
        let related = reader.related(at: position)
        let sitePath = ResolvedSite.sitePath(of: article)
        let canonical = config.baseURL.absolute(sitePath)
        // Lists are passed as `.list`: a `[TemplateValue]` given as is would be converted element by element.
        let toc = rendered.tableOfContents.map(Self.tocValues)
        let articleValues: TemplateValue = [
            "title": article.title,
            "author": article.author,
            "date_iso": article.date.isoDate,
            "date_long": article.date.longForm,
            "description": article.metaDescription,
            "summary": article.summary ?? article.metaDescription,
            "updated_iso": article.updated?.isoDate ?? "",
            "updated_long": article.updated?.longForm ?? "",
            "has_updated": article.updated != nil,
            "body": reader.html(at: position),
            "toc": TemplateValue.list(toc),
            "has_toc": !toc.isEmpty,
            "tags": TemplateValue.list(article.tags.map { tag -> TemplateValue in ["name": tag, "url": config.baseURL.rooted("/tags/\(TagRules.slug(tag))/")] }),
            "related": TemplateValue.list(related.map(relatedValues)),
            "has_related": !related.isEmpty,
            "has_tags": !article.tags.isEmpty,
            "url": config.baseURL.rooted(sitePath),
        ]
        var values = articleValues
        if let author = config.authors?.first(where: { $0.name == article.author }) {
            values["author_box"] = Self.authorValues(author, baseURL: config.baseURL)
        }
        if let editURL = config.editURL { values["edit_url"] = .string(editURL + articleFileName(article.sourcePath)) }
        if article.showsCallToAction, let cta = config.callToAction {
            values["cta"] = ["heading": cta.heading, "text": cta.text, "button": cta.buttonLabel,
                             "url": cta.url.hasPrefix("/") ? config.baseURL.rooted(cta.url) : cta.url]
        }
        return [
            "site": siteValues(currentPath: sitePath),
            "page": pageValues(title: article.title, description: article.metaDescription, keywords: article.keywords,
                               sitePath: sitePath, ogType: "article", jsonLD: JSONLD.article(article, url: canonical, site: config)),
            "article": values,
        ]
    }

    /// The article's path below `articles/`, which an edit URL ending in `Content/articles/` completes.
    private func articleFileName(_ sourcePath: String) -> String {
        let folder = config.path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        let prefix = (folder.isEmpty ? "" : folder + "/") + "articles/"
        return sourcePath.hasPrefix(prefix) ? String(sourcePath.dropFirst(prefix.count)) : String(sourcePath.split(separator: "/").last ?? "")
    }

    private func relatedValues(_ position: Int) -> TemplateValue {
        let related = reader.article(at: position)
        return ["title": related.title, "url": config.baseURL.rooted(ResolvedSite.sitePath(of: related)),
                "description": related.metaDescription]
    }

    func tagIndex() -> TemplateValue {
        let tags: [TemplateValue] = reader.tags.map {
            ["name": $0.name, "url": config.baseURL.rooted($0.sitePath), "count": $0.articles.count]
        }
        return [
            "site": siteValues(currentPath: "/tags/"),
            "page": pageValues(title: "Tags", description: "Every topic on \(config.title), with its articles.", keywords: [],
                               sitePath: "/tags/", ogType: "website", jsonLD: nil),
            "tags": TemplateValue.list(tags),
            "has_tags": !tags.isEmpty,
        ]
    }

    func tag(_ tag: TagPage, page number: Int = 1) -> TemplateValue {
        let slice = Pagination.slice(tag.articles.count, page: number, pageSize: config.pageSize)
        var values = listing(tag.articles[slice].map(reader.article(at:)))
        values["pagination"] = paginationValues(listing: tag.sitePath, page: number, count: tag.articles.count)
        let sitePath = Pagination.path(tag.sitePath, number)
        let suffix = number > 1 ? " (page \(number))" : ""
        values["site"] = siteValues(currentPath: sitePath)
        values["page"] = pageValues(title: "Tagged “\(tag.name)”\(suffix)", description: "Articles about \(tag.name) on \(config.title)\(suffix).",
                                    keywords: [tag.name], sitePath: sitePath, ogType: "website", jsonLD: nil)
        values["tag"] = ["name": tag.name, "count": tag.articles.count,
                         "count_label": tag.articles.count == 1 ? "1 article" : "\(tag.articles.count) articles"]
        return values
    }

    /// `articles` and `has_articles` for any list of articles.
    private func listing(_ articles: [Article]) -> TemplateValue {
        let values: [TemplateValue] = articles.map { article in
            [
                "title": article.title,
                "url": config.baseURL.rooted(ResolvedSite.sitePath(of: article)),
                "summary": article.summary ?? article.metaDescription,
                "author": article.author,
                "date_iso": article.date.isoDate,
                "date_long": article.date.longForm,
            ]
        }
        return ["articles": TemplateValue.list(values), "has_articles": !values.isEmpty]
    }

    func index(page number: Int = 1) -> TemplateValue {
        let count = reader.articleCount
        var values = listing(reader.articles(inOrderAt: Pagination.slice(count, page: number, pageSize: config.pageSize)))
        values["pagination"] = paginationValues(listing: "/", page: number, count: count)
        let sitePath = Pagination.path("/", number)
        let title = number > 1 ? "Articles, page \(number)" : config.title
        let description = number > 1 ? "\(config.title): articles, page \(number)." : config.description
        values["site"] = siteValues(currentPath: sitePath)
        values["page"] = pageValues(title: title, description: description, keywords: [], sitePath: sitePath,
                                    ogType: "website", jsonLD: number == 1 ? JSONLD.website(config) : nil)
        return values
    }

    /// `pagination`: where this page sits among a listing's pages, with links to its neighbours and to every
    /// page by number (`rel="prev"`/`"next"` in the template). Empty when the listing fits on one page.
    private func paginationValues(listing: String, page number: Int, count: Int) -> TemplateValue {
        let pages = Pagination.pageCount(count, pageSize: config.pageSize)
        guard pages > 1 else { return ["has_pages": false] }
        let base = config.baseURL
        var values: TemplateValue = [
            "has_pages": true,
            "current": number,
            "total": pages,
            "pages": TemplateValue.list(Pagination.window(page: number, of: pages).map { page -> TemplateValue in
                guard let page else { return ["gap": true] }
                return ["number": page, "url": base.rooted(Pagination.path(listing, page)), "is_current": page == number, "gap": false]
            }),
        ]
        if number > 1 { values["prev_url"] = .string(base.rooted(Pagination.path(listing, number - 1))) }
        if number < pages { values["next_url"] = .string(base.rooted(Pagination.path(listing, number + 1))) }
        return values
    }

    /// An author's page: who they are and their articles.
    func author(_ author: Author, articles: [Int]) -> TemplateValue {
        var values = listing(articles.map(reader.article(at:)))
        values["site"] = siteValues(currentPath: author.sitePath)
        values["page"] = pageValues(title: author.name, description: author.role.map { "\(author.name), \($0): articles on \(config.title)." }
                                        ?? "Articles by \(author.name) on \(config.title).",
                                    keywords: [], sitePath: author.sitePath, ogType: "profile", jsonLD: nil)
        values["author"] = Self.authorValues(author, baseURL: config.baseURL)
        return values
    }

    static func authorValues(_ author: Author, baseURL: BaseURL) -> TemplateValue {
        var values: TemplateValue = ["name": author.name, "page_url": baseURL.rooted(author.sitePath)]
        if let role = author.role { values["role"] = .string(role) }
        if let bio = author.bio { values["bio"] = .string(bio) }
        if let url = author.url { values["url"] = .string(url) }
        return values
    }

    func search() -> TemplateValue {
        [
            "site": siteValues(currentPath: "/search/"),
            "page": pageValues(title: "Search", description: "Search \(config.title).", keywords: [], sitePath: "/search/",
                               ogType: "website", jsonLD: nil),
            "index_url": config.baseURL.rooted("/search-index.json"),
        ]
    }

    func notFound() -> TemplateValue {
        [
            "site": siteValues(currentPath: "/404.html"),
            "page": pageValues(title: "Page not found", description: "The page you asked for does not exist.", keywords: [],
                               sitePath: "/404.html", ogType: "website", jsonLD: nil),
        ]
    }

    /// A catalog page: what the catalog made for its template, with `site` and `page`.
    func catalogPage(at position: Int) -> TemplateValue {
        let page = reader.catalogPage(at: position)
        var values = page.values
        values["site"] = siteValues(currentPath: page.sitePath)
        values["page"] = pageValues(title: page.title, description: page.description, keywords: [], sitePath: page.sitePath,
                                    ogType: "website", jsonLD: JSONLD.catalogPage(page, site: config))
        return values
    }

    private static func tocValues(_ entry: TableOfContentsEntry) -> TemplateValue {
        [
            "id": entry.id,
            "text": entry.text,
            "children": TemplateValue.list(entry.children.map(tocValues)),
            "has_children": !entry.children.isEmpty,
        ]
    }
}
