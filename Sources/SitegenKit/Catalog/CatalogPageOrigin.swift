extension CatalogPage {
    /// Where the page comes from, for a diagnostic about its output path: in words, the place in a catalog file
    /// when it has one, and advice when the catalog's own naming can make two pages meet.
    var origin: (what: String, location: SourceLocation?, advice: String) {
        switch kind {
        case .compare, .meshIndex: return ("the catalog's page \(sitePath)", nil, "")
        case .mesh(let mesh): return ("the page of mesh '\(mesh.id)' (\(mesh.sourcePath))", mesh.location, "")
        case let .pair(first, second):
            return ("the comparison of meshes '\(first.id)' and '\(second.id)' (\(first.sourcePath), \(second.sourcePath))", first.location,
                    ": a pair's page is /compare/<first>-vs-<second>/, so a mesh id holding '-vs-' can repeat another pair's; rename one")
        }
    }
}
