/// What an external address answered, followed through its redirects, and how a report words it.
public struct LinkAnswer: Sendable, Hashable {
    /// Where the address sent the checker before the end.
    public struct Redirect: Sendable, Hashable {
        /// The address's own status (301, 302, 307…).
        public var status: Int
        /// The last address the redirects led to.
        public var target: String
        /// How many redirects were followed.
        public var hops: Int

        /// A 301 or 308: the address has moved for good, so the link is better updated.
        public var isPermanent: Bool { status == 301 || status == 308 }
    }

    /// How the last request ended.
    public enum End: Sendable, Hashable {
        case status(Int)
        /// No answer within the timeout, in seconds.
        case timedOut(seconds: Double)
        case unreachable(reason: String)
        case tooManyRedirects(limit: Int)
        /// The text is not an address a request can be made for.
        case invalid
    }

    /// The four kinds a summary counts.
    public enum Kind: Sendable, Hashable {
        case fine, redirected, broken, unreachable
    }

    public var redirect: Redirect?
    public var end: End

    public init(redirect: Redirect? = nil, end: End) {
        self.redirect = redirect
        self.end = end
    }

    public var kind: Kind {
        switch end {
        case .status(let status) where (200..<300).contains(status): redirect == nil ? .fine : .redirected
        case .status, .tooManyRedirects, .invalid: .broken
        case .timedOut, .unreachable: .unreachable
        }
    }

    /// A problem is reported as a warning (an error with `--strict`); a redirect to a page that answers, as a note.
    public var isProblem: Bool { kind == .broken || kind == .unreachable }

    /// The report's line for the link as written, or nil when there is nothing to say.
    /// `https://a returned 301 → https://b`, `https://a returned 404`, `https://a did not answer within 10 s`.
    public func message(for url: String) -> String? {
        var text = url
        if let redirect {
            text += " returned \(redirect.status) → \(redirect.target)"
            if redirect.hops > 1 { text += " (after \(redirect.hops) redirects)" }
        }
        // After a redirect, what follows is said of the address it led to.
        let which = redirect == nil ? "" : ", which"
        switch end {
        case .status(let status) where (200..<300).contains(status):
            guard let redirect else { return nil }
            return redirect.isPermanent ? text + "; the move is permanent, so link to the new address" : text
        case .status(let status) where ExternalLinkChecker.redirects(status):
            return text + "\(which) returned \(status) without saying where to"
        case .status(let status):
            return text + "\(which) returned \(status)"
        case .timedOut(let seconds):
            return text + "\(which) did not answer within \(Self.format(seconds)) s"
        case .unreachable(let reason):
            return text + "\(which) could not be reached: \(reason)"
        case .tooManyRedirects(let limit):
            return url + " redirected more than \(limit) times" + (redirect.map { " (last to \($0.target))" } ?? "")
        case .invalid:
            return url + " is not an address that can be fetched"
        }
    }

    /// `10`, `1.5`: whole seconds without a fraction.
    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() && abs(seconds) < 1e15 ? String(Int(seconds)) : String(seconds)
    }
}
