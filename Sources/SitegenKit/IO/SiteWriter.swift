import Synchronization
import CSitegenSystem
import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a finished site into a staging folder beside the output and swaps it in, or moves its changed files in
/// behind a journal (`OutputPatch`), so the output folder is the complete old site or the complete new one, or a patch
/// between them that the next build finishes before anything reads the folder.
public struct SiteWriter: Sendable {
    public var outputPath: String

    public init(outputPath: String) {
        self.outputPath = Self.trimmingTrailingSlashes(outputPath)
    }

    /// What went wrong while writing; the previous output is left in place.
    public struct WriteError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    var parent: String {
        let path = outputPath
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    var baseName: String {
        outputPath.split(separator: "/").last.map(String.init) ?? outputPath
    }

    /// Leftovers of builds that were killed share this prefix, so the next build can remove them.
    var scratchPrefix: String { ".\(baseName).sitegen-" }

    /// Writes every file, then replaces the output folder in one step. Returns false, having written
    /// nothing, when the folder already holds exactly these files.
    @discardableResult
    public func write(_ files: [OutputFile]) throws -> Bool {
        let staged = stage()
        DispatchQueue.concurrentPerform(iterations: files.count) { staged.accept(files[$0]) }
        return try staged.commit(paths: files.map(\.path))
    }

    /// Starts a site to be written file by file (a build streams its pages into it) and swapped in by `commit`.
    /// `exact`: the output is known to hold no file but the last build's, so a few changed files may be moved in one by one.
    public func stage(exact: Bool = false) -> StagedSite {
        StagedSite(writer: self, exact: exact)
    }

    /// Removes `path` from the output, and the folders it leaves empty.
    func remove(_ path: String) {
        unlink(outputPath + "/" + path)
        var folder = path
        while let slash = folder.lastIndex(of: "/") {
            folder = String(folder[..<slash])
            if rmdir(outputPath + "/" + folder) != 0 { break }
        }
    }

    /// Writes sitegen's marker into the output folder (beside its name, then renamed over it).
    func writeMarker() throws {
        let target = outputPath + "/" + OutputPath.marker, temporary = target + ".sitegen-tmp"
        if let message = Self.writeFile(temporary, OutputFolder.markerBytes) {
            throw WriteError(description: "cannot write \(target): \(message)")
        }
        guard rename(temporary, target) == 0 else {
            throw WriteError(description: "cannot replace \(target): \(LocalFileSystem.errnoDescription())")
        }
    }

    /// The journal of a patch under way (`OutputPatch`), beside the output.
    var journalPath: String { parent + "/" + scratchPrefix + "patch" }

    /// Finishes the patch of the output a build began and did not end (it was killed): called before anything reads
    /// or serves the output, so every build and the preview start from a whole site, the old one or the new one.
    /// Returns nil when the output is whole, else why it could not be made so (the journal is then kept).
    public func recover() -> String? {
        OutputPatch.recover(self)
    }

    /// Removes staging and old folders left by a build that was killed before it finished; never while a patch's
    /// journal is there, since its staging folder holds files the output still needs (`recover` finishes it first).
    public func removeLeftovers() {
        var info = stat()
        guard lstat(journalPath, &info) != 0, let names = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        for name in names where name.hasPrefix(scratchPrefix) {
            try? FileManager.default.removeItem(atPath: parent + "/" + name)
        }
    }

    func swapIn(_ staging: String) throws {
        var info = stat()
        guard lstat(outputPath, &info) == 0 else {
            guard rename(staging, outputPath) == 0 else {
                throw WriteError(description: "cannot move the new site into \(outputPath): \(LocalFileSystem.errnoDescription())")
            }
            return
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw WriteError(description: "\(outputPath) exists and is not a folder; not replacing it")
        }
        if sitegen_exchange_paths(staging, outputPath) == 0 {
            // The staging path now holds the previous site.
            try? FileManager.default.removeItem(atPath: staging)
            return
        }
        // No atomic exchange here (an old kernel or a file system without it): two renames.
        let old = parent + "/" + scratchPrefix + "old-\(getpid())"
        guard rename(outputPath, old) == 0 else {
            throw WriteError(description: "cannot move the previous site aside: \(LocalFileSystem.errnoDescription())")
        }
        guard rename(staging, outputPath) == 0 else {
            let reason = LocalFileSystem.errnoDescription()
            _ = rename(old, outputPath)
            throw WriteError(description: "cannot move the new site into \(outputPath): \(reason)")
        }
        try? FileManager.default.removeItem(atPath: old)
    }

    /// Files are written into the output folder in place only below folders that are folders: a symlinked one (not
    /// made by sitegen) would carry the write outside the output.
    func refuseSymlinkedFolders(above paths: [String]) throws {
        var checked = Set<String>()
        for path in paths {
            var folder = path
            while let slash = folder.lastIndex(of: "/") {
                folder = String(folder[..<slash])
                guard checked.insert(folder).inserted else { break }
                var info = stat()
                if lstat(outputPath + "/" + folder, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK {
                    throw WriteError(description: "refused to write below \(outputPath)/\(folder): it is a symlink, and sitegen writes only into folders it made")
                }
            }
        }
    }

    static func makeDirectory(_ path: String) throws {
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw WriteError(description: "cannot create folder \(path): \(LocalFileSystem.errnoDescription())")
        }
    }

    /// Returns an error message, or nil on success.
    static func writeFile(_ path: String, _ bytes: [UInt8]) -> String? {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return LocalFileSystem.errnoDescription() }
        let failure = write(bytes, to: fd)
        if close(fd) != 0, failure == nil { return LocalFileSystem.errnoDescription() }
        return failure
    }

    /// Writes all of `bytes` to an open file; returns an error message, or nil on success.
    static func write(_ bytes: [UInt8], to fd: Int32) -> String? {
        var offset = 0
        return bytes.withUnsafeBytes { raw in
            while offset < raw.count {
                let written = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return LocalFileSystem.errnoDescription()
                }
                offset += written
            }
            return nil
        }
    }

    private static func trimmingTrailingSlashes(_ path: String) -> String {
        var path = path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path
    }
}

/// Collects messages from concurrent workers; the first one reported is kept in order.
final class ErrorCollector: Sendable {
    private let messages = Mutex<[String]>([])

    func add(_ message: String) {
        messages.withLock { $0.append(message) }
    }

    func clear() {
        messages.withLock { $0 = [] }
    }

    var isEmpty: Bool { messages.withLock { $0.isEmpty } }

    var first: String? { messages.withLock { $0.sorted().first } }
}
