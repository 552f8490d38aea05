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
