/// How many requests may be out at once, in all and to one host. Requests wait in arrival order, but one whose
/// host is busy lets later ones to other hosts go first, so a site with hundreds of links to one host does not
/// hold up the rest.
actor RequestLimiter {
    private let total: Int
    private let perHost: Int
    private var running = 0
    private var runningByHost: [String: Int] = [:]
    private var waiting: [(host: String, start: CheckedContinuation<Void, Never>)] = []

    init(total: Int, perHost: Int) {
        self.total = max(total, 1)
        self.perHost = max(perHost, 1)
    }

    /// Returns once a request to `host` may start; `release(host)` must follow when it is done.
    func acquire(_ host: String) async {
        // Whoever waits cannot start (each release starts all that can), so going first here overtakes no one.
        if canStart(host) {
            start(host)
            return
        }
        await withCheckedContinuation { waiting.append((host, $0)) }
    }

    func release(_ host: String) {
        running -= 1
        runningByHost[host, default: 1] -= 1
        if runningByHost[host] == 0 { runningByHost[host] = nil }
        var index = waiting.startIndex
        while running < total, index < waiting.endIndex {
            guard canStart(waiting[index].host) else {
                index += 1
                continue
            }
            let next = waiting.remove(at: index)
            start(next.host)
            next.start.resume()
        }
    }

    /// How many requests wait: tests see through it that a request is held back, without timing anything.
    var waitingCount: Int { waiting.count }

    private func canStart(_ host: String) -> Bool {
        running < total && runningByHost[host, default: 0] < perHost
    }

    private func start(_ host: String) {
        running += 1
        runningByHost[host, default: 0] += 1
    }
}
