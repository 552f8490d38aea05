/// Appends values as little-endian bytes: the build cache's format, which must load in a few milliseconds
/// for ten thousand articles (Foundation's JSON would take most of a second).
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func u8(_ value: UInt8) { bytes.append(value) }

    // Whole words appended at once, not byte by byte: a cache holds millions of them.
    mutating func u32(_ value: Int) {
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: value).littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func u64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func int(_ value: Int) { u64(UInt64(bitPattern: Int64(value))) }
    mutating func bool(_ value: Bool) { u8(value ? 1 : 0) }

    mutating func string(_ value: String) {
        u32(value.utf8.count)
        bytes += value.utf8
    }

    mutating func optionalString(_ value: String?) {
        bool(value != nil)
        if let value { string(value) }
    }

    mutating func strings(_ values: [String]) {
        u32(values.count)
        for value in values { string(value) }
    }

    mutating func raw(_ value: [UInt8]) {
        u32(value.count)
        bytes += value
    }

    mutating func raw(_ value: ArraySlice<UInt8>) {
        u32(value.count)
        bytes += value
    }

    mutating func fingerprint(_ value: Fingerprint) {
        withUnsafeBytes(of: (value.high.littleEndian, value.low.littleEndian)) { bytes.append(contentsOf: $0) }
    }

    mutating func identity(_ value: FileIdentity) {
        int(value.size)
        u64(value.inode)
        int(value.modified)
        int(value.modifiedNanoseconds)
    }

    mutating func location(_ value: SourceLocation) {
        string(value.path)
        u32(value.line)
        u32(value.column)
    }

    mutating func diagnostics(_ values: [Diagnostic]) {
        u32(values.count)
        for value in values {
            u8(value.severity == .error ? 1 : value.severity == .note ? 2 : 0)
            string(value.message)
            bool(value.location != nil)
            if let location = value.location { self.location(location) }
        }
    }
}

/// Reads what `ByteWriter` wrote; any overrun or impossible value throws, so a truncated or garbled cache is
/// refused as a whole instead of yielding wrong values.
struct ByteReader {
    struct Malformed: Error {}

    let bytes: [UInt8]
    var offset = 0
    /// Where the bytes this reader may read end: a block of a larger file is read in place.
    let end: Int

    init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
        end = bytes.count
    }

    init(_ bytes: [UInt8], range: Range<Int>) {
        self.bytes = bytes
        offset = range.lowerBound
        end = range.upperBound
    }

    var isAtEnd: Bool { offset == end }

    private mutating func take(_ count: Int) throws -> Range<Int> {
        guard count >= 0, count <= end - offset else { throw Malformed() }
        defer { offset += count }
        return offset..<(offset + count)
    }

    mutating func u8() throws -> UInt8 { bytes[try take(1).lowerBound] }

    mutating func u32() throws -> Int {
        let start = try take(4).lowerBound
        return Int(UInt32(littleEndian: bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: start, as: UInt32.self) }))
    }

    mutating func u64() throws -> UInt64 {
        let start = try take(8).lowerBound
        return UInt64(littleEndian: bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: start, as: UInt64.self) })
    }

    mutating func int() throws -> Int { Int(Int64(bitPattern: try u64())) }

    mutating func bool() throws -> Bool {
        switch try u8() {
        case 0: false
        case 1: true
        default: throw Malformed()
        }
    }

    mutating func string() throws -> String { try Self.string(in: bytes, try span()) }

    /// Where the next string's bytes are, without reading them: `string(in:_:)` reads them later, on any thread.
    mutating func span() throws -> Range<Int> { try take(try u32()) }

    static func string(in bytes: [UInt8], _ span: Range<Int>) throws -> String {
        let text = bytes.withUnsafeBufferPointer { String(validating: UnsafeBufferPointer(rebasing: $0[span]), as: UTF8.self) }
        guard let text else { throw Malformed() }
        return text
    }

    mutating func optionalString() throws -> String? { try bool() ? try string() : nil }

    mutating func strings() throws -> [String] {
        let count = try u32()
        guard count <= end - offset else { throw Malformed() }
        return try (0..<count).map { _ in try string() }
    }

    mutating func raw() throws -> [UInt8] { Array(bytes[try take(try u32())]) }

    /// Raw bytes as a slice of the bytes read, not a copy.
    mutating func rawSlice() throws -> ArraySlice<UInt8> { bytes[try take(try u32())] }

    mutating func fingerprint() throws -> Fingerprint { Fingerprint(high: try u64(), low: try u64()) }

    mutating func identity() throws -> FileIdentity {
        let identity = FileIdentity(size: try int(), inode: try u64(), modified: try int(), modifiedNanoseconds: try int())
        guard identity.size >= 0 else { throw Malformed() }
        return identity
    }

    mutating func location() throws -> SourceLocation {
        SourceLocation(path: try string(), line: try u32(), column: try u32())
    }

    mutating func diagnostics() throws -> [Diagnostic] {
        let count = try u32()
        guard count <= end - offset else { throw Malformed() }
        return try (0..<count).map { _ in
            let severity: Diagnostic.Severity = switch try u8() {
            case 1: .error
            case 2: .note
            default: .warning
            }
            let message = try string()
            let location = try bool() ? try self.location() : nil
            return Diagnostic(severity, message, at: location)
        }
    }
}
