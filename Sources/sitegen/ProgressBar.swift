import Synchronization
import Foundation
import SitegenKit

/// A one-line progress bar on an interactive terminal, shown only once a step has many items.
final class ProgressBar: Sendable {
    private let terminal: Terminal
    /// Whether a bar is on the line; held while drawing, so two workers' reports never interleave.
    private let shown = Mutex(false)

    init(terminal: Terminal) {
        self.terminal = terminal
    }

    func update(_ progress: BuildProgress) {
        guard progress.total >= 500 else { return }
        let width = 30
        let filled = progress.total == 0 ? width : width * progress.completed / progress.total
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
        // Erase to the end of the line after redrawing: a shorter line (a new step's smaller count) would
        // otherwise leave the old one's last digits behind (`1300/100700` for 1300/10070).
        shown.withLock { shown in
            terminal.write("\r\(progress.step.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0)) [\(bar)] \(progress.completed)/\(progress.total)\u{1B}[K")
            shown = true
        }
    }

    func finish() {
        shown.withLock { shown in
            if shown { terminal.write("\r\u{1B}[2K") }
        }
    }
}
