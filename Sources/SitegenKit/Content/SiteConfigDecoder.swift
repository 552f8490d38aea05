/// Validates `site.yaml` into a `SiteConfig`.
enum SiteConfigDecoder {
    static let keys = ["title", "description", "base_url", "author", "language", "navigation", "options", "edit_url", "cta"]
    static let optionKeys = ["raw_html", "related_links", "links", "diagram_style", "review_after_days", "page_size"]

    static func decode(_ file: SourceFile, baseURLOverride: String?) -> (SiteConfig?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let (root, yamlDiagnostics) = YAMLDocument.parse(file.text, path: file.path)
        diagnostics += yamlDiagnostics
        guard yamlDiagnostics.isEmpty,
              let map = YAMLMap.root(root, path: file.path, lineOffset: 0, what: "site.yaml", &diagnostics)
        else { return (nil, diagnostics) }
        map.rejectUnknownKeys(keys, in: "site.yaml", &diagnostics)

        let title = map.string("title", required: true, &diagnostics)
        var baseURL: BaseURL?
        let baseHint = "write an absolute http:// or https:// address such as https://example.com/guide/"
        if let override = baseURLOverride {
            switch URLPolicy.baseURL(override) {
            case .success(let url): baseURL = url
            case .failure(let problem):
                diagnostics.append(.error("--base-url '\(URLPolicy.shown(override))' \(problem.reason(hint: baseHint))", at: nil))
            }
        } else if let text = map.string("base_url", required: true, &diagnostics), let node = map.value("base_url") {
            switch URLPolicy.baseURL(text) {
            case .success(let url): baseURL = url
            case .failure(let problem) where URLPolicy.scheme(of: text) == nil && !text.hasPrefix("//") && problem.fix == nil:
                diagnostics.append(.error(
                    "base_url '\(URLPolicy.shown(text))' must be an absolute http:// or https:// address such as https://example.com/guide/",
                    at: map.location(of: node)))
            case .failure(let problem):
                diagnostics.append(.error("base_url '\(URLPolicy.shown(text))' \(problem.reason(hint: baseHint))", at: map.location(of: node)))
            }
        }
        guard let baseURL else { return (nil, diagnostics) }
        var config = SiteConfig.defaults(path: file.path, baseURL: baseURL)
        config.title = title ?? ""
        config.description = map.string("description", &diagnostics) ?? ""
        config.author = map.string("author", &diagnostics) ?? ""
        if let language = map.string("language", &diagnostics) {
            if language.isEmpty || !language.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }), let node = map.value("language") {
                diagnostics.append(.error("language '\(language)' must be a language tag such as en or en-GB", at: map.location(of: node)))
            } else {
                config.language = language
            }
        }
        if let text = map.string("edit_url", &diagnostics), !text.isEmpty, let node = map.value("edit_url") {
            if let problem = URLPolicy.editURLProblem(text) {
                let hint = "write an http:// or https:// address that the article's file name completes, such as https://github.com/org/guide/edit/main/Content/articles/"
                if URLPolicy.scheme(of: text) == nil, problem.fix == nil {
                    diagnostics.append(.error("edit_url '\(URLPolicy.shown(text))' must be an http:// or https:// address that the article's file name completes, such as https://github.com/org/guide/edit/main/Content/articles/",
                                              at: map.location(of: node)))
                } else {
                    diagnostics.append(.error("edit_url '\(URLPolicy.shown(text))' \(problem.reason(hint: hint))", at: map.location(of: node)))
                }
            } else {
                config.editURL = text.hasSuffix("/") ? text : text + "/"
            }
        }
        // Links may be mailto: too, since a closing invitation is often an e-mail.
        let linkHint = "write a site path such as /tags/, a full https:// address or a mailto: address"
        if let cta = map.map("cta", &diagnostics) {
            cta.rejectUnknownKeys(["heading", "text", "button", "url"], in: "cta", &diagnostics)
            let heading = cta.string("heading", required: true, &diagnostics), text = cta.string("text", required: true, &diagnostics)
            let button = cta.string("button", required: true, &diagnostics), url = cta.string("url", required: true, &diagnostics)
            if let url, let problem = URLPolicy.linkProblem(url), let node = cta.value("url") {
                diagnostics.append(.error("cta url '\(URLPolicy.shown(url))' \(problem.reason(hint: linkHint))", at: cta.location(of: node)))
            } else if let heading, let text, let button, let url {
                config.callToAction = SiteConfig.CallToAction(heading: heading, text: text, buttonLabel: button, url: url)
            }
        }
        for item in map.mapList("navigation", &diagnostics) ?? [] {
            item.rejectUnknownKeys(["title", "url"], in: "a navigation entry", &diagnostics)
            let title = item.string("title", required: true, &diagnostics), url = item.string("url", required: true, &diagnostics)
            if let url, let problem = URLPolicy.linkProblem(url), let node = item.value("url") {
                diagnostics.append(.error("navigation url '\(URLPolicy.shown(url))' \(problem.reason(hint: linkHint))", at: item.location(of: node)))
            } else if let title, let url {
                config.navigation.append(.init(title: title, url: url, location: item.value("url").map(item.location(of:)) ?? item.location))
            }
        }
        if let options = map.map("options", &diagnostics) {
            options.rejectUnknownKeys(optionKeys, in: "options", &diagnostics)
            config.allowRawHTML = options.bool("raw_html", &diagnostics) ?? false
            config.relatedLinks = options.int("related_links", in: 0...50, &diagnostics) ?? 3
            config.reviewAfterDays = options.int("review_after_days", in: 1...36500, &diagnostics) ?? 365
            config.pageSize = options.int("page_size", in: 1...10000, &diagnostics) ?? 50
            if let text = options.string("diagram_style", &diagnostics) {
                if let style = DiagramStyle(rawValue: text) {
                    config.diagramStyle = style
                } else if let node = options.value("diagram_style") {
                    diagnostics.append(.error("diagram_style must be 'unicode' or 'ascii'", at: options.location(of: node)))
                }
            }
            if let text = options.string("links", &diagnostics) {
                if let policy = SiteConfig.LinkPolicy(rawValue: text) {
                    config.linkPolicy = policy
                } else if let node = options.value("links") {
                    diagnostics.append(.error("links must be 'error' or 'warn'", at: options.location(of: node)))
                }
            }
        }
        return (diagnostics.hasErrors ? nil : config, diagnostics)
    }
}
