import Synchronization
import Foundation
import SitegenKit

/// With `--verbose`, prints when each build step begins and how much memory the process holds then,
/// so a slow or hungry step shows itself. Under `--watch` each rebuild is timed from its own first step.
final class StepTimer: Sendable {
    private let terminal: Terminal
    /// When the build began, and whether the next load step restarts it: the first build is timed from the
    /// command's start, every later one from its load step. Held while printing, so lines never interleave.
    private let clock: Mutex<(start: ContinuousClock.Instant, restarts: Bool)>

    init(terminal: Terminal, start: ContinuousClock.Instant) {
        self.terminal = terminal
        clock = Mutex((start, false))
    }

    func record(_ progress: BuildProgress) {
        guard progress.total == 0 else { return }
        clock.withLock { clock in
            if progress.step == .load, clock.restarts { clock.start = .now }
            clock.restarts = true
            let elapsed = (ContinuousClock.now - clock.start).milliseconds
            let memory = Self.residentMegabytes().map { ", \($0) MB resident" } ?? ""
            terminal.write("[\(progress.step.number)/\(BuildStep.allCases.count)] \(progress.step.rawValue) at \(elapsed) ms\(memory)\n")
        }
    }

    /// The resident set size from /proc (Linux only; nil elsewhere).
    static func residentMegabytes() -> Int? {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
              let pages = statm.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }
}
