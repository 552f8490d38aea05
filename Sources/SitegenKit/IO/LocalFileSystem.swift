#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real disk, read with plain POSIX calls.
public struct LocalFileSystem: FileSystem {
    public init() {}

    public func readFile(at path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileSystemError(path: path, reason: Self.errnoDescription()) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileSystemError(path: path, reason: Self.errnoDescription()) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw FileSystemError(path: path, reason: "not a regular file") }
        var bytes = [UInt8]()
        bytes.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileSystemError(path: path, reason: Self.errnoDescription())
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    public func listFiles(under directory: String) throws -> [String] {
        guard directoryExists(at: directory) else { return [] }
        var result: [String] = []
        try walk(directory, relative: "", into: &result)
        return result.sorted()
    }

    private func walk(_ path: String, relative: String, into result: inout [String]) throws {
        guard let dir = opendir(path) else { throw FileSystemError(path: path, reason: Self.errnoDescription()) }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let full = path + "/" + name
            let rel = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            guard stat(full, &info) == 0 else {
                throw FileSystemError(path: full, reason: Self.errnoDescription())
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: try walk(full, relative: rel, into: &result)
            case S_IFREG: result.append(rel)
            default: continue
            }
        }
    }

    public func fileExists(at path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    public func directoryExists(at path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    static func errnoDescription() -> String {
        String(cString: strerror(errno))
    }
}
