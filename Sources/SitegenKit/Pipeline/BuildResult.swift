extension BuildSession {
    /// What one build produced.
    public struct Result: Sendable {
        public var diagnostics: [Diagnostic]
        /// With `.memory`, the whole site after a successful build.
        public var files: [OutputFile] = []
        /// Every output path, in route order.
        public var paths: [String] = []
        /// Files whose bytes differ from what the destination held (`.memory` and `.preview`).
        public var changed: [OutputFile] = []
        /// Output paths the last successful build had and this one does not.
        public var removed: [String] = []
        /// Output paths made afresh rather than reused, in route order.
        public var made: [String] = []
        public var rendered: Int { made.count }
        public var pageCount = 0
        /// Whether the destination was written to.
        public var wrote = false
        /// How many files were written to it (the others were kept as they were).
        public var written = 0
        /// The site's settings, when they could be read (the preview server needs the base path).
        public var config: SiteConfig?
        /// One-line notices about the cache folder (a cache from another version, a damaged one).
        public var notes: [String] = []
        /// Whether the last build's outcome was given back whole: nothing it read had changed, nor the output.
        public var wholeSiteReused = false
        /// With `.nowhere`, the resolved site (settings, published articles, catalog) after a build without errors.
        public var site: ResolvedSite?
        /// With `.nowhere`, every link and image the published articles' bodies hold, in site order.
        public var links: [RenderedMarkdown.Link] = []

        public var succeeded: Bool { !diagnostics.hasErrors }
    }
}

extension BuildSession.Result {
    /// A build that got as far as the write: what its pages stage made and what the target took.
    init(_ pages: PagesStage.Output, target: any OutputTarget, wrote: Bool, files: [OutputFile], diagnostics: [Diagnostic], config: SiteConfig) {
        self.init(diagnostics: diagnostics, files: files, paths: pages.paths, changed: target.changed, removed: pages.removed ?? [], made: pages.made,
                  pageCount: pages.pageCount, wrote: wrote, written: wrote ? target.writtenCount : 0, config: config)
    }
}
