/// The check-links stage: every internal link and `#fragment` in the articles must reach a page and an anchor that exist.
struct LinkChecker {
    /// Site paths that exist (`/`, `/slug/`, `/assets/style.css`), with the ids each page's content defines.
    var targets: LinkTargets
    /// Ids every page's template defines (the skip link's target, the contents list), checked for any HTML page.
    var templateAnchors: Set<String>
    var baseURL: BaseURL

    init(site: ResolvedSite, rendered: [RenderedArticle], catalogPages: [CatalogPage], templateAnchors: Set<String>) {
        let anchors = Dictionary(rendered.map { (ResolvedSite.sitePath(of: $0.article), $0.markdown.anchors) }, uniquingKeysWith: { first, _ in first })
        let pages = Dictionary(catalogPages.map { ($0.sitePath, $0.anchors) }, uniquingKeysWith: { first, _ in first })
        let table = RouteTable(site: site, catalogPages: catalogPages)
        let routes = table.routes
        self.init(targets: LinkTargets(table) { anchors[routes[$0].sitePath] ?? pages[routes[$0].sitePath] ?? [] },
                  templateAnchors: templateAnchors, baseURL: site.config.baseURL)
    }

    init(targets: LinkTargets, templateAnchors: Set<String>, baseURL: BaseURL) {
        self.targets = targets
        self.templateAnchors = templateAnchors
        self.baseURL = baseURL
    }


    func check(_ rendered: [RenderedArticle], navigation: [SiteConfig.NavigationItem], policy: SiteConfig.LinkPolicy) -> [Diagnostic] {
        check(navigation: navigation, policy: policy) + rendered.flatMap { check($0, policy: policy) }
    }

    func check(navigation: [SiteConfig.NavigationItem], policy: SiteConfig.LinkPolicy) -> [Diagnostic] {
        navigation.compactMap { item in
            // site.yaml's decoder refuses these already; a navigation made another way gets no pass as "external".
            if let refused = URLPolicy.linkProblem(item.url) {
                return .error("navigation: '\(URLPolicy.shown(item.url))' \(refused.what)", at: item.location)
            }
            return problem(with: item.url, from: "/").map { Diagnostic(policy == .warn ? .warning : .error, "navigation: \($0)", at: item.location) }
        }
    }

    /// The problems of one article's links; they depend only on its links, its URL and `targets`.
    /// With a recorder, every target looked up is recorded, so the result is redone when one of them changes.
    func check(_ item: RenderedArticle, policy: SiteConfig.LinkPolicy, recorder: TraceRecorder? = nil) -> [Diagnostic] {
        let pagePath = ResolvedSite.sitePath(of: item.article)
        return item.markdown.links.compactMap { link in
            problem(with: link.destination, from: pagePath, recorder: recorder).map { Diagnostic(policy == .warn ? .warning : .error, $0, at: link.location) }
        }
    }

    /// Nil when the link resolves (or is external), else what is wrong with it.
    func problem(with destination: String, from pagePath: String, recorder: TraceRecorder? = nil) -> String? {
        func lookUp(_ path: String) -> Set<String>? {
            recorder?.read(.anchors(path))
            return targets[path]
        }
        var target = destination
        let ownSite = baseURL.description
        if target.hasPrefix(ownSite) {
            target = "/" + target.dropFirst(ownSite.count)
        } else if Self.isExternal(target) {
            return nil
        }
        if target.isEmpty { return nil }
        var fragment: String?
        if let hash = target.utf8.firstIndex(of: UInt8(ascii: "#")) {
            fragment = String(target[target.utf8.index(after: hash)...])
            target = String(target[..<hash])
        }
        if let query = target.utf8.firstIndex(of: UInt8(ascii: "?")) { target = String(target[..<query]) }
        let path: String
        if target.isEmpty {
            path = pagePath
        } else {
            path = SitePath.normalize(target.hasPrefix("/") ? target : pagePath + target)
        }
        let page = lookUp(path) ?? (path.hasSuffix("/") ? nil : lookUp(path + "/")) ?? (path.hasSuffix("/index.html") ? lookUp(String(path.dropLast("index.html".count))) : nil)
        guard let anchors = page else {
            recorder?.read(.routes)
            if path.hasSuffix(".md") {
                return "broken link '\(destination)': no article has that source file; link to the article's file next to this one, or to its URL"
            }
            let hint = Suggestion.closest(to: path, in: targets.allPaths).map { "; did you mean \($0)?" } ?? ""
            return "broken link '\(destination)': no page at \(path)\(hint)"
        }
        let isPage = path.hasSuffix("/") || path.hasSuffix(".html")
        let decoded = fragment.map { $0.removingPercentEncoding ?? $0 }
        if isPage, fragment != nil { recorder?.read(.templateAnchors) }
        if let fragment, let decoded, !fragment.isEmpty, !anchors.contains(decoded), !(isPage && templateAnchors.contains(decoded)) {
            let hint = Suggestion.closest(to: fragment, in: anchors.union(isPage ? templateAnchors : []).sorted()).map { "; did you mean #\($0)?" } ?? ""
            return "broken link '\(destination)': \(path) has no heading or anchor '#\(fragment)'\(hint)"
        }
        return nil
    }

    static func isExternal(_ destination: String) -> Bool {
        if destination.hasPrefix("//") { return true }
        guard let colon = destination.firstIndex(of: ":") else { return false }
        let scheme = destination[..<colon]
        return !scheme.isEmpty && scheme.first!.isLetter && scheme.allSatisfy { $0.isLetter || $0.isNumber || "+.-".contains($0) }
    }

}

extension String {
    var removingPercentEncoding: String? {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == 0x25, let high = iterator.next(), let low = iterator.next(),
               let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}

/// The pages and files links may point at, each with the ids it defines. Ids are asked for only when a link
/// names a page, so a build that checks one article's links decodes or renders the anchors of its targets alone.
struct LinkTargets: Sendable {
    private let routes: RouteTable
    private let anchors: @Sendable (Int) -> Set<String>

    /// `anchors` gives the ids of the route at a position in `routes`.
    init(_ routes: RouteTable, anchors: @escaping @Sendable (Int) -> Set<String>) {
        self.routes = routes
        self.anchors = anchors
    }

    subscript(sitePath: String) -> Set<String>? {
        routes.positions[sitePath].map(anchors)
    }

    var allPaths: [String] { routes.positions.keys.sorted() }
}
