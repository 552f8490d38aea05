/// A text file as read from disk: the path used in diagnostics and its decoded text.
public struct SourceFile: Sendable, Hashable {
    /// The path as the user would type it (for example `Content/articles/guide.md`).
    public var path: String
    public var text: String
    /// Set when the bytes were not valid UTF-8, so a reused file reports it again.
    public var decodingWarning: Diagnostic?

    public init(path: String, text: String, decodingWarning: Diagnostic? = nil) {
        self.path = path
        self.text = text
        self.decodingWarning = decodingWarning
    }
}

/// A file copied to the site unchanged (stylesheets, scripts, images).
public struct AssetFile: Sendable, Hashable {
    /// Where it goes, relative to the output folder.
    public var outputPath: String
    public var bytes: [UInt8]
    /// Its path below the templates folder: `assets/style.css` (published as it is) or `static/schema/x.json`
    /// (published at the site's root, as Hugo's and Zola's `static/` are).
    public var sourceName: String

    public init(outputPath: String, bytes: [UInt8], sourceName: String? = nil) {
        self.outputPath = outputPath
        self.bytes = bytes
        self.sourceName = sourceName ?? outputPath
    }

    static let staticPrefix = "static/"

    /// Where a file below the templates folder is published, or nil when it is not an asset.
    static func outputPath(forSourceName name: String) -> String? {
        if name.hasPrefix("assets/") { return name }
        if name.hasPrefix(staticPrefix), name.count > staticPrefix.count { return String(name.dropFirst(staticPrefix.count)) }
        return nil
    }
}

/// Everything the build reads, before any of it is interpreted.
public struct SourceTree: Sendable {
    public var siteConfig: SourceFile?
    /// `Content/authors.yaml`, when the site has one.
    public var authors: SourceFile?
    public var articles: [SourceFile]
    /// `Content/catalog/<collection>/`: each collection's declaration and entry files, by folder name.
    public var catalog: [CatalogSource]

    /// Every catalog file: declarations, then entries, collection by collection.
    var catalogFiles: [SourceFile] { catalog.flatMap { [$0.declaration].compactMap { $0 } + $0.entries } }
    public var templates: [SourceFile]
    public var assets: [AssetFile]
    /// Where Content/ and Templates/ were read from, for diagnostics about missing files.
    public var contentDirectory: String
    public var templatesDirectory: String
}
