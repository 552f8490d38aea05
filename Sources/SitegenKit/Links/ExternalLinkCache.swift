import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What external addresses answered in the last day, kept in `<cache folder>/external-links.json` so a second
/// check soon after asks no server again. A JSON object from address to status, the address redirects led to
/// and when it was checked; a file that is not one (damaged, or another tool's) costs a one-line note and a
/// check of everything.
public struct ExternalLinkCache: Sendable {
    public var path: String
    /// How long an answer is trusted.
    public var maxAge: TimeInterval = 24 * 60 * 60
    var fileSystem: any FileSystem

    public static let fileName = "external-links.json"
    static let format = "sitegen-external-links-1"

    public init(directory: String, fileSystem: any FileSystem = LocalFileSystem()) {
        path = directory + "/" + Self.fileName
        self.fileSystem = fileSystem
    }

    /// The answers younger than `maxAge` at `now`, and a note when the file was there but could not be read.
    public func load(now: Date) -> (answers: [String: LinkAnswer], note: String?) {
        switch read() {
        case .missing: return ([:], nil)
        case .unreadable(let why): return ([:], "sitegen: note: \(path) \(why); checking every link again")
        case .entries(let entries):
            return (fresh(entries, now: now).compactMapValues(\.answer), nil)
        }
    }

    /// Adds `answers`, checked at `now`, to the fresh answers already in the file, and writes it whole to a
    /// temporary name renamed over the old; a note when that failed.
    public func save(_ answers: [String: LinkAnswer], now: Date) -> String? {
        var entries: [String: Entry] = [:]
        if case .entries(let kept) = read() { entries = fresh(kept, now: now) }
        for (address, answer) in answers {
            if let entry = Entry(answer, checked: now) { entries[address] = entry }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        do {
            let bytes = Array(try encoder.encode(File(format: Self.format, links: entries))) + [UInt8(ascii: "\n")]
            let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
            try SiteWriter.makeDirectory(folder)
            let temporary = path + ".tmp-\(getpid())"
            if let problem = SiteWriter.writeFile(temporary, bytes) {
                unlink(temporary)
                return "sitegen: note: cannot write \(temporary): \(problem); the answers were not kept"
            }
            guard rename(temporary, path) == 0 else {
                let problem = LocalFileSystem.errnoDescription()
                unlink(temporary)
                return "sitegen: note: cannot write \(path): \(problem); the answers were not kept"
            }
            return nil
        } catch {
            return "sitegen: note: cannot write \(path): \(error); the answers were not kept"
        }
    }

    private enum Contents {
        case missing
        case unreadable(String)
        case entries([String: Entry])
    }

    private func read() -> Contents {
        guard fileSystem.fileExists(at: path) else { return .missing }
        guard let bytes = try? fileSystem.readFile(at: path) else { return .unreadable("cannot be read") }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard let header = try? decoder.decode(Header.self, from: Data(bytes)) else { return .unreadable("is damaged") }
        guard header.format == Self.format else { return .unreadable("is not a link cache this sitegen wrote") }
        guard let file = try? decoder.decode(File.self, from: Data(bytes)) else { return .unreadable("is damaged") }
        return .entries(file.links)
    }

    /// An answer from the future (the clock was set back) is not trusted either.
    private func fresh(_ entries: [String: Entry], now: Date) -> [String: Entry] {
        entries.filter { (0..<maxAge).contains(now.timeIntervalSince($0.value.checked)) }
    }

    private struct Header: Decodable {
        var format: String?
    }

    private struct File: Codable {
        var format: String
        var links: [String: Entry]
    }

    /// One address, flat, so the file reads plainly: `status` is the address's own (a 301 when it redirects),
    /// `final` and `final_status` where the redirects ended; or `timeout`, `unreachable`, `too_many_redirects`.
    struct Entry: Codable {
        var checked: Date
        var status: Int?
        var final: String?
        var redirects: Int?
        var finalStatus: Int?
        var timeout: Double?
        var unreachable: String?
        var tooManyRedirects: Int?

        enum CodingKeys: String, CodingKey {
            case checked, status, final, redirects, timeout, unreachable
            case finalStatus = "final_status"
            case tooManyRedirects = "too_many_redirects"
        }

        init?(_ answer: LinkAnswer, checked: Date) {
            self.checked = checked
            if let redirect = answer.redirect {
                status = redirect.status
                final = redirect.target
                redirects = redirect.hops
            }
            switch answer.end {
            case .status(let code):
                if answer.redirect == nil { status = code } else { finalStatus = code }
            case .timedOut(let seconds): timeout = seconds
            case .unreachable(let reason): unreachable = reason
            case .tooManyRedirects(let limit): tooManyRedirects = limit
            case .invalid: return nil
            }
        }

        /// The answer, or nil for an entry that does not make one (written by hand, or half of one).
        var answer: LinkAnswer? {
            var redirect: LinkAnswer.Redirect?
            if let final {
                guard let status else { return nil }
                redirect = LinkAnswer.Redirect(status: status, target: final, hops: redirects ?? 1)
            }
            let end: LinkAnswer.End
            if let timeout {
                end = .timedOut(seconds: timeout)
            } else if let unreachable {
                end = .unreachable(reason: unreachable)
            } else if let tooManyRedirects {
                end = .tooManyRedirects(limit: tooManyRedirects)
            } else if let code = redirect == nil ? status : finalStatus {
                end = .status(code)
            } else {
                return nil
            }
            return LinkAnswer(redirect: redirect, end: end)
        }
    }
}
