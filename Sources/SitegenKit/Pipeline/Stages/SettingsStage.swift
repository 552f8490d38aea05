/// The validate stage for `site.yaml` and `authors.yaml`: decoded every build (two small files), with the build
/// options that change output folded in. Publishes `settings`.
struct SettingsStage {
    let options: BuildOptions

    func run(_ file: SourceFile?, authors: SourceFile? = nil, fingerprints: inout FingerprintTable) -> (SiteConfig?, [Diagnostic]) {
        guard let file else {
            fingerprints[.settings] = .zero
            return (nil, [])
        }
        var (config, diagnostics) = SiteConfigDecoder.decode(file, baseURLOverride: options.baseURL)
        if let policy = options.linkPolicy { config?.linkPolicy = policy }
        var hasher = StableHasher()
        hasher.combine(fingerprints[.file(file.path)])
        if let authors {
            let (list, problems) = AuthorsDecoder.decode(authors)
            diagnostics += problems
            config?.authors = list
            hasher.combine(fingerprints[.file(authors.path)])
        }
        hasher.combine(options.baseURL ?? "")
        hasher.combine(options.linkPolicy?.rawValue ?? "")
        hasher.combine(options.includeDrafts)
        hasher.combine(options.asOf?.isoDate ?? "")
        hasher.combine(options.strictFacts)
        fingerprints[.settings] = hasher.finish()
        return (config, diagnostics)
    }
}

extension SettingsStage: Stage {
    /// `site.yaml` and `authors.yaml`, when there are such files.
    struct Input {
        var site: SourceFile?
        var authors: SourceFile?
    }

    func run(_ input: consuming Input, in context: inout StageContext) -> SiteConfig? {
        let (config, problems) = run(input.site, authors: input.authors, fingerprints: &context.fingerprints)
        context.diagnostics += problems
        return config
    }
}
