import SitegenKit

/// Prints each rebuild for the terminal: what changed, what was redone, how long it took.
struct RebuildPrinter: Sendable {
    let terminal: Terminal

    func print(_ report: RebuildReport) {
        for diagnostic in report.diagnostics.sortedForDisplay() {
            terminal.write(diagnostic.description + "\n")
        }
        guard report.succeeded else {
            terminal.write("sitegen: the build failed; the last good site stays in place until the error is fixed\n")
            return
        }
        if report.changes.isEmpty {
            terminal.write("Built \(report.filesWritten) files in \(report.milliseconds) ms\n")
            return
        }
        // Changed paths are file names, which may hold anything but '/' and NUL.
        let shown = report.changes.prefix(3).map(TerminalText.escaped).joined(separator: ", ") + (report.changes.count > 3 ? ", …" : "")
        let count = report.changes.count
        terminal.write("Rebuilt after \(count) change\(count == 1 ? "" : "s") (\(shown)): \(report.pagesRendered) files re-rendered, "
            + "\(report.filesWritten) written, \(report.filesRemoved) removed, \(report.milliseconds) ms from the edit to the last byte\n")
    }
}
