/// One stage of the pipeline: a value in, a value out, and everything shared through `StageContext` — the
/// fingerprint table it reads and publishes to, the memo tables it keeps results in (its own `MemoTableKey`s),
/// the build's diagnostics it adds to and the progress it reports. A new stage is one file conforming to this and
/// one line in `BuildSession.run` where it is sequenced.
protocol Stage {
    associatedtype Input
    associatedtype Output
    func run(_ input: consuming Input, in context: inout StageContext) -> Output
}

/// What every stage of one build shares. The session moves its fingerprint table and memo tables in at the start
/// of a build and takes them back at the end, so nothing is copied on the way.
struct StageContext {
    /// Every input's fingerprint in this build, with what earlier stages published.
    var fingerprints: FingerprintTable
    /// Every stage's memos.
    var memos: MemoTables
    /// Every problem reported so far, in stage order: one build reports all of them.
    var diagnostics: [Diagnostic] = []
    let progress: (@Sendable (BuildProgress) -> Void)?
}
