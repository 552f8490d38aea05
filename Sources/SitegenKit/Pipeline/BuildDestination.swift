extension BuildSession {
    /// Where built files go.
    public enum Destination: Sendable {
        /// Memory: `Result.files` holds the whole site (tests, and comparisons with other builds).
        case memory
        /// The output folder, replaced in one swap whenever anything changed (`sitegen build`).
        case staged
        /// The output folder, swapped in whole by the first build and updated file by file after (the preview).
        case preview
        /// Nowhere: the build stops once links are checked, and `Result.site` and `Result.links` hold what the
        /// content says (`sitegen check`, which needs the articles' links, not the pages).
        case nowhere
    }
}

extension BuildSession.Destination {
    /// A `sitegen build`: the session makes one site and ends, so what only a next build would read is not kept.
    var isOneShot: Bool { self == .staged }

    /// Whether builds publish into the output folder: only then is the folder checked to be sitegen's, and the
    /// routes compared with what it published.
    var publishes: Bool { self == .staged || self == .preview }

    /// Whether bodies and built files stay in memory rather than beside the output folder.
    var inMemory: Bool { self == .memory || self == .nowhere }
}

extension BuildSession {
    /// Where this build's files go. `exact`: the cache says exactly what the output holds, so a few changed files
    /// may be renamed into place rather than the folder swapped whole.
    func makeTarget(exact: Bool) -> any OutputTarget {
        let writer = SiteWriter(outputPath: options.outputDirectory)
        switch destination {
        case .memory, .nowhere: return memory
        case .staged: return writer.stage(exact: exact)
        case .preview: return state.built == 0 ? writer.stage() : InPlaceOutput(writer: writer)
        }
    }

    /// Where bodies' HTML and payloads wait: beside the output, or in memory for a build that writes none.
    func makeSpill() -> BodySpill {
        if let spill { return spill }
        let made = destination.inMemory ? BodySpill.memory() : .file(in: SiteWriter(outputPath: options.outputDirectory).parent)
        spill = made
        return made
    }
}
