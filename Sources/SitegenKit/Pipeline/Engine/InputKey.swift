/// The name of something a build step can read: a source file, the settings, a catalog entity, or what an
/// earlier stage made of one item. Traces record these names with the fingerprint each had when it was read.
public struct InputKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let name: String
    /// The name's hash, taken once when the key is made (on whichever thread makes it): interning a cache's
    /// hundred thousand names then costs the interner's table one word each, not the name's bytes under its lock.
    let nameHash: UInt64

    public init(_ name: String) {
        self.name = name
        var text = name
        nameHash = text.withUTF8 { Fingerprint.of(UnsafeRawBufferPointer($0)).low }
    }

    public var description: String { name }

    public func hash(into hasher: inout Hasher) { hasher.combine(nameHash) }

    public static func == (lhs: InputKey, rhs: InputKey) -> Bool { lhs.nameHash == rhs.nameHash && lhs.name == rhs.name }
    public static func < (lhs: InputKey, rhs: InputKey) -> Bool { lhs.name < rhs.name }

    /// A source file's bytes.
    static func file(_ path: String) -> InputKey { InputKey("file:" + path) }
    /// A file under Templates/assets/, by its output path.
    static func asset(_ outputPath: String) -> InputKey { InputKey("asset:" + outputPath) }
    /// A template with every partial and parent it pulls in.
    static func template(_ name: String) -> InputKey { InputKey("template:" + name) }
    /// Which source files and assets there are (not what they hold).
    static let sources = InputKey("sources")
    /// Every source file and asset with what it holds: all a build reads besides the settings.
    static let everySource = InputKey("every-source")
    /// The site's settings with the build options that change output.
    static let settings = InputKey("settings")
    /// One catalog entity, all entries or all features of a collection, or the set of collections.
    static func catalog(_ dependency: CatalogDependency) -> InputKey {
        switch dependency {
        case let .entry(collection, id): InputKey("catalog:" + collection + ":entry:" + id)
        case let .feature(collection, id): InputKey("catalog:" + collection + ":feature:" + id)
        case .allEntries(let collection): InputKey("catalog:" + collection + ":entries")
        case .allFeatures(let collection): InputKey("catalog:" + collection + ":features")
        case .collections: InputKey("catalog:collections")
        }
    }
    /// Everything an article says outside its body (title, slug, date, tags, related…).
    static func front(_ path: String) -> InputKey { InputKey("front:" + path) }
    /// What related reading weighs of an article: slug, date, tags, keywords and `related:`.
    static func relatedInput(_ path: String) -> InputKey { InputKey("related-input:" + path) }
    /// An article's Markdown body with the line it starts on.
    static func body(_ path: String) -> InputKey { InputKey("body:" + path) }
    /// The published articles by source path, whatever their order: what related reading ranges over.
    static let relatedSet = InputKey("related-set")
    /// The published articles in site order.
    static let order = InputKey("order")
    /// How many articles are published.
    static let articleCount = InputKey("article-count")
    /// Which article is at one position of the site order, for pages that show a range of it (search parts).
    static func position(_ index: Int) -> InputKey { InputKey("position:\(index)") }
    /// One article's related reading, as positions in site order.
    static func related(_ path: String) -> InputKey { InputKey("related:" + path) }
    /// The tag pages and the articles on each.
    static let tags = InputKey("tags")
    /// One tag's articles, in the order its pages list them: what its pages read, so a change that moves articles
    /// of other tags leaves its pages alone.
    static func tag(_ slug: String) -> InputKey { InputKey("tag:" + slug) }
    /// Every published article's old URLs (`aliases:`), which name redirect routes.
    static let aliases = InputKey("aliases")
    /// Every path the site generates.
    static let routes = InputKey("routes")
    /// Which article source file has which page, for links written to `.md` files.
    static let sourcePages = InputKey("source-pages")
    /// What renders every body besides its own text: settings, reserved ids, the directives there are.
    static let markdownContext = InputKey("markdown-context")
    /// A rendered body's headings, links, excerpt and vocabulary (everything but its HTML).
    static func markdown(_ path: String) -> InputKey { InputKey("markdown:" + path) }
    /// A rendered body's HTML.
    static func html(_ path: String) -> InputKey { InputKey("html:" + path) }
    /// The ids a page defines, by site path; absent when there is no such page.
    static func anchors(_ sitePath: String) -> InputKey { InputKey("anchors:" + sitePath) }
    /// One file of the search index, by output path: published by `SearchStage` with the file's bytes' fingerprint.
    static func searchFile(_ path: String) -> InputKey { InputKey("search:" + path) }
    /// Which pages sit in one run of the search index's chunks, in which slots (and a catalog page's words).
    static func searchRun(_ item: String) -> InputKey { InputKey("search-run:" + item) }
    /// Ids every page's template defines.
    static let templateAnchors = InputKey("template-anchors")
}
