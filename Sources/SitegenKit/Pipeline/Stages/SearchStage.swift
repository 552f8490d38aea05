/// Makes the search index (`SearchIndex`) from every page's words, then publishes each of its files' fingerprint
/// as `search:<path>`. The file's page reads only that key, so after a body edit the index is made again in
/// memory but only the fragments whose bytes changed are rendered and written (and kept again in the spill: the
/// others keep the last build's slots).
/// No memo: the index reads every body's summary, and a build that reaches this stage changed something.
struct SearchStage {
    func run(site: ResolvedSite, bodies: RenderedBodies, spill: BodySpill, previous: SearchIndex?, fingerprints: inout FingerprintTable) -> SearchIndex {
        let base = site.config.baseURL
        let articles = site.articles
        let catalog = CatalogSearchEntries.make(site.catalog, baseURL: base)
        // Each article's document (its section texts, from its memo's payload in the spill) is made on the core
        // that indexes it and let go right after: every page's text at once was most of a build's peak.
        let urls = catalog.map(\.url) + articles.map { base.rooted(ResolvedSite.sitePath(of: $0)) }
        let index = SearchIndex(urls: urls, baseURL: base, spill: spill, previous: previous) { number in
            number < catalog.count ? catalog[number]
                : SearchDocument(article: articles[number - catalog.count], summary: bodies.summary(at: number - catalog.count), baseURL: base)
        }
        for (path, file) in index.files { fingerprints[.searchFile(path)] = file.fingerprint }
        return index
    }
}
