import Foundation

/// The render-pages stage: one file per route, one memo per output path. A file is made again when anything
/// its `SiteReader` recorded changed, or when the output no longer holds what the last build wrote there.
/// Files made now go to the output target, which keeps only those whose bytes changed.
struct PagesStage {
    struct NoValue: Sendable {}
    static let memos = MemoTableKey<NoValue>("pages")

    struct Output {
        var paths: [String]
        /// Paths the last build made that this one does not; nil when there was no last build to compare with.
        var removed: [String]?
        /// The output paths made now rather than reused, in route order.
        var made: [String]
        var rendered: Int { made.count }
        var pageCount: Int
        var diagnostics: [Diagnostic]
    }

    func run(_ inputs: PageInputs, target: any OutputTarget, memos: inout MemoTable<NoValue>, fingerprints: FingerprintTable,
             progress: (@Sendable (BuildProgress) -> Void)?) -> Output {
        let routes = inputs.routes.routes
        let paths = routes.map(\.outputPath)
        let hadMemos = !memos.memos.isEmpty
        // A file this process wrote is taken to be still in place; one a memo from the cache folder describes is
        // checked, a system call per route, on every core.
        var planned = fingerprints
        let stale = memos.plan(paths, fingerprints: &planned) { path, memo, madeHere in
            guard let identity = try? Self.decode(memo.payload) else { return false }
            return madeHere || target.identity(of: path) == identity
        }
        let table = planned
        let counter = progress.map { ProgressCounter(step: .renderPages, total: stale.count, observer: $0) }
        let stop = RenderStop()
        let render: @Sendable (Int) -> Result<Memo, PageRenderer.Failure> = { index in
            defer { counter?.advance() }
            guard !stop.isStopped else {
                return .failure(PageRenderer.Failure(diagnostic: .error("", at: nil), page: paths[index], cancelled: true))
            }
            let reader = SiteReader(inputs, recorder: TraceRecorder(table))
            return PageRenderer.make(routes[index], reader: reader, stop: stop).map { file in
                target.accept(file)
                // The file's identity is known once it is written; `recordIdentities` fills it in then.
                return Memo(trace: reader.recorder.trace)
            }
        }
        // No more pages than cores: one after another, so a page that fans out (a search part renders its 500
        // bodies) has every core, which a map nested in another would not get.
        let made = stale.count <= ProcessInfo.processInfo.activeProcessorCount ? stale.map(render) : Parallel.map(stale, render)
        var output = Output(paths: paths, removed: [], made: stale.map { paths[$0] }, pageCount: inputs.routes.pageCount, diagnostics: [])
        var failures: [PageRenderer.Failure] = []
        for (index, result) in zip(stale, made) {
            switch result {
            case .success(let memo): memos.store(paths[index], memo, value: NoValue())
            case .failure(let failure): failures.append(failure)
            }
        }
        output.diagnostics += Self.merged(failures)
        let removed = memos.keepOnly(paths, fingerprints: &planned)
        output.removed = hadMemos ? removed : nil
        return output
    }

    /// One diagnostic per problem, naming the first page it stopped and how many more: a template that goes too
    /// deep fails every article alike, and 10,000 copies of one message would bury it.
    static func merged(_ failures: [PageRenderer.Failure]) -> [Diagnostic] {
        var order: [Diagnostic] = []
        var pages: [Diagnostic: (first: String, count: Int)] = [:]
        let cancelled = failures.count { $0.cancelled }
        for failure in failures where !failure.cancelled {
            if let known = pages[failure.diagnostic] {
                pages[failure.diagnostic] = (known.first, known.count + 1)
            } else {
                pages[failure.diagnostic] = (failure.page, 1)
                order.append(failure.diagnostic)
            }
        }
        return order.map { diagnostic in
            guard let (first, count) = pages[diagnostic] else { return diagnostic }
            var named = diagnostic
            let others = count == 2 ? " and 1 other page" : count > 2 ? " and \(count - 1) other pages" : ""
            named.message += " (making \(first)\(others))"
            return named
        } + (cancelled == 0 ? [] : [.note("\(cancelled) more page\(cancelled == 1 ? " was" : "s were") not made: rendering stopped at the first page past its budget", at: nil)])
    }

    /// After the write: what each file made now turned out to be on disk, so the next build can tell it is still there.
    func recordIdentities(of made: [String], in target: any OutputTarget, memos: inout MemoTable<NoValue>) {
        for path in made {
            guard var memo = memos[path] else { continue }
            memo.payload = target.identity(of: path).map(Self.encode) ?? []
            memos.store(path, memo, value: NoValue())
        }
    }

    static func encode(_ identity: FileIdentity) -> [UInt8] {
        var writer = ByteWriter()
        writer.identity(identity)
        return writer.bytes
    }

    static func decode(_ payload: [UInt8]) throws -> FileIdentity {
        var reader = ByteReader(payload)
        let identity = try reader.identity()
        guard reader.isAtEnd else { throw ByteReader.Malformed() }
        return identity
    }
}

extension PagesStage: Stage {
    struct Input {
        var pages: PageInputs
        /// Where files made now go.
        var target: any OutputTarget
    }

    func run(_ input: consuming Input, in context: inout StageContext) -> Output {
        let output = run(input.pages, target: input.target, memos: &context.memos[Self.memos], fingerprints: context.fingerprints,
                         progress: context.progress)
        context.diagnostics += output.diagnostics
        return output
    }
}
