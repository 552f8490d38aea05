import Foundation

/// A small site written from a seed, in the spirit of `Benchmarks/gen_corpus.py`: the repository's
/// settings, catalog and articles, plus generated articles that cross-link, share tags, quote HTML-special
/// characters and non-ASCII text, and use the catalog directives.
struct GeneratedCorpus {
    private var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    /// The same draws on every platform, so the corpus is too.
    private mutating func next(_ bound: Int) -> Int {
        Int(random.next() % UInt64(bound))
    }

    private mutating func pick(_ items: [String]) -> String { items[next(items.count)] }

    static let topics = ["mTLS", "canary releases", "retries & timeouts", "<Envoy> sidecars", "\"zero trust\"", "O'Reilly's checklist",
                         "Linkerd2-proxy", "egress gateways", "Wasm filters", "多集群", "café-grade latency", "p99 budgets 🚀"]
    static let tags = ["security", "traffic", "observability", "cost", "operations", "istio", "linkerd", "anthos"]
    static let sentences = [
        "Measure the baseline before touching any setting.", "The proxy adds a hop, so budget for it.",
        "Rotate certificates on a schedule & alert when one is near expiry.", "Keep the control plane's blast radius small.",
        "Teams that skip the pilot usually regret it.", "Use `kubectl get pods -n mesh` to check the sidecars.",
        "A value like <b>bold</b> in prose stays text, not markup.", "Ünïcödé and 日本語 must survive the round trip.",
    ]

    /// Relative path → contents for `count` generated articles.
    mutating func articles(count: Int) -> [String: String] {
        var files: [String: String] = [:]
        for index in 0..<count {
            let topic = pick(Self.topics)
            var tags: [String] = []
            for _ in 0..<(1 + next(3)) { let tag = pick(Self.tags); if !tags.contains(tag) { tags.append(tag) } }
            var body = "\(pick(Self.sentences)) \(pick(Self.sentences))\n\n"
            for section in 0..<(2 + next(4)) {
                body += "## \(section == 0 ? "Why " + topic + " matters" : pick(Self.topics)) \(section)\n\n"
                body += "\(pick(Self.sentences)) See [a related note](/generated-\((index + 1 + next(count - 1)) % count)/) for details. \(pick(Self.sentences))\n\n"
                switch next(5) {
                case 0: body += "- \(pick(Self.sentences))\n- *\(pick(Self.topics))* and **\(pick(Self.topics))**\n\n"
                case 1: body += "```yaml\nspec:\n  mtls: STRICT # <keep>\n```\n\n"
                case 2: body += "> \(pick(Self.sentences))\n\n### Details of \(pick(Self.topics))\n\n\(pick(Self.sentences))\n\n"
                case 3 where index % 7 == 0: body += "```diagram linkerd\n```\n\n"
                case 3: body += "```comparison\nid: matrix-\(section)\ncaption: \"Features for \(index)\"\n```\n\n"
                default: body += "1. \(pick(Self.sentences))\n2. Read the [guide](/kubernetes-service-mesh-comparison/).\n\n"
                }
            }
            let title = "Notes on \(topic) #\(index)"
            files["Content/articles/generated-\(index).md"] = """
                ---
                title: \(Self.quoted(title))
                meta_description: \(Self.quoted("What \(topic) changes for a platform team, and how to roll it out (part \(index))."))
                url_slug: generated-\(index)
                primary_keyword: \(Self.quoted(topic))
                secondary_keywords:
                  - \(Self.quoted(pick(Self.topics)))
                author: "Gen Writer"
                date: "2025-\(String(format: "%02d", 1 + index % 12))-\(String(format: "%02d", 1 + index % 28))"
                tags: [\(tags.joined(separator: ", "))]
                ---

                \(body)
                """
        }
        return files
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

/// Up to `maxLength` pieces picked from `pieces` by a linear congruential generator seeded with `seed`,
/// so a property test's failure names a seed that replays it.
func randomText(from pieces: [String], seed: Int, maxLength: Int, minimumLength: Int = 0) -> String {
    var state = UInt64(truncatingIfNeeded: seed)
    var text = ""
    for _ in 0..<(minimumLength + seed % (maxLength - minimumLength + 1)) {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        text += pieces[Int(state >> 33) % pieces.count]
    }
    return text
}

extension FixtureSite {
    /// The repository's settings, catalog, articles and templates, plus `count` generated articles.
    static func repositoryWithGeneratedArticles(count: Int, seed: UInt64) throws -> FixtureSite {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        var corpus = GeneratedCorpus(seed: seed)
        let site = try FixtureSite(corpus.articles(count: count), templates: [:])
        let manager = FileManager.default
        for folder in ["Content/catalog", "Content/articles", "Templates"] {
            for name in try manager.subpathsOfDirectory(atPath: repository.appendingPathComponent(folder).path) {
                let source = repository.appendingPathComponent(folder).appendingPathComponent(name).path
                var isFolder: ObjCBool = false
                guard manager.fileExists(atPath: source, isDirectory: &isFolder), !isFolder.boolValue else { continue }
                try site.write(folder + "/" + name, String(contentsOfFile: source, encoding: .utf8))
            }
        }
        try site.write("Content/site.yaml", String(contentsOf: repository.appendingPathComponent("Content/site.yaml"), encoding: .utf8))
        return site
    }
}
