/// The validate stage for the catalog: a few small files decoded together, reused whole while none of them
/// (nor which there are) changed. Publishes one fingerprint per entry and per feature of each collection, one for
/// all of each, and one for the set of collections, so a page that shows one entry is redone only when that entry's
/// file (or the declaration it is read against) changes. The rest of the pipeline sees the catalog only through
/// `CatalogDependency` and these keys.
struct CatalogStage {
    static let item = "catalog"
    /// In this process only: a few small files, decoded again faster than read back.
    static let memos = MemoTableKey<Catalog>("catalog", persisted: false)

    func run(_ sources: [CatalogSource], memos: inout MemoTable<Catalog>, fingerprints: inout FingerprintTable) -> (Catalog, [Diagnostic]) {
        if memos.plan([Self.item], fingerprints: &fingerprints).isEmpty, let catalog = memos.value(Self.item) {
            return (catalog, memos.diagnostics)
        }
        let recorder = TraceRecorder(fingerprints)
        recorder.read(.sources)
        for source in sources {
            for file in [source.declaration].compactMap({ $0 }) + source.entries { recorder.read(.file(file.path)) }
        }
        let (catalog, diagnostics) = CatalogDecoder.decode(sources)
        var published: [(InputKey, Fingerprint)] = []
        var everything = StableHasher()
        for collection in catalog.collections {
            let id = collection.id
            let declarationPrint = fingerprints[.file(collection.declaration.sourcePath)]
            for entry in collection.entries {
                var hasher = StableHasher()
                hasher.combine(declarationPrint)
                hasher.combine(entry.sourcePath)
                hasher.combine(fingerprints[.file(entry.sourcePath)])
                published.append((.catalog(.entry(id, entry.id)), hasher.finish()))
            }
            for feature in collection.features {
                var hasher = StableHasher()
                hasher.combine(declarationPrint)
                hasher.combine(feature.id)
                published.append((.catalog(.feature(id, feature.id)), hasher.finish()))
            }
            var all = StableHasher()
            all.combine(id)
            for entry in collection.entries {
                all.combine(entry.sourcePath)
                all.combine(fingerprints[.file(entry.sourcePath)])
            }
            all.combine(declarationPrint)
            let allPrint = all.finish()
            published.append((.catalog(.allEntries(id)), allPrint))
            published.append((.catalog(.allFeatures(id)), declarationPrint))
            everything.combine(allPrint)
        }
        published.append((.catalog(.collections), everything.finish()))
        let memo = Memo(trace: recorder.trace, published: fingerprints.reads(published), diagnostics: diagnostics)
        memos.store(Self.item, memo, value: catalog, publishing: &fingerprints)
        return (catalog, diagnostics)
    }
}

extension CatalogStage: Stage {
    func run(_ input: consuming [CatalogSource], in context: inout StageContext) -> Catalog {
        let (catalog, problems) = run(input, memos: &context.memos[Self.memos], fingerprints: &context.fingerprints)
        context.diagnostics += problems
        return catalog
    }
}
