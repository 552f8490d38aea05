/// Validates `Content/authors.yaml`: a list of authors, each with a name that articles use in `author:`.
enum AuthorsDecoder {
    static let keys = ["name", "id", "role", "bio", "url"]

    static func decode(_ file: SourceFile) -> ([Author], [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let (root, problems) = YAMLDocument.parse(file.text, path: file.path)
        diagnostics += problems
        guard problems.isEmpty, let map = YAMLMap.root(root, path: file.path, lineOffset: 0, what: "authors.yaml", &diagnostics) else {
            return ([], diagnostics)
        }
        map.rejectUnknownKeys(["authors"], in: "authors.yaml", &diagnostics)
        var authors: [Author] = []
        for item in map.mapList("authors", &diagnostics) ?? [] {
            item.rejectUnknownKeys(keys, in: "an author", &diagnostics)
            guard let name = item.string("name", required: true, &diagnostics) else { continue }
            let id = item.value("id") == nil ? TagRules.slug(name) : item.identifier("id", required: true, &diagnostics)
            let location = item.value("name").map(item.location(of:)) ?? item.location
            guard let id, !id.isEmpty else {
                if item.value("id") == nil { diagnostics.append(.error("the name '\(name)' gives no page name; add an 'id' of lowercase letters, digits and '-'", at: location)) }
                continue
            }
            if let other = authors.first(where: { $0.name == name || $0.id == id }) {
                diagnostics.append(.error("author '\(name)' (page /authors/\(id)/) is listed twice; the first is '\(other.name)'", at: location))
                continue
            }
            var url = item.string("url", &diagnostics)
            if let text = url, let problem = URLPolicy.addressProblem(text) {
                let at = item.value("url").map(item.location(of:)) ?? location
                if URLPolicy.scheme(of: text) == nil, problem.fix == nil {
                    diagnostics.append(.error("url '\(URLPolicy.shown(text))' must be an http:// or https:// address", at: at))
                } else {
                    diagnostics.append(.error("url '\(URLPolicy.shown(text))' \(problem.reason(hint: "write a full address such as https://example.com/about/"))", at: at))
                }
                url = nil
            }
            authors.append(Author(name: name, id: id, role: item.string("role", &diagnostics), bio: item.string("bio", &diagnostics), url: url))
        }
        if map.value("authors") == nil { map.missing("authors", &diagnostics) }
        return (authors, diagnostics)
    }
}
