/// Watches Content/ and Templates/ and keeps the output folder up to date: the engine behind `build --watch` and `serve`.
public final class WatchSession: Sendable {
    public let coordinator: RebuildCoordinator
    private let watcher: FileWatcher

    /// Builds everything once, then rebuilds after every change; `announce` hears about each build.
    public static func start(options: BuildOptions, forcePolling: Bool = false,
                             quietPeriod: Duration = .milliseconds(25), longestWait: Duration = .milliseconds(400),
                             warn: @escaping @Sendable (String) -> Void,
                             progress: (@Sendable (BuildProgress) -> Void)? = nil,
                             announce: @escaping @Sendable (RebuildReport) async -> Void) async -> (WatchSession, RebuildReport) {
        let cache = options.cacheDirectory.map { BuildCache(directory: $0, options: options) }
        let session = BuildSession(options: options, destination: .preview, cache: cache, progress: progress)
        let coordinator = RebuildCoordinator(
            session: session, filter: ChangeFilter(ignoredFolders: [options.outputDirectory]),
            quietPeriod: quietPeriod, longestWait: longestWait, announce: announce)
        // Watch before the first build, so an edit made while it runs is not lost.
        let watcher = FileWatcher(folders: [options.contentDirectory, options.templatesDirectory], warn: warn) { event in
            Task { await coordinator.receive(event) }
        }
        watcher.start(forcePolling: forcePolling)
        let first = await coordinator.buildEverything()
        return (WatchSession(coordinator: coordinator, watcher: watcher), first)
    }

    private init(coordinator: RebuildCoordinator, watcher: FileWatcher) {
        self.coordinator = coordinator
        self.watcher = watcher
    }

    public var usesPolling: Bool { watcher.usesPolling }

    public func stop() {
        watcher.stop()
    }
}
