/// An article body rendered to HTML, with everything later stages need so nothing is parsed twice.
public struct RenderedMarkdown: Sendable {
    /// A heading of the body, for the table of contents and anchor checks.
    public struct Heading: Sendable, Hashable {
        public var level: Int
        public var id: String
        public var text: String
    }

    /// A link or image written in the body, with the position to report if it is broken.
    public struct Link: Sendable, Hashable {
        /// The destination as the author wrote it.
        public var destination: String
        public var location: SourceLocation
        public var isImage: Bool
    }

    public var html: String
    public var headings: [Heading]
    /// Every id defined in the body: headings and directive output.
    public var anchors: Set<String>
    public var links: [Link]
    /// Catalog entries shown by the body's directives.
    public var dependencies: Set<CatalogDependency> = []
    /// Whether a link named an article's source file, so renaming articles can change this body.
    public var usesSourceLinks = false
    /// The body's opening words as plain text, for search.
    public var excerpt = ""
    /// The body's text by section, for search: before the first heading of level 3 or above, then under each.
    public var sectionTexts: [String] = []

    /// h2 and h3 headings nested as a table of contents.
    public var tableOfContents: [TableOfContentsEntry] {
        var entries: [TableOfContentsEntry] = []
        for heading in headings where heading.level == 2 || heading.level == 3 {
            let entry = TableOfContentsEntry(id: heading.id, text: heading.text, children: [])
            if heading.level == 3, !entries.isEmpty {
                entries[entries.count - 1].children.append(entry)
            } else {
                entries.append(entry)
            }
        }
        return entries
    }
}

/// One line of an article's table of contents.
public struct TableOfContentsEntry: Sendable, Hashable {
    public var id: String
    public var text: String
    public var children: [TableOfContentsEntry]
}
