/// The validate stage for the catalog: a few small files decoded together, reused whole while none of them
/// (nor which there are) changed. Publishes one fingerprint per mesh and per feature, and one for all of each,
/// so a page that shows one mesh is redone only when that mesh's file (or the feature list it is read against)
/// changes. The rest of the pipeline sees the catalog only through `CatalogDependency` and these keys.
struct CatalogStage {
    static let item = "catalog"

    func run(features: SourceFile?, meshes: [SourceFile], memos: inout MemoTable<Catalog>,
             fingerprints: inout FingerprintTable) -> (Catalog, [Diagnostic]) {
        if memos.plan([Self.item], fingerprints: &fingerprints).isEmpty, let catalog = memos.value(Self.item) {
            return (catalog, memos.diagnostics)
        }
        let recorder = TraceRecorder(fingerprints)
        recorder.read(.sources)
        for file in [features].compactMap({ $0 }) + meshes { recorder.read(.file(file.path)) }
        let (catalog, diagnostics) = CatalogDecoder.decode(features: features, meshes: meshes)
        let featuresPrint = features.map { fingerprints[.file($0.path)] } ?? .zero
        var published: [(InputKey, Fingerprint)] = []
        for mesh in catalog.meshes {
            var hasher = StableHasher()
            hasher.combine(featuresPrint)
            hasher.combine(mesh.location.path)
            hasher.combine(fingerprints[.file(mesh.location.path)])
            published.append((.catalog(.mesh(mesh.id)), hasher.finish()))
        }
        for feature in catalog.features {
            var hasher = StableHasher()
            hasher.combine(featuresPrint)
            hasher.combine(feature.id)
            published.append((.catalog(.feature(feature.id)), hasher.finish()))
        }
        var all = StableHasher()
        for file in meshes {
            all.combine(file.path)
            all.combine(fingerprints[.file(file.path)])
        }
        all.combine(featuresPrint)
        published.append((.catalog(.allMeshes), all.finish()))
        published.append((.catalog(.allFeatures), featuresPrint))
        let memo = Memo(trace: recorder.trace, published: fingerprints.reads(published), diagnostics: diagnostics)
        memos.store(Self.item, memo, value: catalog, publishing: &fingerprints)
        return (catalog, diagnostics)
    }
}
