/// `atom.xml`: the articles, newest first, with their descriptions; dated from the articles, never the clock.
enum AtomFeed {
    static func render(articles: [Article], config: SiteConfig) -> [UInt8] {
        let feedURL = config.baseURL.absolute("/atom.xml")
        let updated = articles.map(\.lastModified).max()?.rfc3339 ?? "1970-01-01T00:00:00Z"
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(HTML.escape(config.language))">
              <title>\(HTML.escape(config.title))</title>

            """
        if !config.description.isEmpty { xml += "  <subtitle>\(HTML.escape(config.description))</subtitle>\n" }
        xml += """
              <link href="\(HTML.escape(feedURL))" rel="self" type="application/atom+xml"/>
              <link href="\(HTML.escape(config.baseURL.description))" rel="alternate" type="text/html"/>
              <id>\(HTML.escape(config.baseURL.description))</id>
              <updated>\(updated)</updated>

            """
        if !config.author.isEmpty { xml += "  <author><name>\(HTML.escape(config.author))</name></author>\n" }
        // The feed lists every article, so entries are appended as bytes and escaped in place, with no string
        // made per entry, into a buffer sized for them up front: grown by doubling, the feed of 100,000 articles
        // held two buffers of 70 and 140 MB at once.
        var bytes = Array(xml.utf8)
        bytes.reserveCapacity(bytes.count + estimatedSize(of: articles, config: config))
        func append(_ text: String) { bytes += text.utf8 }
        for article in articles {
            var url: [UInt8] = []
            HTML.escape(config.baseURL.absolute(ResolvedSite.sitePath(of: article)), into: &url)
            let date = article.date.rfc3339, updated = article.lastModified.rfc3339
            append("  <entry>\n    <title>")
            HTML.escape(article.title, into: &bytes)
            append("</title>\n    <link href=\"")
            bytes += url
            append("\" rel=\"alternate\" type=\"text/html\"/>\n    <id>")
            bytes += url
            append("</id>\n    <published>" + date + "</published>\n    <updated>" + updated + "</updated>\n    <author><name>")
            HTML.escape(article.author, into: &bytes)
            append("</name></author>\n    <summary>")
            HTML.escape(article.summary ?? article.metaDescription, into: &bytes)
            append("</summary>\n")
            for tag in article.tags {
                append("    <category term=\"")
                HTML.escape(tag, into: &bytes)
                append("\"/>\n")
            }
            append("  </entry>\n")
        }
        append("</feed>\n")
        return bytes
    }

    /// The entries' size before escaping, with room for some escapes: the feed rarely outgrows it.
    private static func estimatedSize(of articles: [Article], config: SiteConfig) -> Int {
        let entry = 330 + 2 * config.baseURL.absolute("/").utf8.count
        let size = articles.reduce(0) { size, article in
            let tags = article.tags.reduce(0) { $0 + 24 + $1.utf8.count }
            return size + entry + 2 * (article.slug.utf8.count + 8) + article.title.utf8.count + article.author.utf8.count
                + (article.summary ?? article.metaDescription).utf8.count + tags
        }
        return size + size / 32 + 4096
    }
}
