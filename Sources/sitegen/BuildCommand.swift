import ArgumentParser
import Foundation
import Logging
import SitegenKit

/// `sitegen build`: a thin shell over `SiteBuilder` that prints diagnostics and a summary.
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", abstract: "Build the site into the output folder.")

    @Option(name: .long, help: "Folder with site.yaml and articles/.") var content = "Content"
    @Option(name: .long, help: "Folder with the Mustache templates and assets/.") var templates = "Templates"
    @Option(name: .long, help: "Folder the site is published into; replaced only when the whole build succeeds.") var output = "Site"
    @Option(name: .customLong("base-url"), help: "Overrides site.yaml's base_url.") var baseURL: String?
    @Option(name: .long, help: "What broken internal links are: error or warn.") var links: LinkPolicyArgument?
    @Flag(name: .long, help: "Include articles marked draft: true.") var drafts = false
    @Option(name: .customLong("as-of"), help: "The day catalog facts' ages are measured against (YYYY-MM-DD); default: the newest date in the content.")
    var asOf: DateArgument?
    @Flag(name: .customLong("strict-facts"), help: "Fail the build when a catalog fact is older than options.review_after_days.")
    var strictFacts = false
    @Flag(name: .long, help: "Print only diagnostics.") var quiet = false
    @Flag(name: .long, help: "Print when each build step begins.") var verbose = false
    @Flag(name: .long, help: "After building, keep watching and rebuild what each edit affects.") var watch = false
    @Flag(name: .long, help: "Replace the output folder even if sitegen did not make it (it has no .sitegen file) or it is, holds or lies inside the content, templates or cache folder.")
    var force = false
    @OptionGroup var cache: CacheArguments

    func run() async throws {
        if watch { return try await runWatching() }
        let start = ContinuousClock.now
        let terminal = Terminal.standardError
        var logger = Logger(label: "sitegen") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .info
        let progressBar = (!quiet && terminal.isInteractive) ? ProgressBar(terminal: terminal) : nil
        let stepTimer = verbose ? StepTimer(terminal: terminal, start: start) : nil
        let observer: @Sendable (BuildProgress) -> Void = { progress in
            progressBar?.update(progress)
            stepTimer?.record(progress)
        }
        var builder = SiteBuilder(logger: logger, progress: observer)
        builder.releasesSession = false
        let report = builder.build(buildOptions)
        progressBar?.finish()
        for note in report.notes { terminal.write(note + "\n") }

        for diagnostic in report.diagnostics.sortedForDisplay() {
            terminal.write(diagnostic.description + "\n")
        }
        let milliseconds = (ContinuousClock.now - start).milliseconds
        guard report.succeeded else {
            let errors = report.diagnostics.filter { $0.isError }.count
            terminal.write("sitegen: build failed with \(errors) error\(errors == 1 ? "" : "s"); \(output)/ was left unchanged\n")
            throw ExitCode(1)
        }
        if !quiet {
            let written = report.filesWritten == 0 ? "nothing written (\(output)/ was already up to date)" : "\(report.filesWritten) files written to \(output)/"
            print("Built \(report.pageCount) pages (\(report.rendered) files made, the rest reused), \(written) in \(milliseconds) ms")
        }
        // Exit while the report still holds the session: the exit reclaims its memory at once.
        withExtendedLifetime(report) { Foundation.exit(EXIT_SUCCESS) }
    }
}

extension BuildCommand {
    /// `build --watch`: the preview's rebuilds, into the output folder, without a server.
    func runWatching() async throws {
        Allocator.returnMemoryPromptly()
        let terminal = Terminal.standardError
        let printer = RebuildPrinter(terminal: terminal)
        let options = buildOptions
        let stepTimer = verbose ? StepTimer(terminal: terminal, start: .now) : nil
        var progress: (@Sendable (BuildProgress) -> Void)?
        if let stepTimer { progress = { stepTimer.record($0) } }
        let (session, _) = await WatchSession.start(options: options, warn: { terminal.write("warning: \($0)\n") }, progress: progress) { report in
            if !quiet || !report.succeeded { printer.print(report) }
        }
        defer { session.stop() }
        terminal.write("Watching \(content)/ and \(templates)/ (Ctrl-C to stop)\n")
        // Runs until interrupted; the watcher and rebuilds work on their own threads and tasks.
        while !Task.isCancelled { try await Task.sleep(for: .seconds(3600)) }
    }
}

extension BuildCommand {
    var buildOptions: BuildOptions {
        var options = BuildOptions(contentDirectory: content, templatesDirectory: templates, outputDirectory: output,
                                   baseURL: baseURL, includeDrafts: drafts, linkPolicy: links?.policy, cacheDirectory: cache.directory)
        options.asOf = asOf?.date
        options.strictFacts = strictFacts
        options.force = force
        return options
    }
}

/// `--as-of 2026-02-26`: a calendar date, checked as the catalog's dates are.
struct DateArgument: ExpressibleByArgument {
    var date: ArticleDate

    init?(argument: String) {
        guard case .success(let date) = ArticleDate.parse(argument), date.time == nil else { return nil }
        self.date = date
    }
}

enum LinkPolicyArgument: String, ExpressibleByArgument {
    case error, warn

    var policy: SiteConfig.LinkPolicy { self == .error ? .error : .warn }
}

extension Duration {
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
