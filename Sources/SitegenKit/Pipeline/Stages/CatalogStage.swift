/// The validate stage for the catalog: decoded every build (a few small files). Publishes one fingerprint per
/// mesh and per feature, and one for all of each, so a page that shows one mesh is redone only when that
/// mesh's file (or the feature list it is read against) changes. The rest of the pipeline sees the catalog
/// only through `CatalogDependency` and these keys.
struct CatalogStage {
    func run(features: SourceFile?, meshes: [SourceFile], fingerprints: inout FingerprintTable) -> (Catalog, [Diagnostic]) {
        let (catalog, diagnostics) = CatalogDecoder.decode(features: features, meshes: meshes)
        let featuresPrint = features.map { fingerprints[.file($0.path)] } ?? .zero
        for mesh in catalog.meshes {
            var hasher = StableHasher()
            hasher.combine(featuresPrint)
            hasher.combine(mesh.location.path)
            hasher.combine(fingerprints[.file(mesh.location.path)])
            fingerprints[.catalog(.mesh(mesh.id))] = hasher.finish()
        }
        for feature in catalog.features {
            var hasher = StableHasher()
            hasher.combine(featuresPrint)
            hasher.combine(feature.id)
            fingerprints[.catalog(.feature(feature.id))] = hasher.finish()
        }
        var all = StableHasher()
        for file in meshes {
            all.combine(file.path)
            all.combine(fingerprints[.file(file.path)])
        }
        all.combine(featuresPrint)
        fingerprints[.catalog(.allMeshes)] = all.finish()
        fingerprints[.catalog(.allFeatures)] = featuresPrint
        return (catalog, diagnostics)
    }
}
