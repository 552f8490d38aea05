/// Asks for a review of every catalog fact checked longer ago than `options.review_after_days`, measured
/// against `--as-of` or the newest date the content states (an article's date, a fact's `checked`, an entry's
/// `reviewed`), so the same input always gives the same report. Warnings, or errors under `--strict-facts`.
/// Cheap (one pass over the catalog and the articles' dates), so it runs every build rather than keeping memos.
struct FactReviewStage {
    var asOf: ArticleDate?
    var strict: Bool

    func run(_ site: ResolvedSite) -> [Diagnostic] {
        let catalog = site.catalog
        // A fact's `checked`, or an entry's `reviewed` with its collection's word for one ("ingress controller").
        var dated: [(reviewedEntry: String?, Provenance.Dated)] = []
        for collection in catalog.collections {
            for entry in collection.entries {
                if let reviewed = entry.reviewed { dated.append((collection.declaration.singular, reviewed)) }
                for (_, provenance) in entry.provenances(in: collection.declaration) {
                    if let checked = provenance.checked { dated.append((nil, checked)) }
                }
            }
        }
        guard !dated.isEmpty else { return [] }
        let newestArticle = site.articles.lazy.map(\.date).max()
        guard let reference = asOf ?? ([newestArticle].compactMap { $0 } + dated.map(\.1.date)).max() else { return [] }
        let limit = site.config.reviewAfterDays
        return dated.compactMap { reviewedEntry, entry in
            let age = reference.dayNumber - entry.date.dayNumber
            guard age > limit else { return nil }
            let message = "\(reviewedEntry == nil ? "checked" : "reviewed") \(entry.date.isoDate), \(age) days before \(reference.isoDate); "
                + "review this \(reviewedEntry.map { "\($0)'s facts" } ?? "fact")"
            return strict ? .error(message, at: entry.location) : .warning(message, at: entry.location)
        }
    }
}

extension FactReviewStage: Stage {
    func run(_ input: consuming ResolvedSite, in context: inout StageContext) {
        context.diagnostics += run(input)
    }
}
