import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Standard error, and whether a person is watching it.
struct Terminal: Sendable {
    let fileDescriptor: Int32

    static let standardError = Terminal(fileDescriptor: STDERR_FILENO)

    var isInteractive: Bool { isatty(fileDescriptor) == 1 }

    func write(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fileDescriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }
}
