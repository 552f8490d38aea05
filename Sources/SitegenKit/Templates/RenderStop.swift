import Synchronization

/// Shared by one build's page renders: once a page runs past its render budget, the build fails anyway, so the
/// others stop too rather than each spending the whole budget (a template that multiplies fails every page).
final class RenderStop: Sendable {
    private let stopped = Atomic<Bool>(false)

    var isStopped: Bool { stopped.load(ordering: .relaxed) }

    func stop() { stopped.store(true, ordering: .relaxed) }
}
