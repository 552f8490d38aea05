import Synchronization
import Dispatch
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import SitegenKit

/// The external link check's requests, through Foundation's URLSession (libcurl on Linux). Redirects are declined
/// in the session's delegate, so each hop comes back to the checker; a response ends its request as soon as its
/// head arrives, so a GET never downloads a page.
public final class URLSessionProbe: HTTPProbe {
    /// Names the checker to the sites it visits.
    public static let userAgent = "sitegen-link-check/1"

    private let session: URLSession
    private let delegate = ProbeDelegate()

    public init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
    }

    deinit {
        // The session holds its delegate until invalidated.
        session.invalidateAndCancel()
    }

    public func fetch(_ url: URL, method: String, timeout: Duration) async -> ProbeResult {
        if Task.isCancelled { return .failed(reason: "cancelled") }
        let (whole, fraction) = timeout.components
        let seconds = Double(whole) + Double(fraction) / 1e18
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: seconds)
        request.httpMethod = method
        request.setValue(Self.userAgent, forHTTPHeaderField: "User-Agent")
        request.setValue("*/*", forHTTPHeaderField: "Accept")
        let task = session.dataTask(with: request)
        let delegate = self.delegate
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                delegate.expect(task.taskIdentifier, continuation)
                task.resume()
                // The request's own timeout restarts with every byte: a server that drips its head would never
                // reach it. This one counts from the start.
                DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
                    if delegate.finish(task.taskIdentifier, with: .timedOut) { task.cancel() }
                }
            }
        } onCancel: {
            task.cancel()
        }
    }
}

/// Hands each task's outcome to whoever waits for it, once: the response head, the error, or the deadline,
/// whichever comes first.
private final class ProbeDelegate: NSObject, URLSessionDataDelegate, Sendable {
    private let waiting = Mutex<[Int: CheckedContinuation<ProbeResult, Never>]>([:])

    func expect(_ task: Int, _ continuation: CheckedContinuation<ProbeResult, Never>) {
        waiting.withLock { $0[task] = continuation }
    }

    /// Whether this call was the one that answered.
    @discardableResult
    func finish(_ task: Int, with result: ProbeResult) -> Bool {
        guard let continuation = waiting.withLock({ $0.removeValue(forKey: task) }) else { return false }
        continuation.resume(returning: result)
        return true
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        completionHandler(nil)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        guard let response = response as? HTTPURLResponse else {
            finish(dataTask.taskIdentifier, with: .failed(reason: "the answer was not HTTP"))
            return completionHandler(.cancel)
        }
        var headers: [String: String] = [:]
        for (name, value) in response.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
        }
        finish(dataTask.taskIdentifier, with: .response(status: response.statusCode, headers: headers))
        completionHandler(.cancel)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        finish(task.taskIdentifier, with: Self.result(for: error))
    }

    /// Words for what went wrong that do not change from run to run (libcurl's own say how many milliseconds it took).
    static func result(for error: (any Error)?) -> ProbeResult {
        guard let error else { return .failed(reason: "the connection closed before an answer") }
        guard let error = error as? URLError else { return .failed(reason: "\(error)") }
        switch error.code {
        case .timedOut: return .timedOut
        case .cannotFindHost, .dnsLookupFailed: return .failed(reason: "the host name does not resolve")
        case .cannotConnectToHost: return .failed(reason: "no connection could be made")
        case .networkConnectionLost: return .failed(reason: "the connection was lost")
        case .notConnectedToInternet: return .failed(reason: "this machine is not connected to a network")
        case .secureConnectionFailed: return .failed(reason: "the TLS handshake failed")
        case .serverCertificateUntrusted, .serverCertificateHasBadDate, .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot:
            return .failed(reason: "the server's certificate is not trusted")
        case .badServerResponse: return .failed(reason: "the answer was not HTTP")
        case .cancelled: return .failed(reason: "cancelled")
        default: return .failed(reason: error.localizedDescription)
        }
    }
}
