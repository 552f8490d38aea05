/// Asks for a review of every catalog fact checked longer ago than `options.review_after_days`, measured
/// against `--as-of` or the newest date the content states (an article's date, a fact's `checked`, a mesh's
/// `reviewed`), so the same input always gives the same report. Warnings, or errors under `--strict-facts`.
/// Cheap (one pass over the catalog and the articles' dates), so it runs every build rather than keeping memos.
struct FactReviewStage {
    var asOf: ArticleDate?
    var strict: Bool

    func run(_ site: ResolvedSite) -> [Diagnostic] {
        let catalog = site.catalog
        var dated: [(what: String, Provenance.Dated)] = []
        for mesh in catalog.meshes {
            if let reviewed = mesh.reviewed { dated.append(("reviewed", reviewed)) }
            for (_, provenance) in mesh.provenances(features: catalog.features) {
                if let checked = provenance.checked { dated.append(("checked", checked)) }
            }
        }
        guard !dated.isEmpty else { return [] }
        let newestArticle = site.articles.lazy.map(\.date).max()
        guard let reference = asOf ?? ([newestArticle].compactMap { $0 } + dated.map(\.1.date)).max() else { return [] }
        let limit = site.config.reviewAfterDays
        return dated.compactMap { what, entry in
            let age = reference.dayNumber - entry.date.dayNumber
            guard age > limit else { return nil }
            let message = "\(what) \(entry.date.isoDate), \(age) days before \(reference.isoDate); review this \(what == "reviewed" ? "mesh's facts" : "fact")"
            return strict ? .error(message, at: entry.location) : .warning(message, at: entry.location)
        }
    }
}
