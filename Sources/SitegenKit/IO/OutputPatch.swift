import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Changed files moved from a staging folder beside the output into it one by one, behind a journal, so that a build
/// stopped in the middle is finished by the next one (rolled forward) instead of leaving a mix of two builds.
///
/// Order: every changed file is already complete in the staging folder; the journal naming them and the removed paths
/// is written to a temporary file and renamed to `<scratchPrefix>patch`, so it appears whole or not at all; only then
/// does the output change (removals, then one rename per file); the journal goes last. `SiteWriter.recover`, run by
/// every build before anything reads the output, repeats the steps a journal names: a staged file still in the
/// staging folder has not been moved yet, a removed path still present has not been removed yet. Repeating a step
/// that was done is harmless, so recovery may itself be stopped and run again.
///
/// The threat is SIGKILL (a killed build, a closed terminal, an out-of-memory kill), not power loss or a kernel crash.
/// Every write and rename a killed process completed is in the kernel's page cache and seen, in that order, by every
/// later process, so no fsync is needed: the journal's rename cannot be seen before the staged files' bytes. A machine
/// crash could lose or reorder unflushed writes; guarding against that would cost an fsync per file.
struct OutputPatch: Sendable {
    let writer: SiteWriter
    /// The staging folder's name after the scratch prefix (`staging-<pid>`); it holds each staged path.
    let stagingSuffix: String
    /// Paths written into the staging folder, to be moved into the output.
    let staged: [String]
    /// Paths the output loses.
    let removed: [String]

    /// A failure once the journal is written: the output may hold part of the patch, and the journal and staging
    /// folder are kept so that the next build finishes it. The staging folder must not be discarded.
    struct Unfinished: Error, CustomStringConvertible {
        var description: String
    }

    var staging: String { writer.parent + "/" + writer.scratchPrefix + stagingSuffix }

    /// Writes the journal, then changes the output. `stoppingAfter` (tests) returns after that many renames as
    /// if the process had been killed there, leaving the journal and what is not yet moved.
    func apply(stoppingAfter renames: Int? = nil) throws {
        try writer.refuseSymlinkedFolders(above: staged + removed)
        try writeJournal()
        do {
            guard try roll(stoppingAfter: renames) else { return }
            try finish()
        } catch {
            throw Unfinished(description: "\(error)")
        }
    }

    /// Removes, then moves in what is still staged. False when stopped early by `stoppingAfter`.
    private func roll(stoppingAfter renames: Int? = nil) throws -> Bool {
        let output = writer.outputPath, staging = self.staging
        // Removals first: a removed file may stand where a new file needs a folder (or the other way round).
        for path in removed { writer.remove(path) }
        var moved = 0
        for path in staged {
            if renames == moved { return false }
            let source = staging + "/" + path, target = output + "/" + path
            if rename(source, target) == 0 { moved += 1; continue }
            // Already moved by the run this one finishes; else the file's folder is usually what is missing.
            if errno == ENOENT, !Self.exists(source) { continue }
            if let message = StagedSite.makeFolders(of: path, under: output) { throw SiteWriter.WriteError(description: message) }
            guard rename(source, target) == 0 else {
                throw SiteWriter.WriteError(description: "cannot replace \(target): \(LocalFileSystem.errnoDescription())")
            }
            moved += 1
        }
        return true
    }

    /// The marker when missing, then the journal and the staging folder go: the output is the new build's.
    private func finish() throws {
        if !StagedSite.file(at: writer.outputPath + "/" + OutputPath.marker, holds: OutputFolder.markerBytes) { try writer.writeMarker() }
        unlink(writer.journalPath)
        try? FileManager.default.removeItem(atPath: staging)
    }

    func writeJournal() throws {
        var text = "\(Self.header)\nstaging \(stagingSuffix)\n"
        for path in staged { text += "+ \(path)\n" }
        for path in removed { text += "- \(path)\n" }
        text += "end\n"
        let journal = writer.journalPath, temporary = journal + ".tmp-\(getpid())"
        if let message = SiteWriter.writeFile(temporary, Array(text.utf8)) {
            unlink(temporary)
            throw SiteWriter.WriteError(description: "cannot write \(temporary): \(message)")
        }
        guard rename(temporary, journal) == 0 else {
            let reason = LocalFileSystem.errnoDescription()
            unlink(temporary)
            throw SiteWriter.WriteError(description: "cannot write \(journal): \(reason)")
        }
    }

    static let header = "sitegen-patch 1"

    /// The patch a journal describes, or a reason it cannot be read (it was not written by this sitegen, or was edited).
    static func read(_ writer: SiteWriter) -> Result<OutputPatch, SiteWriter.WriteError> {
        let journal = writer.journalPath
        guard let bytes = try? LocalFileSystem().readFile(at: journal), let text = String(validating: bytes, as: UTF8.self) else {
            return .failure(.init(description: "cannot read \(journal): \(LocalFileSystem.errnoDescription())"))
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 4, lines[0] == header, lines.removeLast() == "", lines.removeLast() == "end",
              lines[1].hasPrefix("staging staging-"), !lines[1].dropFirst(8).contains("/") else {
            return .failure(.init(description: "\(journal) is damaged"))
        }
        var staged: [String] = [], removed: [String] = []
        for line in lines.dropFirst(2) {
            let path = String(line.dropFirst(2))
            if line.hasPrefix("+ ") { staged.append(path) } else if line.hasPrefix("- ") { removed.append(path) } else {
                return .failure(.init(description: "\(journal) is damaged"))
            }
            // A journal names only paths a build may write; this one was edited.
            if OutputPath.refusal(path) != nil { return .failure(.init(description: "\(journal) is damaged")) }
        }
        return .success(OutputPatch(writer: writer, stagingSuffix: String(lines[1].dropFirst(8)), staged: staged, removed: removed))
    }

    /// Finishes the patch the journal describes; nil when done (or when there was none), else what stopped it.
    static func recover(_ writer: SiteWriter, stoppingAfter renames: Int? = nil) -> String? {
        guard exists(writer.journalPath) else { return nil }
        let advice = "remove \(writer.journalPath) and build again to rebuild the whole folder"
        switch read(writer) {
        case .failure(let error):
            return "the output folder \(writer.outputPath) may hold a mix of two builds: \(error); \(advice)"
        case .success(let patch):
            var info = stat()
            // No output folder (deleted since): nothing is half-updated.
            guard lstat(writer.outputPath, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
                unlink(writer.journalPath)
                try? FileManager.default.removeItem(atPath: patch.staging)
                return nil
            }
            do {
                try writer.refuseSymlinkedFolders(above: patch.staged + patch.removed)
                guard try patch.roll(stoppingAfter: renames) else { return nil }
                try patch.finish()
                return nil
            } catch {
                return "cannot finish the update of \(writer.outputPath) that a stopped build began: \(error); \(advice)"
            }
        }
    }

    private static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }
}
