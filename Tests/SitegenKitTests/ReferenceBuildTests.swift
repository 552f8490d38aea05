import Foundation
import Mustache
import PropertyBased
import Testing
@testable import SitegenKit

/// The optimisations (parallel stages, pages streamed to disk as they render, byte-wise escaping) must not
/// change a single byte of the site.
@Suite("Optimised builds equal the reference")
struct ReferenceBuildTests {
    @Test func theParallelStreamingBuildEqualsTheSerialInMemoryBuild() throws {
        let site = try FixtureSite.repositoryWithGeneratedArticles(count: 150, seed: 9)
        defer { site.cleanUp() }

        let report = site.build()
        #expect(report.succeeded, "\(site.messages(report))")
        #expect(report.pageCount > 170)
        let (reference, diagnostics) = Parallel.$serial.withValue(true) { SiteBuilder().generate(site.options) }
        let files = try #require(reference, "\(diagnostics)")
        let written = try #require(try LocalFileSystem().listFiles(under: site.path("Site"))).files
        #expect(written == (files.files.map(\.path) + [OutputPath.marker]).sorted())
        for file in files.files {
            #expect(try LocalFileSystem().readFile(at: site.path("Site/" + file.path)) == file.bytes, "\(file.path) differs")
        }
    }

    /// Templates escape with `HTML.escape` instead of swift-mustache's own HTML escaping; on any text without
    /// a combining mark after a special character (where the library lets a quote through) both agree.
    @Test func byteWiseEscapingMatchesSwiftMustache() async throws {
        let template = try MustacheTemplate(string: "<p title=\"{{v}}\">{{v}}</p>")
        let alphabet = Array("ab <>&\"'é日🚀\n\t;#x").map(String.init)
        await propertyCheck(count: 500, input: Gen.int(in: 0...Int.max)) { seed in
            let text = randomText(from: alphabet, seed: seed, maxLength: 24)
            #expect(template.render(["v": text]) == "<p title=\"\(HTML.escape(text))\">\(HTML.escape(text))</p>")
        }
    }

    /// Heading ids decide ASCII by byte; they must equal what Unicode properties alone give.
    @Test func headingSlugsMatchTheUnicodePropertyReference() async {
        func reference(_ text: String) -> String {
            var result = ""
            var pendingDash = false
            for scalar in text.unicodeScalars {
                let properties = scalar.properties
                if properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark {
                    if pendingDash && !result.isEmpty { result.append("-") }
                    pendingDash = false
                    result.unicodeScalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
                } else if properties.isWhitespace || scalar == "-" || scalar == "_" {
                    pendingDash = true
                }
            }
            return result
        }
        let alphabet = Array("aZ09 -_\t\n.,:!?()&<'\"é日Ω\u{301}٣½ẞ🚀\u{A0}\u{2003}İ").map(String.init)
        await propertyCheck(count: 1000, input: Gen.int(in: 0...Int.max)) { seed in
            let text = randomText(from: alphabet, seed: seed, maxLength: 20)
            #expect(HeadingSlugger.slugify(text) == reference(text), "\(text)")
        }
    }
}
