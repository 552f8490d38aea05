/// The load stage: reads Content/ and Templates/ into a `SourceTree`, reporting what it cannot read.
public struct SourceLoader: Sendable {
    public var fileSystem: any FileSystem

    public init(fileSystem: any FileSystem) {
        self.fileSystem = fileSystem
    }

    /// Reads every source file. With `previous`, files not named in `changed` are taken from it instead of the disk.
    public func load(content: String, templates: String, previous: [String: SourceFile] = [:], previousAssets: [String: AssetFile] = [:],
                     changed: Set<String>? = nil) -> (SourceTree, [Diagnostic]) {
        let reader = Reader(fileSystem: fileSystem, previous: previous, changed: changed)
        var diagnostics: [Diagnostic] = []
        var tree = SourceTree(
            siteConfig: nil, articles: [], catalog: [], templates: [], assets: [],
            contentDirectory: content, templatesDirectory: templates)

        if !fileSystem.directoryExists(at: content) {
            diagnostics.append(.error("content folder '\(content)' does not exist", at: nil))
        }
        if !fileSystem.directoryExists(at: templates) {
            diagnostics.append(.error("templates folder '\(templates)' does not exist", at: nil))
        }

        let configPath = content + "/site.yaml"
        switch fileSystem.sourceEntry(at: configPath, within: content) {
        case .file: tree.siteConfig = reader.readText(configPath, &diagnostics)
        case .refused(let reason): diagnostics.append(Self.refusal(reason, at: configPath))
        case .missing, .folder:
            if fileSystem.directoryExists(at: content) {
                diagnostics.append(.error("the site settings file is missing (expected \(configPath))", at: nil))
            }
        }
        let authorsPath = content + "/authors.yaml"
        switch fileSystem.sourceEntry(at: authorsPath, within: content) {
        case .file: tree.authors = reader.readText(authorsPath, &diagnostics)
        case .refused(let reason): diagnostics.append(Self.refusal(reason, at: authorsPath))
        case .missing, .folder: break
        }

        // Articles are most of the files: read on every core, reported in listing order.
        let articlesDirectory = content + "/articles"
        let names = list(articlesDirectory, within: content, &diagnostics)
        let read = Parallel.map(names.filter { $0.hasSuffix(".md") }) { name -> (SourceFile?, [Diagnostic]) in
            var problems: [Diagnostic] = []
            return (reader.readText(articlesDirectory + "/" + name, &problems), problems)
        }
        var next = read.makeIterator()
        for name in names {
            guard name.hasSuffix(".md") else {
                diagnostics.append(.warning("not a Markdown article (.md); it is not published", at: SourceLocation(path: articlesDirectory + "/" + name)))
                continue
            }
            guard let (file, problems) = next.next() else { break }
            diagnostics += problems
            if let file { tree.articles.append(file) }
        }

        // One folder per collection: its `_collection.yaml` and one file per entry.
        let catalogDirectory = content + "/catalog"
        var collections: [String: CatalogSource] = [:]
        for name in list(catalogDirectory, within: content, &diagnostics) {
            let path = catalogDirectory + "/" + name
            let parts = name.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            if parts.count == 2, parts[1].hasSuffix(".yaml"), !parts[0].isEmpty {
                var source = collections[parts[0]] ?? CatalogSource(id: parts[0], declaration: nil, entries: [])
                if let file = reader.readText(path, &diagnostics) {
                    if parts[1] == DeclarationDecoder.fileName { source.declaration = file } else { source.entries.append(file) }
                }
                collections[parts[0]] = source
            } else if parts.count == 1, name.hasSuffix(".yaml") {
                diagnostics.append(.error(
                    "catalog files live in one folder per collection: Content/catalog/<collection>/_collection.yaml declares it (its groups, features and fields) and each <entry>.yaml beside it is an entry; move this file's content into a declaration (see README, 'Collections')",
                    at: SourceLocation(path: path)))
            } else {
                diagnostics.append(.warning(
                    "not part of the catalog (expected <collection>/_collection.yaml or <collection>/<entry>.yaml); it is not used", at: SourceLocation(path: path)))
            }
        }
        tree.catalog = collections.keys.sorted().compactMap { collections[$0] }

        for name in list(templates, within: templates, &diagnostics) {
            let path = templates + "/" + name
            if let outputPath = AssetFile.outputPath(forSourceName: name) {
                if outputPath != name, let top = outputPath.split(separator: "/").first, RouteTable.reservedNames.contains(top.lowercased()) {
                    diagnostics.append(.error(
                        "a static file may not be published at /\(outputPath), which the site generates (or keeps for its own files); move it below another folder",
                        at: SourceLocation(path: path)))
                    continue
                }
                if reader.reuses(path), let asset = previousAssets[path] {
                    tree.assets.append(asset)
                    continue
                }
                do {
                    tree.assets.append(AssetFile(outputPath: outputPath, bytes: try fileSystem.readFile(at: path), sourceName: name))
                } catch {
                    diagnostics.append(.error("cannot read asset: \(Self.reason(error))", at: SourceLocation(path: path)))
                }
            } else if name.hasSuffix(".mustache") {
                if let file = reader.readText(path, &diagnostics) { tree.templates.append(file) }
            } else {
                diagnostics.append(.warning("not a template (.mustache) and not under assets/ or static/; it is not used", at: SourceLocation(path: path)))
            }
        }
        return (tree, diagnostics)
    }

    /// Article files read again after edits, when that is all that changed: every changed path is an article
    /// the last build read that is still a plain file, or a path that was not part of the site and is gone
    /// (an editor's temporary file). Nil when anything else changed, so the caller lists every folder again.
    /// A rebuild while writing thus reads one file, not ten thousand directory entries.
    public func rereadArticles(_ previous: SourceTree, changed: Set<String>) -> [(position: Int, file: SourceFile)]? {
        // The articles folder itself replaced by a symlink is for a full load to refuse.
        guard fileSystem.sourceEntry(at: previous.contentDirectory + "/articles", within: previous.contentDirectory) == .folder else { return nil }
        var positions: [String: Int] = [:]
        for path in changed where path.hasPrefix(previous.contentDirectory + "/articles/") && path.hasSuffix(".md") {
            positions[path] = -1
        }
        // By index: enumerating copied each of ten thousand files (two strings and a diagnostic) per rebuild.
        for position in previous.articles.indices where positions[previous.articles[position].path] != nil {
            positions[previous.articles[position].path] = position
        }
        // Whether a path the site read is `path` or lies below it (a folder that is gone takes its files along).
        func holdsKnownFiles(_ path: String) -> Bool {
            let folder = path + "/"
            func matches(_ known: String) -> Bool { known == path || known.hasPrefix(folder) }
            return previous.articles.contains { matches($0.path) } || previous.catalogFiles.contains { matches($0.path) }
                || previous.templates.contains { matches($0.path) }
                || [previous.siteConfig, previous.authors].contains { $0.map { matches($0.path) } ?? false }
                || previous.assets.contains { matches(previous.templatesDirectory + "/" + $0.sourceName) }
        }
        var reread: [(position: Int, file: SourceFile)] = []
        for path in changed.sorted() {
            if let position = positions[path], position >= 0 {
                guard fileSystem.isPlainFile(at: path), let bytes = try? fileSystem.readFile(at: path) else { return nil }
                let (text, warning) = TextDecoding.decode(bytes, path: path)
                // A decoding warning belongs among the load diagnostics in listing order; the full path places it.
                guard warning == nil, previous.articles[position].decodingWarning == nil else { return nil }
                reread.append((position, SourceFile(path: path, text: text, decodingWarning: nil)))
            } else {
                guard !fileSystem.entryExists(at: path), !holdsKnownFiles(path) else { return nil }
            }
        }
        return reread
    }

    private func list(_ directory: String, within boundary: String, _ diagnostics: inout [Diagnostic]) -> [String] {
        // A folder below the boundary follows the rule its entries do: a symlinked one is not listed.
        if directory != boundary, case .refused(let reason) = fileSystem.sourceEntry(at: directory, within: boundary) {
            diagnostics.append(Self.refusal(reason, at: directory))
            return []
        }
        do {
            let listing = try fileSystem.listFiles(under: directory, within: boundary)
            for refusal in listing.refused { diagnostics.append(Self.refusal(refusal.reason, at: directory + "/" + refusal.path)) }
            return listing.files
        } catch {
            diagnostics.append(.error("cannot list folder: \(Self.reason(error))", at: nil))
            return []
        }
    }


    /// Reads text files, taking unchanged ones from the previous build.
    private struct Reader: Sendable {
        let fileSystem: any FileSystem
        let previous: [String: SourceFile]
        let changed: Set<String>?
        func reuses(_ path: String) -> Bool { changed.map { !$0.contains(path) } ?? false }

        func readText(_ path: String, _ diagnostics: inout [Diagnostic]) -> SourceFile? {
            if reuses(path), let file = previous[path] {
                if let warning = file.decodingWarning { diagnostics.append(warning) }
                return file
            }
            do {
                if let text = try fileSystem.readText(at: path) { return SourceFile(path: path, text: text) }
                let (text, warning) = TextDecoding.decode(try fileSystem.readFile(at: path), path: path)
                if let warning { diagnostics.append(warning) }
                return SourceFile(path: path, text: text, decodingWarning: warning)
            } catch {
                diagnostics.append(.error("cannot read file: \(SourceLoader.reason(error))", at: SourceLocation(path: path)))
                return nil
            }
        }
    }

    /// A source the symlink rule keeps out, at its path.
    static func refusal(_ reason: String, at path: String) -> Diagnostic {
        .error("not read: \(reason)", at: SourceLocation(path: path))
    }

    static func reason(_ error: any Error) -> String {
        (error as? FileSystemError)?.reason ?? "\(error)"
    }
}
