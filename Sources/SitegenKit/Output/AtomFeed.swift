/// `atom.xml`: the articles, newest first, with their descriptions; dated from the articles, never the clock.
enum AtomFeed {
    static func render(articles: [Article], config: SiteConfig) -> String {
        let feedURL = config.baseURL.absolute("/atom.xml")
        let updated = articles.map(\.date).max()?.rfc3339 ?? "1970-01-01T00:00:00Z"
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
        for article in articles {
            let url = HTML.escape(config.baseURL.absolute(ResolvedSite.sitePath(of: article)))
            xml += """
                  <entry>
                    <title>\(HTML.escape(article.title))</title>
                    <link href="\(url)" rel="alternate" type="text/html"/>
                    <id>\(url)</id>
                    <published>\(article.date.rfc3339)</published>
                    <updated>\(article.date.rfc3339)</updated>
                    <author><name>\(HTML.escape(article.author))</name></author>
                    <summary>\(HTML.escape(article.summary ?? article.metaDescription))</summary>

                """
            for tag in article.tags { xml += "    <category term=\"\(HTML.escape(tag))\"/>\n" }
            xml += "  </entry>\n"
        }
        return xml + "</feed>\n"
    }
}
