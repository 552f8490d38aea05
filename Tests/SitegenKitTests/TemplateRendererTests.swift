import Foundation
import Testing
@testable import SitegenKit

/// sitegen renders pages with its own Mustache renderer (`CompiledTemplate`) instead of swift-mustache, which
/// spent most of a large build casting `Any`. These tests hold it to swift-mustache byte for byte: every template
/// in Templates/ with fuzzed contexts, and randomly written templates that stress whitespace, standalone lines,
/// partial indentation and inheritance.
@Suite("Template renderer matches swift-mustache")
struct TemplateRendererTests {
    /// SplitMix64 with the draws these tests make: a seed replays a failure.
    struct Random {
        var generator: SplitMix64
        init(state: UInt64) { generator = SplitMix64(seed: state) }
        mutating func next(_ bound: Int) -> Int { Int(generator.next() % UInt64(bound)) }
        mutating func chance(_ percent: Int) -> Bool { next(100) < percent }
        mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }
    }

    static let texts = ["", "plain", "a & b", "<script>alert('x')</script>", "\"quoted\"", "it's", "café", "e\u{301}", "\"\u{301}", "line\nbreak", "  ", "0", "{{not a tag}}"]

    /// What a name may hold: anything, or only text, flags and numbers for names printed with `{{name}}` (a list or
    /// an object printed as text shows Swift's description of it in swift-mustache, in hash order; no template does that).
    struct Names {
        var scalar: [String]
        var any: [String]
        /// Sections that print `{{.}}`: they hold a list of scalars, or one.
        var scalarLists: [String] = []
        var all: [String] { scalar + any + scalarLists }
    }

    static func scalar(_ random: inout Random) -> TemplateValue {
        switch random.next(3) {
        case 0: return .string(random.pick(texts))
        case 1: return .bool(random.chance(50))
        default: return .int(random.next(5) - 1)
        }
    }

    /// A random value: any kind at any depth, objects holding a random part of `names`.
    static func value(_ random: inout Random, names: Names, depth: Int) -> TemplateValue {
        switch random.next(depth >= 3 ? 3 : 6) {
        case 0: return .string(random.pick(texts))
        case 1: return .bool(random.chance(50))
        case 2: return .int(random.next(5) - 1)
        case 3: return .list((0..<random.next(4)).map { _ in object(&random, names: names, depth: depth + 1) })
        case 4: return .list((0..<random.next(3)).map { _ in .string(random.pick(texts)) })
        default: return object(&random, names: names, depth: depth + 1)
        }
    }

    static func object(_ random: inout Random, names: Names, depth: Int) -> TemplateValue {
        var fields: [String: TemplateValue] = [:]
        for name in names.any where random.chance(depth == 0 ? 70 : 35) {
            fields[name] = value(&random, names: names, depth: depth)
        }
        for name in names.scalar where random.chance(depth == 0 ? 70 : 35) {
            fields[name] = scalar(&random)
        }
        for name in names.scalarLists where random.chance(depth == 0 ? 70 : 35) {
            // Not `true`, which would leave the enclosing object as `.`.
            let text: (inout Random) -> TemplateValue = { random in random.chance(50) ? .string(random.pick(texts)) : .int(random.next(5)) }
            fields[name] = random.chance(70) ? .list((0..<random.next(4)).map { _ in text(&random) }) : text(&random)
        }
        return .object(fields)
    }

    /// Every name a template looks up, split at dots; those that end a `{{name}}` are printed, so scalar.
    static func names(in text: String) -> Names {
        let tag = #/\{\{\s*([#^/&{]?)\s*([A-Za-z0-9_.\-?]+)/#
        var printed = Set<String>(), all = Set<String>()
        for match in text.matches(of: tag) {
            let parts = match.output.2.split(separator: ".").map(String.init)
            all.formUnion(parts)
            if ["", "&", "{"].contains(match.output.1), let last = parts.last { printed.insert(last) }
        }
        let printsItself = #/\{\{#\s*([A-Za-z0-9_\-?]+)\s*\}\}[^{]*\{\{\.\}\}/#
        let lists = Set(text.matches(of: printsItself).map { String($0.output.1) })
        return Names(scalar: printed.subtracting(lists).sorted(), any: all.subtracting(printed).subtracting(lists).sorted(), scalarLists: lists.sorted())
    }

    static func compare(_ set: TemplateSet, template: String, context: TemplateValue, seed: Int) {
        let fast = set.render(context, template: template) ?? []
        let reference = set.renderWithSwiftMustache(context, template: template) ?? []
        guard fast != reference else { return }
        let first = zip(fast, reference).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(fast.count, reference.count)
        func around(_ bytes: [UInt8]) -> String {
            String(decoding: bytes[max(0, first - 80)..<min(bytes.count, first + 80)], as: UTF8.self).debugDescription
        }
        Issue.record("""
            seed \(seed), template \(template): the renderers differ from byte \(first)
            fast:      \(around(fast))
            reference: \(around(reference))
            """)
    }

    @Test func everyTemplateOfTheSiteRendersAlikeWithFuzzedContexts() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let directory = repository.appendingPathComponent("Templates")
        let paths = try FileManager.default.subpathsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".mustache") }.sorted()
        let files = try paths.map { SourceFile(path: "Templates/" + $0, text: try String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8)) }
        let (compiled, diagnostics) = TemplateSet.compile(files, directory: "Templates")
        let set = try #require(compiled, "\(diagnostics)")
        #expect(Set(set.compiled.keys) == Set(set.names), "the fast renderer takes every template of the site")
        let names = Self.names(in: files.map(\.text).joined())
        for seed in 0..<200 {
            var random = Random(state: UInt64(seed))
            let context = Self.object(&random, names: names, depth: 0)
            for template in set.names { Self.compare(set, template: template, context: context, seed: seed) }
        }
    }

    /// `n` and `m` are printed; the others open sections.
    static let variableNames = Names(scalar: ["n", "m"], any: ["list", "flag", "obj"])

    /// A random template body: text with blanks and line breaks, variables, comments, sections, partials, blocks.
    static func body(_ random: inout Random, depth: Int, partials: [String], blocks: Bool) -> String {
        var text = ""
        for _ in 0..<(1 + random.next(6)) {
            if random.chance(30) { text += random.pick(["\n", "\r\n", "\n  ", "\n\t", " "]) }
            let printed = random.pick(variableNames.scalar), section = random.pick(variableNames.any)
            let dotted = random.chance(20) ? random.pick(variableNames.any) + "." + printed : printed
            let sectionPath = random.chance(20) ? random.pick(variableNames.any) + "." + random.pick(variableNames.all) : section
            switch random.next(depth >= 3 ? 5 : 9) {
            case 0: text += random.pick(["text", "a b", "<p>", "{", "}", "x{y", "  "])
            case 1: text += random.pick(["{{\(dotted)}}", "{{ \(dotted) }}", "{{.\(printed)}}"])
            case 2: text += random.pick(["{{{\(dotted)}}}", "{{& \(dotted)}}"])
            case 3: text += random.pick(["{{! a comment }}", "{{!\nlong\ncomment}}"])
            case 4: if let partial = partials.isEmpty ? nil : random.pick(partials) { text += "{{> \(partial)}}" }
            case 5, 6:
                let open = random.chance(70) ? "#" : "^"
                text += "{{\(open)\(sectionPath)}}" + random.pick(["", "\n", "\n  "])
                text += body(&random, depth: depth + 1, partials: partials, blocks: blocks)
                text += random.pick(["", "\n", "\n  "]) + "{{/\(sectionPath)}}"
            default:
                if blocks {
                    let block = random.pick(["b1", "b2"])
                    text += "{{$\(block)}}" + random.pick(["", "\n"]) + body(&random, depth: depth + 1, partials: partials, blocks: false)
                        + random.pick(["", "\n", "\n  "]) + "{{/\(block)}}"
                } else {
                    text += "{{\(dotted)}}"
                }
            }
            if random.chance(30) { text += random.pick(["\n", "\r\n", " \n", "  "]) }
        }
        return text
    }

    /// A page template that may fill a parent's blocks, over a partial and a parent with blocks of their own.
    static func templates(seed: Int) -> [SourceFile] {
        var random = Random(state: UInt64(seed) &* 7919)
        let partial = body(&random, depth: 1, partials: [], blocks: true)
        func inheriting(_ parent: String) -> String {
            var fills = ""
            for block in ["b1", "b2"] where random.chance(70) {
                fills += random.pick(["", "\n", "\n  "]) + "{{$\(block)}}" + random.pick(["", "\n"])
                    // No partial here: `p` may show this very block, and would include itself for ever (in either renderer).
                    + body(&random, depth: 1, partials: [], blocks: false) + random.pick(["", "\n"]) + "{{/\(block)}}"
            }
            return random.pick(["", "  ", "x\n"]) + "{{<\(parent)}}" + fills + random.pick(["", "\n"]) + "{{/\(parent)}}" + random.pick(["", "\n", "\ntail"])
        }
        var parent = body(&random, depth: 0, partials: ["p"], blocks: true)
        // The parent may itself fill `p`'s blocks; the page's fills, further out, win over its own.
        if random.chance(50) { parent += inheriting("p") }
        var page = body(&random, depth: 0, partials: ["p"], blocks: false)
        if random.chance(50) { page = inheriting("parent") }
        return [SourceFile(path: "T/page.mustache", text: page), SourceFile(path: "T/p.mustache", text: partial),
                SourceFile(path: "T/parent.mustache", text: parent)]
    }

    @Test func randomTemplatesRenderAlike() throws {
        var parsed = 0
        for seed in 0..<400 {
            let files = Self.templates(seed: seed)
            let (compiled, _) = TemplateSet.compile(files, directory: "T", required: [])
            // Only templates swift-mustache parses are compared; most of them do.
            guard let set = compiled else { continue }
            parsed += 1
            #expect(set.compiled["page"] != nil, "seed \(seed): the fast renderer turned down a template it should take:\n\(files[0].text)")
            for variant in 0..<5 {
                var random = Random(state: UInt64(seed * 10 + variant))
                let context = Self.object(&random, names: Self.variableNames, depth: 0)
                Self.compare(set, template: "page", context: context, seed: seed)
            }
        }
        #expect(parsed >= 250, "only \(parsed) of 400 random templates parsed")
    }

    @Test func aTemplateWithATransformIsLeftToSwiftMustache() throws {
        let files = [SourceFile(path: "T/page.mustache", text: "{{#items}}{{name}}{{^last()}}, {{/last()}}{{/items}}")]
        let (compiled, diagnostics) = TemplateSet.compile(files, directory: "T", required: [])
        let set = try #require(compiled, "\(diagnostics)")
        #expect(set.compiled["page"] == nil)
        let context: TemplateValue = ["items": [["name": "a"], ["name": "b"]] as [TemplateValue]]
        #expect(set.render(context, template: "page").map { String(decoding: $0, as: UTF8.self) } == "a, b")
    }
}
