import Foundation
import Testing
@testable import SitegenKit

@Suite("The mesh catalog")
struct CatalogTests {
    func decode(_ meshes: [String: String], features: String = CatalogFixture.features) -> (Catalog, [String]) {
        let (catalog, diagnostics) = CatalogFixture.decode(meshes, features: features)
        return (catalog, diagnostics.map(\.description))
    }

    /// The number of items or list lines an entry's field holds.
    func count(_ entry: Entry, _ field: String) -> Int {
        switch entry.fields[field] {
        case .items(let items)?: items.count
        case .list(let texts)?: texts.count
        default: 0
        }
    }

    func describe(_ entry: Entry, _ part: String, in collection: CatalogCollection) -> String? {
        guard let field = collection.declaration.figuresField else { return nil }
        return ResourceTable.describe(entry, field: field, part: part, collection: collection)
    }

    @Test func loadsFeaturesAndMeshesInOrder() throws {
        let (catalog, messages) = decode(["b": CatalogFixture.mesh("b", order: 2), "a": CatalogFixture.mesh("a", order: 1)])
        #expect(messages.isEmpty)
        let meshes = try #require(catalog.collection("meshes"))
        #expect(meshes.entries.map(\.id) == ["a", "b"])
        #expect(meshes.features.map(\.id) == ["mtls", "overhead", "license"])
        let a = try #require(meshes.entry("a"))
        #expect(a.features["mtls"]?.value == .support(.yes))
        #expect(a.features["overhead"]?.value == .scale(.low))
        #expect(a.features["license"]?.note == "Foundation-owned.")
        #expect(describe(a, "proxy", in: meshes) == "10–20 MB memory, minimal CPU")
        #expect(describe(a, "control_plane", in: meshes) == "2 GB+ memory, 1–2 cores")
    }

    @Test func theRepositoryCatalogHasEveryFactOfTheSeed() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let loader = SourceLoader(fileSystem: LocalFileSystem())
        let (tree, _) = loader.load(content: repository.appendingPathComponent("Content").path, templates: repository.appendingPathComponent("Templates").path)
        let (catalog, diagnostics) = CatalogDecoder.decode(tree.catalog)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let meshes = try #require(catalog.collection("meshes"))
        #expect(meshes.features.count == 14, "the seed's matrix has 14 rows")
        #expect(meshes.entries.map(\.name) == ["Istio", "Linkerd", "Anthos Service Mesh"])
        let linkerd = try #require(meshes.entry("linkerd"))
        #expect(linkerd.features["weighted-routing"]?.value == .support(.no))
        #expect(linkerd.features["multi-cluster"]?.value == .support(.viaAddOn))
        #expect(describe(linkerd, "proxy", in: meshes) == "10–20 MB memory, minimal CPU")
        let anthos = try #require(meshes.entry("anthos"))
        #expect(describe(anthos, "proxy", in: meshes) == "Similar to Istio (50–100 MB memory, 0.5–2 cores)")
        #expect(describe(anthos, "control_plane", in: meshes) == "Managed by Google")
        for mesh in meshes.entries {
            #expect(count(mesh, "pros") == 5 && count(mesh, "cons") == 4 && count(mesh, "when_to_choose") == 5 && count(mesh, "choose_if") == 5, "\(mesh.id)")
        }
    }

    @Test func unknownFeatureIsReportedAtItsKey() {
        let features = "features:\n  mtls: \"yes\"\n  overhead: low\n  license: MIT\n  mtsl: \"no\"\n"
        let (_, messages) = decode(["a": CatalogFixture.mesh("a", features: features)])
        #expect(messages == ["Content/catalog/meshes/a.yaml:20:3: error: unknown feature 'mtsl'; did you mean 'mtls'?; features are declared in _collection.yaml"])
    }

    @Test func anEmptyIdIsAnErrorNotAVanishedMesh() {
        let (catalog, messages) = decode(["a": CatalogFixture.mesh("a").replacingOccurrences(of: "id: a\n", with: "id:\n")])
        #expect(catalog.entries.isEmpty)
        #expect(messages == ["Content/catalog/meshes/a.yaml:1:4: error: 'id' must not be empty"])
    }

    @Test func aMeshMustStateEveryFeature() {
        let (_, messages) = decode(["a": CatalogFixture.mesh("a", features: "features:\n  mtls: \"yes\"\n")])
        #expect(messages == ["Content/catalog/meshes/a.yaml:16:1: error: no value for features 'overhead', 'license'; every service mesh states every feature"])
    }

    @Test func aValueMustFitTheFeaturesKind() {
        let (_, messages) = decode(["a": CatalogFixture.mesh("a", mtls: "sometimes", overhead: "huge")])
        #expect(messages == [
            "Content/catalog/meshes/a.yaml:17:9: error: 'sometimes' is not a support value for 'mtls'; use one of: yes, no, limited, automatic, native, via-add-on",
            "Content/catalog/meshes/a.yaml:18:13: error: 'huge' is not a scale value for 'overhead'; did you mean 'high'?; use one of: low, medium, high",
        ])
    }

    @Test(arguments: ["no", "NO", "yes", "off"])
    func anUnquotedYAMLBooleanIsRefused(word: String) {
        let (_, messages) = decode(["a": CatalogFixture.mesh("a", mtls: word)])
        #expect(messages == ["Content/catalog/meshes/a.yaml:17:9: error: 'mtls': YAML reads the unquoted value \(word) as a boolean; write it in quotes (\"\(word)\") if you mean text"])
    }

    @Test func anUnquotedDecimalIsRefusedWhereTextIsMeant() {
        let (_, messages) = decode(["a": CatalogFixture.mesh("a", extra: "website: 1.10")])
        #expect(messages.count == 1)
        #expect(messages.first?.contains("'website': YAML reads the unquoted value 1.10 as a number") == true, "\(messages)")
    }

    @Test func rangeMinimumAboveMaximum() {
        let resources = """
            resources:
              proxy:
                memory: {min: 200, max: 20, unit: MB}
              control_plane:
                managed_by: Vendor
            """
        let (_, messages) = decode(["a": CatalogFixture.mesh("a", resources: resources)])
        #expect(messages == ["Content/catalog/meshes/a.yaml:24:19: error: the range's minimum 200 is larger than its maximum 20"])
    }

    @Test func unknownKeyListsTheKnownOnes() {
        let (_, messages) = decode(["a": CatalogFixture.mesh("a", extra: "sumary: \"typo\"")])
        #expect(messages.count == 1)
        #expect(messages.first?.hasPrefix("Content/catalog/meshes/a.yaml:40:1: error: unknown key 'sumary' in a service mesh (fields are declared in Content/catalog/meshes/_collection.yaml); did you mean 'summary'? known keys are: id, name,") == true, "\(messages)")
    }

    @Test func duplicateIds() {
        let (_, meshMessages) = decode(["a": CatalogFixture.mesh("same"), "b": CatalogFixture.mesh("same")])
        #expect(meshMessages == ["Content/catalog/meshes/b.yaml:1:5: error: service mesh id 'same' is already used by Content/catalog/meshes/a.yaml"])
        let features = CatalogFixture.features + "  - id: mtls\n    label: Again\n    group: security\n    kind: support\n    description: \"Twice.\"\n"
        let (_, featureMessages) = decode([:], features: features)
        // At the repeated id: the first line after the fixture's declaration.
        let line = CatalogFixture.declaration().split(separator: "\n", omittingEmptySubsequences: false).count
        #expect(featureMessages == ["Content/catalog/meshes/_collection.yaml:\(line):9: error: feature id 'mtls' is defined twice"])
    }

    @Test func duplicateYAMLKeyInAMeshFile() {
        let (_, messages) = decode(["a": CatalogFixture.mesh("a", extra: "name: \"Again\"")])
        #expect(messages.count == 1)
        #expect(messages.first?.contains("error: duplicate key 'name'") == true, "\(messages)")
    }

    @Test func allProblemsComeInOneRun() {
        let (_, messages) = decode([
            "a": CatalogFixture.mesh("a", mtls: "no"),
            "b": CatalogFixture.mesh("b", overhead: "huge", extra: "colour: red"),
        ])
        #expect(messages.count == 3, "\(messages)")
    }

    @Test func similarToMustNameAnotherMesh() {
        let resources = "resources:\n  proxy:\n    similar_to: nope\n  control_plane:\n    managed_by: Vendor\n"
        let (_, messages) = decode(["a": CatalogFixture.mesh("a", resources: resources)])
        // At the `similar_to` value that names it (issue 34: it was reported at the mesh's id).
        #expect(messages == ["Content/catalog/meshes/a.yaml:24:17: error: similar_to names service mesh 'nope', which does not exist"])
    }
}
