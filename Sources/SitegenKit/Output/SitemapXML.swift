/// `sitemap.xml`: every page with its canonical address and, for articles, the publication date.
enum SitemapXML {
    struct Entry {
        var url: String
        var lastModified: String?
    }

    static func render(_ entries: [Entry]) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for entry in entries {
            xml += "  <url>\n    <loc>\(HTML.escape(entry.url))</loc>\n"
            if let lastModified = entry.lastModified { xml += "    <lastmod>\(lastModified)</lastmod>\n" }
            xml += "  </url>\n"
        }
        return xml + "</urlset>\n"
    }
}
