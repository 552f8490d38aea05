import Dispatch

/// Runs independent work on every core and returns results in input order, so output never depends on scheduling.
enum Parallel {
    /// Runs every map on the calling thread: the plain reference a test compares the parallel build with.
    @TaskLocal static var serial = false

    static func map<Input: Sendable, Output: Sendable>(_ items: [Input], _ transform: @Sendable (Input) -> Output) -> [Output] {
        guard items.count > 1, !serial else { return items.map(transform) }
        let results = ResultSlots<Output>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            results.store(transform(items[index]), at: index)
        }
        return results.collect()
    }
}

/// Write-once slots filled by concurrent workers, each index by exactly one worker.
// Unchecked: a raw buffer with no lock, safe because `concurrentPerform` gives each index to one worker and
// returns only after all of them finished, before `collect` reads (a lock per slot would cost every map).
private final class ResultSlots<Value>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<Value?>

    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }

    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }

    func store(_ value: Value, at index: Int) {
        buffer[index] = value
    }

    func collect() -> [Value] {
        buffer.map { $0! }
    }
}
