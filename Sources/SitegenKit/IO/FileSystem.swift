/// The file-system reads the build needs, behind a protocol so tests can run the pipeline in memory.
public protocol FileSystem: Sendable {
    /// The bytes of a regular file.
    func readFile(at path: String) throws -> [UInt8]
    /// Every regular file below `directory`, as paths relative to it, sorted; empty when the folder is missing.
    func listFiles(under directory: String) throws -> [String]
    func fileExists(at path: String) -> Bool
    func directoryExists(at path: String) -> Bool
}

/// Why a read failed, in words a user can act on.
public struct FileSystemError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
