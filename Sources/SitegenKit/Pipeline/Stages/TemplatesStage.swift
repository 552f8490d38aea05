/// The validate stage for templates: compiled together (a dozen small files, milliseconds), and reused
/// whole while no template's text changed. Publishes `template:<name>` over each template and everything
/// it pulls in, and `template-anchors` for the ids templates define.
struct TemplatesStage {
    let directory: String

    /// The compiled set and the texts it was compiled from, kept between builds in one process.
    struct Compiled: Sendable {
        var fingerprint: Fingerprint
        /// The templates the site's content needs beyond the always-required ones (the catalog's, `author`).
        var alsoRequired: [String]
        var set: TemplateSet?
        var diagnostics: [Diagnostic]
        /// What the set published when it was last current, for the next set to replace.
        var published: [TraceRead] = []
    }

    func run(_ files: [SourceFile], alsoRequired: [String], previous: Compiled?, fingerprints: inout FingerprintTable) -> Compiled {
        var hasher = StableHasher()
        for file in files {
            hasher.combine(file.path)
            hasher.combine(fingerprints[.file(file.path)])
        }
        let fingerprint = hasher.finish()
        // The one rule in short: the fingerprint is a trace of every `file:` key compiling reads (each template's
        // path and bytes, so an added or removed template changes it too), and `alsoRequired` is the rest of its
        // input, compared whole. Only this process keeps the compiled set, so there is no memo to store.
        var compiled: Compiled
        if let previous, previous.fingerprint == fingerprint, previous.alsoRequired == alsoRequired {
            compiled = previous
        } else {
            let (set, diagnostics) = TemplateSet.compile(files, directory: directory, alsoRequired: alsoRequired)
            compiled = Compiled(fingerprint: fingerprint, alsoRequired: alsoRequired, set: set, diagnostics: diagnostics,
                                published: previous?.published ?? [])
        }
        guard let set = compiled.set else { return compiled }
        let byName = Dictionary(files.map { (TemplateSet.templateName(of: $0.path, directory: directory), fingerprints[.file($0.path)]) },
                                uniquingKeysWith: { first, _ in first })
        var published: [(InputKey, Fingerprint)] = []
        for name in set.names {
            var closure = StableHasher()
            for member in (set.closures[name] ?? [name]).sorted() {
                closure.combine(member)
                closure.combine(byName[member] ?? .zero)
            }
            published.append((.template(name), closure.finish()))
        }
        var anchors = StableHasher()
        for id in set.staticIDs.sorted() { anchors.combine(id) }
        published.append((.templateAnchors, anchors.finish()))
        let reads = fingerprints.reads(published)
        fingerprints.replace(compiled.published, with: reads)
        compiled.published = reads
        return compiled
    }
}

extension TemplatesStage: Stage {
    struct Input {
        var files: [SourceFile]
        /// The collections' templates are required too; one that is missing is reported at its declaration, and
        /// the set is compiled without it.
        var catalog: Catalog
        /// Whether the site has authors, whose pages need the `author` template.
        var hasAuthors: Bool
        /// The set this process compiled last.
        var previous: Compiled?
    }

    func run(_ input: consuming Input, in context: inout StageContext) -> Compiled {
        let available = Set(input.files.map { TemplateSet.templateName(of: $0.path, directory: directory) })
        context.diagnostics += CatalogPages.missingTemplates(input.catalog, available: available, directory: directory)
        let alsoRequired = CatalogPages.templates(input.catalog).filter(available.contains) + (input.hasAuthors ? ["author"] : [])
        let compiled = run(input.files, alsoRequired: alsoRequired, previous: input.previous, fingerprints: &context.fingerprints)
        context.diagnostics += compiled.diagnostics
        return compiled
    }
}
