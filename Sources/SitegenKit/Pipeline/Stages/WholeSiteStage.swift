/// The whole build as one result, checked in a new process right after the load: when every source file, asset
/// and setting is as the last successful build read them (`every-source` and `settings`, which between them are
/// all a build reads) and the output folder still holds what that build wrote, there is nothing to do, and the
/// other stages' memos — tens of megabytes for a large site — need not even be read.
/// The memo's payload is the output's paths with the identity (inode, size, modification time) that each file,
/// and each folder above one, had once written: a file replaced or removed changes its own identity, and one
/// added changes its folder's.
struct WholeSiteStage {
    static let item = "site"

    /// What the last build reported, given back when it still holds.
    struct Outcome: Equatable {
        var paths: [String]
        var pageCount: Int
    }

    enum Check {
        /// Nothing read has changed and the output is as the last build left it: its outcome and diagnostics.
        case unchanged(Outcome, [Diagnostic])
        /// Something changed. `exact`: every output folder is as the last build left it, so the output holds no
        /// file but that build's (adding or removing an entry changes a folder's modification time); `folders`
        /// then has each folder's identity, which this build's memo can take for the folders it writes nothing under.
        case changed(exact: Bool, folders: [String: FileIdentity])
    }

    func check(_ memos: MemoTable<PagesStage.NoValue>, fingerprints: FingerprintTable, output: String) -> Check {
        guard let memo = memos[Self.item], let (outcome, identities) = try? Self.decode(memo.payload) else { return .changed(exact: false, folders: [:]) }
        let entries = Self.entries(outcome.paths)
        guard entries.count == identities.count else { return .changed(exact: false, folders: [:]) }
        let sameInputs = fingerprints.verifies(memo.trace)
        // With inputs changed, only the folders matter.
        let checked = Array((sameInputs ? 0 : outcome.paths.count)..<entries.count)
        let held = Parallel.map(checked) { index in FileIdentity.of(entries[index], under: output, folders: true) == identities[index] }
        if sameInputs, held.allSatisfy({ $0 }) { return .unchanged(outcome, memo.diagnostics) }
        let exact = zip(checked, held).allSatisfy { index, held in held || index < outcome.paths.count }
        guard exact else { return .changed(exact: false, folders: [:]) }
        var folders: [String: FileIdentity] = [:]
        folders.reserveCapacity(entries.count - outcome.paths.count)
        for index in outcome.paths.count..<entries.count { folders[entries[index]] = identities[index] }
        return .changed(exact: true, folders: folders)
    }

    /// The memo of a build that just finished writing `output`; nil when some file is not there to describe.
    /// `known` gives what the page memos recorded of each file (this build's files were looked at once written),
    /// so only folders are looked at here, and only those `knownFolder` does not vouch for.
    func memo(_ outcome: Outcome, diagnostics: [Diagnostic], fingerprints: FingerprintTable, output: String,
              known: (String) -> FileIdentity?, knownFolder: @Sendable (String) -> FileIdentity?) -> Memo? {
        let entries = Self.entries(outcome.paths)
        let files = outcome.paths.map(known)
        let identities = files + Parallel.map(Array(entries[files.count...])) { knownFolder($0) ?? FileIdentity.of($0, under: output, folders: true) }
        var writer = ByteWriter()
        writer.int(outcome.pageCount)
        writer.strings(outcome.paths)
        for identity in identities {
            guard let identity else { return nil }
            writer.identity(identity)
        }
        let trace = fingerprints.reads([(.everySource, fingerprints[.everySource]), (.settings, fingerprints[.settings])]).sorted { $0.key < $1.key }
        return Memo(trace: trace, diagnostics: diagnostics, payload: writer.bytes)
    }

    static func decode(_ payload: [UInt8]) throws -> (Outcome, [FileIdentity]) {
        var reader = ByteReader(payload)
        let pageCount = try reader.int()
        let paths = try reader.strings()
        var identities: [FileIdentity] = []
        while !reader.isAtEnd {
            identities.append(try reader.identity())
        }
        return (Outcome(paths: paths, pageCount: pageCount), identities)
    }

    /// Every folder above each of `paths` ("" for the output folder itself): what writing or removing them may change.
    static func folders(above paths: [String]) -> Set<String> {
        Set(entries(paths)[paths.count...])
    }

    /// The files, then every folder that holds one (the output folder itself as ""), in first-seen order.
    static func entries(_ paths: [String]) -> [String] {
        var folders: [String] = [""]
        var seen: Set<String> = [""]
        seen.reserveCapacity(paths.count)
        for path in paths {
            // Bytes, and whole Strings in the set: hashing a Substring takes the slow, Unicode-aware path.
            let bytes = path.utf8
            var end = bytes.endIndex
            while let slash = bytes[..<end].lastIndex(of: UInt8(ascii: "/")) {
                let folder = String(decoding: bytes[..<slash], as: UTF8.self)
                guard seen.insert(folder).inserted else { break }
                folders.append(folder)
                end = slash
            }
        }
        return paths + folders
    }
}

extension WholeSiteStage: Stage {
    /// The whole build's memo (from the journal or the last one-shot build) and the output folder it describes.
    struct Input {
        var memos: MemoTable<PagesStage.NoValue>
        var output: String
    }

    /// Reports nothing itself: an unchanged build gives back its last diagnostics in `Check.unchanged`.
    func run(_ input: consuming Input, in context: inout StageContext) -> Check {
        check(input.memos, fingerprints: context.fingerprints, output: input.output)
    }
}
