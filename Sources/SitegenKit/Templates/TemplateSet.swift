import Foundation
import Mustache

/// The site's Mustache templates, compiled once, with every partial reference checked. swift-mustache parses
/// them and reports their errors; those it parses the way `TemplateParser` can also follow render through
/// `CompiledTemplate`, the rest through swift-mustache.
public struct TemplateSet: Sendable {
    /// The templates every site needs.
    static let required = ["article", "index", "404", "tags", "tag", "search"]

    let library: MustacheLibrary
    /// Templates the fast renderer takes, with every partial and parent they pull in.
    let compiled: [String: CompiledTemplate]
    public let names: [String]
    /// Fixed `id="…"` attributes in the templates: headings must not reuse them, and links may target them.
    public let staticIDs: Set<String>
    /// Each template's own fixed ids, before partials.
    let ownIDs: [String: Set<String>]
    /// Each template with every partial and parent it pulls in, transitively, so an edit can find the pages it changes.
    public let closures: [String: Set<String>]

    /// Compiles every template; syntax errors and missing partials come back as diagnostics at the template's line.
    static func compile(_ files: [SourceFile], directory: String, required: [String] = TemplateSet.required,
                        alsoRequired: [String] = []) -> (TemplateSet?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        _ = EscapingContentType.registered
        var library = MustacheLibrary()
        var names: [String] = []
        var parsed: [String: CompiledTemplate] = [:]
        for file in files {
            let name = templateName(of: file.path, directory: directory)
            names.append(name)
            do {
                library.register(try MustacheTemplate(string: EscapingContentType.pragma + file.text), named: name)
                parsed[name] = TemplateParser.parse(EscapingContentType.pragma + file.text,
                                                    pragma: ("CONTENT_TYPE", EscapingContentType.pragmaName),
                                                    path: file.path, prefixLength: EscapingContentType.pragma.count)
            } catch let error as MustacheTemplate.ParserError {
                // The pragma shares the first line, so columns there are shifted by its length.
                let line = error.context.lineNumber
                let column = error.context.columnNumber + 1 - (line == 1 ? EscapingContentType.pragma.count : 0)
                diagnostics.append(.error(
                    "template syntax error: \(describe(error.error))",
                    at: SourceLocation(path: file.path, line: line, column: max(1, column))))
            } catch {
                diagnostics.append(.error("template syntax error: \(error)", at: SourceLocation(path: file.path)))
            }
        }
        // swift-mustache renders a missing partial as nothing; a typo must not silently drop a page's header.
        let known = Set(names)
        for file in files {
            for reference in partialReferences(in: file.text) where !known.contains(reference.name) {
                diagnostics.append(.error(
                    "partial '\(reference.name)' does not exist\(Suggestion.hint(for: reference.name, in: names)); templates are: \(names.sorted().joined(separator: ", "))",
                    at: SourceLocation(path: file.path, line: reference.line, column: reference.column)))
            }
        }
        for name in required + alsoRequired where !known.contains(name) {
            diagnostics.append(.error("the template '\(name)' is missing (expected \(directory)/\(name).mustache)", at: nil))
        }
        let ids = Set(files.flatMap { staticIDs(in: $0.text) })
        var direct: [String: Set<String>] = [:]
        var ownIDs: [String: Set<String>] = [:]
        for file in files {
            let name = templateName(of: file.path, directory: directory)
            direct[name] = Set(partialReferences(in: file.text).map(\.name))
            ownIDs[name] = Set(staticIDs(in: file.text))
        }
        var closures: [String: Set<String>] = [:]
        for name in names {
            var seen: Set<String> = [name], queue = [name]
            while let next = queue.popLast() {
                for reference in direct[next] ?? [] where seen.insert(reference).inserted { queue.append(reference) }
            }
            closures[name] = seen
        }
        // A template renders fast only if everything it pulls in does too.
        let compiled = parsed.filter { name, _ in closures[name, default: []].allSatisfy { parsed[$0] != nil } }
        diagnostics += unboundedFallbacks(files, directory: directory, compiled: compiled)
        let set = TemplateSet(library: library, compiled: compiled, names: names.sorted(), staticIDs: ids, ownIDs: ownIDs, closures: closures)
        return (diagnostics.hasErrors ? nil : set, diagnostics)
    }

    /// The fixed ids on a page made from `template`: its own and those of every partial and parent it pulls in.
    public func staticIDs(onPage template: String) -> Set<String> {
        (closures[template] ?? [template]).reduce(into: []) { $0.formUnion(ownIDs[$1] ?? []) }
    }

    /// Why a page could not be rendered, at the template tag where it stopped.
    struct RenderError: Error, Sendable {
        var message: String
        var location: SourceLocation?
        /// Stopped because another page of the build ran out of budget first: nothing to report for this one.
        var cancelled = false
    }

    /// Renders a page, within `CompiledTemplate.Limits` when sitegen's renderer takes the template; swift-mustache
    /// renders the rest, whose partial graphs `compile` has checked for cycles and size instead.
    func renderPage(_ context: TemplateValue, template: String, limits: CompiledTemplate.Limits = .standard,
                    stop: RenderStop? = nil) -> Result<[UInt8], RenderError> {
        if let fast = compiled[template] {
            return fast.render(context, templates: compiled, limits: limits, stop: stop)
                .mapError { RenderError(message: $0.message, location: $0.location, cancelled: $0.cancelled) }
        }
        guard let text = library.render(context.any, withTemplate: template) else {
            return .failure(RenderError(message: "template '\(template)' could not be rendered", location: nil))
        }
        return .success(Array(text.utf8))
    }

    /// Renders a page; nil when it could not be (a missing template, or a render past its limits).
    func render(_ context: TemplateValue, template: String) -> [UInt8]? {
        try? renderPage(context, template: template).get()
    }

    /// Always through swift-mustache, for tests that hold the fast renderer to it.
    func renderWithSwiftMustache(_ context: TemplateValue, template: String) -> [UInt8]? {
        library.render(context.any, withTemplate: template).map { Array($0.utf8) }
    }

    /// swift-mustache has no depth limit, so a template it renders must not reach a cycle of partials (each is an
    /// error at the `{{> name}}` that closes it) nor expand, partials written out, past `CompiledTemplate.Limits.bytes`
    /// of template text (partials that each include the next twice).
    static func unboundedFallbacks(_ files: [SourceFile], directory: String, compiled: [String: CompiledTemplate]) -> [Diagnostic] {
        var references: [String: [PartialReference]] = [:]
        var paths: [String: String] = [:]
        var lengths: [String: Int] = [:]
        for file in files {
            let name = templateName(of: file.path, directory: directory)
            references[name] = partialReferences(in: file.text)
            paths[name] = file.path
            lengths[name] = file.text.utf8.count
        }
        let fallbacks = references.keys.filter { compiled[$0] == nil }.sorted()
        guard !fallbacks.isEmpty else { return [] }
        var diagnostics: [Diagnostic] = []
        // Depth-first, iteratively: 0 unseen, 1 on the current path, 2 done. A reference to a template on the path closes a cycle.
        var state: [String: Int] = [:]
        var expanded: [String: Int] = [:]
        let limit = CompiledTemplate.Limits.standard.bytes
        for start in fallbacks where state[start, default: 0] == 0 {
            var path: [(name: String, next: Int)] = [(start, 0)]
            state[start] = 1
            while let top = path.last {
                let outgoing = references[top.name] ?? []
                if top.next < outgoing.count {
                    path[path.count - 1].next += 1
                    let reference = outgoing[top.next]
                    guard references[reference.name] != nil else { continue }
                    switch state[reference.name, default: 0] {
                    case 0:
                        state[reference.name] = 1
                        path.append((reference.name, 0))
                    case 1:
                        let from = path.firstIndex { $0.name == reference.name } ?? 0
                        let cycle = (path[from...].map(\.name) + [reference.name]).joined(separator: " → ")
                        diagnostics.append(.error(
                            "partials include each other in a cycle (\(cycle)); this template is rendered by swift-mustache, which cannot stop the recursion, so remove the cycle",
                            at: SourceLocation(path: paths[top.name] ?? top.name, line: reference.line, column: reference.column)))
                    default:
                        break
                    }
                } else {
                    // Every partial below is done (or cyclic, counted once): the text this one writes out, saturated.
                    var size = lengths[top.name] ?? 0
                    for reference in outgoing where state[reference.name] == 2 {
                        size = min(limit + 1, size + (expanded[reference.name] ?? 0))
                    }
                    expanded[top.name] = size
                    state[top.name] = 2
                    path.removeLast()
                }
            }
        }
        for name in fallbacks where (expanded[name] ?? 0) > limit {
            diagnostics.append(.error(
                "with its partials written out this template is over \(limit >> 20) MB; a partial included many times at each level multiplies",
                at: SourceLocation(path: paths[name] ?? name, line: 1, column: 1)))
        }
        return diagnostics
    }

    /// `Templates/partials/head.mustache` is the partial `partials/head`.
    static func templateName(of path: String, directory: String) -> String {
        var name = path
        if name.hasPrefix(directory + "/") { name.removeFirst(directory.count + 1) }
        if name.hasSuffix(".mustache") { name.removeLast(".mustache".count) }
        return name
    }

    static func staticIDs(in text: String) -> [String] {
        var ids: [String] = []
        var rest = text[...]
        while let match = rest.range(of: " id=\"") {
            guard let end = rest[match.upperBound...].firstIndex(of: "\"") else { break }
            let id = rest[match.upperBound..<end]
            if !id.isEmpty, !id.contains("{") { ids.append(String(id)) }
            rest = rest[end...]
        }
        return ids
    }

    struct PartialReference {
        var name: String
        var line: Int
        var column: Int
    }

    /// Finds `{{> name}}` and `{{< name}}` tags with their positions.
    static func partialReferences(in text: String) -> [PartialReference] {
        var references: [PartialReference] = []
        for (lineIndex, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                var cursor = open.upperBound
                while cursor < rest.endIndex, rest[cursor] == " " { cursor = rest.index(after: cursor) }
                guard cursor < rest.endIndex, rest[cursor] == ">" || rest[cursor] == "<" else {
                    rest = rest[open.upperBound...]
                    continue
                }
                cursor = rest.index(after: cursor)
                guard let close = rest[cursor...].range(of: "}}") else { break }
                let name = rest[cursor..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                if !name.isEmpty, !name.hasPrefix("*") {
                    let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
                    references.append(PartialReference(name: name, line: lineIndex + 1, column: column))
                }
                rest = rest[close.upperBound...]
            }
        }
        return references
    }

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "a section is closed with a different name than it was opened with"
        case .unfinishedName: return "a tag is not closed with '}}'"
        case .expectedSectionEnd: return "a section is opened but never closed"
        case .invalidSetDelimiter: return "invalid set-delimiter tag"
        case .transformAppliedToInheritanceSection: return "a transform cannot apply to an inheritance section"
        case .illegalTokenInsideInheritSection: return "only {{$block}} definitions may appear inside {{<parent}}"
        case .textInsideInheritSection: return "text is not allowed inside {{<parent}}"
        default: return "\(error)"
        }
    }
}
