import Foundation
import SitegenKit
#if canImport(Glibc)
import Glibc
#endif

/// A request path checked for everything that could reach outside the site: `..`, encoded dots and slashes, NUL bytes,
/// backslashes, and empty segments (`//`, which a redirect would turn into a link to another host).
struct RequestPath: Equatable {
    /// Decoded segments, none of them empty, `.` or `..`.
    var segments: [String]
    /// Whether the request ended with `/` (so it names a folder).
    var trailingSlash: Bool

    /// Nil when the path is malformed, tries to climb out, or has an empty segment anywhere (`//a`, `/a//b`,
    /// `/%2F%2Fa`): such a path is not a page's address, so it is not found rather than quietly collapsed.
    init?(raw: String) {
        guard raw.utf8.first == UInt8(ascii: "/"), let decoded = Self.percentDecode(raw) else { return nil }
        // Bytes, not Characters: a combining mark after `/` or `.` would hide them from Character comparisons.
        if decoded.utf8.contains(0) || decoded.utf8.contains(UInt8(ascii: "\\")) { return nil }
        // The first piece is the empty one before the leading `/`, the last is empty after a trailing `/`.
        let pieces = decoded.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).dropFirst()
        var segments: [String] = []
        for (index, segment) in zip(pieces.indices, pieces) {
            if segment.isEmpty {
                guard index == pieces.indices.last else { return nil }
                continue
            }
            if segment.allSatisfy({ $0 == UInt8(ascii: ".") }) { return nil }
            segments.append(String(decoding: segment, as: UTF8.self))
        }
        self.segments = segments
        trailingSlash = decoded.utf8.last == UInt8(ascii: "/")
    }

    /// Where a folder asked for without its slash lives: `base` (`/` or `/guide/`) and the segments, each
    /// percent-encoded so none can add a `/`, `\`, `?` or `#`, then `/` and the query. Always a path on this origin.
    func folderLocation(base: String, query: String?) -> String {
        var location = base.hasSuffix("/") ? base : base + "/"
        for segment in segments { location += Self.percentEncode(segment) + "/" }
        if let query { location += "?" + query }
        return location
    }

    /// Whether `location` names a path on this origin: one `/`, then anything but `/` or `\` (both of which
    /// browsers read as the start of another host's address), and no control characters.
    static func staysOnOrigin(_ location: String) -> Bool {
        let bytes = Array(location.utf8)
        guard bytes.first == UInt8(ascii: "/"), !bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }) else { return false }
        guard bytes.count > 1 else { return true }
        return bytes[1] != UInt8(ascii: "/") && bytes[1] != UInt8(ascii: "\\")
    }

    /// RFC 3986 path-segment characters pass; every other byte is escaped.
    static func percentEncode(_ segment: String) -> String {
        var out = ""
        for byte in segment.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case _ where "-._~!$&'()*+,;=:@".utf8.contains(byte):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
    }

    /// Strict percent-decoding: a malformed escape or invalid UTF-8 makes the whole path invalid.
    static func percentDecode(_ text: String) -> String? {
        var bytes: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == 0x25 else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next(), let low = iterator.next(),
                  let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(value)
        }
        return String(validating: bytes, as: UTF8.self)
    }
}

/// Maps request paths to files under the site folder, refusing symlinks that lead outside it.
struct SiteFiles: Sendable {
    let root: String

    enum Lookup: Equatable {
        case file(String)
        /// A folder asked for without its trailing slash.
        case folder
        case notFound
    }

    func lookup(_ path: RequestPath) -> Lookup {
        let candidate = ([root] + path.segments).joined(separator: "/")
        guard let real = LocalFileSystem.realPath(candidate), let realRoot = LocalFileSystem.realPath(root),
              real == realRoot || real.hasPrefix(realRoot + "/") else { return .notFound }
        var info = stat()
        guard stat(real, &info) == 0 else { return .notFound }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            guard path.trailingSlash || path.segments.isEmpty else { return .folder }
            let index = real + "/index.html"
            return FileManager.default.fileExists(atPath: index) ? .file(index) : .notFound
        }
        guard (info.st_mode & S_IFMT) == S_IFREG, !path.trailingSlash else { return .notFound }
        return .file(real)
    }

    /// The media type for a file name, with a charset for text.
    static func contentType(for path: String) -> String {
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        switch ext {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "xml": return "application/xml"
        case "txt": return "text/plain; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "avif": return "image/avif"
        case "ico": return "image/x-icon"
        case "woff2": return "font/woff2"
        case "woff": return "font/woff"
        case "pdf": return "application/pdf"
        default: return "application/octet-stream"
        }
    }
}
