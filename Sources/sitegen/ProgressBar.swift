import Foundation
import SitegenKit

/// A one-line progress bar on an interactive terminal, shown only once a step has many items.
final class ProgressBar: @unchecked Sendable {
    private let terminal: Terminal
    private let lock = NSLock()
    private var shown = false

    init(terminal: Terminal) {
        self.terminal = terminal
    }

    func update(_ progress: BuildProgress) {
        guard progress.total >= 500 else { return }
        lock.lock()
        defer { lock.unlock() }
        let width = 30
        let filled = progress.total == 0 ? width : width * progress.completed / progress.total
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
        terminal.write("\r\(progress.step.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0)) [\(bar)] \(progress.completed)/\(progress.total)")
        shown = true
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if shown { terminal.write("\r\u{1B}[2K") }
    }
}
