import Ccmark
#if canImport(Glibc)
import Glibc
#endif

/// Renders an article body with libcmark: parse to the AST, transform headings, links and directives, render HTML.
public struct MarkdownRenderer: Sendable {
    /// How much of a body's opening text search shows, in bytes.
    static let excerptLength = 320
    public var allowRawHTML: Bool
    /// The site's base path (`/` or `/guide/`), prefixed to root-relative links.
    public var basePath: String
    public var directives: DirectiveRegistry
    public var context: DirectiveContext
    /// Ids the page templates define, which headings must not reuse.
    public var reservedIDs: Set<String>
    /// Ids the article page's own templates define, which a directive's ids must not repeat (nil: `reservedIDs`).
    public var pageTemplateIDs: Set<String>?
    /// Article source paths → their site paths, so `[x](other.md#part)` becomes a link to the page.
    public var sourcePages: [String: String] = [:]

    public init(allowRawHTML: Bool, basePath: String, directives: DirectiveRegistry, context: DirectiveContext, reservedIDs: Set<String> = [],
                pageTemplateIDs: Set<String>? = nil) {
        self.allowRawHTML = allowRawHTML
        self.basePath = basePath
        self.directives = directives
        self.context = context
        self.reservedIDs = reservedIDs
        self.pageTemplateIDs = pageTemplateIDs
    }

    private var options: Int32 {
        // Without UNSAFE, cmark replaces authors' raw HTML with a comment; our own HTML goes
        // through custom nodes, which cmark always emits.
        CMARK_OPT_SMART | CMARK_OPT_VALIDATE_UTF8 | (allowRawHTML ? CMARK_OPT_UNSAFE : 0)
    }

    /// `firstLine` is the file line of the body's first line, so positions match the file.
    public func render(_ markdown: some StringProtocol, path: String, firstLine: Int = 1) -> (RenderedMarkdown, [Diagnostic]) {
        guard let parser = cmark_parser_new(options) else {
            return (RenderedMarkdown(html: "", headings: [], anchors: [], links: []), [.error("libcmark could not start", at: nil)])
        }
        defer { cmark_parser_free(parser) }
        // A Substring of the file's text, not a copy of it.
        var source = Substring(markdown)
        source.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                if let base = chars.baseAddress { cmark_parser_feed(parser, base, chars.count) }
            }
        }
        guard let document = cmark_parser_finish(parser) else {
            return (RenderedMarkdown(html: "", headings: [], anchors: [], links: []), [.error("libcmark could not parse", at: nil)])
        }
        defer { cmark_node_free(document) }

        var transform = Transform(renderer: self, path: path, lineOffset: firstLine - 1)
        transform.apply(to: document)

        let html = Self.renderHTML(document, options: options)
        let rendered = RenderedMarkdown(html: html, headings: transform.headings, anchors: transform.anchors, links: transform.links,
                                        dependencies: transform.dependencies, usesSourceLinks: transform.usesSourceLinks,
                                        excerpt: transform.trimmedExcerpt, sectionTexts: transform.sectionText.texts)
        return (rendered, transform.diagnostics)
    }

    static func renderHTML(_ node: OpaquePointer, options: Int32) -> String {
        guard let raw = cmark_render_html(node, options) else { return "" }
        defer { free(raw) }
        return String(cString: raw)
    }
}

/// One pass over a parsed document: nodes are collected first and changed afterwards,
/// because cmark forbids changing the tree under a live iterator.
private struct Transform {
    let renderer: MarkdownRenderer
    let path: String
    let lineOffset: Int
    var headings: [RenderedMarkdown.Heading] = []
    var anchors: Set<String> = []
    var links: [RenderedMarkdown.Link] = []
    var diagnostics: [Diagnostic] = []
    var dependencies: Set<CatalogDependency> = []
    var usesSourceLinks = false
    /// The opening words of the body, for the search index.
    var excerpt = ""
    var sectionText = SectionText()
    var slugger: HeadingSlugger
    /// Each id a directive defined on this page, with the directive's name and line, so a second one is named.
    var directiveIDs: [String: (name: String, line: Int)] = [:]
    /// The page template's ids and every directive's so far: what a directive's derived id must avoid.
    var takenIDs: Set<String>
    /// `DirectiveInvocation.nextSuffix`, kept as ids are claimed.
    var nextSuffix: [String: Int] = [:]

    init(renderer: MarkdownRenderer, path: String, lineOffset: Int) {
        self.renderer = renderer
        self.path = path
        self.lineOffset = lineOffset
        self.slugger = HeadingSlugger(reserved: renderer.reservedIDs)
        self.takenIDs = renderer.pageTemplateIDs ?? renderer.reservedIDs
    }

    mutating func apply(to document: OpaquePointer) {
        var headingNodes: [OpaquePointer] = []
        var codeBlocks: [(node: OpaquePointer, section: Int)] = []
        var linkNodes: [OpaquePointer] = []
        var quotes: [OpaquePointer] = []
        guard let iterator = cmark_iter_new(document) else { return }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_HEADING {
                sectionText.heading(entering: event == CMARK_EVENT_ENTER, level: Int(cmark_node_get_heading_level(node)))
            } else if event == CMARK_EVENT_ENTER, type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE, let literal = cmark_node_get_literal(node) {
                sectionText.add(literal)
            } else if event == CMARK_EVENT_ENTER, type == CMARK_NODE_CODE_BLOCK, let literal = cmark_node_get_literal(node),
                      case .codeBlock = renderer.directives.match(infoString: cmark_node_get_fence_info(node).map { String(cString: $0) } ?? "") {
                // A directive's block is its arguments, not words a reader sees; its tables are catalog facts.
                sectionText.add(literal)
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK || (event == CMARK_EVENT_EXIT && type == CMARK_NODE_PARAGRAPH) {
                sectionText.space()
            }
            if event == CMARK_EVENT_ENTER, excerpt.utf8.count < MarkdownRenderer.excerptLength {
                if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE, let literal = cmark_node_get_literal(node) {
                    excerpt += String(cString: literal)
                } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK || type == CMARK_NODE_PARAGRAPH {
                    if !excerpt.isEmpty && excerpt.last != " " { excerpt += " " }
                }
            }
            if event == CMARK_EVENT_ENTER {
                if type == CMARK_NODE_HEADING { headingNodes.append(node) }
                else if type == CMARK_NODE_CODE_BLOCK { codeBlocks.append((node, sectionText.current)) }
                else if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE { linkNodes.append(node) }
                else if type == CMARK_NODE_BLOCK_QUOTE { quotes.append(node) }
            }
        }
        cmark_iter_free(iterator)

        // Callouts only move nodes into a wrapper, so the nodes collected above stay valid.
        for node in quotes { visitQuote(node) }
        // Links first: headings render their inline content, which must already carry rewritten URLs.
        for node in linkNodes { visitLink(node) }
        for (node, section) in codeBlocks { visitCodeBlock(node, section: section) }
        for node in headingNodes { visitHeading(node) }
    }

    func location(of node: OpaquePointer, fallback: OpaquePointer? = nil) -> SourceLocation {
        var line = Int(cmark_node_get_start_line(node))
        var column = Int(cmark_node_get_start_column(node))
        if line == 0, let parent = fallback ?? enclosingBlock(of: node) {
            line = Int(cmark_node_get_start_line(parent))
            column = Int(cmark_node_get_start_column(parent))
        }
        return SourceLocation(path: path, line: line + lineOffset, column: column)
    }

    private func enclosingBlock(of node: OpaquePointer) -> OpaquePointer? {
        var current = cmark_node_parent(node)
        while let candidate = current {
            if cmark_node_get_start_line(candidate) > 0 { return candidate }
            current = cmark_node_parent(candidate)
        }
        return nil
    }

    mutating func visitLink(_ node: OpaquePointer) {
        var destination = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
        if let page = sourcePage(for: destination) { destination = page }
        links.append(.init(destination: destination, location: location(of: node), isImage: cmark_node_get_type(node) == CMARK_NODE_IMAGE))
        if destination.hasPrefix("/") && !destination.hasPrefix("//") {
            cmark_node_set_url(node, renderer.basePath + destination.dropFirst())
        }
    }

    /// `other.md#part` written next to this article → `/other-slug/#part`; nil when the link is not to a known article file.
    private mutating func sourcePage(for destination: String) -> String? {
        guard !LinkChecker.isExternal(destination), !destination.hasPrefix("/") else { return nil }
        let (file, suffix) = SitePath.splitSuffix(destination)
        guard file.hasSuffix(".md") else { return nil }
        usesSourceLinks = true
        let directory = path.utf8.split(separator: SitePath.slash, omittingEmptySubsequences: false).dropLast()
            .map { String(decoding: $0, as: UTF8.self) }.joined(separator: "/")
        let resolved = SitePath.normalize(directory.isEmpty ? file : directory + "/" + file)
        return renderer.sourcePages[resolved].map { $0 + suffix }
    }

    mutating func visitCodeBlock(_ node: OpaquePointer, section: Int) {
        let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
        switch renderer.directives.match(infoString: info) {
        case .codeBlock:
            // A language the highlighter knows is written here; any other block stays cmark's, plain.
            if let html = CodeHighlighter.codeBlock(cmark_node_get_literal(node).map { String(cString: $0) } ?? "", info: info) {
                replace(node, withHTML: html)
            }
        case let .unknown(_, message):
            diagnostics.append(.error(message, at: location(of: node)))
        case let .directive(directive, arguments):
            let start = location(of: node)
            var invocation = DirectiveInvocation(
                name: directive.name, arguments: arguments,
                body: cmark_node_get_literal(node).map { String(cString: $0) } ?? "",
                location: start, bodyStartLine: start.line + 1)
            invocation.takenIDs = takenIDs
            invocation.nextSuffix = nextSuffix
            let output = directive.expand(invocation, context: renderer.context)
            diagnostics += output.diagnostics
            claim(output.anchors, by: directive.name, at: start)
            anchors.formUnion(output.anchors)
            dependencies.formUnion(output.dependencies)
            // Readers see a directive's tables as the page's words, so search finds them where they stand.
            sectionText.add(html: output.html, to: section)
            replace(node, withHTML: output.html)
        }
    }

    /// A directive's ids are the author's (its `id:` option, or derived from its entry or line and numbered past the
    /// ids above it): two blocks or a template defining one id is an error at the later block, and headings,
    /// slugged after every directive, step around them.
    mutating func claim(_ ids: [String], by name: String, at location: SourceLocation) {
        let templateIDs = renderer.pageTemplateIDs ?? renderer.reservedIDs
        var clash: String?
        for id in ids {
            if templateIDs.contains(id) {
                clash = clash ?? "the id '\(id)' of this \(name) is already used by the page's template"
            } else if let earlier = directiveIDs[id] {
                let other = earlier.line == location.line ? "this block already" : "the \(earlier.name) at line \(earlier.line)"
                clash = clash ?? "the id '\(id)' of this \(name) is already used on this page by \(other)"
            } else {
                directiveIDs[id] = (name, location.line)
                takenIDs.insert(id)
                if let dash = id.utf8.lastIndex(of: UInt8(ascii: "-")), let number = Int(id[id.index(after: dash)...]), number > 0 {
                    let base = String(id[..<dash])
                    nextSuffix[base] = max(nextSuffix[base] ?? 1, number + 1)
                }
            }
        }
        // One message per block: its other ids (`-caption`, `-note-1`…) clash for the same reason.
        if let clash { diagnostics.append(.error(clash + "; give the block another 'id:'", at: location)) }
        slugger.reserve(ids)
    }

    /// `> [!NOTE]` (GitHub's alert syntax): the quote becomes a labelled callout holding the same blocks, so
    /// links, code and directives inside it are handled as anywhere else.
    mutating func visitQuote(_ node: OpaquePointer) {
        guard let paragraph = cmark_node_first_child(node), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH else { return }
        // cmark splits `[!NOTE]` into text nodes at the brackets; the marker is every text node before the first line break.
        var markerNodes: [OpaquePointer] = []
        var marker = ""
        var child = cmark_node_first_child(paragraph)
        while let current = child, cmark_node_get_type(current) == CMARK_NODE_TEXT {
            marker += cmark_node_get_literal(current).map { String(cString: $0) } ?? ""
            markerNodes.append(current)
            child = cmark_node_next(current)
        }
        let lineEnd = child.flatMap { [CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK].contains(cmark_node_get_type($0)) ? $0 : nil }
        guard child == nil || lineEnd != nil, let name = Callout.markerName(marker.trimmingCharacters(in: " ")) else { return }
        guard let kind = Callout.Kind(rawValue: name.uppercased()) else {
            diagnostics.append(.error(
                "'[!\(name)]' is not a callout\(Callout.suggestion(for: name)); use one of \(Callout.Kind.allCases.map { "[!\($0.rawValue)]" }.joined(separator: ", "))",
                at: location(of: paragraph)))
            return
        }
        for text in markerNodes + [lineEnd].compactMap({ $0 }) {
            cmark_node_unlink(text)
            cmark_node_free(text)
        }
        if cmark_node_first_child(paragraph) == nil {
            cmark_node_unlink(paragraph)
            cmark_node_free(paragraph)
        }
        guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return }
        cmark_node_set_on_enter(block, kind.openingHTML)
        cmark_node_set_on_exit(block, "</div>")
        while let inner = cmark_node_first_child(node) {
            cmark_node_unlink(inner)
            if cmark_node_append_child(block, inner) != 1 { cmark_node_free(inner) }
        }
        if cmark_node_replace(node, block) == 1 {
            cmark_node_free(node)
        } else {
            cmark_node_free(block)
        }
    }

    mutating func visitHeading(_ node: OpaquePointer) {
        let level = Int(cmark_node_get_heading_level(node))
        let text = Self.plainText(of: node)
        let id = slugger.unique(for: text)
        anchors.insert(id)
        headings.append(.init(level: level, id: id, text: text))
        let rendered = MarkdownRenderer.renderHTML(node, options: 0 | (renderer.allowRawHTML ? CMARK_OPT_UNSAFE : 0))
        let open = "<h\(level)>", close = "</h\(level)>"
        var inner = Substring(rendered.trimmingTrailingNewlines())
        if inner.hasPrefix(open) { inner = inner.dropFirst(open.count) }
        if inner.hasSuffix(close) { inner = inner.dropLast(close.count) }
        let label = HTML.escape("Link to the section “\(text)”")
        let html = "<h\(level) id=\"\(id)\">\(inner)<a class=\"heading-anchor\" href=\"#\(id)\" aria-label=\"\(label)\">#</a></h\(level)>"
        replace(node, withHTML: html)
    }

    /// Swaps a node for a custom block whose text cmark emits as is, even without CMARK_OPT_UNSAFE.
    private func replace(_ node: OpaquePointer, withHTML html: String) {
        guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return }
        cmark_node_set_on_enter(block, html)
        cmark_node_set_on_exit(block, "")
        if cmark_node_replace(node, block) == 1 {
            cmark_node_free(node)
        } else {
            cmark_node_free(block)
        }
    }

    /// The excerpt cut at a word boundary.
    var trimmedExcerpt: String {
        guard excerpt.utf8.count > MarkdownRenderer.excerptLength else { return excerpt.trimmingCharacters(in: " ") }
        var cut = excerpt.prefix(MarkdownRenderer.excerptLength)
        if let space = cut.lastIndex(of: " ") { cut = cut[..<space] }
        return String(cut) + "…"
    }

    /// The text a reader sees in a heading, for its id and the table of contents.
    static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        guard let iterator = cmark_iter_new(node) else { return text }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(child)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE {
                if let literal = cmark_node_get_literal(child) { text += String(cString: literal) }
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                text += " "
            }
        }
        return text
    }
}

extension String {
    func trimmingTrailingNewlines() -> Substring {
        var slice = Substring(self)
        while slice.last == "\n" { slice.removeLast() }
        return slice
    }
}
