import Foundation

/// Each article's search entry, one memo per article: a part of the search index is remade when one of its
/// 500 articles changed, and the other 499 entries come from their memos instead of rendering their bodies again.
/// Shared by the page workers; the entries made during a build are handed back to the session afterwards.
final class SearchEntries: @unchecked Sendable {
    private let lock = NSLock()
    private let site: ResolvedSite
    private let kept: MemoTable<String>
    private var fresh: [String: (Memo, String)] = [:]

    init(site: ResolvedSite, kept: MemoTable<String>) {
        self.site = site
        self.kept = kept
    }

    /// The entry of the article at `position`, reused while its front matter, body and the settings are unchanged.
    func entry(at position: Int, trace table: FingerprintTable, make: () -> String) -> String {
        let path = site.articles[position].sourcePath
        let trace = [InputKey.front(path), .markdown(path), .settings].sorted().map { TraceRead(key: $0, fingerprint: table[$0]) }
        if let memo = kept[path], memo.trace == trace {
            if let value = kept.value(path) { return value }
            if let text = String(validating: memo.payload, as: UTF8.self) { return text }
        }
        if let made = lock.withLock({ fresh[path] }) { return made.1 }
        let entry = make()
        lock.withLock { fresh[path] = (Memo(trace: trace, payload: Array(entry.utf8)), entry) }
        return entry
    }

    /// Stores the entries made during this build, and drops those of articles no longer published.
    func record(into memos: inout MemoTable<String>, keepValues: Bool) {
        for (path, (memo, entry)) in lock.withLock({ fresh }) { memos.store(path, memo, value: keepValues ? entry : nil) }
        memos.keepOnly(site.articles.map(\.sourcePath))
    }
}
