import Foundation
import Hummingbird
import HTTPTypes
import Logging
import NIOCore
import ServiceLifecycle
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

    /// Runs until `shutdown` is requested or the task is cancelled; `onStart` gets the bound port, useful with port 0.
    /// A stop ends every live-reload stream first, then shuts the server down gracefully, so an open browser tab cannot hold it.
    public func run(shutdown: ServerShutdown = ServerShutdown(), onStart: @escaping @Sendable (Int) async -> Void) async throws {
        let server = self
        let responder = CallbackResponder<PreviewContext> { request, context in await server.respond(request, channel: context.channel) }
        var logger = Logger(label: "sitegen.serve")
        logger.logLevel = .warning
        let app = Application(
            responder: responder,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "sitegen"),
            onServerRunning: { channel in await onStart(channel.localAddress?.port ?? server.port) },
            logger: logger)
        var groupConfiguration = ServiceGroupConfiguration(services: [app], logger: logger)
        // A backstop: a response that outlives the streams' end is cancelled after this.
        groupConfiguration.maximumGracefulShutdownDuration = Self.longestShutdown
        let services = ServiceGroup(configuration: groupConfiguration)
        let broadcaster = self.broadcaster
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                await shutdown.requested()
                // Live-reload streams never end by themselves, and a graceful shutdown waits for every response.
                await broadcaster.close()
                await services.triggerGracefulShutdown()
            }
            try await services.run()
            // A server that ended otherwise (it could not bind, say) stops the wait too.
            group.cancelAll()
        }
    }

    /// How long a stop waits for responses in flight before cancelling them.
    static let longestShutdown: Duration = .milliseconds(500)

    func respond(_ request: Request, channel: (any Channel)?) async -> Response {
        guard let hostHeader = request.head.authority else {
            return Self.text(.badRequest, "Missing Host header.\n")
        }
        guard HostHeader(boundHost: host).allows(hostHeader) else {
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
        if rawPath == LiveReloadScript.eventsPath { return events(channel: channel) }

        guard rawPath.hasPrefix(basePath) else {
            if rawPath + "/" == basePath || rawPath == "/" { return redirect(to: basePath, head: request.method == .head) }
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
            // Built from the checked segments, never from the raw path: `//compare` must not become `//compare/`.
            return redirect(to: path.folderLocation(base: basePath, query: request.uri.query), head: request.method == .head)
        case .notFound:
            return notFound(head: request.method == .head)
        }
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

    /// How often an idle live-reload stream gets a comment line: a backstop for a peer that vanished without a
    /// FIN or RST reaching us (a close that does arrive ends the stream at once).
    static let keepAliveInterval: Duration = .seconds(15)

    private func events(channel: (any Channel)?) -> Response {
        let broadcaster = self.broadcaster
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            let subscription = await broadcaster.subscribe()
            if let channel {
                // Hummingbird keeps half-closed connections open, so a browser's FIN alone would leave this one in
                // CLOSE-WAIT until the next write. Without half-closure the FIN closes the channel, and its close
                // ends the subscription, which ends this response.
                _ = try? await channel.setOption(ChannelOptions.allowRemoteHalfClosure, value: false).get()
                let id = subscription.id
                channel.closeFuture.whenComplete { _ in Task { await broadcaster.end(id) } }
            }
            let (messages, outgoing) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(16))
            let forwarding = Task {
                for await event in subscription.events { outgoing.yield(ReloadBroadcaster.message(for: event)) }
                outgoing.finish()
            }
            let keepingAlive = Task {
                while (try? await Task.sleep(for: Self.keepAliveInterval)) != nil { outgoing.yield(": keep-alive\n\n") }
            }
            defer {
                forwarding.cancel()
                keepingAlive.cancel()
            }
            try await writer.write(ByteBuffer(string: ": connected\n\n"))
            for await message in messages {
                try await writer.write(ByteBuffer(string: message))
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

    /// A 301 to `location`, which must be a path on this origin; anything else (a `//host` a bad base path
    /// might make) is answered as not found instead of sending the browser elsewhere.
    private func redirect(to location: String, head: Bool) -> Response {
        guard RequestPath.staysOnOrigin(location) else { return notFound(head: head) }
        var headers = HTTPFields()
        headers[.location] = location
        headers[.contentLength] = "0"
        return Response(status: .movedPermanently, headers: headers)
    }
}

/// The request context: Hummingbird's basic one plus the connection, so a live-reload stream can tell when its browser left.
struct PreviewContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
