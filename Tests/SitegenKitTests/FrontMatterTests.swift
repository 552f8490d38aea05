import PropertyBased
import Testing
import Yams
@testable import SitegenKit

@Suite("Front matter splitting")
struct FrontMatterTests {
    @Test func splitsTheBlockOnLineOne() throws {
        let split = try FrontMatter.split("---\ntitle: x\n---\n# Body\n", path: "a.md").get()
        #expect(split.yaml == "title: x\n")
        #expect(split.yamlStartLine == 2)
        #expect(split.body == "# Body\n")
        #expect(split.bodyStartLine == 4)
    }

    @Test func aLaterRuleIsNotFrontMatter() throws {
        let text = "Intro\n\n---\ntitle: x\n---\n"
        let split = try FrontMatter.split(text, path: "a.md").get()
        #expect(split.yaml == nil)
        #expect(split.body == text)
    }

    @Test func toleratesCRLFAndTrailingSpaces() throws {
        let split = try FrontMatter.split("---  \r\ntitle: x\r\n---\r\nBody", path: "a.md").get()
        #expect(split.yaml == "title: x\r\n")
        #expect(split.body == "Body")
    }

    @Test func anUnclosedBlockIsAnErrorOnLineOne() {
        let result = FrontMatter.split("---\ntitle: x\n\nBody\n", path: "Content/articles/a.md")
        guard case .failure(let diagnostic) = result else {
            Issue.record("expected a failure")
            return
        }
        #expect(diagnostic.description.hasPrefix("Content/articles/a.md:1:1: error: front matter"))
    }
}

@Suite("YAML types")
struct YAMLTypeTests {
    /// Front matter skips Yams' regular expressions for scalars that can only be text; that shortcut must
    /// never change what a scalar is read as.
    @Test func theShortcutAgreesWithYamsDefaultRules() async {
        let pieces = ["yes", "No", "TRUE", "off", "On", "null", "~", "0", "1", "-", "+", ".", "5", "e", "x", "_", ":", "0x",
                      "inf", ".nan", "2026-04-02", " ", "T", "10:30", "<<", "=", "Notes", "y", "n", "o", "f", "é", "1.10", "0b1"]
        await propertyCheck(count: 2000, input: Gen.int(in: 0...Int.max)) { seed in
            let text = randomText(from: pieces, seed: seed, maxLength: 3, minimumLength: 1)
            let plain = Node.scalar(.init(text, .implicit, .plain))
            #expect(YAMLDocument.tag(of: plain) == Resolver.default.resolveTag(of: plain), "\(text)")
        }
    }
}
