/// Where one catalog fact comes from and when someone last checked it against that source.
public struct Provenance: Sendable, Hashable {
    /// A web page, or a citation for a source that has none (a report, a talk).
    public enum Source: Sendable, Hashable {
        case url(String)
        case citation(String)

        public var text: String {
            switch self {
            case .url(let url): url
            case .citation(let text): text
            }
        }
    }

    /// A date and where it was written, so a stale fact's warning points at it.
    public struct Dated: Sendable, Hashable {
        public var date: ArticleDate
        public var location: SourceLocation
    }

    public var source: Source?
    public var checked: Dated?
    /// Where `source` is written, so `sitegen check --external` can point at a source that no longer answers.
    public var sourceLocation: SourceLocation?

    public static let none = Provenance(source: nil, checked: nil)

    public var isEmpty: Bool { source == nil && checked == nil }
}
