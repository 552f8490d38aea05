import Foundation
import Testing
@testable import SitegenKit
@testable import SitegenServer

/// Issue 34's cases against `sitegen serve`: redirects off the origin, foreign Host headers, forged live-reload
/// events, shutdown with browsers connected, connections left in CLOSE-WAIT, and a refusal that outlived its file.
@Suite("Preview server hardening")
struct ServeHardeningTests {
    /// A built site with extra folders whose names look like hosts, which is what made `//host` redirects dangerous.
    func hostileSite() throws -> FixtureSite {
        var files = CatalogFixture.files(meshes: ["alpha": CatalogFixture.mesh("alpha")])
        files["Content/articles/a.md"] = article(slug: "a")
        let site = try FixtureSite(files)
        #expect(site.build().succeeded)
        for folder in Self.hostLikeFolders {
            try FileManager.default.createDirectory(atPath: site.path("Site/" + folder), withIntermediateDirectories: true)
            try Data("<html><body>\(folder)</body></html>".utf8).write(to: URL(fileURLWithPath: site.path("Site/\(folder)/index.html")))
        }
        return site
    }

    static let hostLikeFolders = ["compare", "127.0.0.1:9", "evil.example", "user@evil.example", "x.example:80"]

    /// Whether a Location sends the browser to a path on this origin: one `/`, then neither `/` nor `\`.
    static func staysOnOrigin(_ location: String) -> Bool {
        let bytes = Array(location.utf8)
        return bytes.count >= 2 && bytes[0] == UInt8(ascii: "/") && bytes[1] != UInt8(ascii: "/") && bytes[1] != UInt8(ascii: "\\")
    }

    // MARK: - Redirects

    @Test func aProtocolRelativePathIsNotRedirectedToAnotherHost() async throws {
        let site = try hostileSite()
        defer { site.cleanUp() }
        let server = try await RunningServer(root: site.path("Site"))
        defer { server.stop() }
        for path in ["//compare", "//127.0.0.1:9", "///evil.example", "//evil.example?x=1"] {
            let response = try await RawHTTP.get(path, port: server.port)
            #expect(response.status == 404, "\(path) → \(response.status) \(response.headers["location"] ?? "")")
            #expect(response.headers["location"] == nil)
        }
        // The single-slash forms still get their folder redirect, to a single-slash path.
        let folder = try await RawHTTP.get("/127.0.0.1:9?x=1", port: server.port)
        #expect(folder.status == 301 && folder.headers["location"] == "/127.0.0.1:9/?x=1")
        let compare = try await RawHTTP.get("/compare", port: server.port)
        #expect(compare.status == 301 && compare.headers["location"] == "/compare/")
    }

    /// Every request path made from slashes, backslashes, their encodings and host-like names: any 3xx it gets
    /// points at a path on this origin, with and without a base path.
    @Test(arguments: ["/", "/guide/"])
    func redirectsNeverLeaveTheOrigin(basePath: String) async throws {
        let site = try hostileSite()
        defer { site.cleanUp() }
        let server = try await RunningServer(root: site.path("Site"), basePath: basePath)
        defer { server.stop() }
        let leads = ["/", "//", "///", "/\\", "\\", "/%2f", "/%2F%2F", "/%5c", "/%5C/", "/./", "/%2e/", "//%2f", ""]
        let names = Self.hostLikeFolders + ["a", "assets", "x%2fy", "%2f127.0.0.1:9", "%5cevil.example", "nowhere"]
        let tails = ["", "/", "?q=1", "//", "/%2f", "%2f", "/?q=//x"]
        var paths: [String] = []
        for lead in leads {
            for name in names { paths.append(lead + name) }
        }
        var generator = SplitMix64(seed: 34)
        for _ in 0..<120 {
            let name = names.randomElement(using: &generator)!
            let tail = tails.randomElement(using: &generator)!
            let lead = leads.randomElement(using: &generator)!
            let base = Bool.random(using: &generator) ? String(basePath.dropLast()) : ""
            paths.append(base + lead + name + tail)
        }
        paths += ["/", "/guide", "//guide", "//guide/", "/guide//compare", "/guide/compare", "/guide/127.0.0.1:9"]
        var redirects = 0
        for path in paths {
            let response = try await RawHTTP.get(path, port: server.port)
            guard (300..<400).contains(response.status) else { continue }
            redirects += 1
            let location = response.headers["location"] ?? ""
            #expect(Self.staysOnOrigin(location), "\(path) → \(response.status) Location: \(location)")
        }
        #expect(redirects > 5, "the generated paths include folder redirects")
    }

    /// Any path RequestPath accepts gives a folder location that stays on the origin and names the same segments.
    @Test func folderLocationsStayOnTheOriginForGeneratedPaths() {
        let pieces = ["/", "/", "\\", "%2f", "%2F", "%5c", "%5C", ".", "..", "a", "b.example", ":", "@", "%3F", "%23", "%25", "%20", "é", "%C3%A9", "?", "#"]
        var generator = SplitMix64(seed: 3434)
        var accepted = 0
        for _ in 0..<5000 {
            let raw = "/" + (0..<Int.random(in: 0...7, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            guard let path = RequestPath(raw: raw) else { continue }
            accepted += 1
            for base in ["/", "/guide/"] {
                let location = path.folderLocation(base: base, query: nil)
                #expect(RequestPath.staysOnOrigin(location), "\(raw) → \(location)")
                #expect(location.hasPrefix(base))
                let again = RequestPath(raw: "/" + location.dropFirst(base.count))
                #expect(again?.segments == path.segments, "\(raw) → \(location)")
            }
        }
        #expect(accepted > 500)
        #expect(RequestPath(raw: "//compare") == nil)
        #expect(RequestPath(raw: "/a//b") == nil)
        #expect(RequestPath(raw: "/%2F%2Fevil.example") == nil)
        #expect(RequestPath(raw: "/a/")?.segments == ["a"])
        #expect(RequestPath(raw: "/")?.segments == [])
    }

    // MARK: - Host header

    @Test func aHostWithTextAfterTheBracketIsRefused() async throws {
        let site = try hostileSite()
        defer { site.cleanUp() }
        let server = try await RunningServer(root: site.path("Site"))
        defer { server.stop() }
        #expect(try await RawHTTP.get("/a/", port: server.port, host: "[::1]evil.com").status == 403)
        #expect(try await RawHTTP.get("/a/", port: server.port, host: "[::1]evil.com:\(server.port)").status == 403)
        #expect(try await RawHTTP.get("/a/", port: server.port, host: "[::1]:\(server.port)").status == 200)
    }

    /// Generated Host headers around the allowed names: only an exact name with an optional port in digits gets a page.
    @Test func onlyExactAllowedHostsAreAnswered() async throws {
        let site = try hostileSite()
        defer { site.cleanUp() }
        let server = try await RunningServer(root: site.path("Site"))
        defer { server.stop() }
        let names = ["localhost", "127.0.0.1", "[::1]", "LocalHost", "[::1]"]
        let ports = ["", ":\(server.port)", ":80", ":1", ":65535"]
        let prefixes = ["evil.", "user@", "evil.com@", "a", "[", "127.0.0.1.", "x:"]
        let suffixes = ["evil.com", ".evil.com", ".", ":", ":80x", ":x80", ":-1", ":+80", ":123456", "]", "@evil.com", ":80:80",
                        ":80@evil.com", "%00", ":８０", "\u{200B}", ".localhost", ":0x50"]
        var allowed: [String] = []
        for name in names { for port in ports { allowed.append(name + port) } }
        var refused: [String] = []
        var generator = SplitMix64(seed: 6)
        for name in names {
            for suffix in suffixes { refused.append(name + suffix) }
            for prefix in prefixes { refused.append(prefix + name + ports.randomElement(using: &generator)!) }
        }
        for _ in 0..<40 {
            let name = names.randomElement(using: &generator)!
            let port = ports.randomElement(using: &generator)!
            refused.append(prefixes.randomElement(using: &generator)! + name + port + suffixes.randomElement(using: &generator)!)
        }
        refused += ["attacker.example", "127.0.0.2", "::1", "[::2]", "[::1", "0x7f.0.0.1", "2130706433", ""]
        for host in allowed {
            #expect(try await RawHTTP.get("/a/", port: server.port, host: host).status == 200, "Host: \(host)")
        }
        for host in refused {
            let status = try await RawHTTP.get("/a/", port: server.port, host: host).status
            #expect(status == 403 || status == 400, "Host: \(host) → \(status)")
        }
    }

    @Test func theBoundHostIsAllowedExactly() {
        let rule = HostHeader(boundHost: "192.168.1.5")
        #expect(rule.allows("192.168.1.5:8080"))
        #expect(!rule.allows("192.168.1.5.evil.com"))
        let v6 = HostHeader(boundHost: "fe80::1")
        #expect(v6.allows("[fe80::1]:8080"))
        #expect(!v6.allows("[fe80::1]x"))
    }

    // MARK: - Live-reload events

    /// Splits a Server-Sent Events stream the way a browser does: CR, LF and CRLF all end a line, a blank line
    /// dispatches. Returns each event's type and its data lines.
    static func parseEvents(_ text: String) -> [(type: String, data: [String])] {
        var lines: [String] = []
        var current = ""
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            if scalar == "\r" || scalar == "\n" {
                if scalar == "\r", scalars.first == "\n" { scalars.removeFirst() }
                lines.append(current)
                current = ""
            } else {
                current.unicodeScalars.append(scalar)
            }
        }
        var events: [(type: String, data: [String])] = []
        var type = "message"
        var data: [String] = []
        for line in lines {
            if line.isEmpty {
                if !data.isEmpty { events.append((type, data)) }
                type = "message"
                data = []
            } else if line.hasPrefix(":") {
                continue
            } else if line.hasPrefix("event:") {
                type = String(line.dropFirst("event:".count)).trimmingCharacters(in: .whitespaces)
            } else if line.hasPrefix("data:") {
                var value = line.dropFirst("data:".count)
                if value.first == " " { value = value.dropFirst() }
                data.append(String(value))
            }
        }
        return events
    }

    /// Error texts made of CR, LF, CRLF, NUL, forged field lines and non-ASCII: each message is one `event:` line
    /// and one `data:` line, and the data is a JSON string that gives back the text.
    @Test func eventDataIsOneLineForGeneratedErrorTexts() throws {
        let pieces = ["\r", "\n", "\r\n", "\0", "event: reload", "data: {}", "id: 1", "retry: 1", ":", " ", "\"", "\\", "é", "\u{2028}",
                      "\u{1F600}", "\u{7F}", "\u{1B}[2K", "text", "a.md:2:9: error: "]
        var generator = SplitMix64(seed: 4)
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let message = ReloadBroadcaster.message(for: .error(text))
            let lines = message.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            #expect(lines.count == 4 && lines[0] == "event: build-error" && lines[1].hasPrefix("data: ") && lines[2].isEmpty && lines[3].isEmpty,
                    "\(text.debugDescription) → \(message.debugDescription)")
            #expect(!message.utf8.contains(0) && !message.utf8.contains(0x0D))
            let events = Self.parseEvents(message)
            #expect(events.count == 1 && events.first?.type == "build-error" && events.first?.data.count == 1)
            let json = try #require(events.first?.data.first)
            let decoded = try JSONDecoder().decode(String.self, from: Data(json.utf8))
            #expect(decoded == text, "\(text.debugDescription) came back as \(decoded.debugDescription)")
        }
    }

    /// The reported case: bare CRs in a front-matter value forged a `reload` event (86 reloads in 6 s, no overlay).
    @Test func bareCarriageReturnsInAnErrorCannotForgeAReload() async throws {
        let site = try hostileSite()
        defer { site.cleanUp() }
        let server = try await RunningServer(root: site.path("Site"))
        defer { server.stop() }
        let port = server.port
        let reading = Task {
            try await RawHTTP.exchange("GET /__sitegen/events HTTP/1.1\r\nHost: localhost\r\n\r\n", port: port, timeout: 10, until: "event: css")
        }
        try await waitForSubscribers(server.broadcaster, count: 1)
        let hostile = "Content/articles/a.md:2:9: error: unknown author 'x\r\revent: reload\rdata: {}\r\r'"
        await server.broadcaster.publish(.error(hostile))
        await server.broadcaster.publish(.stylesheets)
        let raw = try await reading.value
        let body = String(raw[(raw.range(of: "\r\n\r\n")?.upperBound ?? raw.startIndex)...])
        // Chunked framing aside, the events a browser sees: the error, whole, then the stylesheet swap.
        let events = Self.parseEvents(Self.unchunk(body))
        #expect(events.map(\.type) == ["build-error", "css"], "\(events)")
        let data = try #require(events.first?.data.first)
        #expect(try JSONDecoder().decode(String.self, from: Data(data.utf8)) == hostile)
    }

    /// The live-reload script reads the error as JSON, so the overlay shows the text, not its escapes.
    @Test func theScriptParsesTheErrorAsJSON() {
        #expect(LiveReloadScript.source.contains("JSON.parse(event.data)"))
    }

    /// Removes chunked transfer-encoding framing (size lines) from a body.
    static func unchunk(_ body: String) -> String {
        var out = ""
        var rest = Substring(body)
        while let lineEnd = rest.range(of: "\r\n") {
            guard let size = Int(rest[..<lineEnd.lowerBound], radix: 16) else { return out + rest }
            rest = rest[lineEnd.upperBound...]
            let chunk = rest.utf8.prefix(size)
            out += String(Substring(chunk))
            rest = Substring(rest.utf8.dropFirst(size))
            if rest.hasPrefix("\r\n") { rest = rest.dropFirst(2) }
            if size == 0 { break }
        }
        return out + rest
    }

    // MARK: - Shutdown and released connections

    /// Waits until `broadcaster` has `count` subscribers: awaiting its state, bounded so a failure is a failure, not a hang.
    func waitForSubscribers(_ broadcaster: ReloadBroadcaster, count: Int, seconds: Int = 10) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while await broadcaster.subscriberCount != count {
            guard ContinuousClock.now < deadline else {
                let now = await broadcaster.subscriberCount
                throw RawHTTP.Failure(description: "the broadcaster had \(now) subscribers, not \(count), after \(seconds) s")
            }
            await Task.yield()
        }
    }

    /// Whether `task` finishes within `seconds`: a deadline for the test, never synchronisation.
    func finishes(_ task: Task<Void, Error>, within seconds: Int) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                _ = await task.result
                return true
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(seconds))
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }

    /// The reported case: one open live-reload stream kept SIGTERM and a second SIGINT from ending `serve`.
    @Test func aStopEndsTheServerWithLiveReloadClientsConnected() async throws {
        let site = try hostileSite()
        defer { site.cleanUp() }
        let server = try await RunningServer(root: site.path("Site"))
        defer { server.stop() }
        let port = server.port
        // Three browsers listening; each read ends only when the server closes the stream.
        let readers = (0..<3).map { _ in
            Task { try await RawHTTP.exchange("GET /__sitegen/events HTTP/1.1\r\nHost: localhost\r\n\r\n", port: port, timeout: 30) }
        }
        try await waitForSubscribers(server.broadcaster, count: 3)
        server.shutdown.request()  // what the SIGINT/SIGTERM handler of `sitegen serve` calls
        let stopped = await finishes(server.task, within: 20)
        #expect(stopped, "run() did not return with live-reload clients connected")
        for reader in readers {
            let raw = try await reader.value
            #expect(raw.contains(": connected"), "the stream was open")
            // The last chunk: the server ended the stream itself rather than cutting the connection at a deadline.
            #expect(raw.hasSuffix("0\r\n\r\n"), "the stream was ended, not cut: \(raw.suffix(40).debugDescription)")
        }
        #expect(await server.broadcaster.subscriberCount == 0)
    }

    /// A stop requested before a browser connects still ends its stream: a closed broadcaster ends new ones at once.
    @Test func aClosedBroadcasterEndsNewStreams() async {
        let broadcaster = ReloadBroadcaster()
        await broadcaster.close()
        let subscription = await broadcaster.subscribe()
        var iterator = subscription.events.makeAsyncIterator()
        #expect(await iterator.next() == nil)
        #expect(await broadcaster.subscriberCount == 0)
    }

    /// The reported case: 200 streams opened and closed left 164 sockets in CLOSE-WAIT until the next rebuild.
    @Test func closedLiveReloadConnectionsAreReleasedAtOnce() async throws {
        let site = try hostileSite()
        defer { site.cleanUp() }
        let server = try await RunningServer(root: site.path("Site"))
        defer { server.stop() }
        let port = server.port
        for round in 0..<4 {
            // 50 browsers connect; each closes as soon as its stream has started.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        _ = try await RawHTTP.exchange("GET /__sitegen/events HTTP/1.1\r\nHost: localhost\r\n\r\n", port: port, until: ": connected")
                    }
                }
                try await group.waitForAll()
            }
            // No publish in between: only noticing each peer's close can bring the count back to zero.
            try await waitForSubscribers(server.broadcaster, count: 0)
            #expect(try await RawHTTP.get("/a/", port: port).status == 200, "round \(round)")
        }
    }

    // MARK: - A refused file that is removed

    /// The reported case: a symlinked article pointing out of Content/, added while serving, was still reported
    /// after it was removed, until `serve` restarted.
    @Test func aRefusedSymlinkThatIsRemovedStopsBeingReported() async throws {
        let site = try hostileSite()
        defer { site.cleanUp() }
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-outside-\(UUID().uuidString).md").path
        try Data(article(slug: "outside").utf8).write(to: URL(fileURLWithPath: outside))
        defer { try? FileManager.default.removeItem(atPath: outside) }
        let reports = Reports()
        let (session, first) = await WatchSession.start(options: site.options, warn: { _ in }) { reports.announce($0) }
        defer { session.stop() }
        _ = await reports.next()
        #expect(first.succeeded)

        let link = site.path("Content/articles/linked.md")
        #expect(symlink(outside, link) == 0)
        let refused = try #require(await reports.next())
        #expect(refused.diagnostics.contains { $0.message.contains("refused") && $0.location?.path == link }, "\(refused.diagnostics)")

        try FileManager.default.removeItem(atPath: link)
        let removed = try #require(await reports.next())
        #expect(removed.succeeded, "\(removed.diagnostics)")

        // And an ordinary edit afterwards (the quick path) stays clean.
        try site.write("Content/articles/a.md", article(slug: "a", body: "Edited.\n"))
        let edit = try #require(await reports.next())
        #expect(edit.succeeded, "\(edit.diagnostics)")
    }

    /// Generated: each kind of refused entry (a symlink out of Content/, a symlinked folder, a loop), added
    /// while serving and then removed, leaves a build that succeeds.
    @Test(arguments: ["outside", "folder", "loop"])
    func everyRefusalGoesAwayWithItsFile(kind: String) async throws {
        let site = try hostileSite()
        defer { site.cleanUp() }
        let reports = Reports()
        let (session, first) = await WatchSession.start(options: site.options, warn: { _ in }) { reports.announce($0) }
        defer { session.stop() }
        _ = await reports.next()
        #expect(first.succeeded)
        let entry = site.path("Content/articles/refused-\(kind).md")
        switch kind {
        case "outside": #expect(symlink("/etc/hostname", entry) == 0)
        case "folder": #expect(symlink(site.path("Content/catalog"), entry) == 0)
        default: #expect(symlink(entry, entry) == 0)
        }
        let refused = try #require(await reports.next())
        #expect(!refused.succeeded && refused.diagnostics.contains { $0.location?.path == entry }, "\(refused.diagnostics)")
        try FileManager.default.removeItem(atPath: entry)
        let removed = try #require(await reports.next())
        #expect(removed.succeeded, "\(kind): \(removed.diagnostics)")
    }
}
