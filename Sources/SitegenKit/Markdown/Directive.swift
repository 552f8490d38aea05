/// A fenced code block that sitegen replaces with generated HTML: ```` ```name args ```` with YAML options as its body.
public protocol Directive: Sendable {
    /// The word in the info string that selects this directive.
    var name: String { get }
    func expand(_ invocation: DirectiveInvocation, context: DirectiveContext) -> DirectiveOutput
}

/// One use of a directive in an article.
public struct DirectiveInvocation: Sendable {
    public var name: String
    /// Words after the name in the info string (```` ```diagram nginx ```` has `["nginx"]`).
    public var arguments: [String]
    /// The block's body: YAML options, possibly empty.
    public var body: String
    /// Where the opening fence is.
    public var location: SourceLocation
    /// The file line of the body's first line, so YAML errors point into the block.
    public var bodyStartLine: Int
    /// Ids already defined on the page (by its template and the directives above), which a derived id steps around.
    public var takenIDs: Set<String> = []
    /// For a taken id `x`, one past the highest `x-<n>` taken, so numbering a repeat does not count up from 1 again.
    public var nextSuffix: [String: Int] = [:]

    /// An id the author did not write (`diagram-nginx`): `base`, or `base-1`, `base-2`… when the page already has
    /// it, so an entry's diagram shown twice gets two ids. An id written with `id:` is the author's and is never changed.
    func derivedID(_ base: String) -> String {
        guard takenIDs.contains(base) else { return base }
        var counter = nextSuffix[base] ?? 1
        while takenIDs.contains("\(base)-\(counter)") { counter += 1 }
        return "\(base)-\(counter)"
    }

    /// The body parsed as a YAML mapping; an empty body is an empty mapping.
    func options(_ diagnostics: inout [Diagnostic]) -> YAMLMap? {
        let (root, problems) = YAMLDocument.parse(body, path: location.path, lineOffset: bodyStartLine - 1)
        diagnostics += problems
        guard problems.isEmpty else { return nil }
        return YAMLMap.root(root, path: location.path, lineOffset: bodyStartLine - 1, what: "the options of '\(name)'", &diagnostics)
    }
}

/// What a directive produced: HTML to splice in, the anchors it defines, and any problems.
public struct DirectiveOutput: Sendable {
    public var html: String
    /// Ids of elements in `html`, so links to them can be checked.
    public var anchors: [String]
    public var diagnostics: [Diagnostic]
    /// The catalog entries the HTML shows, so a catalog edit redoes exactly the pages that show it.
    public var dependencies: Set<CatalogDependency>

    public init(html: String, anchors: [String] = [], diagnostics: [Diagnostic] = [], dependencies: Set<CatalogDependency> = []) {
        self.html = html
        self.anchors = anchors
        self.diagnostics = diagnostics
        self.dependencies = dependencies
    }

    public static func failure(_ diagnostics: [Diagnostic]) -> DirectiveOutput {
        DirectiveOutput(html: "", diagnostics: diagnostics)
    }
}

/// What a directive may read while expanding: plain values, never the file system.
public struct DirectiveContext: Sendable {
    public var site: SiteConfig
    public var catalog: Catalog

    public init(site: SiteConfig, catalog: Catalog = .empty) {
        self.site = site
        self.catalog = catalog
    }

    /// A site path as it appears in HTML, under the base path.
    public func href(_ sitePath: String) -> String { site.baseURL.rooted(sitePath) }
}
