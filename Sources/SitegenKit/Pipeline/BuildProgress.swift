import Synchronization

/// The named stages of a build, in order; progress and logs speak of them.
public enum BuildStep: String, Sendable, CaseIterable {
    case load = "load"
    case validate = "validate"
    case resolve = "resolve"
    case renderMarkdown = "render markdown"
    case checkLinks = "check links"
    case renderPages = "render pages"
    case write = "write"

    public var number: Int { (Self.allCases.firstIndex(of: self) ?? 0) + 1 }
}

/// A progress report: which step, and how many of its items are done (a step reports 0 of 0 as it begins).
public struct BuildProgress: Sendable {
    public var step: BuildStep
    public var completed: Int
    public var total: Int
}

/// Counts finished items across threads and reports them to the observer.
final class ProgressCounter: Sendable {
    private let completed = Atomic<Int>(0)
    private let total: Int
    private let step: BuildStep
    private let observer: @Sendable (BuildProgress) -> Void
    /// Reporting every item would cost more than the work on a fast build.
    private let stride: Int

    init(step: BuildStep, total: Int, observer: @escaping @Sendable (BuildProgress) -> Void) {
        self.step = step
        self.total = total
        self.observer = observer
        self.stride = max(1, total / 100)
    }

    func advance() {
        let done = completed.wrappingAdd(1, ordering: .relaxed).newValue
        if done % stride == 0 || done == total {
            observer(BuildProgress(step: step, completed: done, total: total))
        }
    }
}

extension BuildSession {
    /// Logs `[i/7] step` and reports the step's start (0 of 0) to the observer.
    func begin(_ step: BuildStep) {
        logger.debug("[\(step.number)/\(BuildStep.allCases.count)] \(step.rawValue)")
        progress?(BuildProgress(step: step, completed: 0, total: 0))
    }
}
