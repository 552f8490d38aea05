/// A run of the search index as its memo's payload, so a new process (a `sitegen build` with a cache folder)
/// merges the runs an edit did not touch instead of indexing every page again. Postings are written as variable-
/// length integers (a document as the difference from the term's previous one), a few bytes each; chunk files
/// whole, with their fingerprints; each slot's stamp.
extension SearchIndex.Run {
    /// The payload, or nil when a chunk file's bytes cannot be read back from the spill.
    func encoded(in spill: BodySpill) -> [UInt8]? {
        var output: [UInt8] = []
        Self.put(byFragment.count, into: &output)
        for (fragment, part) in byFragment.sorted(by: { $0.key < $1.key }) {
            Self.put(fragment, into: &output)
            Self.put(part.terms.count, into: &output)
            for (term, range) in part.terms {
                Self.put(term.utf8.count, into: &output)
                output += term.utf8
                Self.put(range.count, into: &output)
                var previous = 0
                for posting in part.postings[range] {
                    Self.put(Int(posting.document) - previous, into: &output)
                    previous = Int(posting.document)
                    Self.put(Int(posting.score), into: &output)
                    Self.put(Int(posting.sectionCount), into: &output)
                    for index in 0..<Int(posting.sectionCount) { Self.put(posting.section(index), into: &output) }
                }
            }
        }
        Self.put(chunks.count, into: &output)
        for (number, file) in chunks {
            guard let bytes = spill.bytes(at: file.slot) else { return nil }
            Self.put(number, into: &output)
            output += withUnsafeBytes(of: file.fingerprint.high.littleEndian, Array.init)
            output += withUnsafeBytes(of: file.fingerprint.low.littleEndian, Array.init)
            Self.put(bytes.count, into: &output)
            output += bytes
        }
        Self.put(stamps.count, into: &output)
        for stamp in stamps {
            output += withUnsafeBytes(of: stamp.high.littleEndian, Array.init)
            output += withUnsafeBytes(of: stamp.low.littleEndian, Array.init)
        }
        return output
    }

    /// A run from its payload; its chunk files go to `spill` (or keep their slots in `previous`).
    init(decoding payload: [UInt8], spill: BodySpill, previous: SearchIndex?) throws {
        var reader = Reader(bytes: payload)
        self.init()
        for _ in 0..<(try reader.count()) {
            let fragment = try reader.int()
            var part = SearchIndex.Part()
            for _ in 0..<(try reader.count()) {
                let term = String(decoding: try reader.take(try reader.count()), as: UTF8.self)
                let start = part.postings.count
                var document = 0
                for _ in 0..<(try reader.count()) {
                    document += try reader.int()
                    let score = try reader.int(), sectionCount = try reader.int()
                    guard sectionCount >= 0 && sectionCount <= SearchIndex.sectionLimit else { throw ByteReader.Malformed() }
                    var sections: (UInt16, UInt16, UInt16, UInt16) = (0, 0, 0, 0)
                    if sectionCount > 0 { sections.0 = UInt16(clamping: try reader.int()) }
                    if sectionCount > 1 { sections.1 = UInt16(clamping: try reader.int()) }
                    if sectionCount > 2 { sections.2 = UInt16(clamping: try reader.int()) }
                    if sectionCount > 3 { sections.3 = UInt16(clamping: try reader.int()) }
                    part.postings.append(SearchIndex.Posting(document: Int32(clamping: document), score: UInt16(clamping: score),
                                                             sectionCount: UInt8(sectionCount), sections: sections))
                }
                part.terms.append((term, start..<part.postings.count))
            }
            byFragment[fragment] = part
        }
        for _ in 0..<(try reader.count()) {
            let number = try reader.int()
            let high = try reader.take(8), low = try reader.take(8)
            let fingerprint = Fingerprint(high: Self.word(high), low: Self.word(low))
            let bytes = Array(try reader.take(try reader.count()))
            chunks.append((number, SearchIndex.keep(bytes, fingerprint: fingerprint, at: SearchIndex.chunkPath(number), in: spill, previous: previous)))
        }
        for _ in 0..<(try reader.count()) {
            let high = try reader.take(8), low = try reader.take(8)
            stamps.append(Fingerprint(high: Self.word(high), low: Self.word(low)))
        }
        guard reader.isAtEnd else { throw ByteReader.Malformed() }
    }

    private static func put(_ value: Int, into output: inout [UInt8]) {
        var rest = UInt64(bitPattern: Int64(value))
        while rest >= 0x80 {
            output.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        output.append(UInt8(rest))
    }

    private static func word(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// Reads what `encoded` wrote, throwing at the first byte out of place (a damaged cache).
    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        var isAtEnd: Bool { index == bytes.count }

        mutating func int() throws -> Int {
            var value: UInt64 = 0, shift: UInt64 = 0
            while true {
                guard index < bytes.count, shift < 64 else { throw ByteReader.Malformed() }
                let byte = bytes[index]
                index += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return Int(Int64(bitPattern: value)) }
                shift += 7
            }
        }

        /// A count or length: never more than the bytes left could hold.
        mutating func count() throws -> Int {
            let value = try int()
            guard value >= 0, value <= bytes.count - index else { throw ByteReader.Malformed() }
            return value
        }

        mutating func take(_ count: Int) throws -> ArraySlice<UInt8> {
            guard count >= 0, count <= bytes.count - index else { throw ByteReader.Malformed() }
            defer { index += count }
            return bytes[index..<(index + count)]
        }
    }
}
