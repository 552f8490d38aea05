import Foundation

/// Asks every external address whether it still answers: all at once up to `concurrency` requests, at most
/// `perHost` to one host; HEAD first, GET where HEAD is refused; one retry for what may pass; each redirect
/// followed by hand, so a moved page is reported with where it went.
public struct ExternalLinkChecker: Sendable {
    public var probe: any HTTPProbe
    /// How long one request may go without an answer.
    public var timeout: Duration = .seconds(10)
    /// Requests out at once, in all.
    public var concurrency = 8
    /// Requests out at once to one host: a guide links to a few documentation sites many times, and they should
    /// not see a burst.
    public var perHost = 2
    /// Redirects followed before the address counts as broken (browsers give up around 20; 10 is plenty).
    public var redirectLimit = 10
    /// The pause before the one retry, when the server does not name one.
    public var retryDelay: Duration = .seconds(1)
    /// The longest `Retry-After` waited for; a server asking for more gets this, then its answer is final.
    public var longestRetryAfter: Duration = .seconds(5)

    public init(probe: any HTTPProbe) {
        self.probe = probe
    }

    /// Checks the links, answering from `cache` what it checked in the last day (and writing what it learns back
    /// there), and words the outcome. `now` stamps new answers and ages old ones; the caller reads the clock.
    public func check(_ links: [ExternalLink], cache: ExternalLinkCache?, now: Date, strict: Bool) async -> ExternalLinkReport {
        var notes: [String] = []
        var known: [String: LinkAnswer] = [:]
        if let cache {
            let loaded = cache.load(now: now)
            known = loaded.answers
            if let note = loaded.note { notes.append(note) }
        }
        let wanted = Array(Set(links.map(\.address))).sorted()
        let fresh = await answers(for: wanted.filter { known[$0] == nil })
        if let cache, !fresh.isEmpty, let note = cache.save(fresh.filter { $0.value.end != .invalid }, now: now) {
            notes.append(note)
        }
        let answers = known.merging(fresh) { _, new in new }
        return ExternalLinkReport(links: links, answers: answers, strict: strict, notes: notes,
                                  cached: Set(wanted.filter { fresh[$0] == nil }))
    }

    /// What each address answered, fetching each once.
    public func answers(for addresses: [String]) async -> [String: LinkAnswer] {
        let limiter = RequestLimiter(total: concurrency, perHost: perHost)
        return await withTaskGroup(of: (String, LinkAnswer).self) { group in
            // Every address gets its task at once; the limiter decides which may send, so a busy host holds up
            // only its own links.
            for address in addresses {
                group.addTask { (address, await follow(address, limiter: limiter)) }
            }
            var answers: [String: LinkAnswer] = [:]
            for await (address, answer) in group { answers[address] = answer }
            return answers
        }
    }

    /// One address through its redirects to a final answer.
    func follow(_ address: String, limiter: RequestLimiter) async -> LinkAnswer {
        guard var url = Self.fetchable(URL(string: address)) else { return LinkAnswer(end: .invalid) }
        var redirect: LinkAnswer.Redirect?
        while true {
            let result = await request(url, limiter: limiter)
            switch result {
            case .response(let status, _) where Self.redirects(status):
                guard let location = result.location else { return LinkAnswer(redirect: redirect, end: .status(status)) }
                guard let next = Self.fetchable(URL(string: location, relativeTo: url)?.absoluteURL) else {
                    return LinkAnswer(redirect: redirect, end: .unreachable(reason: "it redirects to \(location), which is not an http(s) address"))
                }
                let hops = (redirect?.hops ?? 0) + 1
                guard hops <= redirectLimit else { return LinkAnswer(redirect: redirect, end: .tooManyRedirects(limit: redirectLimit)) }
                redirect = LinkAnswer.Redirect(status: redirect?.status ?? status, target: next.absoluteString, hops: hops)
                url = next
            case .response(let status, _):
                return LinkAnswer(redirect: redirect, end: .status(status))
            case .timedOut:
                return LinkAnswer(redirect: redirect, end: .timedOut(seconds: timeout.seconds))
            case .failed(let reason):
                return LinkAnswer(redirect: redirect, end: .unreachable(reason: reason))
            }
        }
    }

    /// One hop: HEAD, GET when HEAD is refused or gets nothing back, then one retry of the last method after a
    /// pause when the answer may be passing (no answer, a 5xx, a 429).
    func request(_ url: URL, limiter: RequestLimiter) async -> ProbeResult {
        var method = "HEAD"
        var result = await send(url, method: method, limiter: limiter)
        if Self.refusesHead(result) {
            method = "GET"
            result = await send(url, method: method, limiter: limiter)
        }
        guard let pause = pause(before: result) else { return result }
        // Cancelled (the command was interrupted): the retry then answers at once with its own failure.
        try? await Task.sleep(for: pause)
        return await send(url, method: method, limiter: limiter)
    }

    private func send(_ url: URL, method: String, limiter: RequestLimiter) async -> ProbeResult {
        let host = url.host?.lowercased() ?? ""
        await limiter.acquire(host)
        let result = await probe.fetch(url, method: method, timeout: timeout)
        await limiter.release(host)
        return result
    }

    /// How long to wait before retrying, or nil when the answer is final.
    func pause(before result: ProbeResult) -> Duration? {
        switch result {
        case .timedOut, .failed: return retryDelay
        case .response(let status, _) where status == 429 || (500..<600).contains(status):
            return result.retryAfter.map { min($0, longestRetryAfter) } ?? retryDelay
        case .response: return nil
        }
    }

    /// 405 Method Not Allowed, 501 Not Implemented, and 403 (what many CDNs answer a HEAD they do not serve); a
    /// HEAD that got nothing back is tried as a GET too, since some servers drop HEADs.
    static func refusesHead(_ result: ProbeResult) -> Bool {
        switch result {
        case .response(let status, _): [403, 405, 501].contains(status)
        case .timedOut, .failed: true
        }
    }

    /// A status that means "look elsewhere" (304 Not Modified does not).
    static func redirects(_ status: Int) -> Bool {
        [301, 302, 303, 307, 308].contains(status)
    }

    /// The URL when it is http(s) with a host, else nil.
    static func fetchable(_ url: URL?) -> URL? {
        guard let url, let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty else { return nil }
        return url
    }
}

extension Duration {
    /// The duration in seconds, fractions included.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
