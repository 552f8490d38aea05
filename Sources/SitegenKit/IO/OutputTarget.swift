import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where one build's files go. The render workers hand over only files that are new or whose bytes changed;
/// `commit` then makes the destination hold exactly the build's paths.
public protocol OutputTarget: AnyObject, Sendable {
    /// Whether the file an earlier build made at `path`, `size` bytes long, is still in place, so reusing it is safe.
    func holds(_ path: String, size: Int) -> Bool
    /// Takes a file made now; called from render workers at the same time.
    func accept(_ file: OutputFile)
    /// Makes the destination hold exactly `paths` and returns whether anything was written.
    func commit(paths: [String], removed: [String]) throws -> Bool
    /// Drops what a failed build handed over; the destination stays as it was.
    func discard()
    /// The files handed over whose bytes differ from what the destination had.
    var changed: [OutputFile] { get }
}

extension OutputTarget {
    public var changed: [OutputFile] { [] }
}

/// Whether a file of the output folder is still the one a build wrote: there, a plain file, the same size.
/// A file someone deleted, truncated or replaced by a folder is made again.
func outputFolder(_ root: String, holds path: String, size: Int) -> Bool {
    var info = stat()
    return lstat(root + "/" + path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && Int(info.st_size) == size
}

/// The whole site in memory: what tests compare, byte for byte.
public final class MemoryOutput: OutputTarget, @unchecked Sendable {
    private let lock = NSLock()
    private var files: [String: OutputFile] = [:]
    private var pending: [OutputFile] = []
    private var paths: [String] = []

    public init() {}

    public func holds(_ path: String, size: Int) -> Bool {
        lock.withLock { files[path]?.bytes.count == size }
    }

    public func accept(_ file: OutputFile) {
        lock.withLock { pending.append(file) }
    }

    public func commit(paths: [String], removed: [String]) throws -> Bool {
        lock.withLock {
            let changed = pending.filter { files[$0.path]?.bytes != $0.bytes }
            for file in changed { files[file.path] = file }
            for path in removed { files[path] = nil }
            self.paths = paths
            pending = changed
            return !changed.isEmpty || !removed.isEmpty
        }
    }

    public func discard() {
        lock.withLock { pending = [] }
    }

    public var changed: [OutputFile] { lock.withLock { pending } }

    /// Every file of the last committed build, in its route order.
    public var all: [OutputFile] {
        lock.withLock { paths.compactMap { files[$0] } }
    }
}

/// The output folder updated file by file, for the preview: each changed file is written beside its name and
/// renamed over it, so a reader sees the old file or the new one and a reload comes within milliseconds.
public final class InPlaceOutput: OutputTarget, @unchecked Sendable {
    let writer: SiteWriter
    private let lock = NSLock()
    private var pending: [OutputFile] = []

    public init(writer: SiteWriter) {
        self.writer = writer
    }

    public func holds(_ path: String, size: Int) -> Bool {
        outputFolder(writer.outputPath, holds: path, size: size)
    }

    public func accept(_ file: OutputFile) {
        if StagedSite.file(at: writer.outputPath + "/" + file.path, holds: file.bytes) { return }
        lock.withLock { pending.append(file) }
    }

    public func commit(paths: [String], removed: [String]) throws -> Bool {
        let changed = self.changed
        guard !changed.isEmpty || !removed.isEmpty else { return false }
        try writer.update(changed: changed, removed: removed)
        return true
    }

    public func discard() {
        lock.withLock { pending = [] }
    }

    public var changed: [OutputFile] { lock.withLock { pending.sorted { $0.path < $1.path } } }
}
