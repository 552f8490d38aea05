import Synchronization
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The memos of every stage, kept in a cache folder between runs (`.sitegen-cache/` by default), so a new
/// process reuses what an earlier one verified. Two files per output folder and set of build options (see
/// `Part`), each written whole to a temporary name and renamed over, stamped with the sitegen build that wrote it
/// and a checksum. Anything doubtful — another version, a short or garbled file — is a one-line notice and a full build.
public struct BuildCache: Sendable {
    public let directory: String
    /// Which sitegen wrote a cache; a cache from any other build is not read.
    public let version: String
    /// Names the files: the output folder and options they describe.
    let scope: String

    public init(directory: String, options: BuildOptions, version: String = BuildCache.currentVersion) {
        self.directory = directory
        self.version = version
        var hasher = StableHasher()
        for part in [Self.absolute(options.outputDirectory), Self.absolute(options.contentDirectory), Self.absolute(options.templatesDirectory)] {
            hasher.combine(part)
        }
        scope = String(hasher.finish().description.prefix(16))
    }

    /// The cache's two files. The journal (`.memo`) holds the whole build's memo (`WholeSiteStage`) and the stage
    /// memos that changed since the base; every build rewrites it, and removes it before the output changes. The
    /// base holds every stage's memos as some earlier build left them and is rewritten only when the journal has
    /// grown to a good part of it, so an edit costs a write of what it changed, not of tens of megabytes.
    /// A base without its journal is an earlier build's memos, which are still sound: every memo is checked against
    /// what it read, and a page's also against the file the output holds (a rewritten file has a new inode).
    enum Part: String, CaseIterable {
        case journal = "memo", base
    }

    /// One file's memos by stage, the base a journal extends (`.zero` for a base), and the file's own checksum.
    struct Loaded {
        var tables: [String: [String: Memo]] = [:]
        var extends = Fingerprint.zero
        var checksum: Fingerprint?
        var notice: String?
    }

    func file(_ part: Part) -> String { directory + "/build-" + scope + "." + part.rawValue }
    private static let magic = Array("sitegen-memo\n".utf8)

    /// This executable's identity: its size, modification time and inode, so a rebuilt sitegen never reads
    /// memos an earlier build of it wrote (stage code may have changed what a memo means).
    public static let currentVersion: String = {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 else { return "format-4" }
        return "format-4 exe-\(info.st_size)-\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)-\(info.st_ino)"
    }()

    /// The stored memos, or none with the reason to tell the user (no notice when there was simply no file).
    func load(_ part: Part, interner: KeyInterner) -> Loaded {
        let file = file(part)
        guard let bytes = try? LocalFileSystem().readFile(at: file) else { return Loaded() }
        do {
            return try decode(bytes, interner: interner)
        } catch let refusal as Refusal {
            return Loaded(notice: "sitegen: note: \(refusal.reason) (\(file)); building everything")
        } catch {
            return Loaded(notice: "sitegen: note: the build cache is damaged (\(file)); building everything")
        }
    }

    /// Removes the journal; called before the output folder changes, so a build killed while writing cannot
    /// leave a whole-build memo that describes an output it never finished.
    public func invalidate() {
        unlink(file(.journal))
    }

    /// Writes the memos to a temporary file and renames it over the cache file; returns the file's checksum.
    /// The file is streamed — the header with the key names, then each block as it is encoded — so a save holds
    /// one block at a time besides the memos themselves, not a copy of the whole file.
    /// `payload` gives the payload to write for a memo (stage, item, memo), for memos whose payload is made only
    /// when saved; by default each memo's own.
    @discardableResult
    func save(_ tables: [String: [String: Memo]], as part: Part, extending base: Fingerprint = .zero, interner: KeyInterner,
              payload: Payloads? = nil) throws -> Fingerprint {
        try SiteWriter.makeDirectory(directory)
        let file = file(part)
        let temporary = file + ".tmp-\(getpid())"
        func failure(_ path: String) -> SiteWriter.WriteError {
            SiteWriter.WriteError(description: "cannot write the build cache \(path): \(LocalFileSystem.errnoDescription())")
        }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure(temporary) }
        var checksum = StreamChecksum()
        func write(_ bytes: [UInt8], summed: Bool = true) throws {
            if summed { bytes.withUnsafeBytes { checksum.add($0) } }
            if let message = SiteWriter.write(bytes, to: descriptor) {
                throw SiteWriter.WriteError(description: "cannot write the build cache \(temporary): \(message)")
            }
        }
        let sum: Fingerprint
        do {
            // Each stage's memos in blocks of a thousand: one is all a save holds at a time, and a load
            // spreads them over every core.
            let blocks = tables.keys.sorted().flatMap { stage in
                let memos = Array(tables[stage] ?? [:])
                return stride(from: 0, to: max(memos.count, 1), by: Self.blockSize).map { start in
                    (stage, memos[start..<min(start + Self.blockSize, memos.count)])
                }
            }
            // Every key any memo names, numbered for this file: each name is written, and read back, once.
            var ids = [Int32](repeating: -1, count: interner.count)
            var keys: [Int] = []
            for (_, memos) in blocks {
                for (_, memo) in memos {
                    for reads in [memo.trace, memo.published] {
                        for read in reads where ids[read.key] < 0 {
                            ids[read.key] = Int32(keys.count)
                            keys.append(read.key)
                        }
                    }
                }
            }
            var header = ByteWriter()
            header.bytes += Self.magic
            header.string(version)
            header.fingerprint(base)
            header.u32(keys.count)
            try write(header.bytes)
            // The names a few thousand at a time (as `strings` would write them whole): held at once, the
            // megabytes of them raised a full build's peak memory.
            for start in stride(from: 0, to: keys.count, by: 4096) {
                var names = ByteWriter()
                for name in interner.names(Array(keys[start..<min(start + 4096, keys.count)])) { names.string(name) }
                try write(names.bytes)
            }
            var count = ByteWriter()
            count.u32(blocks.count)
            try write(count.bytes)
            for (stage, memos) in blocks {
                let block = Self.encode(stage: stage, memos, ids: ids, payload: payload)
                var frame = ByteWriter()
                frame.u32(block.count)
                try write(frame.bytes)
                try write(block)
            }
            sum = checksum.finish()
            var tail = ByteWriter()
            tail.fingerprint(sum)
            try write(tail.bytes, summed: false)
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        guard close(descriptor) == 0 else {
            unlink(temporary)
            throw failure(temporary)
        }
        guard rename(temporary, file) == 0 else {
            unlink(temporary)
            throw failure(file)
        }
        return sum
    }

    /// Holds the cache folder's lock until released; a second build on the same folder waits for the first.
    public func lock() -> CacheLock? {
        try? SiteWriter.makeDirectory(directory)
        let descriptor = open(directory + "/lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return nil }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                close(descriptor)
                return nil
            }
        }
        // Holding the lock, no other build is writing here: a temporary file is a killed build's, and goes.
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] where name.hasPrefix("build-") && name.contains(".tmp-") {
            unlink(directory + "/" + name)
        }
        return CacheLock(descriptor: descriptor)
    }

    struct Refusal: Error {
        var reason: String
    }

    /// Memos per block.
    static let blockSize = 1000

    /// The payload a save writes for a memo: stage, item, memo.
    typealias Payloads = (String, String, Memo) -> ArraySlice<UInt8>

    /// The layout: magic, version, the base a journal extends, the names of every key the memos read, then each
    /// stage's memos in blocks (every key named by its number in that list), then a checksum of everything before
    /// it. Blocks are decoded in parallel, in place in the bytes read.
    /// A block: its stage's name, then its memos with every key named by its number in the file's name table.
    private static func encode(stage: String, _ memos: ArraySlice<(key: String, value: Memo)>, ids: [Int32], payload: Payloads?) -> [UInt8] {
        var writer = ByteWriter()
        writer.string(stage)
        writer.u32(memos.count)
        for (item, memo) in memos {
            writer.string(item)
            for reads in [memo.trace, memo.published] {
                writer.u32(reads.count)
                for read in reads {
                    writer.u32(Int(ids[read.key]))
                    writer.fingerprint(read.fingerprint)
                }
            }
            writer.diagnostics(memo.diagnostics)
            writer.raw(payload?(stage, item, memo) ?? memo.storedPayload)
        }
        return writer.bytes
    }

    func decode(_ bytes: [UInt8], interner: KeyInterner) throws -> Loaded {
        guard bytes.count > Self.magic.count + 16, Array(bytes.prefix(Self.magic.count)) == Self.magic else {
            throw Refusal(reason: "the build cache is not one sitegen wrote")
        }
        let bodyEnd = bytes.count - 16
        var reader = ByteReader(bytes, range: Self.magic.count..<bodyEnd)
        guard (try? reader.string()) == version else { throw Refusal(reason: "the build cache was written by another version of sitegen") }
        var checksum = ByteReader(bytes, offset: bodyEnd)
        let sum = try checksum.fingerprint()
        guard sum == StreamChecksum.of(bytes, upTo: bodyEnd) else { throw Refusal(reason: "the build cache is damaged") }
        let base = try reader.fingerprint()
        // The names are made into keys (each hashed) on every core, then numbered in one pass.
        let nameCount = try reader.u32()
        guard nameCount <= bodyEnd / 4 else { throw ByteReader.Malformed() }
        let spans = try (0..<nameCount).map { _ in try reader.span() }
        let chunks = stride(from: 0, to: nameCount, by: 4096).map { $0..<min($0 + 4096, nameCount) }
        let keys = try Parallel.map(chunks) { chunk in
            Result { try chunk.map { InputKey(try ByteReader.string(in: bytes, spans[$0])) } }
        }.flatMap { try $0.get() }
        let names = interner.ids(keys)
        let count = try reader.u32()
        guard count <= bodyEnd / 8 else { throw ByteReader.Malformed() }
        let blocks = try (0..<count).map { _ -> Range<Int> in
            let length = try reader.u32()
            guard length <= bodyEnd - reader.offset else { throw ByteReader.Malformed() }
            defer { reader.offset += length }
            return reader.offset..<(reader.offset + length)
        }
        guard reader.isAtEnd else { throw ByteReader.Malformed() }
        // Each stage's table is made once at its full size: merging block into block rehashed every memo.
        var blocksByStage: [String: [[(String, Memo)]]] = [:]
        for result in Parallel.map(blocks, { block in Result { try Self.decode(bytes, block: block, names: names) } }) {
            let (stage, memos) = try result.get()
            blocksByStage[stage, default: []].append(memos)
        }
        let tables = blocksByStage.mapValues { blocks in
            var table: [String: Memo] = [:]
            table.reserveCapacity(blocks.reduce(0) { $0 + $1.count })
            for block in blocks {
                for (item, memo) in block where table[item] == nil { table[item] = memo }
            }
            return table
        }
        return Loaded(tables: tables, extends: base, checksum: sum)
    }

    private static func decode(_ bytes: [UInt8], block: Range<Int>, names: [Int]) throws -> (String, [(String, Memo)]) {
        var reader = ByteReader(bytes, range: block)
        let stage = try reader.string()
        func reads() throws -> [TraceRead] {
            let count = try reader.u32()
            guard count <= block.count else { throw ByteReader.Malformed() }
            return try (0..<count).map { _ in
                let id = try reader.u32()
                guard id < names.count else { throw ByteReader.Malformed() }
                return TraceRead(key: names[id], fingerprint: try reader.fingerprint())
            }
        }
        let count = try reader.u32()
        guard count <= block.count else { throw ByteReader.Malformed() }
        var memos: [(String, Memo)] = []
        memos.reserveCapacity(count)
        for _ in 0..<count {
            let item = try reader.string()
            // Numbered again in this session, so sorted again: traces are kept in key order, which comparisons rely on.
            memos.append((item, Memo(trace: try reads().sorted { $0.key < $1.key }, published: try reads(), diagnostics: try reader.diagnostics(),
                                     storedPayload: try reader.rawSlice())))
        }
        guard reader.isAtEnd else { throw ByteReader.Malformed() }
        return (stage, memos)
    }

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }
}

/// The cache folder's lock, released when the build ends.
public final class CacheLock: Sendable {
    /// The locked file's descriptor; -1 once released.
    private let descriptor: Atomic<Int32>

    init(descriptor: Int32) {
        self.descriptor = Atomic(descriptor)
    }

    public func release() {
        let descriptor = descriptor.exchange(-1, ordering: .acquiringAndReleasing)
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    deinit { release() }
}

/// A checksum of a byte stream taken in fixed chunks, so it is the same however the stream was cut into writes;
/// each chunk is hashed on its own and the checksum is the hash of their hashes, so a load checks a file held
/// whole on every core.
struct StreamChecksum {
    private static let chunk = 1 << 16
    private var chunks: [Fingerprint] = []
    private var pending: [UInt8] = []

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var rest = bytes[...]
        while !rest.isEmpty {
            // Whole chunks straight from the source; only a chunk cut by a write boundary is gathered first.
            if pending.isEmpty, rest.count >= Self.chunk {
                chunks.append(Fingerprint.of(UnsafeRawBufferPointer(rebasing: rest.prefix(Self.chunk))))
                rest = rest.dropFirst(Self.chunk)
                continue
            }
            let taken = min(Self.chunk - pending.count, rest.count)
            pending += rest.prefix(taken)
            rest = rest.dropFirst(taken)
            if pending.count == Self.chunk {
                chunks.append(pending.withUnsafeBytes(Fingerprint.of))
                pending.removeAll(keepingCapacity: true)
            }
        }
    }

    mutating func finish() -> Fingerprint {
        if !pending.isEmpty { chunks.append(pending.withUnsafeBytes(Fingerprint.of)) }
        return Self.combine(chunks)
    }

    /// The checksum of `bytes[..<end]`, as `add` and `finish` would take it.
    static func of(_ bytes: [UInt8], upTo end: Int) -> Fingerprint {
        let starts = Array(stride(from: 0, to: end, by: chunk))
        return combine(Parallel.map(starts) { start in
            bytes.withUnsafeBytes { Fingerprint.of(UnsafeRawBufferPointer(rebasing: $0[start..<min(start + chunk, end)])) }
        })
    }

    private static func combine(_ chunks: [Fingerprint]) -> Fingerprint {
        var hasher = StableHasher()
        hasher.combine(chunks.count)
        for chunk in chunks { hasher.combine(chunk) }
        return hasher.finish()
    }
}
