import ArgumentParser
import Foundation
import SitegenKit
import SitegenNetwork

/// `sitegen check`: checks a build does not make. For now one, `--external`, which asks every linked site whether
/// the page is still there; a shell over `ExternalLinks` and `ExternalLinkChecker`.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check what a build does not; for now, with --external, that every external link still answers.",
        discussion: """
            --external loads the site as `build` does (its errors stop the check) and fetches every http(s) address \
            the articles and site.yaml's navigation link to, and every catalog fact's `source` URL: each address \
            once, HEAD first (GET where HEAD is refused), one retry for timeouts, failed connections, 5xx and 429, \
            redirects followed one by one. A page that is gone, or a server that does not answer, is reported at every \
            place the address is written (`path:line:column: warning: https://… returned 404`); a redirect is a note \
            naming where it leads. Answers are kept for a day in <cache-dir>/external-links.json.

            This is the only sitegen command that reaches the internet, so it runs only when asked: \
            `sitegen build` never fetches anything.
            """)

    @Flag(name: .long, help: "Fetch every external link and catalog source over the internet.") var external = false
    @Option(name: .long, help: "Folder with site.yaml and articles/.") var content = "Content"
    @Option(name: .long, help: "Folder with the Mustache templates and assets/.") var templates = "Templates"
    @Flag(name: .long, help: "Include articles marked draft: true.") var drafts = false
    @Flag(name: .long, help: "Report problems as errors and exit with status 1 when there are any.") var strict = false
    @Option(name: .customLong("cache-dir"), help: "Folder where answers are kept for a day.") var cacheDirectory = ".sitegen-cache"
    @Flag(name: .customLong("no-cache"), help: "Neither read nor write the kept answers; ask every server again.") var noCache = false
    @Option(name: .long, help: ArgumentHelp("How long a server may take to answer.", valueName: "seconds")) var timeout = SecondsArgument(10)
    @Option(name: .long, help: ArgumentHelp("Requests out at once.", valueName: "n")) var concurrency = 8
    @Option(name: .customLong("per-host"), help: ArgumentHelp("Requests out at once to one host.", valueName: "n")) var perHost = 2

    func validate() throws {
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
        guard perHost >= 1 else { throw ValidationError("--per-host must be at least 1") }
    }

    func run() async throws {
        let terminal = Terminal.standardError
        let options = BuildOptions(contentDirectory: content, templatesDirectory: templates, includeDrafts: drafts)
        let (collected, siteProblems) = ExternalLinks.collect(options)
        guard let links = collected else {
            for diagnostic in siteProblems.sortedForDisplay() { terminal.write(diagnostic.description + "\n") }
            let errors = siteProblems.filter(\.isError).count
            terminal.write("sitegen: check stopped: the site has \(errors) error\(errors == 1 ? "" : "s") (`sitegen build` reports the same)\n")
            throw ExitCode(1)
        }
        guard external else {
            let hosts = Set(links.compactMap { URL(string: $0.address)?.host?.lowercased() }).count
            let places = links.map(\.locations.count).reduce(0, +)
            terminal.write("""
                sitegen: nothing checked: name a check. `sitegen check --external` would fetch \(links.count) external \
                address\(links.count == 1 ? "" : "es") on \(hosts) host\(hosts == 1 ? "" : "s"), written at \(places) \
                place\(places == 1 ? "" : "s") in the articles, the navigation and the catalog's sources.
                --external reaches the internet, so it runs only when asked; `sitegen build` never does.

                """)
            throw ExitCode.validationFailure
        }
        var checker = ExternalLinkChecker(probe: URLSessionProbe())
        checker.timeout = .seconds(timeout.seconds)
        checker.concurrency = concurrency
        checker.perHost = perHost
        if terminal.isInteractive { terminal.write("Checking \(links.count) external links…\n") }
        let cache = noCache ? nil : ExternalLinkCache(directory: cacheDirectory)
        let report = await checker.check(links, cache: cache, now: Date(), strict: strict)
        for note in report.notes { terminal.write(TerminalText.escaped(note) + "\n") }
        for diagnostic in report.diagnostics { terminal.write(diagnostic.description + "\n") }
        print(report.summary)
        if strict, report.problemCount > 0 { throw ExitCode(1) }
    }
}

/// `--timeout 10`, `--timeout 2.5`: more than nothing, at most ten minutes.
struct SecondsArgument: ExpressibleByArgument {
    var seconds: Double

    init(_ seconds: Double) {
        self.seconds = seconds
    }

    init?(argument: String) {
        guard let seconds = Double(argument), seconds > 0, seconds <= 600 else { return nil }
        self.seconds = seconds
    }

    var defaultValueDescription: String { seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds) }
}
