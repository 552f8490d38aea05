/// `sitegen new`: the text of a new article, collection declaration or catalog entry, with every key the build
/// requires, so an author starts from something the build explains rather than from a blank page. Writing it is
/// the caller's job.
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

    /// Why a catalog file was not written: one problem, or every problem of the declaration an entry is made from.
    public struct Failure: Error, Sendable, Equatable {
        public var diagnostics: [Diagnostic]

        public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
        init(_ message: String) { diagnostics = [.error(message, at: nil)] }
    }

    /// `Content/catalog/<id>/_collection.yaml`: a complete declaration, every key explained by a comment, with
    /// example fields of every type and features of every kind, which the build accepts as written.
    public static func collection(id: String, contentDirectory: String, fileSystem: any FileSystem) -> Result<NewFile, Failure> {
        guard YAMLMap.isIdentifier(id), !CatalogDecoder.reservedIDs.contains(id) else {
            // As the build words it: a reserved id would be written only for the build to refuse it.
            return .failure(Failure("'\(id)' is not a usable collection id; use lowercase letters, digits and '-', other than "
                + "\(CatalogDecoder.reservedIDs.sorted().joined(separator: ", ")) (the directives' option names)"))
        }
        let path = contentDirectory + "/catalog/\(id)/" + DeclarationDecoder.fileName
        if fileSystem.entryExists(at: path) { return .failure(Failure("\(path) already exists; sitegen new never overwrites a file")) }
        return .success(NewFile(path: path, text: DeclarationScaffold.text(id: id)))
    }

    /// `Content/catalog/<collection>/<id>.yaml` listing the common keys, every feature and every declared field of
    /// the collection's `_collection.yaml`, each value empty beside a comment saying what it takes: the build then
    /// names each value still to fill in, at its line.
    public static func entry(collection: String, id: String, contentDirectory: String, fileSystem: any FileSystem) -> Result<NewFile, Failure> {
        let catalog = contentDirectory + "/catalog"
        let folder = catalog + "/" + collection
        let declarationPath = folder + "/" + DeclarationDecoder.fileName
        let declarationEntry = fileSystem.sourceEntry(at: declarationPath, within: contentDirectory)
        if case .refused(let reason) = declarationEntry { return .failure(Failure("\(declarationPath) is not read: \(reason)")) }
        guard declarationEntry == .file else {
            let known = collections(in: catalog, contentDirectory: contentDirectory, fileSystem: fileSystem)
            if fileSystem.sourceEntry(at: folder, within: contentDirectory) == .folder {
                return .failure(Failure("\(declarationPath) is missing; `sitegen new collection \(collection)` writes one"))
            }
            let listing = known.isEmpty
                ? "there are no collections yet; `sitegen new collection \(collection)` writes one"
                : "the collections are: \(known.joined(separator: ", "))"
            return .failure(Failure("no collection '\(collection)' under \(catalog)/\(Suggestion.hint(for: collection, in: known)); \(listing)"))
        }
        guard YAMLMap.isIdentifier(id) else {
            return .failure(Failure("'\(id)' is not a usable entry id; use lowercase letters, digits and '-'"))
        }
        let path = folder + "/\(id).yaml"
        if fileSystem.entryExists(at: path) { return .failure(Failure("\(path) already exists; sitegen new never overwrites a file")) }
        guard let text = try? fileSystem.readText(at: declarationPath) else {
            return .failure(Failure("\(declarationPath) is unreadable or not UTF-8; an entry is made from its collection's declaration"))
        }
        var diagnostics: [Diagnostic] = []
        guard let declaration = DeclarationDecoder.decode(SourceFile(path: declarationPath, text: text), id: collection, &diagnostics) else {
            // The declaration's own errors, as the build would print them: an entry cannot be made from a broken one.
            return .failure(Failure(diagnostics.filter(\.isError)))
        }
        return .success(NewFile(path: path, text: EntryScaffold.text(id: id, declaration: declaration)))
    }

    /// The collections under `Content/catalog/`: the folders holding a `_collection.yaml`, as the build finds them.
    private static func collections(in catalog: String, contentDirectory: String, fileSystem: any FileSystem) -> [String] {
        guard let listing = try? fileSystem.listFiles(under: catalog, within: contentDirectory) else { return [] }
        return listing.files.compactMap { file in
            let parts = file.split(separator: "/")
            return parts.count == 2 && parts[1] == DeclarationDecoder.fileName ? String(parts[0]) : nil
        }.sorted()
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
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
