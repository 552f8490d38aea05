import Foundation
import SitegenKit
#if canImport(Glibc)
import Glibc
#endif

/// A request path checked for everything that could reach outside the site: `..`, encoded dots and slashes, NUL bytes, backslashes.
struct RequestPath: Equatable {
    /// Decoded segments, none of them empty, `.` or `..`.
    var segments: [String]
    /// Whether the request ended with `/` (so it names a folder).
    var trailingSlash: Bool

    /// Nil when the path is malformed or tries to climb out.
    init?(raw: String) {
        guard raw.utf8.first == UInt8(ascii: "/"), let decoded = Self.percentDecode(raw) else { return nil }
        // Bytes, not Characters: a combining mark after `/` or `.` would hide them from Character comparisons.
        if decoded.utf8.contains(0) || decoded.utf8.contains(UInt8(ascii: "\\")) { return nil }
        var segments: [String] = []
        for segment in decoded.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true) {
            if segment.allSatisfy({ $0 == UInt8(ascii: ".") }) { return nil }
            segments.append(String(decoding: segment, as: UTF8.self))
        }
        self.segments = segments
        trailingSlash = decoded.utf8.last == UInt8(ascii: "/")
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
