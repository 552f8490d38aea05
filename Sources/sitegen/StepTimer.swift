import Foundation
import SitegenKit

/// With `--verbose`, prints when each build step begins and how much memory the process holds then,
/// so a slow or hungry step shows itself. Under `--watch` each rebuild is timed from its own first step.
final class StepTimer: @unchecked Sendable {
    private let terminal: Terminal
    private var start: ContinuousClock.Instant
    private let lock = NSLock()
    /// The first build is timed from the command's start; every later one from its load step.
    private var restarts = false

    init(terminal: Terminal, start: ContinuousClock.Instant) {
        self.terminal = terminal
        self.start = start
    }

    func record(_ progress: BuildProgress) {
        guard progress.total == 0 else { return }
        lock.lock()
        defer { lock.unlock() }
        if progress.step == .load, restarts { start = .now }
        restarts = true
        let elapsed = (ContinuousClock.now - start).milliseconds
        let memory = Self.residentMegabytes().map { ", \($0) MB resident" } ?? ""
        terminal.write("[\(progress.step.number)/\(BuildStep.allCases.count)] \(progress.step.rawValue) at \(elapsed) ms\(memory)\n")
    }

    /// The resident set size from /proc (Linux only; nil elsewhere).
    static func residentMegabytes() -> Int? {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
              let pages = statm.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }
}
