/// Writes JSON with sorted keys, byte for byte the same on every run, and safe to place inside a
/// `<script>` element: `<`, `>` and `&` are escaped too. Hand-written because Foundation's serializer
/// was most of the cost of the search index on large sites.
enum JSONWriter {
    static func encode(_ value: Any) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(4096)
        write(value, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private static func write(_ value: Any, into output: inout [UInt8]) {
        switch value {
        case let string as String:
            writeString(string, into: &output)
        case let strings as [String]:
            write(strings: strings, into: &output)
        case let array as [Any]:
            output.append(UInt8(ascii: "["))
            for (index, element) in array.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                write(element, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case let object as [String: Any]:
            output.append(UInt8(ascii: "{"))
            for (index, key) in object.keys.sorted().enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                writeString(key, into: &output)
                output.append(UInt8(ascii: ":"))
                write(object[key]!, into: &output)
            }
            output.append(UInt8(ascii: "}"))
        case let bool as Bool:
            output += Array((bool ? "true" : "false").utf8)
        case let int as Int:
            output += Array(String(int).utf8)
        case let double as Double:
            output += Array((double.isFinite ? ResourceAmount.format(double) : "null").utf8)
        default:
            output += Array("null".utf8)
        }
    }

    /// A typed value, written exactly as the same value held in `Any` would be.
    static func encode(_ value: JSONValue) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(1024)
        write(value, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    static func write(_ value: JSONValue, into output: inout [UInt8]) {
        switch value {
        case .string(let string):
            writeString(string, into: &output)
        case .strings(let strings):
            write(strings: strings, into: &output)
        case .array(let values):
            output.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                write(value, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            for (index, key) in object.keys.sorted().enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                writeString(key, into: &output)
                output.append(UInt8(ascii: ":"))
                if let field = object[key] { write(field, into: &output) }
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// A list of strings, for writers that know their types.
    static func write(strings: [String], into output: inout [UInt8]) {
        output.append(UInt8(ascii: "["))
        for (index, string) in strings.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            writeString(string, into: &output)
        }
        output.append(UInt8(ascii: "]"))
    }

    /// A string, for writers that know their types.
    static func write(string: String, into output: inout [UInt8]) {
        writeString(string, into: &output)
    }

    private static func writeString(_ string: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { bytes in
            // Copy runs of plain bytes at once; most text needs no escaping at all.
            var runStart = 0
            for (index, byte) in bytes.enumerated() {
                guard needsEscape(byte) else { continue }
                output.append(contentsOf: bytes[runStart..<index])
                switch byte {
                case UInt8(ascii: "\""): output += [0x5C, 0x22]
                case UInt8(ascii: "\\"): output += [0x5C, 0x5C]
                case 0x0A: output += [0x5C, UInt8(ascii: "n")]
                case 0x0D: output += [0x5C, UInt8(ascii: "r")]
                case 0x09: output += [0x5C, UInt8(ascii: "t")]
                default: output += [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
                }
                runStart = index + 1
            }
            output.append(contentsOf: bytes[runStart..<bytes.count])
        }
        output.append(UInt8(ascii: "\""))
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
            || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&")
    }
}
