/// The directives that draw a site's catalog into articles, registered by `DirectiveRegistry.standard`.
enum CatalogDirectives {
    static let all: [any Directive] = [
        ComparisonTable(),
        ResourceTable(),
        DecisionGrid(),
        EntrySummary(name: "summary"),
        EntrySummary(name: "mesh-summary"),
        DiagramDirective(),
    ]
}
