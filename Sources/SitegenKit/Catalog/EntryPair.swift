/// Two entries of a collection compared head to head on `<compare path><a>-vs-<b>/`: which features set them apart, and the words
/// that introduce the page, all derived from the catalog so the page never disagrees with the matrix.
struct EntryPair: Sendable {
    var first: Entry
    var second: Entry
    var collection: CatalogCollection
    /// The features where the two state different values (or one states none), then those where they agree.
    var differing: [Feature]
    var agreeing: [Feature]

    init(_ first: Entry, _ second: Entry, collection: CatalogCollection) {
        self.first = first
        self.second = second
        self.collection = collection
        var differing: [Feature] = [], agreeing: [Feature] = []
        for feature in collection.features {
            let a = first.features[feature.id]?.value, b = second.features[feature.id]?.value
            if a != nil, a == b { agreeing.append(feature) } else { differing.append(feature) }
        }
        self.differing = differing
        self.agreeing = agreeing
    }

    /// Every pair once, in catalog order: with entries a, b, c that is a–b, a–c, b–c.
    static func all(in collection: CatalogCollection) -> [EntryPair] {
        let entries = collection.entries
        return entries.indices.flatMap { i in entries.indices.dropFirst(i + 1).map { EntryPair(entries[i], entries[$0], collection: collection) } }
    }

    var title: String { "\(first.name) vs \(second.name)" }
    var sitePath: String { collection.declaration.comparePath + "\(first.id)-vs-\(second.id)/" }

    var description: String {
        "\(first.name) and \(second.name) compared: the \(differing.count) of \(differing.count + agreeing.count) features where they differ, "
            + "resource figures side by side, and when to choose each."
    }

    /// Groups by how many of their features differ, most first (file order breaks ties), without groups where none do.
    func groupsByDifference() -> [(group: FeatureGroup, differing: Int, total: Int)] {
        let counts = collection.groups.map { group in
            (group: group, differing: differing.filter { $0.group == group.id }.count,
             total: collection.features.filter { $0.group == group.id }.count)
        }
        return counts.enumerated().filter { $0.element.differing > 0 }
            .sorted { ($1.element.differing, $0.offset) < ($0.element.differing, $1.offset) }
            .map(\.element)
    }

    /// The page's opening paragraph, in plain words from the data; HTML-escaped.
    func introduction() -> String {
        let a = HTML.escape(first.name), b = HTML.escape(second.name)
        let total = differing.count + agreeing.count
        var sentences: [String] = []
        if differing.isEmpty {
            sentences.append("\(a) and \(b) state the same value for all \(total) features the guide compares.")
        } else {
            sentences.append("\(a) and \(b) differ on \(differing.count) of the \(total) features the guide compares"
                             + (agreeing.isEmpty ? "." : " and agree on \(agreeing.count)."))
            let groups = groupsByDifference().prefix(2).map { entry in
                "\(HTML.escape(entry.group.label.lowercased())) (\(entry.differing) of \(entry.total))"
            }
            sentences.append("The biggest differences are in \(TableMarkup.list(Array(groups))).")
            let examples = starkest(3).map { feature, x, y in
                "\(HTML.escape(feature.label)): \(HTML.escape(x.label(for: feature))) against \(HTML.escape(y.label(for: feature)))"
            }
            if !examples.isEmpty { sentences.append("For example, " + examples.joined(separator: "; ") + ".") }
        }
        // The first part of the first figures field, side by side: for meshes, what the proxy needs per pod.
        if let field = collection.declaration.figuresField, case .figures(let parts, _) = field.kind, let part = parts.first {
            let needs = [first, second].compactMap { entry in
                ResourceTable.describe(entry, field: field, part: part.id, collection: collection).map { "\(HTML.escape(entry.name)): \(HTML.escape($0))" }
            }
            if !needs.isEmpty { sentences.append("\(HTML.escape(part.label)) — " + needs.joined(separator: "; ") + ".") }
        }
        return sentences.joined(separator: " ")
    }

    /// The differences a reader notices first: "yes against no" before "yes against yes (automatic)", then file order.
    func starkest(_ count: Int) -> [(Feature, FeatureValue, FeatureValue)] {
        let stated = differing.enumerated().compactMap { offset, feature -> (Int, Int, Feature, FeatureValue, FeatureValue)? in
            guard let x = first.features[feature.id], let y = second.features[feature.id] else { return nil }
            return (abs(Self.strength(x.value) - Self.strength(y.value)), offset, feature, x, y)
        }
        return stated.sorted { ($1.0, $0.1) < ($0.0, $1.1) }.prefix(count).map { ($0.2, $0.3, $0.4) }
    }

    /// How much of a feature a value gives, on one scale for support and level values; free text counts as partial.
    private static func strength(_ value: FeatureValue.Value) -> Int {
        switch value {
        case .support(.no): 0
        case .support(.limited), .support(.viaAddOn): 1
        case .support: 2
        case .scale(.low): 0
        case .scale(.medium): 1
        case .scale(.high): 2
        case .text: 1
        }
    }
}
