import Testing
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
