import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A site written file by file into a staging folder beside the output, then swapped in whole by `commit`, or, when
/// fewer files changed than stayed, moved into the output file by file behind a journal (`OutputPatch`).
/// A file whose bytes the output already has is not written (a swap hard-links it at commit), so a rebuild that
/// changes nothing writes nothing, and one that changes a little writes a little.
// Unchecked: `written`, `committed`, `stagingCreated` and `stagingDescriptor` are written only under `lock`; the
// render workers read `stagingDescriptor` unlocked after `createStaging` set it under that lock (which orders it).
public final class StagedSite: OutputTarget, @unchecked Sendable {
    let writer: SiteWriter
    let staging: String
    /// Whether an output folder exists to compare with (a fresh build skips reading).
    private let compareWithOutput: Bool
    private let lock = NSLock()
    private var stagingCreated = false
    /// The staging folder, open: files and folders are made relative to it, so the kernel does not walk the
    /// folder's own path again for each of ten thousand pages.
    private var stagingDescriptor: Int32 = -1
    /// Files written into the staging folder; every other path is linked from the output at commit.
    private var written: Set<String> = []
    private var committed = 0
    private var swapped = false
    /// A patch stopped after writing its journal: the staging folder is the journal's now.
    private var journaled = false
    private let failures = ErrorCollector()

    /// Whether the output is known to hold only the last build's files; else a stray file there would outlive a patch.
    private let exact: Bool

    init(writer: SiteWriter, exact: Bool) {
        self.writer = writer
        self.exact = exact
        staging = writer.parent + "/" + writer.scratchPrefix + Self.stagingSuffix
        var info = stat()
        compareWithOutput = lstat(writer.outputPath, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
        // A build normally finished a stopped patch already (`BuildSession`); a writer used on its own does it here.
        if let problem = writer.recover() { failures.add(problem) } else { writer.removeLeftovers() }
    }

    /// The staging folder's name after the scratch prefix: one per process, so two builds never share one.
    private static var stagingSuffix: String { "staging-\(getpid())" }

    public func accept(_ file: OutputFile) {
        guard failures.isEmpty else { return }
        if let refusal = OutputPath.refusal(file.path) { return failures.add(refusal) }
        if compareWithOutput, Self.file(at: writer.outputPath + "/" + file.path, holds: file.bytes) { return }
        do {
            try createStaging()
            lock.withLock { _ = written.insert(file.path) }
            if let message = writeStaged(file.bytes, to: file.path) {
                failures.add("cannot write \(writer.outputPath)/\(file.path): \(message)")
            }
        } catch {
            failures.add("\(error)")
        }
    }

    public func identity(of path: String) -> FileIdentity? {
        FileIdentity.of(path, under: writer.outputPath)
    }

    /// Whether moving `staged` files in and removing `removed` ones costs less than the swap, which links every
    /// unchanged file (and makes its folder) in a new folder: an edit to one article in a site of ten thousand then
    /// costs a few renames, a deleted article that shifts a thousand listing pages a thousand, and a template edit
    /// that changes every page a swap with nothing to link, no slower than a clean build.
    static func patchIsCheaper(staged: Int, removed: Int, paths: Int) -> Bool {
        staged + removed < paths - staged
    }

    /// With `removed` known, no stray file in the output, and fewer files to move than to keep, the staged files are
    /// moved into the output one by one behind a journal (`OutputPatch`) instead of linking every unchanged file
    /// into a new folder.
    public func commit(paths: [String], removed: [String]?) throws -> Bool {
        if let refusal = OutputPath.firstRefusal(removed ?? []) {
            discard()
            throw SiteWriter.WriteError(description: refusal)
        }
        let staged = lock.withLock { written.sorted() }
        if let removed, exact, compareWithOutput, failures.isEmpty,
           Self.patchIsCheaper(staged: staged.count, removed: removed.count, paths: paths.count) {
            do {
                return try patch(staged, removed: removed)
            } catch let unfinished as OutputPatch.Unfinished {
                // The journal is written: its staging folder stays for the next build to finish the patch with.
                lock.withLock { journaled = true }
                throw SiteWriter.WriteError(description: unfinished.description)
            } catch {
                discard()
                throw error
            }
        }
        return try commit(paths: paths)
    }

    private func patch(_ staged: [String], removed: [String]) throws -> Bool {
        guard !staged.isEmpty || !removed.isEmpty else { return false }
        try OutputPatch(writer: writer, stagingSuffix: Self.stagingSuffix, staged: staged, removed: removed).apply()
        lock.withLock { committed = staged.count + removed.count }
        return true
    }

    /// Swaps the staged site in, unless it failed or the output already holds exactly `paths` with the
    /// same bytes; returns whether anything was written. Paths not handed over are the output's files,
    /// unchanged, and are hard-linked in. The old output stays as it was on any error.
    @discardableResult
    public func commit(paths: [String]) throws -> Bool {
        do {
            if let first = failures.first ?? OutputPath.firstRefusal(paths) { throw SiteWriter.WriteError(description: first) }
            let nothingWritten = lock.withLock { !stagingCreated }
            if nothingWritten, compareWithOutput, outputHolds(paths) { return false }
            try createStaging()
            // The marker says the folder is sitegen's, so the next build may replace it (`OutputFolder`).
            if let message = writeStaged(OutputFolder.markerBytes, to: OutputPath.marker) {
                throw SiteWriter.WriteError(description: "cannot write \(staging)/\(OutputPath.marker): \(message)")
            }
            let unchanged = lock.withLock { paths.filter { !written.contains($0) } }
            let output = writer.outputPath, staging = self.staging
            DispatchQueue.concurrentPerform(iterations: unchanged.count) { index in
                if let message = Self.link(unchanged[index], from: output, into: staging) {
                    failures.add("cannot keep \(output)/\(unchanged[index]): \(message)")
                }
            }
            if let first = failures.first { throw SiteWriter.WriteError(description: first) }
            try writer.swapIn(staging)
            lock.withLock { (committed, swapped) = (paths.count, true) }
            return true
        } catch {
            discard()
            throw error
        }
    }

    /// Whether the commit put a whole new folder in place: every folder of the output is then new, whatever an earlier
    /// look at them found.
    public var replacedWhole: Bool { lock.withLock { swapped } }

    /// A patch counts the files it moved in or removed; a swap, every file of the new folder.
    public var writtenCount: Int { lock.withLock { committed } }

    /// Removes the staging folder; the output is untouched. Not once a patch's journal names it: the next build
    /// moves its files in.
    public func discard() {
        guard !lock.withLock({ journaled }) else { return }
        try? FileManager.default.removeItem(atPath: staging)
    }

    deinit {
        if stagingDescriptor >= 0 { close(stagingDescriptor) }
    }

    private func createStaging() throws {
        try lock.withLock {
            guard !stagingCreated else { return }
            try? FileManager.default.removeItem(atPath: staging)
            try SiteWriter.makeDirectory(staging)
            stagingDescriptor = open(staging, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard stagingDescriptor >= 0 else {
                throw SiteWriter.WriteError(description: "cannot open folder \(staging): \(LocalFileSystem.errnoDescription())")
            }
            stagingCreated = true
        }
    }

    /// Writes `relative` into the staging folder, making its folder first: every page has a folder of its own, so
    /// making it is usually the one call needed, and only a missing parent (`tags/` for a tag's page) costs more.
    /// Returns an error message, or nil.
    private func writeStaged(_ bytes: [UInt8], to relative: String) -> String? {
        if let slash = relative.lastIndex(of: "/"), let message = makeStagedFolder(relative[..<slash]) { return message }
        let fd = openat(stagingDescriptor, relative, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return LocalFileSystem.errnoDescription() }
        let failure = SiteWriter.write(bytes, to: fd)
        if close(fd) != 0, failure == nil { return LocalFileSystem.errnoDescription() }
        return failure
    }

    /// Makes `folder` in the staging folder, and the folders above it when they are missing; other workers may
    /// make the same ones at the same time.
    private func makeStagedFolder(_ folder: Substring) -> String? {
        if mkdirat(stagingDescriptor, String(folder), 0o755) == 0 || errno == EEXIST { return nil }
        guard errno == ENOENT, let slash = folder.lastIndex(of: "/") else {
            return "cannot create folder \(staging)/\(folder): \(LocalFileSystem.errnoDescription())"
        }
        if let message = makeStagedFolder(folder[..<slash]) { return message }
        if mkdirat(stagingDescriptor, String(folder), 0o755) == 0 || errno == EEXIST { return nil }
        return "cannot create folder \(staging)/\(folder): \(LocalFileSystem.errnoDescription())"
    }

    /// Whether the output folder has exactly these paths and the marker (their bytes were compared as they came).
    private func outputHolds(_ paths: [String]) -> Bool {
        guard let listing = try? LocalFileSystem().listFiles(under: writer.outputPath), listing.refused.isEmpty,
              Self.file(at: writer.outputPath + "/" + OutputPath.marker, holds: OutputFolder.markerBytes) else { return false }
        return listing.files == (paths + [OutputPath.marker]).sorted()
    }

    /// Whether the file at `path` has exactly `bytes`; compares in small chunks rather than reading the
    /// file into a new array, since a rebuild compares every page.
    static func file(at path: String, holds bytes: [UInt8]) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, Int(info.st_size) == bytes.count else { return false }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16384) { chunk in
            bytes.withUnsafeBytes { expected in
                var offset = 0
                while offset < expected.count {
                    let count = read(fd, chunk.baseAddress!, min(chunk.count, expected.count - offset))
                    if count < 0 && errno == EINTR { continue }
                    guard count > 0, memcmp(chunk.baseAddress!, expected.baseAddress! + offset, count) == 0 else { return false }
                    offset += count
                }
                // The file must end here too (it may have grown since fstat).
                return read(fd, chunk.baseAddress!, 1) == 0
            }
        }
    }

    /// Writes `relative` under `root`; when the first attempt fails (its folder is usually missing), creates
    /// the folders and tries once more. Returns an error message, or nil on success.
    static func write(_ bytes: [UInt8], to relative: String, under root: String) -> String? {
        let target = root + "/" + relative
        guard SiteWriter.writeFile(target, bytes) != nil else { return nil }
        return makeFolders(of: relative, under: root) ?? SiteWriter.writeFile(target, bytes)
    }

    /// Hard-links an unchanged file into the staging folder (copying it where links are not allowed).
    private static func link(_ relative: String, from output: String, into root: String) -> String? {
        let source = output + "/" + relative, target = root + "/" + relative
        if Glibc.link(source, target) == 0 { return nil }
        if let message = makeFolders(of: relative, under: root) { return message }
        if Glibc.link(source, target) == 0 { return nil }
        guard let bytes = try? LocalFileSystem().readFile(at: source) else { return LocalFileSystem.errnoDescription() }
        return write(bytes, to: relative, under: root)
    }

    /// Creates every folder above `relative`; other workers may create the same ones at the same time.
    static func makeFolders(of relative: String, under root: String) -> String? {
        var path = root
        for component in relative.split(separator: "/").dropLast() {
            path += "/" + component
            if mkdir(path, 0o755) != 0 && errno != EEXIST {
                return "cannot create folder \(path): \(LocalFileSystem.errnoDescription())"
            }
        }
        return nil
    }
}
