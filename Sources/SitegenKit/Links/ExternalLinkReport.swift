/// The outcome of `sitegen check --external`: a line at every place a link is written whose address did not
/// simply answer, and the counts for the summary.
public struct ExternalLinkReport: Sendable {
    /// In display order (`sortedForDisplay`). Problems are warnings, or errors when strict; redirects are notes.
    public var diagnostics: [Diagnostic]
    /// One-line notices about the cache file.
    public var notes: [String]
    /// How many links (distinct as written) came out each way.
    public var counts: [LinkAnswer.Kind: Int]
    /// Links whose answer came from the cache rather than from asking again.
    public var answeredFromCache = 0

    /// `cached`: the addresses whose answers came from the cache.
    public init(links: [ExternalLink], answers: [String: LinkAnswer], strict: Bool, notes: [String] = [], cached: Set<String> = []) {
        var diagnostics: [Diagnostic] = []
        var counts: [LinkAnswer.Kind: Int] = [:]
        var fromCache = 0
        for link in links {
            // Every address was asked; a missing answer would be a bug, reported rather than hidden.
            let answer = answers[link.address] ?? LinkAnswer(end: .unreachable(reason: "it was not checked"))
            counts[answer.kind, default: 0] += 1
            if cached.contains(link.address) { fromCache += 1 }
            guard let message = answer.message(for: link.url) else { continue }
            let severity: Diagnostic.Severity = !answer.isProblem ? .note : strict ? .error : .warning
            diagnostics += link.locations.map { Diagnostic(severity, message, at: $0) }
        }
        self.diagnostics = diagnostics.sortedForDisplay()
        self.notes = notes
        self.counts = counts
        answeredFromCache = fromCache
    }

    public var linkCount: Int { counts.values.reduce(0, +) }

    public var problemCount: Int { counts[.broken, default: 0] + counts[.unreachable, default: 0] }

    /// `checked 57 external links: 54 fine, 2 redirected, 1 broken`, with the unreachable ones and the answers
    /// taken from the cache named when there are any.
    public var summary: String {
        var parts = ["\(counts[.fine, default: 0]) fine", "\(counts[.redirected, default: 0]) redirected", "\(counts[.broken, default: 0]) broken"]
        if let unreachable = counts[.unreachable], unreachable > 0 { parts.append("\(unreachable) unreachable") }
        let cached = answeredFromCache > 0 ? " (\(answeredFromCache) answered from the cache)" : ""
        return "checked \(linkCount) external link\(linkCount == 1 ? "" : "s"): " + parts.joined(separator: ", ") + cached
    }
}
