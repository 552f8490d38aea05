/// A 128-bit content hash that is the same in every process and on every machine, unlike `Hasher`,
/// whose seed changes per process: build traces are kept on disk and compared by a later run.
public struct Fingerprint: Hashable, Sendable, CustomStringConvertible {
    public var high: UInt64
    public var low: UInt64

    public static let zero = Fingerprint(high: 0, low: 0)

    public var description: String {
        String(high, radix: 16).leftPadded(to: 16) + String(low, radix: 16).leftPadded(to: 16)
    }

    /// The exclusive or of two fingerprints: a set's fingerprint that one member's change updates in place.
    public func combined(with other: Fingerprint) -> Fingerprint {
        Fingerprint(high: high ^ other.high, low: low ^ other.low)
    }

    public static func of(_ text: String) -> Fingerprint {
        var hasher = StableHasher()
        hasher.combine(text)
        return hasher.finish()
    }

    public static func of(_ bytes: [UInt8]) -> Fingerprint {
        bytes.withUnsafeBytes(of)
    }

    public static func of(_ bytes: UnsafeRawBufferPointer) -> Fingerprint {
        var hasher = StableHasher()
        hasher.combine(bytes)
        return hasher.finish()
    }
}

/// Feeds bytes eight at a time through two independent multiply–rotate lanes (in the style of wyhash and
/// MurmurHash3's 128-bit variant). Not cryptographic: it guards against accidents, not adversaries, which is
/// all a build cache on the author's own disk needs.
public struct StableHasher: Sendable {
    private var a: UInt64 = 0x9E37_79B9_7F4A_7C15
    private var b: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private var length: UInt64 = 0

    public init() {}

    private static let m1: UInt64 = 0x87C3_7B91_1142_53D5
    private static let m2: UInt64 = 0x4CF5_AD43_2745_937F

    @inline(__always)
    private mutating func mix(_ word: UInt64) {
        a = ((a ^ (word &* Self.m1)).rotated(31) &* Self.m2) &+ b
        b = ((b ^ (word &* Self.m2)).rotated(33) &* Self.m1) &+ a
    }

    public mutating func combine(_ bytes: UnsafeRawBufferPointer) {
        length &+= UInt64(bytes.count)
        var index = 0
        let count = bytes.count
        while index + 8 <= count {
            mix(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)))
            index += 8
        }
        if index < count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while index < count {
                tail |= UInt64(bytes[index]) << shift
                shift += 8
                index += 1
            }
            mix(tail ^ 0xFF)
        }
        // A separator, so ("ab", "c") and ("a", "bc") differ.
        mix(UInt64(bytes.count) &* 0x9E37_79B9)
    }

    public mutating func combine(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { combine($0) }
    }

    public mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { combine(UnsafeRawBufferPointer($0)) }
    }

    public mutating func combine(_ text: Substring) {
        combine(String(text))
    }

    public mutating func combine(_ value: Int) {
        mix(UInt64(bitPattern: Int64(value)))
    }

    public mutating func combine(_ value: Bool) {
        mix(value ? 1 : 2)
    }

    public mutating func combine(_ fingerprint: Fingerprint) {
        mix(fingerprint.high)
        mix(fingerprint.low)
    }

    public func finish() -> Fingerprint {
        var x = a ^ length, y = b ^ (length &* Self.m1)
        for _ in 0..<2 {
            x = (x ^ (x >> 33)) &* 0xFF51_AFD7_ED55_8CCD
            y = (y ^ (y >> 33)) &* 0xC4CE_B9FE_1A85_EC53
            x = x &+ y
            y = y &+ x
        }
        return Fingerprint(high: x ^ (x >> 33), low: y ^ (y >> 29))
    }
}

extension UInt64 {
    @inline(__always)
    fileprivate func rotated(_ count: UInt64) -> UInt64 { (self << count) | (self >> (64 - count)) }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
