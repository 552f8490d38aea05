/// What the output folder published before this build, read at the edge: the page paths its `sitemap.xml`
/// lists, and an old page's `<title>`. Lets a build notice that a URL readers may have linked to is gone.
struct PublishedSite: Sendable {
    /// Site paths (`/old-slug/`), under the base URL the sitemap was written with.
    var pagePaths: Set<String>
    private let outputDirectory: String
    private let fileSystem: any FileSystem

    /// Nil when the output folder has no sitemap (nothing published yet) or it cannot be read.
    init?(outputDirectory: String, baseURL: BaseURL, fileSystem: any FileSystem) {
        guard let bytes = try? fileSystem.readFile(at: outputDirectory + "/sitemap.xml") else { return nil }
        let prefix = baseURL.description
        var paths = Set<String>()
        // The sitemap is ours: one `<loc>` per line, escaped by HTML.escape; `&amp;` is the only entity a path holds.
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            guard let start = line.range(of: "<loc>"), let end = line.range(of: "</loc>"), start.upperBound <= end.lowerBound else { continue }
            let url = line[start.upperBound..<end.lowerBound].replacingOccurrences(of: "&amp;", with: "&")
            if url.hasPrefix(prefix) { paths.insert("/" + url.dropFirst(prefix.count)) }
        }
        pagePaths = paths
        self.outputDirectory = outputDirectory
        self.fileSystem = fileSystem
    }

    /// The `<title>` text of the page published at a site path, unescaped.
    func title(at sitePath: String) -> String? {
        let file = outputDirectory + sitePath + (sitePath.hasSuffix("/") ? "index.html" : "")
        guard let bytes = try? fileSystem.readFile(at: file) else { return nil }
        let text = String(decoding: bytes.prefix(16_384), as: UTF8.self)
        guard let start = text.range(of: "<title>"), let end = text.range(of: "</title>", range: start.upperBound..<text.endIndex) else { return nil }
        return HTML.unescape(String(text[start.upperBound..<end.lowerBound]))
    }
}
