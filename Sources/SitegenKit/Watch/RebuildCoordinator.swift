import Foundation

/// What one rebuild did, for the terminal and the browser.
public struct RebuildReport: Sendable {
    /// The source paths that triggered it (empty for the first build).
    public var changes: [String]
    public var diagnostics: [Diagnostic]
    public var pagesRendered: Int
    public var filesWritten: Int
    public var filesRemoved: Int
    /// From the first file event to the last byte written.
    public var milliseconds: Int
    /// Only stylesheets changed, so a browser can swap them without reloading.
    public var onlyStylesheets: Bool
    /// The site's settings as this build read them.
    public var config: SiteConfig?

    public var succeeded: Bool { !diagnostics.hasErrors }
}

/// Turns bursts of file events into single rebuilds: waits until events stop for a moment, never runs two
/// builds at once, and writes each result into the output folder before announcing it.
public actor RebuildCoordinator {
    private let session: BuildSession
    /// Builds run here, off Swift's cooperative pool: a long rebuild must not hold one of its few threads
    /// while the preview server needs them to answer.
    private let buildQueue = DispatchQueue(label: "sitegen.rebuild")
    private let filter: ChangeFilter
    private let quietPeriod: Duration
    private let longestWait: Duration
    private let announce: @Sendable (RebuildReport) async -> Void

    private var pending = Set<String>()
    private var overflowed = false
    private var firstEvent: ContinuousClock.Instant?
    private var lastEvent: ContinuousClock.Instant?
    private var worker: Task<Void, Never>?

    /// `announce` is called after every build, successful or not, once its files are written.
    public init(session: BuildSession, filter: ChangeFilter, quietPeriod: Duration = .milliseconds(25), longestWait: Duration = .milliseconds(400),
                announce: @escaping @Sendable (RebuildReport) async -> Void) {
        self.session = session
        self.filter = filter
        self.quietPeriod = quietPeriod
        self.longestWait = longestWait
        self.announce = announce
    }

    /// The first build: everything, swapped into the output folder in one step.
    public func buildEverything() async -> RebuildReport {
        let start = ContinuousClock.now
        let result = await build(nil)
        let report = RebuildReport(changes: [], diagnostics: result.diagnostics, pagesRendered: result.rendered, filesWritten: result.written,
                                   filesRemoved: 0, milliseconds: Self.milliseconds(since: start), onlyStylesheets: false,
                                   config: result.config)
        await announce(report)
        return report
    }

    /// Records a batch of file events; the rebuild starts once they stop arriving.
    public func receive(_ event: WatchEvent) {
        switch event {
        case .overflow:
            overflowed = true
        case .changed(let paths):
            let relevant = paths.filter(filter.matters)
            guard !relevant.isEmpty else { return }
            pending.formUnion(relevant)
        }
        let now = ContinuousClock.now
        if firstEvent == nil { firstEvent = now }
        lastEvent = now
        if worker == nil {
            worker = Task { await self.drain() }
        }
    }

    /// Waits for quiet, builds, and repeats while events arrived during the build.
    private func drain() async {
        while !pending.isEmpty || overflowed {
            while let last = lastEvent, let first = firstEvent,
                  ContinuousClock.now - last < quietPeriod, ContinuousClock.now - first < longestWait {
                try? await Task.sleep(for: quietPeriod / 4)
            }
            let changes = pending
            let started = firstEvent ?? .now
            let full = overflowed
            pending = []
            overflowed = false
            firstEvent = nil
            lastEvent = nil
            if full { session.invalidateAll() }
            let result = await build(full ? nil : changes)
            let diagnostics = result.diagnostics
            let stylesheetsOnly = !result.changed.isEmpty && result.removed.isEmpty && result.changed.allSatisfy { $0.path.hasSuffix(".css") }
            await announce(RebuildReport(
                changes: changes.sorted(), diagnostics: diagnostics, pagesRendered: result.rendered, filesWritten: result.changed.count,
                filesRemoved: result.removed.count, milliseconds: Self.milliseconds(since: started), onlyStylesheets: stylesheetsOnly,
                config: result.config))
        }
        worker = nil
    }

    /// Runs one build on the build queue; the session writes its files before this returns.
    private func build(_ changes: Set<String>?) async -> BuildSession.Result {
        let session = self.session
        return await withCheckedContinuation { continuation in
            buildQueue.async {
                continuation.resume(returning: session.build(changedPaths: changes))
                // On the same queue, so it is done before the next build starts, but after this one is reported.
                session.prepareForNextBuild()
            }
        }
    }

    private static func milliseconds(since start: ContinuousClock.Instant) -> Int {
        let (seconds, attoseconds) = (ContinuousClock.now - start).components
        return Int(seconds * 1000 + attoseconds / 1_000_000_000_000_000)
    }
}

