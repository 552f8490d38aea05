import ArgumentParser
import Foundation
import SitegenKit
import SitegenServer

/// `sitegen serve`: build, watch, and preview on loopback with live reload.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Preview the site locally, rebuilding on every edit.")

    @Option(name: .long, help: "Port to listen on (0 picks a free one).") var port = 8080
    @Option(name: .long, help: "Address to bind; loopback unless you mean to share drafts.") var host = "127.0.0.1"
    @Flag(name: .long, help: "Include articles marked draft: true.") var drafts = false
    @Option(name: .long, help: "Folder with site.yaml and articles/.") var content = "Content"
    @Option(name: .long, help: "Folder with the Mustache templates and assets/.") var templates = "Templates"
    @Option(name: .long, help: "Where the preview is written (default: a temporary folder, so Site/ is never touched).") var output: String?
    @Flag(name: .long, help: "Poll for changes instead of using inotify.") var poll = false
    @Flag(name: .long, help: "Replace --output even if sitegen did not write it (it has no .sitegen marker).") var force = false
    @OptionGroup var cache: CacheArguments

    func run() async throws {
        Allocator.returnMemoryPromptly()
        let terminal = Terminal.standardError
        let folder = output ?? (NSTemporaryDirectory() + "sitegen-serve-\(getpid())")
        defer { if output == nil { try? FileManager.default.removeItem(atPath: folder) } }
        if !["127.0.0.1", "localhost", "::1"].contains(host) {
            terminal.write("warning: serving on \(host) lets other machines see this preview, drafts included\n")
        }
        let broadcaster = ReloadBroadcaster()
        let printer = RebuildPrinter(terminal: terminal)
        // A temporary folder is new each run, so a cache of what it held would never be reused: only `--output` keeps one.
        var options = BuildOptions(contentDirectory: content, templatesDirectory: templates, outputDirectory: folder, includeDrafts: drafts,
                                   cacheDirectory: output == nil ? nil : cache.directory)
        options.force = force
        let (watch, first) = await WatchSession.start(options: options, forcePolling: poll, warn: { terminal.write("warning: \($0)\n") }) { report in
            printer.print(report)
            if !report.succeeded {
                await broadcaster.publish(.error(report.diagnostics.sortedForDisplay().map(\.description).joined(separator: "\n")))
            } else if !report.changes.isEmpty {
                await broadcaster.publish(report.onlyStylesheets ? .stylesheets : .reload)
            }
        }
        defer { watch.stop() }
        let basePath = first.config?.baseURL.path ?? "/"
        let server = PreviewServer(root: folder, basePath: basePath, host: host, port: port, broadcaster: broadcaster)
        let displayHost = host.contains(":") ? "[\(host)]" : host
        let shutdown = ServerShutdown()
        let temporary = output == nil ? folder : nil
        let signals = StopSignals(stop: { shutdown.request() }, abort: {
            if let temporary { try? FileManager.default.removeItem(atPath: temporary) }
            Foundation.exit(130)
        })
        defer { withExtendedLifetime(signals) {} }
        try await server.run(shutdown: shutdown) { port in
            terminal.write("Serving at http://\(displayHost):\(port)\(basePath) — watching \(content)/ and \(templates)/ (Ctrl-C to stop)\n")
        }
    }
}
