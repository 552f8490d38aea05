/// The file-system reads the build needs, behind a protocol so tests can run the pipeline in memory.
public protocol FileSystem: Sendable {
    /// The bytes of a regular file.
    func readFile(at path: String) throws -> [UInt8]
    /// A regular file's text when it is valid UTF-8; nil when it is not (its bytes then say where).
    func readText(at path: String) throws -> String?
    /// Every regular file below `directory`, as paths relative to it, sorted, and the entries it would not
    /// read (symlinks leading outside `boundary` or looping, devices); empty when the folder is missing.
    func listFiles(under directory: String, within boundary: String) throws -> FileListing
    func fileExists(at path: String) -> Bool
    func directoryExists(at path: String) -> Bool
    /// Whether `path` itself is a regular file (a symlink is not).
    func isPlainFile(at path: String) -> Bool
    /// Whether anything at all is at `path`, a dangling symlink included.
    func entryExists(at path: String) -> Bool
    /// What `path` is as a source below `boundary`, by the rule a listing applies to each entry: a symlink is the
    /// file it leads to only when that file lies inside `boundary`; a symlinked folder (at `path` or between it
    /// and `boundary`) is never followed; anything else that is not a file or folder is refused. Every source
    /// the build reads by name rather than from a listing (`site.yaml`, `authors.yaml`, the folders it lists) is
    /// looked up here first.
    func sourceEntry(at path: String, within boundary: String) -> SourceEntry
}

/// A source path as the load finds it.
public enum SourceEntry: Sendable, Equatable {
    case missing
    case file
    case folder
    /// Not read, and why (`a symlink to /etc/hostname, outside /site/Content; refused`).
    case refused(String)
}

extension FileSystem {
    public func readText(at path: String) throws -> String? {
        String(validating: try readFile(at: path), as: UTF8.self)
    }

    public func isPlainFile(at path: String) -> Bool { fileExists(at: path) }
    public func entryExists(at path: String) -> Bool { fileExists(at: path) || directoryExists(at: path) }

    /// For file systems without symlinks (tests' in-memory trees).
    public func sourceEntry(at path: String, within boundary: String) -> SourceEntry {
        fileExists(at: path) ? .file : directoryExists(at: path) ? .folder : .missing
    }

    /// Lists a folder whose symlinks may only lead to files inside it.
    public func listFiles(under directory: String) throws -> FileListing {
        try listFiles(under: directory, within: directory)
    }
}

/// What a folder holds: the files to read, and entries refused with the reason.
public struct FileListing: Sendable, Equatable {
    public var files: [String]
    /// Paths relative to the folder, with why they are not read.
    public var refused: [Refusal]

    public struct Refusal: Sendable, Equatable {
        public var path: String
        public var reason: String
    }

    public init(files: [String], refused: [Refusal] = []) {
        self.files = files
        self.refused = refused
    }
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
