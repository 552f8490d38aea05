/// Appends values as little-endian bytes: the build cache's format, which must load in a few milliseconds
/// for ten thousand articles (Foundation's JSON would take most of a second).
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func u8(_ value: UInt8) { bytes.append(value) }

    mutating func u32(_ value: Int) {
        let v = UInt32(truncatingIfNeeded: value)
        bytes += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)]
    }

    mutating func u64(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(value >> UInt64(shift) & 0xFF)) }
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

    mutating func fingerprint(_ value: Fingerprint) {
        u64(value.high)
        u64(value.low)
    }

    mutating func location(_ value: SourceLocation) {
        string(value.path)
        u32(value.line)
        u32(value.column)
    }

    mutating func diagnostics(_ values: [Diagnostic]) {
        u32(values.count)
        for value in values {
            u8(value.severity == .error ? 1 : 0)
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

    init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    var isAtEnd: Bool { offset == bytes.count }

    private mutating func take(_ count: Int) throws -> Range<Int> {
        guard count >= 0, count <= bytes.count - offset else { throw Malformed() }
        defer { offset += count }
        return offset..<(offset + count)
    }

    mutating func u8() throws -> UInt8 { bytes[try take(1).lowerBound] }

    mutating func u32() throws -> Int {
        let r = try take(4)
        return Int(bytes[r.lowerBound]) | Int(bytes[r.lowerBound + 1]) << 8 | Int(bytes[r.lowerBound + 2]) << 16 | Int(bytes[r.lowerBound + 3]) << 24
    }

    mutating func u64() throws -> UInt64 {
        let r = try take(8)
        var value: UInt64 = 0
        for (shift, index) in r.enumerated() { value |= UInt64(bytes[index]) << UInt64(shift * 8) }
        return value
    }

    mutating func int() throws -> Int { Int(Int64(bitPattern: try u64())) }

    mutating func bool() throws -> Bool {
        switch try u8() {
        case 0: false
        case 1: true
        default: throw Malformed()
        }
    }

    mutating func string() throws -> String {
        let r = try take(try u32())
        guard let text = String(validating: bytes[r], as: UTF8.self) else { throw Malformed() }
        return text
    }

    mutating func optionalString() throws -> String? { try bool() ? try string() : nil }

    mutating func strings() throws -> [String] {
        let count = try u32()
        guard count <= bytes.count - offset else { throw Malformed() }
        return try (0..<count).map { _ in try string() }
    }

    mutating func raw() throws -> [UInt8] { Array(bytes[try take(try u32())]) }

    mutating func fingerprint() throws -> Fingerprint { Fingerprint(high: try u64(), low: try u64()) }

    mutating func location() throws -> SourceLocation {
        SourceLocation(path: try string(), line: try u32(), column: try u32())
    }

    mutating func diagnostics() throws -> [Diagnostic] {
        let count = try u32()
        guard count <= bytes.count - offset else { throw Malformed() }
        return try (0..<count).map { _ in
            let severity: Diagnostic.Severity = try u8() == 1 ? .error : .warning
            let message = try string()
            let location = try bool() ? try self.location() : nil
            return Diagnostic(severity, message, at: location)
        }
    }
}
