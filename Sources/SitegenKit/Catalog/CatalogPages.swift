/// A page made from a collection rather than an article: its comparison page, its index, an entry's page, or a
/// pair's page.
public struct CatalogPage: Sendable {
    public enum Kind: Sendable {
        /// The comparison of every entry of a collection, by collection id.
        case compare(String)
        /// The list of a collection's entries, by collection id.
        case index(String)
        case entry(Entry)
        /// `<compare path><a>-vs-<b>/`.
        case pair(Entry, Entry)
    }

    public var kind: Kind
    public var sitePath: String
    public var title: String
    public var description: String
    /// Generated HTML the page's template places by name (`matrix`, `resources`, …).
    public var fragments: [String: String]
    public var anchors: Set<String>
    /// Everything the page shows: its tables' entities, and every entry, which its template lists.
    public var dependencies: Set<CatalogDependency>
    /// The template that draws it, as its collection declares.
    public var templateName: String = ""
    /// The entries the page is about, and what kind of thing they are ("Service mesh"), for its structured data.
    var about: [Entry] = []
    var category = ""
    /// Where the declaration places a comparison or index page, for an error about its path.
    var declaredAt: SourceLocation?
    /// Source references for the items fields of an entry's page, item by item (`pros`, `cons`).
    var citations: [String: [String]] = [:]
    /// What its template sees besides `site` and `page` (`CatalogPageValues`).
    var values: TemplateValue = [:]
}

/// Renders the catalog pages' tables with the same code the article directives use, so both always agree.
enum CatalogPages {
    /// A template a collection names that is not among `available`: an error at the declaration's `templates` entry
    /// (or its start, for a default), so the author sees which collection asks for it.
    static func missingTemplates(_ catalog: Catalog, available: Set<String>, directory: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for collection in catalog.collections where !collection.entries.isEmpty {
            let templates = collection.declaration.templates
            for (kind, name) in [("index", templates.index), ("entry", templates.entry), ("compare", templates.compare), ("pair", templates.pair)]
            where !available.contains(name) {
                diagnostics.append(.error(
                    "the \(kind) template '\(name)' of collection '\(collection.id)' is missing (expected \(directory)/\(name).mustache)"
                        + "\(Suggestion.hint(for: name, in: available.sorted())); name one of the site's templates under 'templates:'",
                    at: collection.declaration.keyLocations["templates." + kind]))
            }
        }
        return diagnostics
    }

    /// The templates a catalog needs: each collection's four.
    static func templates(_ catalog: Catalog) -> [String] {
        var names: [String] = []
        for collection in catalog.collections where !collection.entries.isEmpty {
            for name in collection.declaration.templates.all where !names.contains(name) { names.append(name) }
        }
        return names
    }

    static func render(_ catalog: Catalog, context: DirectiveContext) -> [CatalogPage] {
        catalog.collections.flatMap { render($0, context: context) }
    }

    static func render(_ collection: CatalogCollection, context: DirectiveContext) -> [CatalogPage] {
        guard !collection.entries.isEmpty else { return [] }
        let declaration = collection.declaration
        let id = collection.id
        let all: Set<CatalogDependency> = [.allEntries(id), .allFeatures(id)]
        let everything = CatalogSelection(collection: collection, entries: collection.entries, features: collection.features, dependencies: all)
        let matrix = ComparisonTable.render(everything, id: "matrix", caption: nil, context: context)
        let resources = declaration.figuresField.map {
            ResourceTable.render(everything, field: $0, id: "resources", caption: nil, details: true, context: context)
        }
        let decision = DecisionGrid.render(everything, id: "decision", context: context)
        let names = TableMarkup.list(collection.entries.map(\.name))
        var compareFragments = ["matrix": matrix.html, "decision": decision.html]
        compareFragments["resources"] = resources?.html
        var pages = [
            CatalogPage(
                kind: .compare(id), sitePath: declaration.comparePath, title: "Compare \(names)",
                description: "Every feature of \(names) side by side, with \(resources == nil ? "" : "resource figures and ")when to choose each.",
                fragments: compareFragments,
                anchors: Set(matrix.anchors + (resources?.anchors ?? []) + decision.anchors),
                dependencies: all, templateName: declaration.templates.compare),
            CatalogPage(
                kind: .index(id), sitePath: declaration.entriesPath, title: declaration.pluralTitle,
                description: declaration.description.replacingOccurrences(of: "{names}", with: names),
                fragments: [:], anchors: [], dependencies: [.allEntries(id)], templateName: declaration.templates.index),
        ]
        for entry in collection.entries {
            pages.append(entryPage(entry, collection: collection, context: context))
        }
        let pairs = EntryPair.all(in: collection)
        pages += pairs.map { pairPage($0, context: context) }
        let baseURL = context.site.baseURL
        return pages.map { page in
            var page = page
            var entry: Entry?
            if case .entry(let one) = page.kind { entry = one }
            page.values = CatalogPageValues.make(fragments: page.fragments, collection: collection, entry: entry, citations: page.citations,
                                                 pairs: pairs, baseURL: baseURL)
            if case let .pair(first, second) = page.kind, let pair = pairs.first(where: { $0.sitePath == page.sitePath }) {
                page.values["first"] = CatalogPageValues.entryValues(first, collection: collection, baseURL: baseURL)
                page.values["second"] = CatalogPageValues.entryValues(second, collection: collection, baseURL: baseURL)
                page.values["agreeing_count"] = .string(String(pair.agreeing.count))
            }
            page.dependencies.insert(.allEntries(id))
            page.category = declaration.singularTitle
            switch page.kind {
            case .compare: page.declaredAt = declaration.keyLocations["paths.compare"]
            case .index: page.declaredAt = declaration.keyLocations["paths.entries"]
            default: break
            }
            switch page.kind {
            case .compare, .index: page.about = collection.entries
            case .entry(let entry): page.about = [entry]
            case let .pair(first, second): page.about = [first, second]
            }
            return page
        }
    }

    /// An entry's own page: its figures and features with one numbering of sources, its diagram, and the sources
    /// of its items fields (pros and cons) cited item by item.
    static func entryPage(_ entry: Entry, collection: CatalogCollection, context: DirectiveContext) -> CatalogPage {
        let declaration = collection.declaration
        let one = CatalogSelection(collection: collection, entries: [entry], features: collection.features,
                                   dependencies: [entry.dependency, .allFeatures(collection.id)])
        // One numbering for the page: its tables and its items cite the "Sources" section.
        var sources = SourceNotes(prefix: "facts", listedWithTable: false)
        let needs = declaration.figuresField.map {
            ResourceTable.render(one, field: $0, id: "resources", caption: "\(entry.name) \($0.label(for: entry.name).lowercased())", details: true,
                                 context: context, sources: &sources)
        }
        let features = ComparisonTable.render(one, id: "features", caption: "\(entry.name), feature by feature", context: context, sources: &sources)
        var fragments = ["features": features.html]
        var anchors = features.anchors
        fragments["resources"] = needs?.html
        anchors += needs?.anchors ?? []
        for field in declaration.fields where field.kind == .diagram && entry.fields[field.id] != nil {
            let id = field.id == "architecture" ? "architecture-diagram" : "\(field.id)-diagram"
            let diagram = DiagramDirective.render(entry: entry, field: field.id, id: id, caption: nil, style: nil, context: context)
            fragments[field.id] = diagram.html
            anchors += diagram.anchors
        }
        var citations: [String: [String]] = [:]
        for field in declaration.fields {
            guard case .items = field.kind, case .items(let items)? = entry.fields[field.id] else { continue }
            citations[field.id] = items.map { sources.reference($0.provenance) }
        }
        var page = CatalogPage(
            kind: .entry(entry), sitePath: entry.sitePath, title: entry.name, description: entry.summary,
            fragments: fragments.merging(sources.fragment) { $1 },
            anchors: Set(anchors + sources.anchors),
            dependencies: features.dependencies.union(needs?.dependencies ?? []), templateName: declaration.templates.entry)
        page.citations = citations
        return page
    }

    /// Differences first, agreements folded away, then resources and the decision criteria side by side.
    static func pairPage(_ pair: EntryPair, context: DirectiveContext) -> CatalogPage {
        let collection = pair.collection
        let dependencies: Set<CatalogDependency> = [pair.first.dependency, pair.second.dependency, .allFeatures(collection.id)]
        func selection(_ features: [Feature]) -> CatalogSelection {
            CatalogSelection(collection: collection, entries: [pair.first, pair.second], features: features, dependencies: dependencies)
        }
        var sources = SourceNotes(prefix: "facts", listedWithTable: false)
        // A table only for a side that has rows: two entries may differ everywhere, or nowhere.
        var tables: [String: DirectiveOutput] = [:]
        for (id, features, verb) in [("differences", pair.differing, "differ"), ("agreements", pair.agreeing, "agree")] where !features.isEmpty {
            tables[id] = ComparisonTable.render(selection(features), id: id,
                                                caption: "Where \(pair.first.name) and \(pair.second.name) \(verb)", context: context, sources: &sources)
        }
        let resources = collection.declaration.figuresField.map {
            ResourceTable.render(selection([]), field: $0, id: "resources", caption: nil, details: true, context: context, sources: &sources)
        }
        let decision = DecisionGrid.render(selection([]), id: "decision", context: context)
        var fragments = ["introduction": pair.introduction(), "decision": decision.html]
        fragments["resources"] = resources?.html
        fragments = fragments.merging(sources.fragment) { $1 }.merging(tables.mapValues(\.html)) { $1 }
        return CatalogPage(
            kind: .pair(pair.first, pair.second), sitePath: pair.sitePath, title: pair.title, description: pair.description,
            fragments: fragments,
            anchors: Set(tables.values.flatMap(\.anchors) + (resources?.anchors ?? []) + decision.anchors + sources.anchors),
            dependencies: (resources?.dependencies ?? []).union(dependencies), templateName: collection.declaration.templates.pair)
    }
}
