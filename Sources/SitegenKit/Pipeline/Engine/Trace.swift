import Synchronization

/// One input a result read, by its number in the session's `KeyInterner`, with the fingerprint it had when read.
public struct TraceRead: Hashable, Sendable {
    public var key: Int
    public var fingerprint: Fingerprint
}

/// Numbers for input keys, handed out once per session: traces and the fingerprint table then compare numbers,
/// so checking ten thousand traces hashes no strings. The cache folder stores names, numbered again on loading.
public final class KeyInterner: Sendable {
    private let table = Mutex(Table())

    public init() {}

    func id(_ key: InputKey) -> Int {
        table.withLock { $0.number(key) }
    }

    func key(_ id: Int) -> InputKey {
        table.withLock { $0.keys[id] }
    }

    /// Many keys under one hold of the lock: a cache block names tens of thousands, read by two threads at once.
    func ids(_ keys: [InputKey]) -> [Int] {
        table.withLock { table in
            table.reserve(table.keys.count + keys.count)
            return keys.map { table.number($0) }
        }
    }

    /// How many keys have numbers: every number is below it.
    var count: Int { table.withLock { $0.keys.count } }

    /// The names of many keys under one hold of the lock.
    func names(_ ids: [Int]) -> [String] {
        table.withLock { table in ids.map { table.keys[$0].name } }
    }

    private struct Table {
        var keys: [InputKey] = []
        /// An open-addressing table of key numbers (-1 where empty) probed from each key's own hash, half full at most:
        /// numbering a cache's hundred thousand names is then a few word reads each, where a `Dictionary` of keys took
        /// about a tenth of a new process's CPU after a body edit.
        var slots = [Int32](repeating: -1, count: 1 << 10)

        mutating func number(_ key: InputKey) -> Int {
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: key.nameHash) & mask
            while slots[slot] >= 0 {
                let id = Int(slots[slot])
                if keys[id] == key { return id }
                slot = (slot + 1) & mask
            }
            slots[slot] = Int32(keys.count)
            keys.append(key)
            if keys.count * 2 > slots.count { reserve(keys.count) }
            return keys.count - 1
        }

        /// Room for `count` keys with the table at most half full.
        mutating func reserve(_ count: Int) {
            var capacity = slots.count
            while capacity < 2 * count { capacity *= 2 }
            guard capacity > slots.count else { return }
            slots = [Int32](repeating: -1, count: capacity)
            let mask = capacity - 1
            for (id, key) in keys.enumerated() {
                var slot = Int(truncatingIfNeeded: key.nameHash) & mask
                while slots[slot] >= 0 { slot = (slot + 1) & mask }
                slots[slot] = Int32(id)
            }
            keys.reserveCapacity(count)
        }
    }
}

/// The fingerprint of every input as it is in this build. Stages add the keys they publish before the
/// next stage runs, so a trace can be checked as soon as everything it read is known.
public struct FingerprintTable: Sendable {
    let interner: KeyInterner
    /// By key number; `.zero` where the input does not exist now.
    private var values: [Fingerprint] = []

    init(interner: KeyInterner) {
        self.interner = interner
    }

    func id(_ key: InputKey) -> Int { interner.id(key) }

    /// The fingerprint of an input, or `.zero` for one that does not exist now.
    subscript(key: InputKey) -> Fingerprint {
        get { self[id: interner.id(key)] }
        set { self[id: interner.id(key)] = newValue }
    }

    subscript(id id: Int) -> Fingerprint {
        get { id < values.count ? values[id] : .zero }
        set {
            if id >= values.count { values += repeatElement(.zero, count: id + 1 - values.count) }
            values[id] = newValue
        }
    }

    /// Makes what a result publishes current.
    mutating func publish(_ reads: [TraceRead]) {
        for read in reads { self[id: read.key] = read.fingerprint }
    }

    /// Makes `new` current in place of what the same result published before: a key it no longer publishes
    /// (a page whose slug changed, a catalog entry that is gone) becomes absent, so whatever read it is redone.
    mutating func replace(_ old: [TraceRead], with new: [TraceRead]) {
        if !old.isEmpty {
            let kept = Set(new.map(\.key))
            for read in old where !kept.contains(read.key) { self[id: read.key] = .zero }
        }
        publish(new)
    }

    /// The keys whose fingerprint differs from `earlier` (a table of the same session), in key order.
    func changedKeys(since earlier: FingerprintTable) -> [Int] {
        let count = max(values.count, earlier.values.count)
        return (0..<count).filter { self[id: $0] != earlier[id: $0] }
    }

    /// What a result publishes: each key with its fingerprint.
    func reads(_ pairs: [(InputKey, Fingerprint)]) -> [TraceRead] {
        pairs.map { TraceRead(key: interner.id($0.0), fingerprint: $0.1) }
    }

    /// Whether every recorded read would read the same thing now: the one rule for reuse.
    func verifies(_ trace: [TraceRead]) -> Bool {
        trace.allSatisfy { self[id: $0.key] == $0.fingerprint }
    }
}

/// Records, while one result is computed, every input it reads. Inputs are reached only through it (see
/// `SiteReader`, `LinkStage`), so a new kind of input is tracked as soon as the code reads it.
/// One recorder belongs to one computation on one thread.
public final class TraceRecorder {
    let table: FingerprintTable
    private var reads: [Int: Fingerprint] = [:]

    init(_ table: FingerprintTable) {
        self.table = table
    }

    func read(_ key: InputKey) {
        read(id: table.id(key))
    }

    /// A read by key number, for callers that interned their keys once.
    func read(id: Int) {
        if reads[id] == nil { reads[id] = table[id: id] }
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
    /// The payload where it lies: a memo read from the cache folder keeps a slice of the file's bytes, copied only
    /// when a stage reads it (most never are: a body edit reads a few of ten thousand bodies' payloads), so a
    /// load does not copy tens of megabytes into forty thousand arrays.
    var storedPayload: ArraySlice<UInt8>
    /// Where the payload waits in the session's `BodySpill` instead (a memo made in this process whose payload
    /// only a save, or a rare fallback, reads): `payload` is then empty.
    var spilledPayload: BodySpill.Slot?

    public init(trace: [TraceRead], published: [TraceRead] = [], diagnostics: [Diagnostic] = [], payload: [UInt8] = []) {
        self.init(trace: trace, published: published, diagnostics: diagnostics, storedPayload: payload[...])
    }

    init(trace: [TraceRead], published: [TraceRead], diagnostics: [Diagnostic], storedPayload: ArraySlice<UInt8>) {
        self.trace = trace
        self.published = published
        self.diagnostics = diagnostics
        self.storedPayload = storedPayload
    }

    /// The payload's bytes, as their own array.
    public var payload: [UInt8] {
        get { Array(storedPayload) }
        set { storedPayload = newValue[...] }
    }

    /// The payload, from memory or the spill; empty when the spill cannot give it back.
    func payload(in spill: BodySpill?) -> [UInt8] {
        guard let spilledPayload else { return payload }
        return spill?.bytes(at: spilledPayload) ?? []
    }

    /// `payload(in:)` without copying a payload held in memory (what a save writes).
    func payloadBytes(in spill: BodySpill?) -> ArraySlice<UInt8> {
        guard let spilledPayload else { return storedPayload }
        return (spill?.bytes(at: spilledPayload) ?? [])[...]
    }
}

