#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real disk, read with plain POSIX calls.
public struct LocalFileSystem: FileSystem {
    public init() {}

    public func readFile(at path: String) throws -> [UInt8] {
        let (fd, size) = try openRegularFile(at: path)
        defer { close(fd) }
        // Straight into an array of the file's size, one byte more so the end shows in the same reads: a zeroed
        // 64 KB chunk per file, copied from, cost more than the reads for ten thousand small files.
        var bytes: [UInt8] = []
        var room = size + 1
        while true {
            var failure: Int32 = 0
            let start = bytes.count
            let chunk = [UInt8](unsafeUninitializedCapacity: room) { buffer, initialized in
                initialized = Self.readFully(fd, into: UnsafeMutableRawBufferPointer(buffer), failure: &failure)
            }
            guard failure == 0 else { throw FileSystemError(path: path, reason: String(cString: strerror(failure))) }
            if bytes.isEmpty { bytes = chunk } else { bytes += chunk }
            // Short of the room asked for: the end was reached. Otherwise the file grew while being read.
            if bytes.count - start < room { return bytes }
            room = 64 * 1024
        }
    }

    /// Reads straight into the string's own storage, checked as UTF-8 there: through an array first, ten thousand
    /// sources were two copies and twice the pages of every byte.
    public func readText(at path: String) throws -> String? {
        let (fd, size) = try openRegularFile(at: path)
        defer { close(fd) }
        var failure: Int32 = 0, valid = true, grew = false
        let text = String(unsafeUninitializedCapacity: size + 1) { buffer in
            let count = Self.readFully(fd, into: UnsafeMutableRawBufferPointer(buffer), failure: &failure)
            grew = count == buffer.count
            valid = failure == 0 && !grew && (try? UTF8Span(validating: unsafe Span(_unsafeElements: UnsafeBufferPointer(rebasing: buffer[..<count])))) != nil
            return valid ? count : 0
        }
        guard failure == 0 else { throw FileSystemError(path: path, reason: String(cString: strerror(failure))) }
        // A file that grew while being read is read again whole, the slow way.
        if grew { return String(validating: try readFile(at: path), as: UTF8.self) }
        return valid ? text : nil
    }

    private func openRegularFile(at path: String) throws -> (Int32, Int) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileSystemError(path: path, reason: Self.errnoDescription()) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            defer { close(fd) }
            throw FileSystemError(path: path, reason: Self.errnoDescription())
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw FileSystemError(path: path, reason: "not a regular file")
        }
        return (fd, Int(info.st_size))
    }

    /// Fills `buffer` from `fd` up to its end; returns how many bytes came, with `failure` set on an error.
    private static func readFully(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, failure: inout Int32) -> Int {
        var initialized = 0
        while initialized < buffer.count {
            let count = read(fd, buffer.baseAddress.map { $0 + initialized }, buffer.count - initialized)
            if count < 0, errno == EINTR { continue }
            if count < 0 { failure = errno }
            if count <= 0 { break }
            initialized += count
            // A regular file reads short only at its end: asking again to be told so is a call per file.
            if initialized < buffer.count { break }
        }
        return initialized
    }

    public func listFiles(under directory: String, within boundary: String) throws -> FileListing {
        guard directoryExists(at: directory), let root = Self.realPath(boundary) else { return FileListing(files: []) }
        var listing = FileListing(files: [])
        try walk(directory, relative: "", root: root, into: &listing)
        listing.files.sort()
        listing.refused.sort { $0.path < $1.path }
        return listing
    }

    /// Walks without following symlinked folders (they could loop), and reads a symlinked file only when it stays inside the root.
    private func walk(_ path: String, relative: String, root: String, into listing: inout FileListing) throws {
        guard let dir = opendir(path) else { throw FileSystemError(path: path, reason: Self.errnoDescription()) }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            // Read in place, up to its terminator: `d_name` is declared 256 bytes long, but a record is only as
            // long as its name, and copying the whole field read past the end of readdir's buffer — a crash
            // when a short record ended a page (seen once in CI's kill test, in the build after a kill).
            let name = String(cString: UnsafeRawPointer(entry).advanced(by: Self.nameOffset).assumingMemoryBound(to: CChar.self))
            if name == "." || name == ".." { continue }
            let full = path + "/" + name
            let rel = relative.isEmpty ? name : relative + "/" + name
            var kind = Int32(entry.pointee.d_type)
            if kind == Int32(DT_UNKNOWN) {
                var info = stat()
                guard lstat(full, &info) == 0 else { throw FileSystemError(path: full, reason: Self.errnoDescription()) }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: kind = Int32(DT_DIR)
                case S_IFREG: kind = Int32(DT_REG)
                case S_IFLNK: kind = Int32(DT_LNK)
                default: kind = Int32(DT_UNKNOWN)
                }
            }
            switch kind {
            case Int32(DT_DIR):
                try walk(full, relative: rel, root: root, into: &listing)
            case Int32(DT_REG):
                listing.files.append(rel)
            case Int32(DT_LNK):
                if let reason = Self.symlinkRefusal(full, root: root) {
                    listing.refused.append(.init(path: rel, reason: reason))
                } else {
                    listing.files.append(rel)
                }
            default:
                listing.refused.append(.init(path: rel, reason: "not a regular file"))
            }
        }
    }

    /// The one symlink rule, for listings and for sources read by name alike: a symlink is read as the file it
    /// leads to when that file lies inside `root` (a real path); a symlinked folder is never followed, so no walk
    /// can loop; a broken or looping link is refused. Nil when the link is read.
    static func symlinkRefusal(_ path: String, root: String) -> String? {
        guard let target = realPath(path) else { return "a broken symlink or a symlink loop" }
        var info = stat()
        if stat(target, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            return "a symlinked folder; it is not followed, so it cannot loop (link its files instead)"
        }
        guard target.hasPrefix(root + "/") else { return "a symlink to \(target), outside \(root); refused" }
        return nil
    }

    public func sourceEntry(at path: String, within boundary: String) -> SourceEntry {
        guard let root = Self.realPath(boundary) else { return .missing }
        // The folders between the boundary and the path are judged as a listing's walk judges them.
        if path.hasPrefix(boundary + "/") {
            var folder = boundary
            for part in path.dropFirst(boundary.count + 1).split(separator: "/").dropLast() {
                folder += "/" + part
                var info = stat()
                guard lstat(folder, &info) == 0 else { return .missing }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: continue
                case S_IFLNK:
                    return .refused("below \(folder), " + (Self.symlinkRefusal(folder, root: root) ?? "a symlink; refused"))
                default: return .missing
                }
            }
        }
        var info = stat()
        guard lstat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .folder
        case S_IFLNK: return Self.symlinkRefusal(path, root: root).map(SourceEntry.refused) ?? .file
        default: return .refused("not a regular file")
        }
    }

    /// Where a dirent's name starts (19 on glibc, the fallback should the key path ever not name a stored field).
    private static let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name) ?? 19

    /// The path with every symlink resolved, or nil when it does not exist or loops.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    public func fileExists(at path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    public func isPlainFile(at path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    public func entryExists(at path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    public func directoryExists(at path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    static func errnoDescription() -> String {
        String(cString: strerror(errno))
    }
}
