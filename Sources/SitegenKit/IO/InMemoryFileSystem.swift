/// A file tree held in memory, for tests of the stages that read files.
public struct InMemoryFileSystem: FileSystem {
    public var files: [String: [UInt8]]

    public init(_ files: [String: String] = [:]) {
        self.files = files.mapValues { Array($0.utf8) }
    }

    public func readFile(at path: String) throws -> [UInt8] {
        guard let bytes = files[path] else { throw FileSystemError(path: path, reason: "No such file or directory") }
        return bytes
    }

    public func listFiles(under directory: String, within boundary: String) throws -> FileListing {
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        return FileListing(files: files.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }.sorted())
    }

    public func fileExists(at path: String) -> Bool { files[path] != nil }

    public func directoryExists(at path: String) -> Bool {
        let prefix = path.hasSuffix("/") ? path : path + "/"
        return files.keys.contains { $0.hasPrefix(prefix) }
    }
}
