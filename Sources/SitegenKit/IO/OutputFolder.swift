import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether a build may replace its output folder. A build replaces the whole folder, so it takes only one that is
/// sitegen's: one that does not exist yet, an empty one, or one holding the marker file (`OutputPath.marker`) that
/// every build writes into the folder's root. It never takes the content, templates or cache folder, a folder
/// holding one of them, or one inside them. `BuildOptions.force` lifts both rules.
public enum OutputFolder {
    /// The marker's bytes: fixed, so two builds of the same sources give the same folder.
    public static let markerBytes = Array("This folder is written by sitegen: each build replaces everything in it.\n".utf8)

    /// Why a build may not replace `options.outputDirectory`, with what to do instead; nil when it may.
    static func problem(_ options: BuildOptions) -> String? {
        guard !options.force else { return nil }
        let output = options.outputDirectory
        let outputPlace = Place(output)
        var sources = [(options.contentDirectory, "content"), (options.templatesDirectory, "templates")]
        if let cache = options.cacheDirectory { sources.append((cache, "cache")) }
        for (folder, what) in sources {
            let place = Place(folder)
            let relation: String
            if place.isSame(as: outputPlace) {
                relation = "is the \(what) folder"
            } else if place.lies(inside: outputPlace) {
                relation = "holds the \(what) folder \(folder)"
            } else if outputPlace.lies(inside: place) {
                relation = "lies inside the \(what) folder \(folder)"
            } else {
                continue
            }
            return "the output folder \(output) \(relation); a build replaces everything in its output folder. "
                + "Choose another --output, or pass --force to replace it anyway"
        }
        var info = stat()
        guard lstat(output, &info) == 0 else { return nil }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { return "\(output) exists and is not a folder; not replacing it" }
        guard let foreign = firstForeignEntry(in: output) else { return nil }
        return "the output folder \(output) holds files sitegen did not write ('\(OutputPath.escaped(foreign))'; no \(OutputPath.marker) file "
            + "says the folder is sitegen's), and a build replaces everything in it. Choose another --output or an empty folder, or pass "
            + "--force to replace it anyway (a folder built before sitegen wrote \(OutputPath.marker) needs --force once)"
    }

    /// Nil when the folder is empty or holds sitegen's marker; else the first entry's name, to show.
    private static func firstForeignEntry(in folder: String) -> String? {
        if StagedSite.file(at: folder + "/" + OutputPath.marker, holds: markerBytes) { return nil }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return "(unreadable)" }
        return names.sorted().first
    }

    /// A folder as the file system sees it: its absolute path with symlinks resolved as far as it exists, and the
    /// device and inode of that path and each folder above it, so two spellings of one folder (a symlink, `..`,
    /// letter case on a case-insensitive file system) are still seen as one.
    struct Place {
        /// Resolved path components.
        var components: [String]
        /// Device and inode of each existing prefix, from the root down; the last is the folder itself when it exists.
        var identities: [Identity]
        var exists: Bool

        struct Identity: Equatable {
            var device: UInt64
            var inode: UInt64
        }

        init(_ path: String) {
            let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
            let parts = absolute.split(separator: "/").map(String.init)
            // The longest prefix that resolves; what follows does not exist, so its '..' are taken as written.
            var resolved: [String] = []
            var rest: ArraySlice<String> = parts[...]
            for count in stride(from: parts.count, through: 0, by: -1) {
                if let real = Self.realPath("/" + parts.prefix(count).joined(separator: "/")) {
                    resolved = real.split(separator: "/").map(String.init)
                    rest = parts.dropFirst(count)
                    break
                }
            }
            let existing = resolved.count
            for part in rest {
                if part == "." || part.isEmpty { continue }
                if part == ".." { if resolved.count > 0 { resolved.removeLast() }; continue }
                resolved.append(part)
            }
            components = resolved
            exists = rest.isEmpty
            identities = (0...min(existing, resolved.count)).compactMap { count in
                var info = stat()
                guard stat("/" + resolved.prefix(count).joined(separator: "/"), &info) == 0 else { return nil }
                return Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
            }
        }

        func isSame(as other: Place) -> Bool {
            if components == other.components { return true }
            guard exists, other.exists, let mine = identities.last, let theirs = other.identities.last else { return false }
            return mine == theirs
        }

        /// Whether this folder lies strictly inside `other`.
        func lies(inside other: Place) -> Bool {
            if components.count > other.components.count, Array(components.prefix(other.components.count)) == other.components { return true }
            guard other.exists, let theirs = other.identities.last else { return false }
            // A folder above this one (not itself) that is `other`.
            return identities.dropLast(exists ? 1 : 0).contains(theirs)
        }

        private static func realPath(_ path: String) -> String? {
            guard let resolved = realpath(path, nil) else { return nil }
            defer { free(resolved) }
            return String(cString: resolved)
        }
    }
}
