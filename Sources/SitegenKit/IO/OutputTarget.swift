import Synchronization
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where one build's files go. The render workers hand over only files that are new or whose bytes changed;
/// `commit` then makes the destination hold exactly the build's paths.
public protocol OutputTarget: AnyObject, Sendable {
    /// What is at `path` now, to compare with what an earlier build recorded there; nil when nothing is.
    func identity(of path: String) -> FileIdentity?
    /// Takes a file made now; called from render workers at the same time.
    func accept(_ file: OutputFile)
    /// Makes the destination hold exactly `paths` and returns whether anything was written. `removed` lists the
    /// paths the destination had from the last build and must lose; nil when that is not known.
    func commit(paths: [String], removed: [String]?) throws -> Bool
    /// Drops what a failed build handed over; the destination stays as it was.
    func discard()
    /// The files handed over whose bytes differ from what the destination had.
    var changed: [OutputFile] { get }
    /// How many files were written rather than kept: what a build reports.
    var writtenCount: Int { get }
}

extension OutputTarget {
    public var changed: [OutputFile] { [] }
    public var writtenCount: Int { changed.count }
}

/// Which file a path holds: a build records it after writing, and the next build reuses a file only while the
/// path still holds that same file. A file deleted, truncated, rewritten, or replaced by another build writing
/// into the same folder has another size, inode or modification time, and is made again.
public struct FileIdentity: Hashable, Sendable {
    public var size: Int
    public var inode: UInt64 = 0
    public var modified: Int = 0
    public var modifiedNanoseconds: Int = 0

    /// The identity of a plain file in a folder (or, with `folders`, of a folder; "" is the root itself), or nil
    /// when there is none.
    static func of(_ path: String, under root: String, folders: Bool = false) -> FileIdentity? {
        var info = stat()
        guard lstat(path.isEmpty ? root : root + "/" + path, &info) == 0 else { return nil }
        let kind = info.st_mode & S_IFMT
        guard kind == S_IFREG || (folders && kind == S_IFDIR) else { return nil }
        return FileIdentity(size: Int(info.st_size), inode: UInt64(info.st_ino), modified: info.st_mtim.tv_sec,
                            modifiedNanoseconds: info.st_mtim.tv_nsec)
    }
}

/// The whole site in memory: what tests compare, byte for byte.
public final class MemoryOutput: OutputTarget, Sendable {
    private struct Files {
        var byPath: [String: OutputFile] = [:]
        var pending: [OutputFile] = []
        var paths: [String] = []
    }

    private let files = Mutex(Files())
    private let failures = ErrorCollector()

    public init() {}

    public func identity(of path: String) -> FileIdentity? {
        files.withLock { $0.byPath[path].map { FileIdentity(size: $0.bytes.count) } }
    }

    public func accept(_ file: OutputFile) {
        if let refusal = OutputPath.refusal(file.path) { return failures.add(refusal) }
        files.withLock { $0.pending.append(file) }
    }

    public func commit(paths: [String], removed: [String]?) throws -> Bool {
        if let first = failures.first ?? OutputPath.firstRefusal(paths) ?? OutputPath.firstRefusal(removed ?? []) {
            throw SiteWriter.WriteError(description: first)
        }
        return files.withLock { files in
            let changed = files.pending.filter { files.byPath[$0.path]?.bytes != $0.bytes }
            for file in changed { files.byPath[file.path] = file }
            let live = Set(paths)
            let gone = files.byPath.keys.filter { !live.contains($0) }
            for path in gone { files.byPath[path] = nil }
            files.paths = paths
            files.pending = changed
            return !changed.isEmpty || !gone.isEmpty
        }
    }

    public func discard() {
        files.withLock { $0.pending = [] }
        failures.clear()
    }

    public var changed: [OutputFile] { files.withLock { $0.pending } }

    /// Every file of the last committed build, in its route order.
    public var all: [OutputFile] {
        files.withLock { files in files.paths.compactMap { files.byPath[$0] } }
    }
}

/// The output folder updated file by file, for the preview: the changed files are written into a staging folder beside
/// it and moved in one rename each behind a journal (`OutputPatch`), so a reader sees the old file or the new one, a
/// reload comes within milliseconds, and a preview killed midway leaves a patch the next build or `serve` finishes.
public final class InPlaceOutput: OutputTarget, Sendable {
    let writer: SiteWriter
    private let failures = ErrorCollector()
    private let pending = Mutex<[OutputFile]>([])

    public init(writer: SiteWriter) {
        self.writer = writer
    }

    public func identity(of path: String) -> FileIdentity? {
        FileIdentity.of(path, under: writer.outputPath)
    }

    public func accept(_ file: OutputFile) {
        if let refusal = OutputPath.refusal(file.path) { return failures.add(refusal) }
        if StagedSite.file(at: writer.outputPath + "/" + file.path, holds: file.bytes) { return }
        pending.withLock { $0.append(file) }
    }

    public func commit(paths: [String], removed: [String]?) throws -> Bool {
        if let first = failures.first ?? OutputPath.firstRefusal(paths) ?? OutputPath.firstRefusal(removed ?? []) {
            throw SiteWriter.WriteError(description: first)
        }
        let changed = self.changed, removed = removed ?? []
        // The folder keeps saying it is sitegen's, even if the marker was deleted while the preview ran.
        let markerMissing = !StagedSite.file(at: writer.outputPath + "/" + OutputPath.marker, holds: OutputFolder.markerBytes)
        guard !changed.isEmpty || !removed.isEmpty else {
            if markerMissing { try writer.writeMarker() }
            return markerMissing
        }
        let patch = OutputPatch(writer: writer, stagingSuffix: "staging-\(getpid())", staged: changed.map(\.path), removed: removed)
        do {
            try writer.refuseSymlinkedFolders(above: patch.staged + removed)
            try stage(changed, in: patch.staging)
            try patch.apply()
        } catch let unfinished as OutputPatch.Unfinished {
            // The journal is written: its staging folder stays for the next build to finish the patch with.
            throw SiteWriter.WriteError(description: unfinished.description)
        } catch {
            try? FileManager.default.removeItem(atPath: patch.staging)
            throw error
        }
        return true
    }

    /// Writes the changed files into a fresh staging folder.
    private func stage(_ files: [OutputFile], in staging: String) throws {
        try? FileManager.default.removeItem(atPath: staging)
        try SiteWriter.makeDirectory(staging)
        let failures = ErrorCollector()
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            if let message = StagedSite.write(files[index].bytes, to: files[index].path, under: staging) {
                failures.add("cannot write \(writer.outputPath)/\(files[index].path): \(message)")
            }
        }
        if let first = failures.first { throw SiteWriter.WriteError(description: first) }
    }

    public func discard() {
        pending.withLock { $0 = [] }
        failures.clear()
    }

    public var changed: [OutputFile] { pending.withLock { $0.sorted { $0.path < $1.path } } }
}
