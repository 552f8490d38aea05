/// An article together with its rendered body: the value that flows from the Markdown stage to link checks and pages.
public struct RenderedArticle: Sendable {
    public var article: Article
    public var markdown: RenderedMarkdown
}
