import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a watcher reports: paths that changed, or that it lost track and everything must be reread.
public enum WatchEvent: Sendable, Equatable {
    case changed(Set<String>)
    case overflow
}

/// Watches folders recursively with inotify, falling back to polling when the kernel's watch limit is reached.
// Unchecked: every var is set by `start` before the watching thread begins (which gets the descriptors by value)
// and after that read or changed only under `lock` (`stopped`, `watches`, the descriptors the thread closes).
public final class FileWatcher: @unchecked Sendable {
    public let folders: [String]
    public private(set) var usesPolling = false
    private let handler: @Sendable (WatchEvent) -> Void
    private let warn: @Sendable (String) -> Void
    private var descriptor: Int32 = -1
    /// Written to by `stop`: closing the inotify descriptor would not wake a blocked read, and its number could
    /// be reused by the next watcher while this thread still reads it.
    private var wakeRead: Int32 = -1
    private var wakeWrite: Int32 = -1
    private var watches: [Int32: String] = [:]
    private let lock = NSLock()
    private var stopped = false
    private var pollInterval: Double

    /// `handler` is called on a background thread with each batch of events.
    public init(folders: [String], pollInterval: Double = 0.3, warn: @escaping @Sendable (String) -> Void = { _ in },
                handler: @escaping @Sendable (WatchEvent) -> Void) {
        self.folders = folders
        self.pollInterval = pollInterval
        self.warn = warn
        self.handler = handler
    }

    /// Starts watching; returns once every folder is watched.
    public func start(forcePolling: Bool = false) {
        if !forcePolling, startInotify() { return }
        usesPolling = true
        startPolling()
    }

    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        if wakeWrite >= 0 {
            var byte: UInt8 = 1
            _ = write(wakeWrite, &byte, 1)
        }
    }


    // MARK: inotify

    private static let mask: UInt32 = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO
        | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)

    private func startInotify() -> Bool {
        let fd = inotify_init1(Int32(IN_CLOEXEC))
        guard fd >= 0 else {
            warn("inotify is not available (\(String(cString: strerror(errno)))); watching by polling instead")
            return false
        }
        descriptor = fd
        for folder in folders {
            guard addWatches(recursivelyFrom: folder) else {
                close(fd)
                descriptor = -1
                watches = [:]
                return false
            }
        }
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
            close(fd)
            descriptor = -1
            return false
        }
        wakeRead = ends[0]
        wakeWrite = ends[1]
        let wake = ends[0]
        let thread = Thread { [self] in
            self.readLoop(fd, wake: wake)
            // Only this thread closes the descriptors, after its last read, so their numbers cannot be reused under it.
            self.lock.lock()
            close(fd)
            close(wake)
            close(self.wakeWrite)
            self.descriptor = -1
            self.wakeWrite = -1
            self.lock.unlock()
        }
        thread.name = "sitegen-inotify"
        thread.start()
        return true
    }

    /// Adds a watch on `folder` and every folder below it; false when the kernel refuses (the watch limit).
    private func addWatches(recursivelyFrom folder: String) -> Bool {
        let wd = inotify_add_watch(descriptor, folder, Self.mask | UInt32(IN_ONLYDIR))
        if wd < 0 {
            if errno == ENOSPC {
                warn("the kernel's inotify watch limit is reached (fs.inotify.max_user_watches); watching by polling instead. Raise it with: sysctl fs.inotify.max_user_watches=524288")
                return false
            }
            return true  // The folder vanished or is unreadable; its parent's events still arrive.
        }
        lock.lock()
        watches[wd] = folder
        lock.unlock()
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            var isDirectory: ObjCBool = false
            let path = folder + "/" + name
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                if !addWatches(recursivelyFrom: path) { return false }
            }
        }
        return true
    }

    private func readLoop(_ fd: Int32, wake: Int32) {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            var descriptors = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0), pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&descriptors, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                return
            }
            if descriptors[1].revents != 0 { return }
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 {
                if count < 0 && errno == EINTR { continue }
                return
            }
            var changed = Set<String>()
            var overflow = false
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let (wd, mask, nameLength, name) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int, String) in
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    let nameStart = offset + MemoryLayout<inotify_event>.size
                    let nameBytes = raw[nameStart..<(nameStart + Int(event.len))].prefix { $0 != 0 }
                    return (event.wd, event.mask, Int(event.len), String(decoding: nameBytes, as: UTF8.self))
                }
                offset += MemoryLayout<inotify_event>.size + nameLength
                if mask & UInt32(IN_Q_OVERFLOW) != 0 { overflow = true; continue }
                lock.lock()
                let folder = watches[wd]
                lock.unlock()
                guard let folder else { continue }
                let path = name.isEmpty ? folder : folder + "/" + name
                if mask & UInt32(IN_ISDIR) != 0 && mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                    // A folder moved or created here: watch it and report what it already holds.
                    _ = addWatches(recursivelyFrom: path)
                    for file in (try? LocalFileSystem().listFiles(under: path))?.files ?? [] { changed.insert(path + "/" + file) }
                }
                if mask & UInt32(IN_IGNORED) != 0 {
                    lock.lock()
                    watches[wd] = nil
                    lock.unlock()
                    continue
                }
                changed.insert(path)
            }
            if overflow {
                handler(.overflow)
            } else if !changed.isEmpty {
                handler(.changed(changed))
            }
        }
    }

    // MARK: polling

    private struct Stamp: Equatable {
        var modified: timespec
        var size: Int

        static func == (a: Stamp, b: Stamp) -> Bool {
            a.size == b.size && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
        }
    }

    private func snapshot() -> [String: Stamp] {
        var stamps: [String: Stamp] = [:]
        for folder in folders {
            for file in (try? LocalFileSystem().listFiles(under: folder))?.files ?? [] {
                var info = stat()
                let path = folder + "/" + file
                if stat(path, &info) == 0 { stamps[path] = Stamp(modified: info.st_mtim, size: Int(info.st_size)) }
            }
        }
        return stamps
    }

    private func startPolling() {
        let initial = snapshot()
        let thread = Thread { [weak self] in
            var previous = initial
            while let self {
                self.lock.lock()
                let stopped = self.stopped
                self.lock.unlock()
                if stopped { return }
                Thread.sleep(forTimeInterval: self.pollInterval)
                let current = self.snapshot()
                var changed = Set<String>()
                for (path, stamp) in current where previous[path] != stamp { changed.insert(path) }
                for path in previous.keys where current[path] == nil { changed.insert(path) }
                previous = current
                if !changed.isEmpty { self.handler(.changed(changed)) }
            }
        }
        thread.name = "sitegen-poll"
        thread.start()
    }
}
