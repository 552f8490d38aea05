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
        /// The site's settings, when they could be read (the preview server needs the base path).
        public var config: SiteConfig?
        /// One-line notices about the cache folder (a cache from another version, a damaged one).
        public var notes: [String] = []

        public var succeeded: Bool { !diagnostics.hasErrors }
    }
}
