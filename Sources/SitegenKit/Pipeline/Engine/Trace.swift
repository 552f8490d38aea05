import Foundation

/// One input a result read, with the fingerprint it had when read.
public struct TraceRead: Hashable, Sendable {
    public var key: InputKey
    public var fingerprint: Fingerprint
}

/// The fingerprint of every input as it is in this build. Stages add the keys they publish before the
/// next stage runs, so a trace can be checked as soon as everything it read is known.
public struct FingerprintTable: Sendable {
    private(set) var values: [InputKey: Fingerprint] = [:]

    public init() {}

    /// The fingerprint of an input, or `.zero` for one that does not exist now.
    public subscript(key: InputKey) -> Fingerprint {
        get { values[key] ?? .zero }
        set { values[key] = newValue }
    }

    func entry(_ key: InputKey) -> (InputKey, Fingerprint)? {
        values.index(forKey: key).map { values[$0] }
    }

    /// Whether every recorded read would read the same thing now: the one rule for reuse.
    public func verifies(_ trace: [TraceRead]) -> Bool {
        trace.allSatisfy { self[$0.key] == $0.fingerprint }
    }
}

/// Records, while one result is computed, every input it reads. Inputs are reached only through it (see
/// `SiteReader`, `LinkStage`), so a new kind of input is tracked as soon as the code reads it.
/// One recorder belongs to one computation on one thread.
public final class TraceRecorder {
    let table: FingerprintTable
    private var reads: [InputKey: Fingerprint] = [:]

    init(_ table: FingerprintTable) {
        self.table = table
    }

    func read(_ key: InputKey) {
        guard reads[key] == nil else { return }
        // The table's own copy of the key, so ten thousand traces naming one input share one string.
        if let (stored, fingerprint) = table.entry(key) { reads[stored] = fingerprint } else { reads[key] = .zero }
    }

    /// The reads in key order, so a trace is the same whatever order the code read in.
    var trace: [TraceRead] {
        reads.map { TraceRead(key: $0.key, fingerprint: $0.value) }.sorted { $0.key < $1.key }
    }
}

/// A result kept for reuse: what it read, what it publishes for later stages, the problems it reported
/// (shown again whenever it is reused) and, where a later build may need the value itself, its encoding.
public struct Memo: Sendable {
    public var trace: [TraceRead]
    public var published: [TraceRead]
    public var diagnostics: [Diagnostic]
    public var payload: [UInt8]

    public init(trace: [TraceRead], published: [TraceRead] = [], diagnostics: [Diagnostic] = [], payload: [UInt8] = []) {
        self.trace = trace
        self.published = published
        self.diagnostics = diagnostics
        self.payload = payload
    }
}

