/// An http(s) address the site sends readers to, with every place it is written.
public struct ExternalLink: Sendable, Hashable {
    /// The address as written (a `#fragment` included).
    public var url: String
    /// In reading order: by file, line and column.
    public var locations: [SourceLocation]

    public init(url: String, locations: [SourceLocation]) {
        self.url = url
        self.locations = locations
    }

    /// What is fetched: the address without its fragment, which never reaches the server.
    public var address: String {
        guard let hash = url.utf8.firstIndex(of: UInt8(ascii: "#")) else { return url }
        return String(url[..<hash])
    }
}

/// Finds the external links a site holds: in the articles' bodies, in site.yaml's navigation and in the
/// catalog's `source`s. Only http and https are collected; `mailto:`, `tel:` and the like have nothing to fetch.
public enum ExternalLinks {
    /// Loads and checks the site as `build` does, stopping before the pages are made. The links are nil when the
    /// site has errors; the diagnostics are then the build's (warnings are returned either way).
    public static func collect(_ options: BuildOptions, fileSystem: any FileSystem = LocalFileSystem(),
                               directives: DirectiveRegistry = .standard) -> (links: [ExternalLink]?, diagnostics: [Diagnostic]) {
        // No build cache: its memos describe an output folder, and this session writes none.
        var options = options
        options.cacheDirectory = nil
        let result = BuildSession(options: options, destination: .nowhere, fileSystem: fileSystem, directives: directives).build()
        guard result.succeeded, let site = result.site else { return (nil, result.diagnostics) }
        return (collect(articleLinks: result.links, navigation: site.config.navigation, catalog: site.catalog, baseURL: site.config.baseURL),
                result.diagnostics)
    }

    /// Each address once, with all its places, ordered by where it first appears (then by address). Links into the
    /// site itself (starting with its base URL) are left to the build's own link check.
    public static func collect(articleLinks: [RenderedMarkdown.Link], navigation: [SiteConfig.NavigationItem], catalog: Catalog,
                               baseURL: BaseURL) -> [ExternalLink] {
        var places: [String: [SourceLocation]] = [:]
        let ownSite = baseURL.description
        for (url, location) in articleLinks.map({ ($0.destination, $0.location) }) + navigation.map({ ($0.url, $0.location) })
        where isFetchable(url) && !url.hasPrefix(ownSite) {
            places[url, default: []].append(location)
        }
        for collection in catalog.collections {
            for entry in collection.entries {
            for (_, provenance) in entry.provenances(in: collection.declaration) {
                // Citations without an address are not fetched; a cited page is, even on the site's own host.
                guard case .url(let url)? = provenance.source, let location = provenance.sourceLocation else { continue }
                places[url, default: []].append(location)
            }
            }
        }
        return places.map { ExternalLink(url: $0.key, locations: Array(Set($0.value)).sorted()) }
            .sorted { ($0.locations[0], $0.url) < ($1.locations[0], $1.url) }
    }

    /// Whether a link names an http or https address (any case, as browsers read schemes).
    public static func isFetchable(_ destination: String) -> Bool {
        guard LinkChecker.isExternal(destination), let colon = destination.firstIndex(of: ":") else { return false }
        let scheme = destination[..<colon].lowercased()
        return scheme == "http" || scheme == "https"
    }
}
