import CSitegenSystem
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Rendered bodies' HTML between the render-Markdown stage and their pages, and memo payloads between the stage
/// that made them and the cache's save, in an unnamed file beside the output rather than on the heap. Every body is rendered before any link is checked, and its
/// page is made after: held in memory they were most of a build's peak (1.2 GB of 2.6 GB at 100,000 articles).
/// The file has no name, so the kernel reclaims it when the process ends, killed or not; pages of it are the
/// kernel's to write out or drop. Without such a file (another system, a file system that refuses one, tests)
/// the bodies stay in memory.
final class BodySpill: Sendable {
    /// Where one body's HTML (or one payload) is.
    struct Slot: Sendable, Hashable {
        let offset: Int
        let count: Int
    }

    private let descriptor: Int32
    private let buffers = Mutex(Buffers())
    private static let chunk = 1 << 20

    /// What workers on every core append to and read from, under the mutex.
    private struct Buffers {
        /// Appended bodies not yet written: bodies come a few kilobytes at a time, the file takes them a megabyte at a time.
        var pending: [UInt8] = []
        var pendingStart = 0
        /// Bodies by where they start, when not (yet) in the file: every body without a file; with one, a chunk while
        /// it is being written, and for good if the file refused it, so a full disk costs memory, not pages.
        var held: [Int: [UInt8]] = [:]
        var end = 0

        /// The slot's bytes when they are not (only) in the file.
        func heldBytes(at slot: Slot) -> ArraySlice<UInt8>? {
            if let bytes = held[slot.offset], bytes.count == slot.count { return bytes[...] }
            for (start, bytes) in held where start <= slot.offset && slot.offset + slot.count <= start + bytes.count {
                return bytes[(slot.offset - start)..<(slot.offset - start + slot.count)]
            }
            guard slot.offset >= pendingStart else { return nil }
            let from = slot.offset - pendingStart
            return pending[from..<(from + slot.count)]
        }

        /// The chunk stays readable from `held` until it is in the file.
        mutating func takePending() -> (start: Int, bytes: [UInt8]) {
            let taken = (start: pendingStart, bytes: pending)
            held[pendingStart] = pending
            pending = []
            pending.reserveCapacity(BodySpill.chunk + 64 * 1024)
            pendingStart = end
            return taken
        }
    }

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Bodies kept in memory.
    static func memory() -> BodySpill { BodySpill(descriptor: -1) }

    /// Bodies kept in an unnamed file in `directory` (the output's parent, so on the disk the output goes to), or
    /// in memory when the file system cannot make one.
    static func file(in directory: String) -> BodySpill {
        BodySpill(descriptor: sitegen_open_unnamed_file(directory))
    }

    /// Keeps `html` and says where it is.
    func put(_ html: String) -> Slot {
        var html = html
        return html.withUTF8(append)
    }

    /// Keeps `bytes` and says where they are.
    func put(bytes: [UInt8]) -> Slot {
        bytes.withUnsafeBufferPointer(append)
    }

    private func append(_ bytes: UnsafeBufferPointer<UInt8>) -> Slot {
        let inFile = descriptor >= 0
        let (slot, full) = buffers.withLock { buffers -> (Slot, (start: Int, bytes: [UInt8])?) in
            let slot = Slot(offset: buffers.end, count: bytes.count)
            buffers.end += bytes.count
            if !inFile {
                buffers.held[slot.offset] = Array(bytes)
                return (slot, nil)
            }
            buffers.pending.append(contentsOf: bytes)
            guard buffers.pending.count >= Self.chunk else { return (slot, nil) }
            return (slot, buffers.takePending())
        }
        if let full { write(full) }
        return slot
    }

    /// Writes what is pending, so every slot handed out so far can be read from the file.
    func flush() {
        if let rest = buffers.withLock({ $0.pending.isEmpty ? nil : $0.takePending() }) { write(rest) }
    }

    /// The HTML at `slot`, or nil when the file could not give it back (the caller renders the body again).
    func html(at slot: Slot) -> String? {
        if let inMemory = buffers.withLock({ $0.heldBytes(at: slot).map { String(decoding: $0, as: UTF8.self) } }) { return inMemory }
        guard descriptor >= 0 else { return nil }
        var failed = false
        let text = String(unsafeUninitializedCapacity: slot.count) { buffer in
            failed = !read(slot, into: buffer)
            return failed ? 0 : slot.count
        }
        return failed ? nil : text
    }

    /// The bytes at `slot`, or nil when the file could not give them back.
    func bytes(at slot: Slot) -> [UInt8]? {
        if let inMemory = buffers.withLock({ $0.heldBytes(at: slot).map(Array.init) }) { return inMemory }
        guard descriptor >= 0 else { return nil }
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: slot.count) { buffer, count in
            failed = !read(slot, into: buffer)
            count = failed ? 0 : slot.count
        }
        return failed ? nil : bytes
    }

    private func read(_ slot: Slot, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Bool {
        Self.transferAll(slot.count) { done in
            pread(descriptor, buffer.baseAddress! + done, slot.count - done, off_t(slot.offset + done))
        }
    }

    /// Repeats `transfer` (a `pread` or `pwrite` of what is left after `done` bytes) until `count` bytes moved;
    /// false on an error or the end of the file.
    private static func transferAll(_ count: Int, _ transfer: (_ done: Int) -> Int) -> Bool {
        var done = 0
        while done < count {
            let moved = transfer(done)
            if moved <= 0 {
                if moved < 0, errno == EINTR { continue }
                return false
            }
            done += moved
        }
        return true
    }

    private func write(_ chunk: (start: Int, bytes: [UInt8])) {
        let written = chunk.bytes.withUnsafeBytes { buffer in
            Self.transferAll(buffer.count) { done in
                pwrite(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(chunk.start + done))
            }
        }
        if written { buffers.withLock { _ = $0.held.removeValue(forKey: chunk.start) } }
    }
}
