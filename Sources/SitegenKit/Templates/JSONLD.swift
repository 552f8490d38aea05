/// Structured data for search engines, as a `<script type="application/ld+json">` body that cannot end the script early.
enum JSONLD {
    static func article(_ article: Article, url: String, site: SiteConfig) -> String {
        var object: [String: Any] = [
            "@context": "https://schema.org",
            "@type": "TechArticle",
            "headline": article.title,
            "description": article.metaDescription,
            "datePublished": article.date.rfc3339,
            "dateModified": article.date.rfc3339,
            "author": ["@type": "Person", "name": article.author],
            "mainEntityOfPage": ["@type": "WebPage", "@id": url],
            "url": url,
            "inLanguage": site.language,
        ]
        if !article.keywords.isEmpty { object["keywords"] = article.keywords.joined(separator: ", ") }
        if !site.title.isEmpty { object["publisher"] = ["@type": "Organization", "name": site.title] }
        return encode(object)
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
