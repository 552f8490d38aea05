/// What the search index reads of a rendered body: its sections (headings down to h3), opening words and the
/// text of each section. It travels in the body's memo rather than with its HTML, so the index made again in a
/// new process decodes these instead of rendering every body.
struct BodySummary: Sendable {
    /// Each heading of level 3 or above: its text and id.
    var sections: [(text: String, id: String)]
    var excerpt: String
    /// The text before the first of `sections`, then the text under each: one more than `sections`.
    var sectionTexts: [String]

    init(_ markdown: RenderedMarkdown) {
        sections = markdown.headings.filter { $0.level <= 3 }.map { ($0.text, $0.id) }
        excerpt = markdown.excerpt
        sectionTexts = markdown.sectionTexts
    }

    init(sections: [(text: String, id: String)], excerpt: String, sectionTexts: [String]) {
        self.sections = sections
        self.excerpt = excerpt
        self.sectionTexts = sectionTexts
    }
}
