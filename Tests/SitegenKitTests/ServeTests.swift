import Foundation
import Testing
@testable import SitegenKit
@testable import SitegenServer

/// A preview server on an ephemeral port over a built fixture site, stopped when the test ends.
final class RunningServer: Sendable {
    let port: Int
    let broadcaster: ReloadBroadcaster
    let shutdown = ServerShutdown()
    let task: Task<Void, Error>

    init(root: String, basePath: String = "/", host: String = "127.0.0.1") async throws {
        let broadcaster = ReloadBroadcaster()
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let server = PreviewServer(root: root, basePath: basePath, host: host, port: 0, broadcaster: broadcaster)
        let shutdown = self.shutdown
        task = Task { try await server.run(shutdown: shutdown) { continuation.yield($0) } }
        var iterator = ports.makeAsyncIterator()
        port = await iterator.next() ?? 0
        self.broadcaster = broadcaster
    }

    /// The way `sitegen serve` stops on SIGINT or SIGTERM.
    func stop() { shutdown.request() }
}

@Suite("The preview server")
struct ServeTests {
    func builtSite() throws -> FixtureSite {
        var files = CatalogFixture.files(meshes: ["alpha": CatalogFixture.mesh("alpha")])
        files["Content/articles/a.md"] = article(slug: "a", body: "## Part\n\n```comparison\n```\n")
        let site = try FixtureSite(files)
        #expect(site.build().succeeded)
        return site
    }

    @Test func servesPagesWithCleanURLsTypesAndThe404Page() async throws {
        let site = try builtSite()
        defer { site.cleanUp() }
        let server = try await RunningServer(root: site.path("Site"))
        defer { server.stop() }

        let page = try await RawHTTP.get("/a/", port: server.port)
        #expect(page.status == 200)
        #expect(page.headers["content-type"] == "text/html; charset=utf-8")
        #expect(page.body.contains("<h1>Article a</h1>"))
        #expect(page.body.contains("<script src=\"/__sitegen/live-reload.js\" defer></script></body>"), "served pages get the reload script")
        #expect(site.output("a/index.html")?.contains("live-reload") == false, "the files on disk never do")

        let redirect = try await RawHTTP.get("/a?x=1", port: server.port)
        #expect(redirect.status == 301)
        #expect(redirect.headers["location"] == "/a/?x=1")

        #expect(try await RawHTTP.get("/", port: server.port).status == 200)
        #expect(try await RawHTTP.get("/assets/style.css", port: server.port).headers["content-type"] == "text/css; charset=utf-8")
        #expect(try await RawHTTP.get("/sitemap.xml", port: server.port).headers["content-type"] == "application/xml")
        #expect(try await RawHTTP.get("/catalog.json", port: server.port).headers["content-type"] == "application/json")

        let missing = try await RawHTTP.get("/nowhere/", port: server.port)
        #expect(missing.status == 404)
        #expect(missing.body.contains("<h1>Not found</h1>"), "the site's own 404 page")

        let head = try await RawHTTP.get("/a/", port: server.port, method: "HEAD")
        #expect(head.status == 200 && head.body.isEmpty)
        #expect(try await RawHTTP.get("/a/", port: server.port, method: "POST").status == 405)
    }

    @Test(arguments: [
        "/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2f..%2fetc%2fpasswd", "/a/%00", "/a/%00/../../etc/passwd",
        "/%2E%2E%5C%2E%2E%5Cetc%5Cpasswd", "/a/..", "/%c0%ae%c0%ae/etc/passwd", "/outside/passwd", "/outside-file",
    ])
    func nothingOutsideTheSiteIsEverServed(path: String) async throws {
        let site = try builtSite()
        defer { site.cleanUp() }
        // Symlinks inside the site that point out of it.
        symlink("/etc", site.path("Site/outside"))
        symlink("/etc/passwd", site.path("Site/outside-file"))
        let server = try await RunningServer(root: site.path("Site"))
        defer { server.stop() }
        let response = try await RawHTTP.get(path, port: server.port)
        #expect(response.status == 404 || response.status == 400, "\(path) → \(response.status)")
        #expect(!response.body.contains("root:"))
    }

    @Test func aForeignHostHeaderIsRefused() async throws {
        let site = try builtSite()
        defer { site.cleanUp() }
        let server = try await RunningServer(root: site.path("Site"))
        defer { server.stop() }
        #expect(try await RawHTTP.get("/a/", port: server.port, host: "attacker.example").status == 403)
        #expect(try await RawHTTP.get("/a/", port: server.port, host: "127.0.0.1.attacker.example:\(server.port)").status == 403)
        #expect(try await RawHTTP.get("/a/", port: server.port, host: "localhost:\(server.port)").status == 200)
        #expect(try await RawHTTP.get("/a/", port: server.port, host: "[::1]:\(server.port)").status == 200)
    }

    @Test func aBasePathIsRespected() async throws {
        let site = try builtSite()
        defer { site.cleanUp() }
        let server = try await RunningServer(root: site.path("Site"), basePath: "/guide/")
        defer { server.stop() }
        #expect(try await RawHTTP.get("/guide/a/", port: server.port).status == 200)
        let root = try await RawHTTP.get("/", port: server.port)
        #expect(root.status == 301 && root.headers["location"] == "/guide/")
        #expect(try await RawHTTP.get("/guide", port: server.port).headers["location"] == "/guide/")
        #expect(try await RawHTTP.get("/a/", port: server.port).status == 404)
    }

    @Test func serverSentEventsCarryReloadsAndErrors() async throws {
        let site = try builtSite()
        defer { site.cleanUp() }
        let server = try await RunningServer(root: site.path("Site"))
        defer { server.stop() }
        let port = server.port
        let reading = Task {
            try await RawHTTP.exchange("GET /__sitegen/events HTTP/1.1\r\nHost: localhost\r\n\r\n", port: port, timeout: 10,
                                       until: "event: reload\ndata: {}\n\n")
        }
        // Publish once the browser's stream is subscribed; waiting on the count, not on time, but never forever.
        let deadline = ContinuousClock.now + .seconds(5)
        while await server.broadcaster.subscriberCount == 0 {
            guard ContinuousClock.now < deadline else {
                reading.cancel()
                Issue.record("the event stream did not subscribe to the broadcaster within 5 seconds")
                return
            }
            await Task.yield()
        }
        await server.broadcaster.publish(.error("Content/articles/a.md:3:1: error: broken"))
        await server.broadcaster.publish(.reload)
        let raw = try await reading.value
        #expect(raw.contains("text/event-stream"))
        #expect(raw.contains("event: build-error\ndata: \"Content/articles/a.md:3:1: error: broken\"\n\n"), "the text as one JSON string")
        #expect(raw.contains("event: reload\ndata: {}\n\n"))
    }

    @Test func theReloadScriptIsServed() async throws {
        let site = try builtSite()
        defer { site.cleanUp() }
        let server = try await RunningServer(root: site.path("Site"))
        defer { server.stop() }
        let script = try await RawHTTP.get("/__sitegen/live-reload.js", port: server.port)
        #expect(script.status == 200)
        #expect(script.body.contains("new EventSource(\"/__sitegen/events\")"))
        #expect(script.body.contains("sitegen-error-overlay"))
    }
}

@Suite("Request paths")
struct RequestPathTests {
    @Test func combiningMarksCannotHideSlashesOrDots() {
        #expect(RequestPath(raw: "/a/%CC%81b/")?.segments == ["a", "\u{301}b"])
        #expect(RequestPath(raw: "/%CC%81/..") == nil)
        #expect(RequestPath(raw: "/x/%2E%2E%2F%2E%2E/etc") == nil)
        #expect(RequestPath(raw: "/a/.../b") == nil, "runs of dots are refused outright")
        #expect(RequestPath(raw: "/a/%2e%2e%cc%81/b")?.segments == ["a", "..\u{301}", "b"], "a name that merely starts with dots is a name")
    }
}
