import Foundation
import HTTPTypes
import Hummingbird
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// A real HTTP server on 127.0.0.1 with one page for each way a linked site can answer, for the external link
/// check's tests. It records every request, and how many were being answered at once.
///
/// | path | answers |
/// |---|---|
/// | `/ok`, `/ok/…` | 200 |
/// | `/moved` | 301 to `/ok` |
/// | `/found` | 302 to `/hop`, which 308s to `/ok` |
/// | `/gone` | 404 |
/// | `/flaky` | 500 the first time, 200 after |
/// | `/down` | 500 always |
/// | `/no-head` | 405 to HEAD, 200 to GET |
/// | `/loop` | 301 to itself |
/// | `/slow` | nothing, until the server stops |
final class LinkServer: Sendable {
    let port: Int
    let log = LinkServerLog()
    private let task: Task<Void, any Error>

    init() async throws {
        let log = self.log
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let responder = CallbackResponder<BasicRequestContext> { request, _ in await LinkServer.respond(request, log: log) }
        var logger = Logger(label: "link-server")
        logger.logLevel = .critical
        let app = Application(
            responder: responder,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0), serverName: "link-server"),
            onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) },
            logger: logger)
        task = Task { try await app.run() }
        var iterator = ports.makeAsyncIterator()
        port = await iterator.next() ?? 0
    }

    var base: String { "http://127.0.0.1:\(port)" }

    /// Lets the slow page's waiting requests go, and returns once the server has closed its port.
    func stop() async {
        await log.stop()
        task.cancel()
        _ = await task.result
    }

    static func respond(_ request: Request, log: LinkServerLog) async -> Response {
        let path = request.uri.path
        // The slow page is left out of the count: the checker gives up on it and moves on, but this server cannot
        // tell, and would count it until it stops.
        let counted = path != "/slow"
        let seen = await log.begin(path, method: request.method.rawValue, userAgent: request.headers[.userAgent], counted: counted)
        let response = await answer(request, path: path, seen: seen, log: log)
        // Before the response leaves: the client cannot start its next request while this one still counts.
        if counted { await log.end() }
        return response
    }

    private static func answer(_ request: Request, path: String, seen: Int, log: LinkServerLog) async -> Response {
        switch path {
        case "/moved": return redirect(.movedPermanently, to: "/ok")
        case "/found": return redirect(.found, to: "/hop")
        case "/hop": return redirect(.permanentRedirect, to: "/ok")
        case "/loop": return redirect(.movedPermanently, to: "/loop")
        case "/gone": return status(.notFound)
        case "/flaky": return status(seen == 1 ? .internalServerError : .ok)
        case "/down": return status(.internalServerError)
        case "/no-head": return status(request.method == .head ? .methodNotAllowed : .ok)
        case "/slow":
            await log.holdUntilStopped()
            return status(.ok)
        case _ where path == "/ok" || path.hasPrefix("/ok/"): return status(.ok)
        default: return status(.notFound)
        }
    }

    static func status(_ status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentLength: "0"])
    }

    static func redirect(_ status: HTTPResponse.Status, to location: String) -> Response {
        Response(status: status, headers: [.location: location, .contentLength: "0"])
    }

    /// A port on 127.0.0.1 where nothing listens: bound and held, never listened on, so a connection is refused
    /// and no other process can take the port while the test runs.
    final class DeadPort: Sendable {
        let port: Int
        private let descriptor: Int32

        init() throws {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = 0
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = descriptor >= 0 && withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
                }
            }
            guard bound else {
                if descriptor >= 0 { close(descriptor) }
                throw RawHTTP.Failure(description: "cannot bind a port on 127.0.0.1")
            }
            self.descriptor = descriptor
            port = Int(UInt16(bigEndian: address.sin_port))
        }

        deinit { close(descriptor) }
    }
}

/// What the link server saw.
actor LinkServerLog {
    /// Each path's requests, as `METHOD` in arrival order.
    private(set) var requests: [String: [String]] = [:]
    private(set) var userAgents: Set<String> = []
    private(set) var inFlight = 0
    /// The most requests answered at once.
    private(set) var peak = 0
    private var held: [CheckedContinuation<Void, Never>] = []
    private var stopped = false

    /// Records a request; returns how many this path has had, this one included.
    func begin(_ path: String, method: String, userAgent: String?, counted: Bool) -> Int {
        requests[path, default: []].append(method)
        if let userAgent { userAgents.insert(userAgent) }
        if counted {
            inFlight += 1
            peak = max(peak, inFlight)
        }
        return requests[path, default: []].count
    }

    func end() {
        inFlight -= 1
    }

    var requestCount: Int { requests.values.map(\.count).reduce(0, +) }

    func holdUntilStopped() async {
        if stopped { return }
        await withCheckedContinuation { held.append($0) }
    }

    func stop() {
        stopped = true
        for continuation in held { continuation.resume() }
        held = []
    }
}
