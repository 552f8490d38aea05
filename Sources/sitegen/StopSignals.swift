import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// SIGINT and SIGTERM while serving: the first asks for an orderly stop, a second ends the process at once,
/// whatever the first is still waiting for.
// Unchecked: `received` and `sources` are vars without a lock, safe because `sources` is set only in init and
// `received` is touched only by the handlers, which both run on the one serial `queue`.
final class StopSignals: @unchecked Sendable {
    private let queue = DispatchQueue(label: "sitegen.stop-signals")
    private var sources: [any DispatchSourceSignal] = []
    private var received = 0

    /// `stop` runs on the first signal; `abort` on the second, and must not return.
    init(stop: @escaping @Sendable () -> Void, abort: @escaping @Sendable () -> Never) {
        for number in [SIGINT, SIGTERM] {
            // The default action would kill the process before it could remove its temporary folder.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [unowned self] in
                self.received += 1
                if self.received == 1 { stop() } else { abort() }
            }
            source.resume()
            sources.append(source)
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }
}
