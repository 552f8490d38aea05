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
}

/// Everything the build reads, before any of it is interpreted.
public struct SourceTree: Sendable {
    public var siteConfig: SourceFile?
    public var articles: [SourceFile]
    /// `Content/catalog/features.yaml`, when the site has a catalog.
    public var catalogFeatures: SourceFile?
    /// `Content/catalog/meshes/*.yaml`.
    public var catalogMeshes: [SourceFile]
    public var templates: [SourceFile]
    public var assets: [AssetFile]
    /// Where Content/ and Templates/ were read from, for diagnostics about missing files.
    public var contentDirectory: String
    public var templatesDirectory: String
}
