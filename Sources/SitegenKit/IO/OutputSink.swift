/// Takes each output file as soon as it is made, from any worker thread, so a build need not hold the whole
/// site in memory. Failures are kept by the sink and reported when the site is committed.
public protocol OutputSink: Sendable {
    func accept(_ file: OutputFile)
}
