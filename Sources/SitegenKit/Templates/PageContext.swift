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
            "body": reader.html(at: position),
            "toc": TemplateValue.list(toc),
            "has_toc": !toc.isEmpty,
            "tags": TemplateValue.list(article.tags.map { tag -> TemplateValue in ["name": tag, "url": config.baseURL.rooted("/tags/\(TagRules.slug(tag))/")] }),
            "related": TemplateValue.list(related.map(relatedValues)),
            "has_related": !related.isEmpty,
            "has_tags": !article.tags.isEmpty,
            "url": config.baseURL.rooted(sitePath),
        ]
        return [
            "site": siteValues(currentPath: sitePath),
            "page": pageValues(title: article.title, description: article.metaDescription, keywords: article.keywords,
                               sitePath: sitePath, ogType: "article", jsonLD: JSONLD.article(article, url: canonical, site: config)),
            "article": articleValues,
        ]
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

    func tag(_ tag: TagPage) -> TemplateValue {
        var values = listing(tag.articles.map(reader.article(at:)))
        values["site"] = siteValues(currentPath: tag.sitePath)
        values["page"] = pageValues(title: "Tagged “\(tag.name)”", description: "Articles about \(tag.name) on \(config.title).",
                                    keywords: [tag.name], sitePath: tag.sitePath, ogType: "website", jsonLD: nil)
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

    func index() -> TemplateValue {
        var values = listing(reader.articles)
        values["site"] = siteValues(currentPath: "/")
        values["page"] = pageValues(title: config.title, description: config.description, keywords: [], sitePath: "/",
                                    ogType: "website", jsonLD: JSONLD.website(config))
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
