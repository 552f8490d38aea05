import Foundation
import Testing

/// Compares text with a file under Tests/SitegenKitTests/Golden; `SITEGEN_UPDATE_GOLDEN=1 swift test` rewrites the files.
enum Golden {
    static func check(_ actual: String, against name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Golden").appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["SITEGEN_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "differs from Golden/\(name); rerun with SITEGEN_UPDATE_GOLDEN=1 if the change is intended", sourceLocation: sourceLocation)
    }
}
