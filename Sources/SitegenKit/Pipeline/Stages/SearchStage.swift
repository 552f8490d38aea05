/// Makes the search index (`SearchIndex`) from every page's words, then publishes each of its files' fingerprint
/// as `search:<path>`. The file's page reads only that key, so after a body edit the index is made again in
/// memory but only the fragments whose bytes changed are rendered and written.
/// No memo: the index reads every body's summary, and a build that reaches this stage changed something.
struct SearchStage {
    func run(site: ResolvedSite, bodies: RenderedBodies, fingerprints: inout FingerprintTable) -> SearchIndex {
        let base = site.config.baseURL
        let articles = site.articles
        let documents = CatalogSearchEntries.make(site.catalog, baseURL: base) + Parallel.map(Array(articles.indices)) {
            SearchDocument(article: articles[$0], summary: bodies.summary(at: $0), baseURL: base)
        }
        let index = SearchIndex(documents: documents, baseURL: base)
        for (path, bytes) in index.files { fingerprints[.searchFile(path)] = Fingerprint.of(bytes) }
        return index
    }
}
