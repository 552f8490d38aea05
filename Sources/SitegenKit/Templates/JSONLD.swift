/// Structured data for search engines, as a `<script type="application/ld+json">` body that cannot end the script early.
enum JSONLD {
    static func article(_ article: Article, url: String, site: SiteConfig) -> String {
        var object: [String: JSONValue] = [
            "@context": .string("https://schema.org"),
            "@type": .string("TechArticle"),
            "headline": .string(article.title),
            "description": .string(article.metaDescription),
            "datePublished": .string(article.date.rfc3339),
            "dateModified": .string(article.lastModified.rfc3339),
            "author": .object(["@type": .string("Person"), "name": .string(article.author)]),
            "mainEntityOfPage": .object(["@type": .string("WebPage"), "@id": .string(url)]),
            "url": .string(url),
            "inLanguage": .string(site.language),
        ]
        if !article.keywords.isEmpty { object["keywords"] = .string(article.keywords.joined(separator: ", ")) }
        if !site.title.isEmpty { object["publisher"] = .object(["@type": .string("Organization"), "name": .string(site.title)]) }
        // Typed rather than `[String: Any]`: this runs once per article page.
        return JSONWriter.encode(.object(object))
    }

    static func website(_ site: SiteConfig) -> String {
        var object: [String: Any] = [
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": site.title,
            "url": site.baseURL.description,
            "inLanguage": site.language,
        ]
        if !site.description.isEmpty { object["description"] = site.description }
        return encode(object)
    }

    /// A catalog page as a `WebPage` about the entries it shows, each a `SoftwareApplication` of its collection's
    /// kind linked to its profile.
    static func catalogPage(_ page: CatalogPage, site: SiteConfig) -> String {
        let url = site.baseURL.absolute(page.sitePath)
        let about: [JSONValue] = page.about.map { entry in
            .object(["@type": .string("SoftwareApplication"), "name": .string(entry.name), "applicationCategory": .string(page.category),
                            "url": .string(site.baseURL.absolute(entry.sitePath))])
        }
        var object: [String: JSONValue] = [
            "@context": .string("https://schema.org"),
            "@type": .string("WebPage"),
            "name": .string(page.title),
            "description": .string(page.description),
            "url": .string(url),
            "inLanguage": .string(site.language),
            "about": .array(about),
        ]
        if !site.title.isEmpty {
            object["isPartOf"] = .object(["@type": .string("WebSite"), "name": .string(site.title), "url": .string(site.baseURL.description)])
        }
        return JSONWriter.encode(.object(object))
    }

    /// Sorted keys keep builds byte-identical; `<`, `>` and `&` are escaped so no value can close the script tag.
    static func encode(_ object: [String: Any]) -> String {
        JSONWriter.encode(object)
    }
}
