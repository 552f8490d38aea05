/// The load stage: reads Content/ and Templates/ into a `SourceTree` and fingerprints every file it read,
/// which is where every trace of a build bottoms out.
struct LoadStage {
    let fileSystem: any FileSystem
    let options: BuildOptions
    let interner: KeyInterner

    struct Output: Sendable {
        var tree: SourceTree
        var diagnostics: [Diagnostic]
        /// `file:` for every text file and `asset:` for every asset.
        var fingerprints: FingerprintTable
    }

    /// With the last build's output and the paths changed since, files not named are taken from it, and edits
    /// to article files alone are read without listing a folder. `table` is the last build's fingerprint table
    /// (the preview keeps it, with everything later stages published): files are updated in it, and files that
    /// are gone become absent.
    /// Both are consumed: held twice, the first change to the file list or the table would copy all of it.
    func run(previous: consuming Output?, table: consuming FingerprintTable?, changed: Set<String>?) -> Output {
        let loader = SourceLoader(fileSystem: fileSystem)
        var table = table.take() ?? FingerprintTable(interner: interner)
        if let changed, var output = previous.take() {
            // The quick path keeps the last load's diagnostics, so a change to a path one of them names (a refused
            // symlink, an unreadable file, now removed or fixed) lists the folders again to drop or renew it.
            if !Self.diagnostics(output.diagnostics, name: changed), let reread = loader.rereadArticles(output.tree, changed: changed) {
                var everySource = table[.everySource]
                for (position, file) in reread {
                    output.tree.articles[position] = file
                    let fingerprint = Fingerprint.of(file.text)
                    everySource = everySource.combined(with: Self.member("file", file.path, table[.file(file.path)]))
                        .combined(with: Self.member("file", file.path, fingerprint))
                    table[.file(file.path)] = fingerprint
                }
                table[.everySource] = everySource
                output.fingerprints = table
                return output
            }
            previous = output
        }
        var texts: [String: SourceFile] = [:]
        var assets: [String: AssetFile] = [:]
        if let tree = previous?.tree {
            for file in Self.textFiles(of: tree) { texts[file.path] = file }
            for asset in tree.assets { assets[options.templatesDirectory + "/" + asset.sourceName] = asset }
        }
        let (tree, diagnostics) = loader.load(content: options.contentDirectory, templates: options.templatesDirectory,
                                              previous: texts, previousAssets: assets, changed: previous == nil ? nil : changed)
        let files = Self.textFiles(of: tree)
        var sources = StableHasher()
        for file in files { sources.combine(file.path) }
        for asset in tree.assets { sources.combine(asset.outputPath) }
        if let gone = previous?.tree {
            let now = Set(files.map(\.path))
            for file in Self.textFiles(of: gone) where !now.contains(file.path) { table[.file(file.path)] = .zero }
            let assetsNow = Set(tree.assets.map(\.outputPath))
            for asset in gone.assets where !assetsNow.contains(asset.outputPath) { table[.asset(asset.outputPath)] = .zero }
        }
        for (file, fingerprint) in zip(files, Parallel.map(files) { Fingerprint.of($0.text) }) {
            table[.file(file.path)] = fingerprint
        }
        for asset in tree.assets { table[.asset(asset.outputPath)] = .of(asset.bytes) }
        table[.sources] = sources.finish()
        Self.publishEverySource(of: tree, in: &table)
        return Output(tree: tree, diagnostics: diagnostics, fingerprints: table)
    }

    /// Whether any of `diagnostics` is about one of `paths` or a file below one (a removed folder).
    static func diagnostics(_ diagnostics: [Diagnostic], name paths: Set<String>) -> Bool {
        diagnostics.contains { diagnostic in
            guard let path = diagnostic.location?.path else { return false }
            return paths.contains(path) || paths.contains { path.hasPrefix($0 + "/") }
        }
    }

    /// One fingerprint for all sources together, so the whole build's memo can be checked with one comparison.
    /// It is the exclusive or of each source's own (its kind, path and fingerprint), so an edit to a few files
    /// updates it from their old and new fingerprints alone instead of visiting ten thousand (paths are unique,
    /// so no two members cancel out).
    static func publishEverySource(of tree: SourceTree, in table: inout FingerprintTable) {
        var everySource = Fingerprint.zero
        for file in textFiles(of: tree) { everySource = everySource.combined(with: member("file", file.path, table[.file(file.path)])) }
        for asset in tree.assets { everySource = everySource.combined(with: member("asset", asset.outputPath, table[.asset(asset.outputPath)])) }
        table[.everySource] = everySource
    }

    private static func member(_ kind: String, _ path: String, _ fingerprint: Fingerprint) -> Fingerprint {
        var hasher = StableHasher()
        hasher.combine(kind)
        hasher.combine(path)
        hasher.combine(fingerprint)
        return hasher.finish()
    }

    static func textFiles(of tree: SourceTree) -> [SourceFile] {
        [tree.siteConfig, tree.authors].compactMap { $0 } + tree.articles + tree.catalogFiles + tree.templates
    }
}

extension LoadStage: Stage {
    /// The last load (the preview keeps it) and the source paths changed since; nil reads every folder again.
    struct Input {
        var previous: Output?
        var changed: Set<String>?
    }

    /// Loads into the context's table: the last build's, with files updated in it (see `run(previous:table:changed:)`).
    func run(_ input: consuming Input, in context: inout StageContext) -> Output {
        // Moved out, not copied: held twice, the first change to the table would copy all of it.
        let table = context.fingerprints
        context.fingerprints = FingerprintTable(interner: interner)
        let loaded = run(previous: input.previous.take(), table: table, changed: input.changed)
        context.fingerprints = loaded.fingerprints
        context.diagnostics += loaded.diagnostics
        return loaded
    }
}
