import Foundation
import Testing
import Yams
@testable import SitegenKit

/// `sitegen new collection` and `sitegen new entry`: a declaration the build accepts as written, and an entry whose
/// every empty value the build then names at its line.
@Suite("Scaffolding collections and entries")
struct ScaffoldCollectionTests {
    /// The templates a scaffolded collection names (its defaults), beside the fixture's others.
    static let templates = FixtureSite.minimalTemplates.merging([
        "Templates/collection.mustache": "{{<layout}}{{$main}}<h1>{{page.heading}}</h1>{{/main}}{{/layout}}",
        "Templates/entry.mustache": "{{<layout}}{{$main}}<h1>{{page.heading}}</h1>{{/main}}{{/layout}}",
    ]) { _, new in new }

    /// A second declaration, shaped unlike the scaffold's example: a record holding items and figures, an optional
    /// diagram inside a record, and no groups.
    static let nestedDeclaration = """
        singular: tool
        plural: tools
        fields:
          - id: runtime
            type: record
            description: "What runs it."
            fields:
              - {id: engine, type: text, description: "The engine."}
              - id: parts
                type: items
                keys: [name, role]
                required: false
                description: "Its parts."
              - id: needs
                type: figures
                description: "What it needs."
                parts: [{id: node, label: Per node}]
                measures: [{id: disk, label: disk}]
              - id: layout
                type: diagram
                required: false
                description: "How it is laid out."
          - {id: homepage, type: link, description: "Its site."}
          - {id: uses, type: list, required: false, description: "What it is used for."}
        features:
          - {id: licence, label: Licence, group: misc, kind: text, description: "How it is licensed."}
          - {id: speed, label: Speed, group: misc, kind: scale, description: "How fast it is."}

        """

    @Test func aNewCollectionIsADeclarationTheBuildAcceptsWithEveryKeyExplained() throws {
        let site = try FixtureSite([:], templates: Self.templates)
        defer { site.cleanUp() }
        let file = try Scaffold.collection(id: "ingress-controllers", contentDirectory: site.path("Content"), fileSystem: LocalFileSystem()).get()
        #expect(file.path == site.path("Content/catalog/ingress-controllers/_collection.yaml"))

        var diagnostics: [Diagnostic] = []
        let declaration = try #require(DeclarationDecoder.decode(SourceFile(path: file.path, text: file.text), id: "ingress-controllers", &diagnostics))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(declaration.singular == "ingress controller" && declaration.plural == "ingress controllers")
        #expect(declaration.entriesPath == "/ingress-controllers/" && declaration.comparePath == "/ingress-controllers/compare/")
        #expect(declaration.templates == .defaults)

        // Every type of field and every kind of feature is shown, a record's fields and scale labels included.
        func kinds(_ fields: [FieldDeclaration]) -> [String] {
            fields.flatMap { field -> [String] in
                if case .record(let inner) = field.kind { return [field.kind.name] + kinds(inner) }
                return [field.kind.name]
            }
        }
        #expect(Set(kinds(declaration.fields)) == Set(FieldDeclaration.Kind.names))
        #expect(Set(declaration.features.map(\.kind)) == Set(Feature.Kind.allCases))
        #expect(declaration.features.contains { !$0.scaleLabels.isEmpty })
        #expect(declaration.groups.count == 2 && declaration.fields.contains { !$0.required })
        #expect(!declaration.summaryFields.isEmpty && declaration.decisionField != nil && declaration.detailField != nil)

        // Every key the decoder reads is written, and a comment explains it.
        let keys = DeclarationDecoder.keys + DeclarationDecoder.fieldKeys + DeclarationDecoder.featureKeys + DeclarationDecoder.groupKeys
            + ["entries", "compare", "index", "entry", "pair"]
        let lines = file.text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        for key in Set(keys) {
            #expect(lines.contains { $0.hasPrefix(key + ":") || $0.hasPrefix("- " + key + ":") || $0.hasPrefix("- {" + key + ":") },
                    "'\(key)' is set")
            #expect(lines.contains { $0.hasPrefix("#") && $0.range(of: "\\b\(key)\\b", options: .regularExpression) != nil }
                    || lines.contains { $0.hasPrefix(key + ":") && $0.contains("  # ") }, "'\(key)' is explained")
        }

        // The whole site builds with the declaration as written and no entry yet.
        try site.write("Content/catalog/ingress-controllers/_collection.yaml", file.text)
        let report = site.build()
        #expect(!report.diagnostics.hasErrors, "\(site.messages(report))")
    }

    @Test func labelsComeFromTheFolderName() {
        let cases = [("ingress-controllers", "ingress controller", "ingress controllers"), ("gitops-tools", "gitops tool", "gitops tools"),
                     ("observability-stack", "observability stack", "observability stacks"), ("cni-proxies", "cni proxy", "cni proxies"),
                     ("registry", "registry", "registries"), ("switches", "switch", "switches"), ("no", "no", "nos")]
        for (id, singular, plural) in cases {
            let labels = DeclarationScaffold.labels(for: id)
            #expect(labels.singular == singular && labels.plural == plural, "\(id): \(labels)")
        }
        // A label YAML would read as a boolean is quoted, so the declaration still decodes.
        let text = DeclarationScaffold.text(id: "no")
        var diagnostics: [Diagnostic] = []
        #expect(DeclarationDecoder.decode(SourceFile(path: "Content/catalog/no/_collection.yaml", text: text), id: "no", &diagnostics)?.singular == "no")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
    }

    @Test(arguments: ["scaffolded", "nested"])
    func aNewEntryListsEveryFeatureAndFieldEmptyAndTheBuildNamesEachAtItsLine(_ which: String) throws {
        let site = try FixtureSite(["Content/articles/a.md": article(slug: "a")], templates: Self.templates)
        defer { site.cleanUp() }
        let fileSystem = LocalFileSystem()
        if which == "scaffolded" {
            let declaration = try Scaffold.collection(id: "tools", contentDirectory: site.path("Content"), fileSystem: fileSystem).get()
            try site.write("Content/catalog/tools/_collection.yaml", declaration.text)
        } else {
            try site.write("Content/catalog/tools/_collection.yaml", Self.nestedDeclaration)
        }
        var problems: [Diagnostic] = []
        let declarationText = try #require(try fileSystem.readText(at: site.path("Content/catalog/tools/_collection.yaml")))
        let declaration = try #require(DeclarationDecoder.decode(SourceFile(path: "_collection.yaml", text: declarationText), id: "tools", &problems))
        let file = try Scaffold.entry(collection: "tools", id: "hammer", contentDirectory: site.path("Content"), fileSystem: fileSystem).get()
        #expect(file.path == site.path("Content/catalog/tools/hammer.yaml"))

        // The keys as YAML reads them: the common ones, every feature, every field, and a record's fields below it.
        let root = try #require(try Yams.load(yaml: file.text) as? [String: Any])
        let fieldIDs = declaration.fields.map(\.id)
        #expect(Set(root.keys) == Set(["id", "name", "order", "summary", "website", "features"] + fieldIDs))
        #expect(root["id"] as? String == "hammer")
        let features = try #require(root["features"] as? [AnyHashable: Any])
        #expect(Set(features.keys.map { "\($0)" }) == Set(declaration.features.map(\.id)), "every feature is listed")
        #expect(file.text.contains("# reviewed: YYYY-MM-DD"))
        for feature in declaration.features {
            #expect(file.text.contains("  \(feature.id):  # \(feature.label) (\(feature.kind.rawValue)): "), "'\(feature.id)' says what it takes")
        }
        for field in declaration.fields where !field.description.isEmpty {
            #expect(file.text.contains("# \(field.id) (") && file.text.contains(field.description), "'\(field.id)' gives its type and description")
        }

        try site.write("Content/catalog/tools/hammer.yaml", file.text)
        let report = site.build()
        #expect(!report.succeeded)
        let errors = report.diagnostics.filter(\.isError)
        #expect(errors.allSatisfy { $0.location?.path == file.path }, "only the new entry is wrong: \(site.messages(report))")
        let expected = Self.emptyValues(in: file.text)
        var byLine: [Int: [String]] = [:]
        for error in errors { byLine[error.location?.line ?? 0, default: []].append(error.message) }
        #expect(Set(byLine.keys) == Set(expected.keys), "one error at each empty value: \(site.messages(report))")
        for (line, key) in expected {
            let messages = byLine[line] ?? []
            #expect(messages.count == 1 && messages[0].contains("'\(key)'"), "line \(line) ('\(key)'): \(messages)")
        }
        // Every feature and every field that holds text directly is named by its own id.
        let named = Set(expected.values)
        for id in declaration.features.map(\.id) + ["name", "summary", "website"] { #expect(named.contains(id), "'\(id)' is named") }
        func leaves(_ fields: [FieldDeclaration]) -> [String] {
            fields.flatMap { field -> [String] in
                switch field.kind {
                case .text, .link, .list, .diagram: [field.id]
                case .items(let keys): keys
                case .figures: ["min"]
                case .record(let inner): leaves(inner)
                }
            }
        }
        for id in leaves(declaration.fields) { #expect(named.contains(id), "'\(id)' is named") }
    }

    /// Each line of a scaffolded entry holding an empty value, with the key the build's message quotes: the key
    /// itself, a list's key for its empty item, and `min` for an empty figure.
    static func emptyValues(in text: String) -> [Int: String] {
        func indent(_ line: String) -> Int { line.prefix { $0 == " " }.count }
        let rows: [(number: Int, line: String)] = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { return nil }
            return (index + 1, line.range(of: "  #").map { String(line[..<$0.lowerBound]) } ?? String(line))
        }
        var values: [Int: String] = [:]
        var parents: [(indent: Int, key: String)] = []
        for (index, row) in rows.enumerated() {
            let depth = indent(row.line)
            while let last = parents.last, last.indent >= depth { parents.removeLast() }
            var body = row.line.trimmingCharacters(in: .whitespaces)
            if body.hasPrefix("- ") { body.removeFirst(2) }
            if body == "\"\"" {
                values[row.number] = parents.last?.key ?? "?"
                continue
            }
            guard let colon = body.firstIndex(of: ":") else { continue }
            let key = String(body[..<colon])
            let value = body[colon...].dropFirst().trimmingCharacters(in: .whitespaces)
            if value == "\"\"" {
                values[row.number] = key
            } else if value.hasPrefix("{min:") {
                values[row.number] = "min"
            } else if value.isEmpty {
                let next = index + 1 < rows.count ? indent(rows[index + 1].line) : 0
                if next > depth { parents.append((depth, key)) } else { values[row.number] = key }
            }
        }
        return values
    }

    @Test func anEntryFilledInFromTheScaffoldBuilds() throws {
        let site = try FixtureSite(["Content/articles/a.md": article(slug: "a")], templates: Self.templates)
        defer { site.cleanUp() }
        let fileSystem = LocalFileSystem()
        let declaration = try Scaffold.collection(id: "ingress-controllers", contentDirectory: site.path("Content"), fileSystem: fileSystem).get()
        try site.write("Content/catalog/ingress-controllers/_collection.yaml", declaration.text)
        let entry = try Scaffold.entry(collection: "ingress-controllers", id: "gate", contentDirectory: site.path("Content"), fileSystem: fileSystem).get()
        // Each empty value replaced as an author would, in place, the comments left as they are.
        let filled = entry.text
            .replacingOccurrences(of: "website: \"\"", with: "website: https://example.com/gate/")
            .replacingOccurrences(of: "documentation: \"\"", with: "documentation: https://example.com/gate/docs/")
            .replacingOccurrences(of: "{min: , max: , unit: \"\"}", with: "{min: 1, max: 2, unit: GB}")
            .replacingOccurrences(of: ": \"\"", with: ": \"Filled in\"")
            .replacingOccurrences(of: "- \"\"", with: "- \"One line\"")
            .replacingOccurrences(of: "  open-source:  #", with: "  open-source: \"yes\"  #")
            .replacingOccurrences(of: "  setup-effort:  #", with: "  setup-effort: low  #")
            .replacingOccurrences(of: "  support-channel:  #", with: "  support-channel: \"A forum\"  #")
            .replacingOccurrences(of: "\narchitecture:\n", with: "\narchitecture:\n  row:\n    - box: client\n      title: Client\n    - box: server\n      title: Server\n  edges:\n    - {from: client, to: server, arrow: true}\n")
        try site.write("Content/catalog/ingress-controllers/gate.yaml", filled)
        let report = site.build()
        #expect(report.succeeded, "\(site.messages(report))")
        #expect(site.output("ingress-controllers/gate/index.html") != nil)
    }

    @Test func anUnknownCollectionIsAnErrorListingTheOnesThereAre() throws {
        let site = try FixtureSite([:])
        defer { site.cleanUp() }
        let fileSystem = LocalFileSystem(), content = site.path("Content")
        func message(_ collection: String) throws -> [String] {
            guard case .failure(let failure) = Scaffold.entry(collection: collection, id: "one", contentDirectory: content, fileSystem: fileSystem) else {
                Issue.record("'\(collection)' is not a collection")
                return []
            }
            return failure.diagnostics.map { $0.description.replacingOccurrences(of: site.root.path + "/", with: "") }
        }
        #expect(try message("tools") == [
            "sitegen: error: no collection 'tools' under Content/catalog/; there are no collections yet; `sitegen new collection tools` writes one",
        ])
        for id in ["ingress-controllers", "gitops-tools"] {
            let file = try Scaffold.collection(id: id, contentDirectory: content, fileSystem: fileSystem).get()
            try site.write("Content/catalog/\(id)/_collection.yaml", file.text)
        }
        #expect(try message("ingress-controller") == [
            "sitegen: error: no collection 'ingress-controller' under Content/catalog/; did you mean 'ingress-controllers'?; the collections are: gitops-tools, ingress-controllers",
        ])
        try site.write("Content/catalog/drafts/notes.yaml", "id: notes\n")
        #expect(try message("drafts") == [
            "sitegen: error: Content/catalog/drafts/_collection.yaml is missing; `sitegen new collection drafts` writes one",
        ])
        // A declaration with errors is reported as the build reports it, and no entry is made from it.
        try site.write("Content/catalog/broken/_collection.yaml", "singular: thing\nplural: things\nfeatures:\n  - {id: a, label: A, group: g, kind: sometimes, description: x}\n")
        let broken = try message("broken")
        #expect(broken.count == 1 && broken[0].hasPrefix("Content/catalog/broken/_collection.yaml:4:") && broken[0].contains("kind 'sometimes'"), "\(broken)")
        #expect(!FileManager.default.fileExists(atPath: site.path("Content/catalog/broken/one.yaml")))
        // A declaration the build would not read (a symlink out of the content folder) is not read here either.
        try FileManager.default.createDirectory(atPath: site.path("Content/catalog/linked"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: site.path("Content/catalog/linked/_collection.yaml"), withDestinationPath: "/etc/hostname")
        let linked = try message("linked")
        #expect(linked.count == 1 && linked[0].hasPrefix("sitegen: error: Content/catalog/linked/_collection.yaml is not read: "), "\(linked)")

        guard case .failure(let badID) = Scaffold.entry(collection: "gitops-tools", id: "Argo CD", contentDirectory: content, fileSystem: fileSystem),
              case .failure(let badCollection) = Scaffold.collection(id: "GitOps", contentDirectory: content, fileSystem: fileSystem) else {
            Issue.record("ids that are not lowercase letters, digits and '-' are refused")
            return
        }
        #expect(badID.diagnostics.map(\.message) == ["'Argo CD' is not a usable entry id; use lowercase letters, digits and '-'"])
        #expect(badCollection.diagnostics.first?.message.hasPrefix("'GitOps' is not a usable collection id; use lowercase letters, digits and '-', other than ") == true)
        // A directive option's name is not a collection id either, so no declaration is written for the build to refuse.
        guard case .failure(let reserved) = Scaffold.collection(id: "features", contentDirectory: content, fileSystem: fileSystem) else {
            Issue.record("'features' is a directive option, not a collection id")
            return
        }
        #expect(reserved.diagnostics.first?.message.contains("(the directives' option names)") == true)
    }

    @Test func anExistingFileIsNeverOverwritten() throws {
        let site = try FixtureSite([:])
        defer { site.cleanUp() }
        let fileSystem = LocalFileSystem(), content = site.path("Content")
        try site.write("Content/catalog/tools/_collection.yaml", Self.nestedDeclaration)
        try site.write("Content/catalog/tools/hammer.yaml", "id: hammer\n")
        guard case .failure(let collection) = Scaffold.collection(id: "tools", contentDirectory: content, fileSystem: fileSystem),
              case .failure(let entry) = Scaffold.entry(collection: "tools", id: "hammer", contentDirectory: content, fileSystem: fileSystem) else {
            Issue.record("an existing file must not be overwritten")
            return
        }
        #expect(collection.diagnostics.map(\.message) == ["\(site.path("Content/catalog/tools/_collection.yaml")) already exists; sitegen new never overwrites a file"])
        #expect(entry.diagnostics.map(\.message) == ["\(site.path("Content/catalog/tools/hammer.yaml")) already exists; sitegen new never overwrites a file"])
    }

    @Test func theCommandWritesCollectionsAndEntriesAndOverwritesNothing() throws {
        let site = try FixtureSite([:])
        defer { site.cleanUp() }
        let cli = CommandLineTests()
        let made = try cli.run(["new", "collection", "gitops-tools"], in: site.root)
        #expect(made.status == 0, "\(made.standardError)")
        #expect(made.standardOutput == "Wrote Content/catalog/gitops-tools/_collection.yaml\n")
        let entry = try cli.run(["new", "entry", "gitops-tools", "flux"], in: site.root)
        #expect(entry.status == 0, "\(entry.standardError)")
        #expect(entry.standardOutput == "Wrote Content/catalog/gitops-tools/flux.yaml\n")

        try site.write("Content/catalog/gitops-tools/flux.yaml", "id: flux\nname: Flux\n")
        let again = try cli.run(["new", "entry", "gitops-tools", "flux"], in: site.root)
        #expect(again.status == 1)
        #expect(again.standardError == "sitegen: error: Content/catalog/gitops-tools/flux.yaml already exists; sitegen new never overwrites a file\n")
        #expect(try String(contentsOfFile: site.path("Content/catalog/gitops-tools/flux.yaml"), encoding: .utf8) == "id: flux\nname: Flux\n")
        let collectionAgain = try cli.run(["new", "collection", "gitops-tools"], in: site.root)
        #expect(collectionAgain.status == 1 && collectionAgain.standardError.hasSuffix("already exists; sitegen new never overwrites a file\n"))

        let unknown = try cli.run(["new", "entry", "gitops-tool", "argo"], in: site.root)
        #expect(unknown.status == 1)
        #expect(unknown.standardError == "sitegen: error: no collection 'gitops-tool' under Content/catalog/; did you mean 'gitops-tools'?; the collections are: gitops-tools\n")
        #expect(try cli.run(["new", "--help"], in: site.root).standardOutput.contains("collection"))
    }
}
