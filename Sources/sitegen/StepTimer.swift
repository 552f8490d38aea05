import Foundation
import SitegenKit

/// With `--verbose`, prints when each build step begins, so a slow step shows itself.
final class StepTimer: @unchecked Sendable {
    private let terminal: Terminal
    private let start: ContinuousClock.Instant
    private let lock = NSLock()

    init(terminal: Terminal, start: ContinuousClock.Instant) {
        self.terminal = terminal
        self.start = start
    }

    func record(_ progress: BuildProgress) {
        guard progress.total == 0 else { return }
        lock.lock()
        defer { lock.unlock() }
        let elapsed = (ContinuousClock.now - start).milliseconds
        terminal.write("[\(progress.step.number)/\(BuildStep.allCases.count)] \(progress.step.rawValue) at \(elapsed) ms\n")
    }
}
