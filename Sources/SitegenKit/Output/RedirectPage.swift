/// What an old URL (`aliases:`) serves: a page that sends browsers and crawlers on to the article (a meta refresh,
/// a canonical link, and a plain link for anyone the refresh does not move), and `_redirects`, the same list in
/// the format Netlify, Cloudflare Pages and other static hosts read, so they can answer with a real 301.
enum RedirectPage {
    static func render(to sitePath: String, title: String, config: SiteConfig) -> String {
        let relative = HTML.escape(config.baseURL.rooted(sitePath)), absolute = HTML.escape(config.baseURL.absolute(sitePath))
        return """
            <!DOCTYPE html>
            <html lang="\(HTML.escape(config.language))">
            <head>
            <meta charset="utf-8">
            <title>\(HTML.escape(title)) has moved</title>
            <link rel="canonical" href="\(absolute)">
            <meta name="robots" content="noindex">
            <meta http-equiv="refresh" content="0; url=\(relative)">
            </head>
            <body>
            <p>This page has moved to <a href="\(relative)">\(HTML.escape(title))</a>.</p>
            </body>
            </html>

            """
    }

    /// One `from to 301` line per alias, both as paths below the site's base path. Aliases and slugs were checked
    /// by `URLPolicy`; invisible characters are percent-encoded here too, so a line keeps its three fields.
    static func redirectsFile(_ redirects: [(from: String, to: String)], baseURL: BaseURL) -> String {
        redirects.map {
            "\(URLPolicy.percentEncodingInvisibles(baseURL.rooted($0.from))) \(URLPolicy.percentEncodingInvisibles(baseURL.rooted($0.to))) 301\n"
        }.joined()
    }
}
