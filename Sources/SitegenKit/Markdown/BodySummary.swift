/// What the search index shows of a rendered body: its sections (headings down to h3), opening words and
/// vocabulary. It travels in the body's memo rather than with its HTML, so a search part made again in a new
/// process reads 500 of these instead of rendering 500 bodies.
struct BodySummary: Sendable {
    /// Each heading of level 3 or above: its text and id.
    var sections: [(text: String, id: String)]
    var excerpt: String
    var vocabulary: String

    init(_ markdown: RenderedMarkdown) {
        sections = markdown.headings.filter { $0.level <= 3 }.map { ($0.text, $0.id) }
        excerpt = markdown.excerpt
        vocabulary = markdown.vocabulary
    }

    init(sections: [(text: String, id: String)], excerpt: String, vocabulary: String) {
        self.sections = sections
        self.excerpt = excerpt
        self.vocabulary = vocabulary
    }
}
