import Foundation
import SitegenNetwork
import Testing
@testable import SitegenKit

/// `sitegen check --external`: which links are collected, and what a real server's answers turn into.
@Suite("External links")
struct ExternalLinkTests {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)

    /// A site linking to every page of `base` (a `LinkServer`) and to `dead`, from two articles, the navigation and
    /// one catalog source.
    static func site(base: String, dead: String) throws -> FixtureSite {
        var files = CatalogFixture.files(meshes: ["alpha": CatalogFixture.mesh("alpha", features: """
            features:
              mtls:
                value: "yes"
                source: \(base)/gone
              overhead: low
              license: "Apache 2.0"
            """)])
        files["Content/articles/guide.md"] = article(slug: "guide", body: """
            Start with [the docs](\(base)/ok) and [the old page](\(base)/moved).

            See [a page that is gone](\(base)/gone), [one that stumbles](\(base)/flaky) and [one that is down](\(base)/down).

            [HEAD refused](\(base)/no-head), [too slow](\(base)/slow), [nobody home](\(dead)/x) and [a loop](\(base)/loop).

            Two hops: [found](\(base)/found#part). Write to [us](mailto:team@example.com), call [us](tel:+15550100),
            read [the other article](/other/) or [the same on the site's own address](https://example.com/other/).
            """)
        files["Content/articles/other.md"] = article(slug: "other", body: "![a figure](\(base)/gone) beside [the docs again](\(base)/ok).\n")
        return try FixtureSite(files, siteYAML: FixtureSite.siteYAML + "navigation:\n  - title: Docs\n    url: \(base)/moved\n")
    }

    /// `path:line:column` of the first occurrence of `marker` in the site's file, as a diagnostic names it.
    static func place(of marker: String, in path: String, of site: FixtureSite) throws -> String {
        let text = try String(contentsOfFile: site.path(path), encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let line = try #require(lines.firstIndex { $0.contains(marker) }, "\(marker) in \(path)")
        let start = try #require(lines[line].range(of: marker)).lowerBound
        return "\(path):\(line + 1):\(lines[line].utf8.distance(from: lines[line].startIndex, to: start) + 1)"
    }

    static func messages(_ report: ExternalLinkReport, in site: FixtureSite) -> [String] {
        report.diagnostics.map { $0.description.replacingOccurrences(of: site.root.path + "/", with: "") }
    }

    static func checker(_ probe: any HTTPProbe) -> ExternalLinkChecker {
        var checker = ExternalLinkChecker(probe: probe)
        checker.timeout = .seconds(1)
        checker.retryDelay = .milliseconds(20)
        return checker
    }

    @Test func eachAddressIsCollectedOnceWithEveryPlaceItIsWritten() throws {
        let site = try Self.site(base: "https://docs.example.org", dead: "http://down.example.net")
        defer { site.cleanUp() }
        let (collected, problems) = ExternalLinks.collect(site.options)
        #expect(problems.isEmpty, "\(problems)")
        let links = try #require(collected)
        let guide = "Content/articles/guide.md", other = "Content/articles/other.md"
        func at(_ marker: String, _ path: String) throws -> String { try Self.place(of: marker, in: path, of: site) }
        let found = links.map { link in "\(link.url) " + link.locations.map { "\($0.path.replacingOccurrences(of: site.root.path + "/", with: "")):\($0.line):\($0.column)" }.joined(separator: " ") }
        // In order of first appearance; mailto:, tel:, links into the site and its own address are not collected.
        #expect(found == [
            "https://docs.example.org/ok \(try at("[the docs]", guide)) \(try at("[the docs again]", other))",
            "https://docs.example.org/moved \(try at("[the old page]", guide)) \(try at("https://docs.example.org/moved", "Content/site.yaml"))",
            "https://docs.example.org/gone \(try at("[a page that is gone]", guide)) \(try at("![a figure]", other)) \(try at("https://docs.example.org/gone", "Content/catalog/meshes/alpha.yaml"))",
            "https://docs.example.org/flaky \(try at("[one that stumbles]", guide))",
            "https://docs.example.org/down \(try at("[one that is down]", guide))",
            "https://docs.example.org/no-head \(try at("[HEAD refused]", guide))",
            "https://docs.example.org/slow \(try at("[too slow]", guide))",
            "http://down.example.net/x \(try at("[nobody home]", guide))",
            "https://docs.example.org/loop \(try at("[a loop]", guide))",
            "https://docs.example.org/found#part \(try at("[found]", guide))",
        ])
        #expect(links.first { $0.url.hasSuffix("#part") }?.address == "https://docs.example.org/found")
    }

    @Test func aSiteWithErrorsGivesItsErrorsAndNoLinks() throws {
        let site = try FixtureSite(["Content/articles/a.md": article(slug: "a", body: "[x](/nowhere/) and [y](https://example.org/)\n")])
        defer { site.cleanUp() }
        let (links, problems) = ExternalLinks.collect(site.options)
        #expect(links == nil)
        #expect(problems.map { $0.description.replacingOccurrences(of: site.root.path + "/", with: "") }
            == ["Content/articles/a.md:12:1: error: broken link '/nowhere/': no page at /nowhere/"])
    }

    /// The whole check against a real server: exact diagnostics, the per-host limit, and the day-long cache.
    @Test(.timeLimit(.minutes(2)))
    func aRealServersAnswersBecomeDiagnosticsAndAreKeptForADay() async throws {
        let server = try await LinkServer()
        let dead = try LinkServer.DeadPort()
        let base = server.base, deadBase = "http://127.0.0.1:\(dead.port)"
        let site = try Self.site(base: base, dead: deadBase)
        defer { site.cleanUp() }
        let links = try #require(ExternalLinks.collect(site.options).links)
        let cache = ExternalLinkCache(directory: site.path(".sitegen-cache"))
        let guide = "Content/articles/guide.md", other = "Content/articles/other.md"
        func at(_ marker: String, _ path: String = guide) throws -> String { try Self.place(of: marker, in: path, of: site) }
        let mesh = try at("\(base)/gone", "Content/catalog/meshes/alpha.yaml")
        let expected = [
            "\(try at("[the old page]")): note: \(base)/moved returned 301 → \(base)/ok; the move is permanent, so link to the new address",
            "\(try at("[a page that is gone]")): warning: \(base)/gone returned 404",
            "\(try at("[one that is down]")): warning: \(base)/down returned 500",
            "\(try at("[too slow]")): warning: \(base)/slow did not answer within 1 s",
            "\(try at("[nobody home]")): warning: \(deadBase)/x could not be reached: no connection could be made",
            "\(try at("[a loop]")): warning: \(base)/loop redirected more than 10 times (last to \(base)/loop)",
            "\(try at("[found]")): note: \(base)/found#part returned 302 → \(base)/ok (after 2 redirects)",
            "\(try at("![a figure]", other)): warning: \(base)/gone returned 404",
            "\(mesh): warning: \(base)/gone returned 404",
            "\(try at("\(base)/moved", "Content/site.yaml")): note: \(base)/moved returned 301 → \(base)/ok; the move is permanent, so link to the new address",
        ]

        let first = await Self.checker(URLSessionProbe()).check(links, cache: cache, now: Self.now, strict: false)
        #expect(Self.messages(first, in: site) == expected)
        #expect(first.summary == "checked 10 external links: 3 fine, 2 redirected, 3 broken, 2 unreachable")
        #expect(first.notes.isEmpty)
        let seen = await server.log.requests
        #expect(seen["/gone"] == ["HEAD"], "fetched once for its three places")
        #expect(seen["/ok"] == ["HEAD", "HEAD", "HEAD"], "itself, and at the end of two redirects")
        #expect(seen["/flaky"] == ["HEAD", "HEAD"], "a 500 is tried again, once")
        #expect(seen["/down"] == ["HEAD", "HEAD"])
        #expect(seen["/no-head"] == ["HEAD", "GET"], "a refused HEAD becomes a GET")
        #expect(seen["/slow"] == ["HEAD", "GET", "GET"], "no answer to HEAD: a GET, then one retry")
        #expect(seen["/loop"]?.count == 11)
        #expect(seen["/found"] == ["HEAD"] && seen["/hop"] == ["HEAD"])
        #expect(await server.log.userAgents == ["sitegen-link-check/1"])
        let peak = await server.log.peak
        #expect((1...2).contains(peak), "at most two requests to one host at once, saw \(peak)")

        // With the server gone, a run within the day answers from the cache, the same.
        await server.stop()
        let second = await Self.checker(URLSessionProbe()).check(links, cache: cache, now: Self.now + 23 * 3600, strict: false)
        #expect(Self.messages(second, in: site) == expected)
        #expect(second.summary == "checked 10 external links: 3 fine, 2 redirected, 3 broken, 2 unreachable (10 answered from the cache)")

        // A day later every address is asked again.
        let probe = TableProbe()
        let third = await Self.checker(probe).check(links, cache: cache, now: Self.now + 25 * 3600, strict: false)
        #expect(Set(probe.asked) == Set(links.map(\.address)) && probe.asked.count == 10)
        #expect(third.diagnostics.isEmpty)
        #expect(third.summary == "checked 10 external links: 10 fine, 0 redirected, 0 broken")
        // And that is what is kept, keyed by the address fetched (no fragment).
        let kept = try String(contentsOfFile: cache.path, encoding: .utf8)
        #expect(kept.contains("\"\(base)/found\" : {") && !kept.contains("#part"))
        #expect(kept.contains("\"format\" : \"sitegen-external-links-1\""))
        #expect(ExternalLinkCache(directory: site.path(".sitegen-cache")).load(now: Self.now + 26 * 3600).answers.count == 10)
    }

    @Test func strictMakesProblemsErrorsAndLeavesRedirectsNotes() {
        let place = SourceLocation(path: "a.md", line: 3, column: 7)
        let links = [ExternalLink(url: "https://a.example/x", locations: [place]), ExternalLink(url: "https://b.example/", locations: [place])]
        let answers = [
            "https://a.example/x": LinkAnswer(end: .status(410)),
            "https://b.example/": LinkAnswer(redirect: .init(status: 307, target: "https://b.example/new", hops: 1), end: .status(200)),
        ]
        let report = ExternalLinkReport(links: links, answers: answers, strict: true)
        #expect(report.diagnostics.map(\.description) == [
            "a.md:3:7: error: https://a.example/x returned 410",
            "a.md:3:7: note: https://b.example/ returned 307 → https://b.example/new",
        ])
        #expect(report.problemCount == 1)
        #expect(report.summary == "checked 2 external links: 0 fine, 1 redirected, 1 broken")
    }

    @Test func aDamagedOrForeignCacheIsSetAsideWithANote() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-links-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let cache = ExternalLinkCache(directory: folder.path)
        let links = [ExternalLink(url: "https://a.example/", locations: [SourceLocation(path: "a.md")])]
        for (contents, why) in [("{\"links\": ", "is damaged"), ("{\"format\": \"lychee\", \"links\": {}}", "is not a link cache this sitegen wrote")] {
            try Data(contents.utf8).write(to: URL(fileURLWithPath: cache.path))
            let probe = TableProbe()
            let report = await Self.checker(probe).check(links, cache: cache, now: Self.now, strict: false)
            #expect(report.notes == ["sitegen: note: \(cache.path) \(why); checking every link again"])
            #expect(probe.asked == ["https://a.example/"])
            // Replaced by a good one.
            #expect(cache.load(now: Self.now).answers == ["https://a.example/": LinkAnswer(end: .status(200))])
        }
    }

    @Test func redirectsNowhereAndAddressesThatCannotBeFetchedAreReported() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-links-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let probe = TableProbe([
            "https://a.example/x": .response(status: 301, headers: [:]),
            "https://b.example/": .response(status: 302, headers: ["location": "ftp://files.example/"]),
            "https://c.example/old": .response(status: 308, headers: ["location": "../new/"]),
            "https://c.example/new/": .response(status: 403, headers: [:]),
        ])
        let place = SourceLocation(path: "a.md")
        let links = ["https://a.example/x", "https://b.example/", "https://c.example/old#top", "https:///nowhere"].map {
            ExternalLink(url: $0, locations: [place])
        }
        let cache = ExternalLinkCache(directory: folder.path)
        let report = await Self.checker(probe).check(links, cache: cache, now: Self.now, strict: false)
        #expect(report.diagnostics.map(\.message) == [
            "https://a.example/x returned 301 without saying where to",
            "https://b.example/ could not be reached: it redirects to ftp://files.example/, which is not an http(s) address",
            "https://c.example/old#top returned 308 → https://c.example/new/, which returned 403",
            "https:///nowhere is not an address that can be fetched",
        ])
        // A 403 to HEAD is asked again as GET (this probe answers both alike).
        #expect(probe.asked.filter { $0 == "https://c.example/new/" }.count == 2)
        #expect(!probe.asked.contains { $0.contains("nowhere") })
        #expect(cache.load(now: Self.now).answers.keys.sorted() == ["https://a.example/x", "https://b.example/", "https://c.example/old"],
                "what was never asked is not kept")
    }

    @Test func theRetryWaitsWhatTheServerAsksUpToALimit() {
        var checker = ExternalLinkChecker(probe: TableProbe())
        checker.retryDelay = .milliseconds(300)
        checker.longestRetryAfter = .seconds(5)
        #expect(checker.pause(before: .response(status: 429, headers: ["retry-after": "2"])) == .seconds(2))
        #expect(checker.pause(before: .response(status: 503, headers: ["retry-after": "3600"])) == .seconds(5))
        #expect(checker.pause(before: .response(status: 503, headers: ["retry-after": "Wed, 21 Oct 2026 07:28:00 GMT"])) == .milliseconds(300))
        #expect(checker.pause(before: .response(status: 500, headers: [:])) == .milliseconds(300))
        #expect(checker.pause(before: .timedOut) == .milliseconds(300))
        #expect(checker.pause(before: .failed(reason: "no connection could be made")) == .milliseconds(300))
        #expect(checker.pause(before: .response(status: 404, headers: [:])) == nil)
        #expect(checker.pause(before: .response(status: 200, headers: [:])) == nil)
    }

    @Test func aHostAtItsLimitHoldsOnlyItsOwnRequests() async {
        let limiter = RequestLimiter(total: 3, perHost: 2)
        await limiter.acquire("a")
        await limiter.acquire("a")
        let thirdToA = Task { await limiter.acquire("a") }
        while await limiter.waitingCount < 1 { await Task.yield() }
        // "a" is full, the whole is not: "b" goes ahead of the waiting request.
        await limiter.acquire("b")
        let toC = Task { await limiter.acquire("c") }
        while await limiter.waitingCount < 2 { await Task.yield() }
        // A free slot goes to the first request that can use it: "c", since "a" is still full.
        await limiter.release("b")
        await toC.value
        #expect(await limiter.waitingCount == 1)
        await limiter.release("c")
        #expect(await limiter.waitingCount == 1, "a free slot does not let a third request to a host through")
        await limiter.release("a")
        await thirdToA.value
        #expect(await limiter.waitingCount == 0)
    }

    @Test func aBuildNeverAsksAnyServer() async throws {
        let server = try await LinkServer()
        let site = try Self.site(base: server.base, dead: server.base)
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        #expect(await server.log.requestCount == 0)
        await server.stop()
    }

    /// The command itself, on a small site: what it prints, and its exit status.
    @Test(.timeLimit(.minutes(2)))
    func theCommandPrintsProblemsAtTheirPlacesAndASummary() async throws {
        let server = try await LinkServer()
        let base = server.base
        let site = try FixtureSite(["Content/articles/a.md": article(slug: "a", body: "[ok](\(base)/ok), [moved](\(base)/moved), [gone](\(base)/gone).\n")])
        defer { site.cleanUp() }

        func at(_ marker: String) throws -> String { try Self.place(of: marker, in: "Content/articles/a.md", of: site) }
        let asked = try await Self.runCommand(["check"], in: site.root)
        #expect(asked.status == 64)
        #expect(asked.standardError.hasPrefix("sitegen: nothing checked: name a check. `sitegen check --external` would fetch 3 external addresses on 1 host"))
        #expect(asked.standardError.contains("--external reaches the internet"))
        #expect(await server.log.requestCount == 0)

        let strict = try await Self.runCommand(["check", "--external", "--strict", "--no-cache"], in: site.root)
        #expect(strict.status == 1)
        #expect(strict.standardError.contains("\(try at("[gone]")): error: \(base)/gone returned 404\n"))
        #expect(!FileManager.default.fileExists(atPath: site.path(".sitegen-cache/external-links.json")), "--no-cache writes nothing")

        let checked = try await Self.runCommand(["check", "--external", "--timeout", "1"], in: site.root)
        #expect(checked.status == 0, "\(checked.standardError)")
        #expect(checked.standardError == """
            \(try at("[moved]")): note: \(base)/moved returned 301 → \(base)/ok; the move is permanent, so link to the new address
            \(try at("[gone]")): warning: \(base)/gone returned 404

            """)
        #expect(checked.standardOutput == "checked 3 external links: 1 fine, 1 redirected, 1 broken\n")
        #expect(FileManager.default.fileExists(atPath: site.path(".sitegen-cache/external-links.json")))
        await server.stop()
    }

    /// The command on a thread of its own: blocking a Swift concurrency worker could starve the server under test.
    static func runCommand(_ arguments: [String], in folder: URL) async throws -> CommandLineTests.Run {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try CommandLineTests().run(arguments, in: folder) }) }.start()
        }
    }
}

/// A probe that answers 200 to everything (or what `answers` says), remembers what it was asked, and never
/// reaches the network.
final class TableProbe: HTTPProbe, @unchecked Sendable {
    private let lock = NSLock()
    private var requests: [String] = []
    let answers: [String: ProbeResult]

    init(_ answers: [String: ProbeResult] = [:]) {
        self.answers = answers
    }

    var asked: [String] { lock.withLock { requests } }

    func fetch(_ url: URL, method: String, timeout: Duration) async -> ProbeResult {
        lock.withLock { requests.append(url.absoluteString) }
        return answers[url.absoluteString] ?? .response(status: 200, headers: [:])
    }
}
