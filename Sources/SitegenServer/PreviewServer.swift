import Foundation
import Hummingbird
import HTTPTypes
import Logging
import NIOCore
import SitegenKit

/// The preview server: serves the output folder on loopback, injects the live-reload script into pages,
/// and streams rebuild events. Every response comes from `respond`, which refuses foreign hosts and any path outside the site.
public struct PreviewServer: Sendable {
    public var root: String
    /// The site's base path (`/` or `/guide/`): pages are served under it, as they will be when published.
    public var basePath: String
    public var host: String
    public var port: Int
    public var broadcaster: ReloadBroadcaster

    public init(root: String, basePath: String, host: String = "127.0.0.1", port: Int = 8080, broadcaster: ReloadBroadcaster) {
        self.root = root
        self.basePath = basePath
        self.host = host
        self.port = port
        self.broadcaster = broadcaster
    }

    /// Runs until the task is cancelled, or with `handleSignals` until SIGINT/SIGTERM; `onStart` gets the bound port, useful with port 0.
    public func run(handleSignals: Bool = true, onStart: @escaping @Sendable (Int) async -> Void) async throws {
        let server = self
        let responder = CallbackResponder<BasicRequestContext> { request, _ in await server.respond(request) }
        var logger = Logger(label: "sitegen.serve")
        logger.logLevel = .warning
        let app = Application(
            responder: responder,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "sitegen"),
            onServerRunning: { channel in await onStart(channel.localAddress?.port ?? server.port) },
            logger: logger)
        if handleSignals { try await app.runService() } else { try await app.run() }
    }

    func respond(_ request: Request) async -> Response {
        guard let hostHeader = request.head.authority else {
            return Self.text(.badRequest, "Missing Host header.\n")
        }
        guard isAllowed(host: hostHeader) else {
            // A page from another site pointing its own domain at 127.0.0.1 (DNS rebinding) gets nothing.
            return Self.text(.forbidden, "Forbidden: this preview only answers to localhost.\n")
        }
        guard request.method == .get || request.method == .head else {
            return Self.text(.methodNotAllowed, "Only GET and HEAD.\n", headers: [.allow: "GET, HEAD"])
        }
        let rawPath = request.uri.path
        if rawPath == LiveReloadScript.path {
            return Self.body(.ok, Array(LiveReloadScript.source.utf8), type: "text/javascript; charset=utf-8", head: request.method == .head)
        }
        if rawPath == LiveReloadScript.eventsPath { return events() }

        guard rawPath.hasPrefix(basePath) else {
            if rawPath + "/" == basePath || rawPath == "/" { return Self.redirect(to: basePath) }
            return notFound(head: request.method == .head)
        }
        guard let path = RequestPath(raw: "/" + rawPath.dropFirst(basePath.count)) else {
            return notFound(head: request.method == .head)
        }
        switch SiteFiles(root: root).lookup(path) {
        case .file(let file):
            guard let bytes = FileManager.default.contents(atPath: file) else { return notFound(head: request.method == .head) }
            let type = SiteFiles.contentType(for: file)
            return Self.body(.ok, page(Array(bytes), type: type), type: type, head: request.method == .head)
        case .folder:
            let query = request.uri.query.map { "?" + $0 } ?? ""
            return Self.redirect(to: rawPath + "/" + query)
        case .notFound:
            return notFound(head: request.method == .head)
        }
    }

    private func isAllowed(host header: String) -> Bool {
        var name = header.lowercased()
        if name.hasPrefix("[") {
            name = String(name.prefix { $0 != "]" }) + "]"
        } else if let colon = name.lastIndex(of: ":") {
            name = String(name[..<colon])
        }
        let bound = host.lowercased()
        return ["localhost", "127.0.0.1", "[::1]", bound, "[\(bound)]"].contains(name)
    }

    /// HTML gets the live-reload script; everything else is served as it is on disk.
    private func page(_ bytes: [UInt8], type: String) -> [UInt8] {
        guard type.hasPrefix("text/html") else { return bytes }
        return Array(LiveReloadScript.inject(into: String(decoding: bytes, as: UTF8.self)).utf8)
    }

    private func notFound(head: Bool) -> Response {
        if let bytes = FileManager.default.contents(atPath: root + "/404.html") {
            return Self.body(.notFound, page(Array(bytes), type: "text/html"), type: "text/html; charset=utf-8", head: head)
        }
        return Self.text(.notFound, "Not found.\n")
    }

    private func events() -> Response {
        let broadcaster = self.broadcaster
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            let stream = await broadcaster.subscribe()
            try await writer.write(ByteBuffer(string: ": connected\n\n"))
            for await event in stream {
                try await writer.write(ByteBuffer(string: ReloadBroadcaster.message(for: event)))
            }
            try await writer.finish(nil)
        })
    }

    static func body(_ status: HTTPResponse.Status, _ bytes: [UInt8], type: String, head: Bool) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "no-store"
        headers[.contentLength] = String(bytes.count)
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        return Response(status: status, headers: headers, body: head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func text(_ status: HTTPResponse.Status, _ text: String, headers extra: HTTPFields = [:]) -> Response {
        var response = body(status, Array(text.utf8), type: "text/plain; charset=utf-8", head: false)
        for field in extra { response.headers.append(field) }
        return response
    }

    static func redirect(to location: String) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        headers[.contentLength] = "0"
        return Response(status: .movedPermanently, headers: headers)
    }
}
