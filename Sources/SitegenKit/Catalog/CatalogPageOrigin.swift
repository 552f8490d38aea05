extension CatalogPage {
    /// Where the page comes from, for a diagnostic about its output path: in words, the place in a catalog file
    /// when it has one, and advice when the catalog's own naming can make two pages meet.
    var origin: (what: String, location: SourceLocation?, advice: String) {
        switch kind {
        case .compare(let id): return ("the comparison page of collection '\(id)'", declaredAt, "; change its paths.compare")
        case .index(let id): return ("the index page of collection '\(id)'", declaredAt, "; change its paths.entries")
        case .entry(let entry): return ("the page of \(entry.collection) entry '\(entry.id)' (\(entry.sourcePath))", entry.location, "")
        case let .pair(first, second):
            return ("the comparison of '\(first.id)' and '\(second.id)' (\(first.sourcePath), \(second.sourcePath))", first.location,
                    ": a pair's page is <compare path><first>-vs-<second>/, so an id holding '-vs-' can repeat another pair's; rename one")
        }
    }
}
