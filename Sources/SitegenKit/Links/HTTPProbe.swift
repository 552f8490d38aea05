import Foundation

/// One HTTP request and what came back, behind a protocol so the link check can run against anything: the
/// real client lives in `SitegenNetwork` (the library itself needs no networking), tests bring their own.
public protocol HTTPProbe: Sendable {
    /// Sends one request and gives back the response's head. Redirects must not be followed: a 3xx comes back
    /// as it is, with its `Location`, so the checker sees every hop. No answer within `timeout` is `.timedOut`.
    func fetch(_ url: URL, method: String, timeout: Duration) async -> ProbeResult
}

/// What one request got.
public enum ProbeResult: Sendable, Hashable {
    /// The server answered; header names are lowercased.
    case response(status: Int, headers: [String: String])
    /// Nothing came back in time.
    case timedOut
    /// No answer at all: the name did not resolve, the connection was refused or dropped, TLS failed.
    case failed(reason: String)

    /// The header that says where a 3xx leads.
    public var location: String? {
        guard case .response(_, let headers) = self else { return nil }
        return headers["location"]
    }

    /// `Retry-After` in seconds, when the server gave one as a number (an HTTP date is not read: the clock
    /// stays out of the library).
    public var retryAfter: Duration? {
        guard case .response(_, let headers) = self, let value = headers["retry-after"],
              let seconds = Int(value.trimmingCharacters(in: .whitespaces)), seconds >= 0 else { return nil }
        return .seconds(seconds)
    }
}
