/// Structured data for search engines, as a `<script type="application/ld+json">` body that cannot end the script early.
enum JSONLD {
    static func article(_ article: Article, url: String, site: SiteConfig) -> String {
        var object: [String: JSONValue] = [
            "@context": .string("https://schema.org"),
            "@type": .string("TechArticle"),
            "headline": .string(article.title),
            "description": .string(article.metaDescription),
            "datePublished": .string(article.date.rfc3339),
            "dateModified": .string(article.date.rfc3339),
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

    /// Sorted keys keep builds byte-identical; `<`, `>` and `&` are escaped so no value can close the script tag.
    static func encode(_ object: [String: Any]) -> String {
        JSONWriter.encode(object)
    }
}
