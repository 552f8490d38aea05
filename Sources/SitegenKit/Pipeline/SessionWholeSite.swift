/// The whole build as one memo (see `WholeSiteStage`): checked by a one-shot build right after the settings, and
/// made once its output is written.
extension BuildSession {
    /// What the output folder holds, as the whole build's memo found it.
    struct OutputHeld {
        /// Every output folder is as the last build left it: the output holds no file but that build's.
        var exact = false
        /// Those folders' identities, for this build's memo to take where it writes nothing under them.
        var folders: [String: FileIdentity] = [:]
    }

    /// The last build's outcome when nothing it read changed and the output is as it left it; otherwise what the
    /// output holds. Only a one-shot build into a folder that is sitegen's asks.
    func checkWholeSite(config: SiteConfig?, in context: inout StageContext) -> (Result?, OutputHeld) {
        guard destination == .staged else { return (nil, OutputHeld()) }
        switch WholeSiteStage().run(.init(memos: state.site, output: options.outputDirectory), in: &context) {
        case .unchanged(let outcome, let problems):
            // Nothing to write, but a killed build's staging folder beside the output still goes.
            SiteWriter(outputPath: options.outputDirectory).removeLeftovers()
            return (Result(diagnostics: problems, paths: outcome.paths, pageCount: outcome.pageCount, config: config, wholeSiteReused: true), OutputHeld())
        case .changed(let exact, let folders):
            return (nil, OutputHeld(exact: exact, folders: folders))
        }
    }

    /// The whole build's memo, so a new process with nothing changed stops after the load (one-shot builds only:
    /// the preview updates its folder in place).
    func wholeSiteMemo(_ result: Result) -> Memo? {
        guard destination == .staged, let fingerprints = state.fingerprints else { return nil }
        return WholeSiteStage().memo(WholeSiteStage.Outcome(paths: result.paths, pageCount: result.pageCount), diagnostics: result.diagnostics,
                                     fingerprints: fingerprints, output: options.outputDirectory) { [pages = state.memos[PagesStage.memos]] in
            pages[$0].flatMap { try? PagesStage.decode($0.payload) }
        } knownFolder: { [folders = state.outputFolders, touched = WholeSiteStage.folders(above: result.made + result.removed)] folder in
            touched.contains(folder) ? nil : folders[folder]
        }
    }
}
