import Foundation
import Testing
@testable import SitegenKit

@Suite("Rendered bodies kept beside the output")
struct BodySpillTests {
    /// Bodies of every size a site has, including ones longer than the spill's write chunk and text beyond ASCII.
    static func bodies() -> [String] {
        var random = SplitMix64(seed: 11)
        return (0..<3_000).map { index in
            let size = index == 1_500 ? 3 << 20 : Int(random.next() % 4_000)
            let unit = ["<p>mesh ", "Linkerd · Istio ", "ασφάλεια ", "网格 ", "🚀 "][index % 5]
            return "<h2 id=\"s\(index)\">\(index)</h2>" + String(repeating: unit, count: size / unit.utf8.count + 1)
        }
    }

    @Test(arguments: [true, false])
    func everyBodyComesBackAsItWentIn(inAFile: Bool) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-spill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let spill = inAFile ? BodySpill.file(in: folder.path) : BodySpill.memory()
        let bodies = Self.bodies()

        // Put from both cores at once, reading each back straight away: some are still in the buffer, some on
        // their way to the file.
        let slots = Parallel.map(Array(bodies.indices)) { index -> BodySpill.Slot in
            let slot = spill.put(bodies[index])
            #expect(spill.html(at: slot) == bodies[index])
            return slot
        }
        spill.flush()
        for (body, slot) in zip(bodies, slots) { #expect(spill.html(at: slot) == body) }
        // The file has no name: nothing is left behind for anyone to clean up, even after a kill.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func aFolderThatCannotHoldTheFileKeepsTheBodiesInMemory() {
        let spill = BodySpill.file(in: "/nonexistent-\(UUID().uuidString)")
        let slot = spill.put("<p>kept</p>")
        spill.flush()
        #expect(spill.html(at: slot) == "<p>kept</p>")
    }
}
