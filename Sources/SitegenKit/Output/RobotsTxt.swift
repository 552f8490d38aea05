/// `robots.txt`: allow everything and point crawlers at the sitemap.
enum RobotsTxt {
    static func render(baseURL: BaseURL) -> String {
        "User-agent: *\nAllow: /\n\nSitemap: \(baseURL.absolute("/sitemap.xml"))\n"
    }
}
