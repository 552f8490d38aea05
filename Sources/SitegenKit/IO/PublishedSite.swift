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
        let prefix = Array(baseURL.description.utf8)
        var paths = Set<String>()
        // The sitemap is ours: `<loc>` elements escaped by HTML.escape, where `&amp;` is the only entity a path
        // holds. Scanned as bytes: a 10,000-page sitemap split into Strings line by line cost a rebuild 50 ms.
        let open = Array("<loc>".utf8), close = UInt8(ascii: "<")
        var index = 0
        while let start = Self.find(open, in: bytes, from: index) {
            let begin = start + open.count
            var end = begin
            while end < bytes.count, bytes[end] != close { end += 1 }
            index = end
            guard end - begin >= prefix.count, bytes[begin..<(begin + prefix.count)].elementsEqual(prefix) else { continue }
            let path = "/" + String(decoding: bytes[(begin + prefix.count)..<end], as: UTF8.self)
            paths.insert(path.contains("&") ? path.replacingOccurrences(of: "&amp;", with: "&") : path)
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

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, bytes.count >= needle.count else { return nil }
        var index = start
        while index <= bytes.count - needle.count {
            if bytes[index] == first, bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
