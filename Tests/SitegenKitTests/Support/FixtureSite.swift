import Foundation
@testable import SitegenKit

/// A whole site in a fresh temporary folder, built with the real pipeline and read back as files.
struct FixtureSite {
    let root: URL

    static let minimalTemplates: [String: String] = [
        "Templates/layout.mustache": """
            <!DOCTYPE html>
            <html lang="{{site.language}}"><head>{{> partials/head}}</head>
            <body><main id="main-content">{{$main}}{{/main}}</main></body></html>
            """,
        "Templates/partials/head.mustache": """
            <title>{{page.title}}</title>
            <meta name="description" content="{{page.description}}">
            {{#page.has_keywords}}<meta name="keywords" content="{{page.keywords}}">{{/page.has_keywords}}
            <link rel="canonical" href="{{page.canonical}}">
            <meta property="og:title" content="{{page.heading}}">
            <link rel="stylesheet" href="{{site.root}}assets/style.css">
            {{#page.json_ld}}<script type="application/ld+json">{{{page.json_ld}}}</script>{{/page.json_ld}}
            """,
        "Templates/article.mustache": """
            {{<layout}}{{$main}}<h1>{{article.title}}</h1>
            {{#article.has_toc}}<nav id="toc">{{#article.toc}}<a href="#{{id}}">{{text}}</a>{{#children}}<a class="sub" href="#{{id}}">{{text}}</a>{{/children}}{{/article.toc}}</nav>{{/article.has_toc}}
            {{{article.body}}}
            {{#article.related}}<li class="related"><a href="{{url}}">{{title}}</a> {{description}}</li>
            {{/article.related}}{{/main}}{{/layout}}
            """,
        "Templates/index.mustache": """
            {{<layout}}{{$main}}{{#articles}}<li><a href="{{url}}">{{title}}</a> {{summary}}</li>
            {{/articles}}{{/main}}{{/layout}}
            """,
        "Templates/404.mustache": "{{<layout}}{{$main}}<h1>Not found</h1>{{/main}}{{/layout}}",
        "Templates/tags.mustache": "{{<layout}}{{$main}}{{#tags}}<a href=\"{{url}}\">{{name}}</a> ({{count}})\n{{/tags}}{{/main}}{{/layout}}",
        "Templates/search.mustache": "{{<layout}}{{$main}}<form role=\"search\"><input name=\"q\"></form>{{/main}}{{/layout}}",
        "Templates/tag.mustache": "{{<layout}}{{$main}}<h1>{{tag.name}}</h1>{{#articles}}<a href=\"{{url}}\">{{title}}</a>\n{{/articles}}{{/main}}{{/layout}}",
        "Templates/assets/style.css": "body { color: black; }\n",
        "Templates/compare.mustache": "{{<layout}}{{$main}}<h1>{{page.heading}}</h1>{{{fragments.matrix}}}{{{fragments.resources}}}{{{fragments.decision}}}{{/main}}{{/layout}}",
        "Templates/meshes.mustache": "{{<layout}}{{$main}}{{#entries}}<a href=\"{{url}}\">{{name}}</a>{{/entries}}{{/main}}{{/layout}}",
        "Templates/mesh.mustache": "{{<layout}}{{$main}}{{#entry}}<h1>{{name}}</h1><p>{{vendor}}</p>{{/entry}}{{{fragments.features}}}{{{fragments.resources}}}{{/main}}{{/layout}}",
        "Templates/versus.mustache": "{{<layout}}{{$main}}<h1>{{page.heading}}</h1><p>{{{fragments.introduction}}}</p>{{{fragments.differences}}}{{{fragments.agreements}}}{{{fragments.resources}}}{{{fragments.decision}}}{{{fragments.sources}}}{{/main}}{{/layout}}",
    ]

    static let siteYAML = """
        title: Fixture Site
        base_url: https://example.com/
        author: Test Author

        """

    /// Creates the folder with the minimal templates, a site.yaml and `files` (paths relative to the root).
    init(_ files: [String: String], templates: [String: String] = FixtureSite.minimalTemplates, siteYAML: String? = FixtureSite.siteYAML) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-test-\(UUID().uuidString)")
        var all = templates
        if let siteYAML { all["Content/site.yaml"] = siteYAML }
        all.merge(files) { _, new in new }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Content/articles"), withIntermediateDirectories: true)
        for (path, text) in all { try write(path, text) }
    }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func writeBytes(_ path: String, _ bytes: [UInt8]) throws {
        try Data(bytes).write(to: root.appendingPathComponent(path))
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(path))
    }

    func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    var options: BuildOptions {
        BuildOptions(contentDirectory: path("Content"), templatesDirectory: path("Templates"), outputDirectory: path("Site"))
    }

    @discardableResult
    func build(drafts: Bool = false, baseURL: String? = nil, directives: DirectiveRegistry = .standard) -> BuildReport {
        var options = self.options
        options.includeDrafts = drafts
        options.baseURL = baseURL
        return SiteBuilder(directives: directives).build(options)
    }

    func output(_ relative: String) -> String? {
        try? String(contentsOfFile: path("Site/" + relative), encoding: .utf8)
    }

    /// Every file of the output folder with its bytes, to compare whole sites.
    func snapshot() -> [String: Data] {
        let base = path("Site")
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [:] }
        var files: [String: Data] = [:]
        while let relative = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: base + "/" + relative, isDirectory: &isDirectory)
            if !isDirectory.boolValue { files[relative] = FileManager.default.contents(atPath: base + "/" + relative) }
        }
        return files
    }

    /// Diagnostics as printed, with the temporary root removed so tests can compare `Content/…:line:column`.
    func messages(_ report: BuildReport) -> [String] {
        report.diagnostics.sortedForDisplay().map { $0.description.replacingOccurrences(of: root.path + "/", with: "") }
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: root)
    }
}

/// An article file with the guide's front matter keys; `extra` lines are added to the front matter.
func article(slug: String, title: String? = nil, date: String = "2026-01-15", extra: String = "", body: String = "Some text.\n") -> String {
    """
    ---
    title: "\(title ?? "Article \(slug)")"
    meta_description: "About \(slug)."
    url_slug: \(slug)
    primary_keyword: "\(slug) keyword"
    secondary_keywords:
      - "second keyword"
    author: "Ada Writer"
    date: "\(date)"
    \(extra)---

    \(body)
    """
}
