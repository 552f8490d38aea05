/// `sitegen new`: the text of a new article or mesh file, with every key the build requires, so an author
/// starts from something the build explains rather than from a blank page. Writing it is the caller's job.
public enum Scaffold {
    /// A new file's place and text.
    public struct NewFile: Sendable, Equatable {
        public var path: String
        public var text: String
    }

    /// `Content/articles/<slug>.md` for a title, dated `date`, by the site's author (the first in
    /// `authors.yaml` when there is one, else site.yaml's `author`).
    public static func article(title: String, date: ArticleDate, contentDirectory: String,
                               fileSystem: any FileSystem) -> Result<NewFile, Diagnostic> {
        let slug = HeadingSlugger.slugify(title)
        guard !slug.isEmpty, SlugRules.problem(with: slug) == nil else {
            return .failure(.error("the title '\(title)' gives no usable url_slug; use letters or digits", at: nil))
        }
        let path = contentDirectory + "/articles/\(slug).md"
        if fileSystem.entryExists(at: path) { return .failure(.error("\(path) already exists; sitegen new never overwrites a file", at: nil)) }
        let author = siteAuthor(contentDirectory: contentDirectory, fileSystem: fileSystem)
        let text = """
            ---
            title: \(quoted(title))
            meta_description: \(quoted("What readers learn about \(title.lowercased()), in one or two sentences."))
            url_slug: \(slug)
            primary_keyword: \(quoted(title.lowercased()))
            secondary_keywords: []
            author: \(quoted(author))
            date: "\(date.isoDate)"
            tags: []
            draft: true
            ---

            Write the introduction here, then replace `meta_description` and the keywords above with your own.
            `draft: true` keeps the article out of the site until you remove it; `sitegen serve --drafts` previews it.

            """
        return .success(NewFile(path: path, text: text))
    }

    /// `Content/catalog/meshes/<id>.yaml` listing every key and every feature of `features.yaml`, all empty:
    /// the build then names each value still to fill in, at its line.
    public static func mesh(id: String, contentDirectory: String, fileSystem: any FileSystem) -> Result<NewFile, Diagnostic> {
        guard YAMLMap.isIdentifier(id) else {
            return .failure(.error("'\(id)' is not a usable mesh id; use lowercase letters, digits and '-'", at: nil))
        }
        let path = contentDirectory + "/catalog/meshes/\(id).yaml"
        if fileSystem.entryExists(at: path) { return .failure(.error("\(path) already exists; sitegen new never overwrites a file", at: nil)) }
        let featuresPath = contentDirectory + "/catalog/features.yaml"
        guard fileSystem.sourceEntry(at: featuresPath, within: contentDirectory) == .file, let text = try? fileSystem.readText(at: featuresPath) else {
            return .failure(.error("\(featuresPath) is missing or unreadable; a mesh states a value for each feature it defines", at: nil))
        }
        let (decoded, problems) = CatalogDecoder.decode([CatalogSource(id: "meshes", declaration: SourceFile(path: featuresPath, text: text), entries: [])])
        if let problem = problems.first(where: \.isError) { return .failure(problem) }
        let catalog = decoded.collections.first ?? CatalogCollection(declaration: CollectionDeclaration(id: "", singular: "", plural: "", description: "", entriesPath: "", comparePath: "", templates: .defaults, groups: [], features: [], fields: [], summaryFields: [], sourcePath: "", location: SourceLocation(path: "")), entries: [])
        var lines = [
            "id: \(id)",
            "name: \"\"",
            "order: 100",
            "vendor: \"\"",
            "website: \"\"",
            "proxy:",
            "  name: \"\"",
            "  language: \"\"",
            "control_plane:",
            "  name: \"\"",
            "  components:",
            "    - name: \"\"",
            "      role: \"\"",
            "summary: \"\"",
            "capabilities: []",
            "# One value per feature: support features take yes, no, limited, automatic, native or via-add-on;",
            "# scale features low, medium or high; a value may be a mapping with value, note, source and checked.",
            "features:",
        ]
        for feature in catalog.features { lines.append("  \(feature.id):  # \(feature.label) (\(feature.kind.rawValue))") }
        lines += [
            "resources:",
            "  proxy:",
            "    memory: {min: , max: , unit: MB}",
            "    cpu: {text: \"\"}",
            "  control_plane:",
            "    memory: {min: , max: , unit: GB}",
            "    cpu: {min: , max: , unit: cores}",
            "team_readiness: \"\"",
            "pros:",
            "  - title: \"\"",
            "    detail: \"\"",
            "cons:",
            "  - title: \"\"",
            "    detail: \"\"",
            "when_to_choose: []",
            "choose_if: []",
            "",
        ]
        return .success(NewFile(path: path, text: lines.joined(separator: "\n")))
    }

    private static func siteAuthor(contentDirectory: String, fileSystem: any FileSystem) -> String {
        // As the build reads them: a symlink out of the content folder is not read.
        func read(_ name: String) -> String? {
            let path = contentDirectory + "/" + name
            return fileSystem.sourceEntry(at: path, within: contentDirectory) == .file ? try? fileSystem.readText(at: path) : nil
        }
        if let text = read("authors.yaml") {
            let (authors, _) = AuthorsDecoder.decode(SourceFile(path: contentDirectory + "/authors.yaml", text: text))
            if let first = authors.first { return first.name }
        }
        guard let text = read("site.yaml") else { return "" }
        let (config, _) = SiteConfigDecoder.decode(SourceFile(path: contentDirectory + "/site.yaml", text: text), baseURLOverride: nil)
        return config?.author ?? ""
    }

    /// A double-quoted YAML scalar: every title reads back as the same text, whatever it holds.
    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
