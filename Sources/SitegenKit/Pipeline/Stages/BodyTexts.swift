import Foundation
import Synchronization

/// The articles' Markdown texts, for the render-Markdown stage and for bodies rendered on demand after it.
/// The preview keeps every text, since a later edit may re-render any body. A one-shot build moves the texts out
/// of its articles before the resolve stage and lets each go as soon as its body is rendered; past
/// `BuildOptions.sourceMemoryBudget` it holds none of them and reads each file again when its body is rendered, so a
/// site's sources are never all held beside what is made from them (at 100,000 articles they were half a gigabyte
/// of a two-gigabyte peak).
final class BodyTexts: Sendable {
    private enum Source: Sendable {
        case held(Substring)
        /// Where the body lies in its file's text, and the file's fingerprint when it was loaded.
        case file(offset: Int, count: Int, fingerprint: Fingerprint)
    }

    // Workers on both cores release different bodies at once. Nil when the articles keep their texts (the
    // preview), which are then read from the articles themselves.
    private let sources: Mutex<[String: Source]?>
    private let fileSystem: (any FileSystem)?

    /// The articles keep their texts, read from them: nothing is taken or indexed (the preview makes one of these
    /// per rebuild).
    init() {
        sources = Mutex(nil)
        fileSystem = nil
    }

    /// Moves the texts out of `articles`, so this holds the only reference to each file's text once the caller has
    /// let go of every other copy of the articles (the load's files, the articles stage's kept values); past `budget`
    /// bytes, it keeps where each body lies instead, and reads it again from `fileSystem`.
    init(taking articles: inout [Article], budget: Int, fileSystem: any FileSystem, fingerprints: FingerprintTable) {
        let total = articles.reduce(0) { $0 + $1.body.base.utf8.count }
        let rereads = total > budget
        var sources: [String: Source] = [:]
        sources.reserveCapacity(articles.count)
        for position in articles.indices {
            let article = articles[position]
            if rereads {
                let text = article.body.base
                sources[article.sourcePath] = .file(offset: text.utf8.distance(from: text.startIndex, to: article.body.startIndex),
                                                    count: article.body.utf8.count, fingerprint: fingerprints[.file(article.sourcePath)])
            } else {
                sources[article.sourcePath] = .held(article.body)
            }
            articles[position].body = ""
        }
        self.sources = Mutex(sources)
        self.fileSystem = rereads ? fileSystem : nil
    }

    /// The body's text; nil when its file, read again, is no longer what the build loaded.
    func text(of article: Article) -> Substring? {
        guard let source = sources.withLock({ $0.map { $0[article.sourcePath] } }) else { return article.body }
        switch source {
        case .held(let text): return text
        case .file(let offset, let count, let fingerprint): return reread(article.sourcePath, offset: offset, count: count, fingerprint: fingerprint)
        case nil: return nil
        }
    }

    /// After the body of `article` was rendered and kept: a one-shot build has no further use for its text.
    func release(of article: Article) {
        sources.withLock { sources in
            if case .held = sources?[article.sourcePath] { sources?[article.sourcePath] = .held("") }
        }
    }

    private func reread(_ path: String, offset: Int, count: Int, fingerprint: Fingerprint) -> Substring? {
        guard let fileSystem else { return nil }
        let text: String
        if let valid = try? fileSystem.readText(at: path) {
            text = valid
        } else if let bytes = try? fileSystem.readFile(at: path) {
            text = TextDecoding.decode(bytes, path: path).0
        } else {
            return nil
        }
        guard Fingerprint.of(text) == fingerprint else { return nil }
        let utf8 = text.utf8
        guard let start = utf8.index(utf8.startIndex, offsetBy: offset, limitedBy: utf8.endIndex),
              let end = utf8.index(start, offsetBy: count, limitedBy: utf8.endIndex) else { return nil }
        return text[start..<end]
    }

    /// What a build reports for a body whose text it could not read again.
    static func changed(_ article: Article) -> Diagnostic {
        .error("this file changed or became unreadable while the site was being built; build again", at: SourceLocation(path: article.sourcePath, line: article.bodyStartLine))
    }
}
