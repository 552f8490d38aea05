/// The write stage: makes the output hold exactly this build's files. The cache is told first, so a build
/// killed while writing leaves no cache that describes an output it did not finish.
struct WriteStage {
    func run(_ pages: PagesStage.Output, target: any OutputTarget, beforeWriting: () -> Void) -> (wrote: Bool, [Diagnostic]) {
        beforeWriting()
        do {
            return (try target.commit(paths: pages.paths, removed: pages.removed), [])
        } catch {
            target.discard()
            return (false, [.error("\(BuildStep.write.rawValue): \(error)", at: nil)])
        }
    }
}

extension WriteStage: Stage {
    struct Input {
        var pages: PagesStage.Output
        var target: any OutputTarget
        /// Its journal goes before the output changes, so a build killed while writing leaves none.
        var cache: BuildCache?
    }

    /// Writes unless an earlier stage reported an error (the target's staged files are then discarded); whether
    /// the output was written to. Page memos describe files the destination holds: after a failed render or
    /// write it may not, so they go.
    func run(_ input: consuming Input, in context: inout StageContext) -> Bool {
        let pages = input.pages, target = input.target, cache = input.cache
        guard !context.diagnostics.hasErrors else {
            target.discard()
            context.memos[PagesStage.memos].dropAll()
            return false
        }
        let (wrote, problems) = run(pages, target: target) {
            if pages.rendered > 0 || !(pages.removed?.isEmpty ?? true) { cache?.invalidate() }
        }
        context.diagnostics += problems
        if problems.hasErrors {
            context.memos[PagesStage.memos].dropAll()
        } else {
            PagesStage().recordIdentities(of: pages.made, in: target, memos: &context.memos[PagesStage.memos])
        }
        return wrote
    }
}
