/// Validates an article file: splits front matter, checks every key, and returns a typed `Article`.
enum ArticleDecoder {
    static let requiredKeys = ["title", "meta_description", "url_slug", "primary_keyword", "secondary_keywords", "author", "date"]
    static let optionalKeys = ["tags", "related", "draft", "summary", "updated", "aliases", "cta"]

    static func decode(_ file: SourceFile) -> (Article?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let frontMatter: FrontMatter
        switch FrontMatter.split(file.text, path: file.path) {
        case .success(let value): frontMatter = value
        case .failure(let diagnostic): return (nil, [diagnostic])
        }
        guard let yaml = frontMatter.yaml else {
            return (nil, [.error(
                "article has no front matter; start the file with a '---' line, the YAML keys (\(requiredKeys.joined(separator: ", "))) and another '---' line",
                at: SourceLocation(path: file.path))])
        }
        let (root, yamlDiagnostics) = YAMLDocument.parse(yaml, path: file.path, lineOffset: frontMatter.yamlStartLine - 1)
        diagnostics += yamlDiagnostics
        guard yamlDiagnostics.isEmpty,
              let map = YAMLMap.root(root, path: file.path, lineOffset: frontMatter.yamlStartLine - 1, what: "front matter", &diagnostics)
        else { return (nil, diagnostics) }
        let fallback = map.location

        map.rejectUnknownKeys(requiredKeys + optionalKeys, in: "front matter", &diagnostics)
        let title = map.string("title", required: true, &diagnostics)
        let description = map.string("meta_description", required: true, &diagnostics)
        let slug = map.string("url_slug", required: true, &diagnostics)
        let slugLocation = map.value("url_slug").map(map.location(of:)) ?? fallback
        if let slug, let problem = SlugRules.problem(with: slug) {
            diagnostics.append(.error("url_slug '\(slug)' \(problem)", at: slugLocation))
        }
        let primaryKeyword = map.string("primary_keyword", required: true, &diagnostics)
        let secondaryKeywords = map.stringList("secondary_keywords", required: true, &diagnostics)
        let author = map.string("author", required: true, &diagnostics)
        let date = map.dateText("date", required: true, &diagnostics).flatMap { map.date($0, key: "date", &diagnostics) }
        let updated = map.dateText("updated", required: false, &diagnostics).flatMap { map.date($0, key: "updated", &diagnostics) }
        if let date, let updated, updated < date, let node = map.value("updated") {
            diagnostics.append(.error("updated \(updated.normalizedText) is before the article's date \(date.normalizedText)", at: map.location(of: node)))
        }
        let aliases = (map.stringList("aliases", &diagnostics) ?? []).compactMap { text, location -> Article.Alias? in
            switch URLPolicy.alias(text) {
            case .success(let path): return Article.Alias(path: path, location: location)
            case .failure(let problem):
                diagnostics.append(.error("alias '\(URLPolicy.shown(text))' \(problem.fix.map { "\(problem.what); \($0)" } ?? problem.what)", at: location))
                return nil
            }
        }
        let showsCallToAction = map.bool("cta", &diagnostics) ?? true
        let tags = map.stringList("tags", &diagnostics) ?? []
        for (tag, location) in tags where TagRules.slug(tag).isEmpty {
            diagnostics.append(.error("tag '\(tag)' has no letters or digits", at: location))
        }
        let related = (map.stringList("related", &diagnostics) ?? []).map { Article.RelatedReference(slug: $0.0, location: $0.1) }
        let draft = map.bool("draft", &diagnostics) ?? false
        let summary = map.string("summary", &diagnostics)

        guard !diagnostics.hasErrors, let title, let description, let slug, let primaryKeyword,
              let secondaryKeywords, let author, let date
        else { return (nil, diagnostics) }
        let article = Article(
            sourcePath: file.path, title: title, metaDescription: description, slug: slug, slugLocation: slugLocation,
            primaryKeyword: primaryKeyword, secondaryKeywords: secondaryKeywords.map(\.0), author: author, date: date,
            tags: tags.map(\.0), related: related, draft: draft, summary: summary, updated: updated, aliases: aliases,
            showsCallToAction: showsCallToAction, authorLocation: map.value("author").map(map.location(of:)), tagLocations: tags.map(\.1),
            body: frontMatter.body, bodyStartLine: frontMatter.bodyStartLine)
        return (article, diagnostics)
    }
}

extension YAMLMap {
    /// A date's text: YAML reads unquoted dates as timestamps, which is fine here, so the tag is not checked.
    fileprivate func dateText(_ key: String, required: Bool, _ diagnostics: inout [Diagnostic]) -> String? {
        guard let node = value(key) else {
            if required { missing(key, &diagnostics) }
            return nil
        }
        guard let scalar = node.scalar else {
            diagnostics.append(.error("'\(key)' must be a date such as 2026-04-02", at: location(of: node)))
            return nil
        }
        return scalar.string
    }

    fileprivate func date(_ text: String, key: String, _ diagnostics: inout [Diagnostic]) -> ArticleDate? {
        switch ArticleDate.parse(text) {
        case .success(let parsed): return parsed
        case .failure(let invalid):
            if let node = value(key) {
                diagnostics.append(.error(
                    "invalid \(key == "date" ? "date" : "\(key) date") '\(text)': \(invalid.reason); write a real calendar date as YYYY-MM-DD, or an RFC 3339 date and time such as 2026-04-02T09:30:00Z or 2026-04-02T09:30:00+02:00",
                    at: location(of: node)))
            }
            return nil
        }
    }
}

/// What makes a `url_slug` usable as one folder name in a URL.
enum SlugRules {
    /// Nil when fine, else what is wrong with it.
    static func problem(with slug: String) -> String? {
        if slug.isEmpty { return "is empty" }
        if slug == "." || slug == ".." { return "is not a page name" }
        if slug.hasPrefix(".") { return "must not start with '.'" }
        let allowed = slug.unicodeScalars.allSatisfy { scalar in
            // ASCII answered directly: Unicode's property tables, asked for every character of every slug, were a
            // hundredth of a full build.
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                return (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
                    || byte == 0x2D || byte == 0x5F || byte == 0x2E || byte == 0x7E
            }
            return (scalar.properties.isAlphabetic || scalar.properties.numericType != nil) && !scalar.properties.isWhitespace
        }
        if !allowed {
            return "must be a single plain path segment: letters, digits, '-', '_', '.' or '~' (no '/', spaces, '?', '#' or '%')"
        }
        return nil
    }
}

/// How tag names become URL segments.
enum TagRules {
    static func slug(_ tag: String) -> String {
        HeadingSlugger.slugify(tag)
    }
}
