/// One page as the search index sees it: an article, a catalog entry's page or a comparison, each field with the weight
/// its words get (title above headings above catalog facts and descriptions above body text).
struct SearchDocument: Sendable {
    /// A heading's stretch of the page: its text and anchor ("" for the top of the page) and the words under it.
    struct Section: Sendable {
        var heading: String
        var id: String
        var text: String
    }

    var kind: String
    var title: String
    var url: String
    var description: String
    /// Words about the page rather than in it: keywords and tags, or the catalog's facts.
    var facts: [String]
    /// The top of the page first, heading "" and id "".
    var sections: [Section]
    /// Whether section text is catalog facts (weighed as facts) rather than prose.
    var textIsFacts: Bool

    /// An article: its body's sections pair with its headings when the render gave one text per heading.
    init(article: Article, summary: BodySummary, baseURL: BaseURL) {
        kind = "article"
        title = article.title
        url = baseURL.rooted(ResolvedSite.sitePath(of: article))
        description = article.metaDescription
        facts = [article.metaDescription] + article.keywords + article.tags
        textIsFacts = false
        let texts = summary.sectionTexts
        if texts.count == summary.sections.count + 1 {
            sections = [Section(heading: "", id: "", text: texts[0])]
                + zip(summary.sections, texts.dropFirst()).map { Section(heading: $0.0.text, id: $0.0.id, text: $0.1) }
        } else {
            sections = [Section(heading: "", id: "", text: texts.joined(separator: " "))]
                + summary.sections.map { Section(heading: $0.text, id: $0.id, text: "") }
        }
    }

    init(kind: String, title: String, url: String, description: String, facts: [String], sections: [Section]) {
        self.kind = kind
        self.title = title
        self.url = url
        self.description = description
        self.facts = facts
        self.sections = sections
        textIsFacts = true
    }
}
