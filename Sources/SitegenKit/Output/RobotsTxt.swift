/// `robots.txt`: allow everything and point crawlers at the sitemap.
enum RobotsTxt {
    /// `base_url` was checked by `URLPolicy`; invisible characters are still percent-encoded here, so whatever
    /// made the `BaseURL`, the sitemap line stays one line and no rule can follow it.
    static func render(baseURL: BaseURL) -> String {
        "User-agent: *\nAllow: /\n\nSitemap: \(URLPolicy.percentEncodingInvisibles(baseURL.absolute("/sitemap.xml")))\n"
    }
}
