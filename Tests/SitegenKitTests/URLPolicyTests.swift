import Foundation
import Testing
@testable import SitegenKit

/// One URL policy for every URL-valued setting and field: generated values either fail the build with an error at
/// the value (the output untouched) or everything the site writes with them is a safe address.
@Suite("URL policy")
struct URLPolicyTests {
    // MARK: Generated values

    /// Characters browsers drop, files cut at, or readers cannot see: controls, every kind of space, format and
    /// bidi characters, default-ignorables, private use, noncharacters.
    static let invisibles: [UInt32] = [
        0x00, 0x01, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B, 0x1F, 0x20, 0x7F, 0x80, 0x85, 0x9F, 0xA0, 0xAD, 0x034F,
        0x061C, 0x115F, 0x1680, 0x180E, 0x2000, 0x2007, 0x200A, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2028, 0x2029,
        0x202A, 0x202D, 0x202E, 0x202F, 0x205F, 0x2060, 0x2066, 0x2069, 0x3000, 0x3164, 0xFE0F, 0xFEFF, 0xFFA0, 0xE000,
        0xFFFE, 0x1D173, 0xE0001, 0xE0100,
    ]
    static let schemes = ["javascript", "vbscript", "data", "http", "https", "mailto", "ftp", "file", "blob", "tel", "about"]
    static let hosts = ["example.com", "evil.example", "example.com@evil.example", "user:pass@example.com", "[::1]", "[::1]evil.com",
                        "127.0.0.1", "ex ample.com", "exa%6dple.com", "bücher.example", "xn--bcher-kva.example", "", ".", "a..b",
                        "example.com.", "example.com\\evil.example", "EXAMPLE.com"]
    static let ports = ["", "", "", ":0", ":1", ":80", ":65535", ":65536", ":99999", ":-1", ":+80", ":", ":08", ":8o"]
    static let paths = ["", "/", "/guide/", "//evil.example/", "/../", "/../../x/", "/./", "/%2e%2e/", "/%2E%2e/", "/.%2e/", "/.../",
                        "/.git/config", "/a\"><script>alert(1)</script>/", "/a%2fb/", "/a b/", "/über/", "/a//b/", "/a/./b",
                        "/a\\b/", "/~x/", "/a.html", "/compare/", "/x/y/"]
    static let tails = ["", "", "?q=1", "#top", "?a=1#b"]
    static let bodies = ["alert(document.domain)", "text/html,<script>alert(1)</script>", "x@example.com",
                         "x@example.com?subject=Hi%20there", "//evil.example/", "/x", "", "@"]

    /// One value shaped like a URL, often broken: a scheme in mixed case, a host, port, path and tail, sometimes
    /// with an invisible character inserted or a character percent-encoded.
    static func generate(_ random: inout SplitMix64) -> String {
        var value: String
        switch Int.random(in: 0..<7, using: &random) {
        case 6:
            value = ["http", "https"].randomElement(using: &random)! + "://"
                + ["example.com", "EXAMPLE.com", "127.0.0.1", "[::1]", "xn--bcher-kva.example", "evil.example"].randomElement(using: &random)!
                + ["", ":1", ":8080", ":65535"].randomElement(using: &random)!
                + ["", "/", "/guide/", "/über/", "/a.html", "/x/y/"].randomElement(using: &random)!
        case 0, 1:
            value = schemes.randomElement(using: &random)! + "://" + hosts.randomElement(using: &random)!
                + ports.randomElement(using: &random)! + paths.randomElement(using: &random)! + tails.randomElement(using: &random)!
        case 2:
            value = schemes.randomElement(using: &random)! + ":" + bodies.randomElement(using: &random)!
        case 3:
            value = paths.randomElement(using: &random)! + tails.randomElement(using: &random)!
        case 4:
            value = "//" + hosts.randomElement(using: &random)! + paths.randomElement(using: &random)!
        default:
            value = ["compare/", "a/b", "old.html", "...", "x:y", "%2e%2e/x"].randomElement(using: &random)!
        }
        if Bool.random(using: &random) { value = mixedCase(value, &random) }
        if Int.random(in: 0..<10, using: &random) < 3 {
            var scalars = Array(value.unicodeScalars)
            let scalar = Unicode.Scalar(invisibles.randomElement(using: &random)!)!
            scalars.insert(scalar, at: Int.random(in: 0...scalars.count, using: &random))
            value = String(String.UnicodeScalarView(scalars))
        }
        if Int.random(in: 0..<10, using: &random) < 2, !value.isEmpty {
            var scalars = Array(value.unicodeScalars)
            let index = Int.random(in: 0..<scalars.count, using: &random)
            let encoded = String(scalars[index]).utf8.map { String(format: "%%%02X", $0) }.joined()
            scalars.replaceSubrange(index...index, with: encoded.unicodeScalars)
            value = String(String.UnicodeScalarView(scalars))
        }
        return value
    }

    static func mixedCase(_ text: String, _ random: inout SplitMix64) -> String {
        String(text.map { $0.isASCII && Bool.random(using: &random) ? Character($0.uppercased()) : $0 })
    }

    // MARK: What "safe" means, written apart from the policy

    static func hasInvisible(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            let properties = scalar.properties
            return scalar.value <= 0x20 || (0x7F...0x9F).contains(scalar.value) || properties.isWhitespace
                || properties.isDefaultIgnorableCodePoint || properties.isNoncharacterCodePoint
                || [.format, .control, .spaceSeparator, .lineSeparator, .paragraphSeparator, .privateUse].contains(properties.generalCategory)
        }
    }

    /// A root-relative path that stays on this site: one leading `/`, no dot segments, nothing percent-encoded.
    static func isSafeSitePath(_ text: String) -> Bool {
        guard text.hasPrefix("/"), !text.hasPrefix("//"), !text.contains("\\"), !hasInvisible(text) else { return false }
        let path = text.prefix { $0 != "?" && $0 != "#" }
        return !path.contains("%") && !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == "." || $0 == ".." }
            && !path.dropFirst().split(separator: "/", omittingEmptySubsequences: false).dropLast().contains { $0.isEmpty }
    }

    /// `http(s)://host[:port]…` with a plain host and no user name; `host` when given must be that one.
    static func isSafeAddress(_ text: String, host expected: String? = nil) -> Bool {
        guard !hasInvisible(text), !text.contains("\\"), !text.contains("\""), !text.contains("<") else { return false }
        let lower = text.lowercased()
        guard let rest = lower.hasPrefix("https://") ? lower.dropFirst(8) : lower.hasPrefix("http://") ? lower.dropFirst(7) : nil else { return false }
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !authority.isEmpty, !authority.contains("@") else { return false }
        var host = authority[...], port: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return false }
            host = authority[...close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty { guard after.hasPrefix(":") else { return false }; port = after.dropFirst() }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]; port = authority[authority.index(after: colon)...]
        }
        if let port { guard let number = Int(port), (1...65535).contains(number), port.allSatisfy(\.isASCII) else { return false } }
        if !host.hasPrefix("[") {
            guard !host.isEmpty, host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }),
                  !host.split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty)
            else { return false }
        }
        if let expected { return String(host) == expected.lowercased() }
        return true
    }

    static func isSafeLink(_ text: String) -> Bool {
        isSafeSitePath(text) || isSafeAddress(text) || (text.lowercased().hasPrefix("mailto:") && !hasInvisible(text) && text.contains("@"))
    }

    static func isSafeAlias(_ path: String) -> Bool {
        guard isSafeSitePath(path), !path.contains("?"), !path.contains("#") else { return false }
        return path.split(separator: "/").allSatisfy { SlugRules.problem(with: String($0)) == nil && !$0.hasPrefix(".") }
    }

    // MARK: The policy on thousands of generated values

    @Test func everyAcceptedValueIsSafeAndEveryInvisibleCharacterIsRefused() {
        var random = SplitMix64(seed: 34)
        var accepted: [String: Int] = [:]
        for _ in 0..<6000 {
            let value = Self.generate(&random)
            let link = URLPolicy.linkProblem(value), address = URLPolicy.addressProblem(value), edit = URLPolicy.editURLProblem(value)
            let base = URLPolicy.baseURL(value), alias = URLPolicy.alias(value)
            if link == nil { accepted["link", default: 0] += 1; #expect(Self.isSafeLink(value), "link accepted: \(value.debugDescription)") }
            if address == nil { accepted["address", default: 0] += 1; #expect(Self.isSafeAddress(value), "address accepted: \(value.debugDescription)") }
            if edit == nil {
                #expect(Self.isSafeAddress(value) && !value.contains("?") && !value.contains("#"), "edit_url accepted: \(value.debugDescription)")
            }
            if case .success(let url) = base {
                accepted["base", default: 0] += 1
                #expect(Self.isSafeAddress(url.description), "base_url accepted: \(value.debugDescription)")
                #expect(url.path.hasPrefix("/") && url.path.hasSuffix("/") && Self.isSafeSitePath(url.path), "base path: \(value.debugDescription)")
                #expect(!url.path.contains("?") && !url.path.contains("#"))
                let script = url.rooted("/assets/matrix.js")
                #expect(script.hasPrefix("/") && !script.hasPrefix("//"), "\(script.debugDescription) from \(value.debugDescription)")
                #expect(Self.isSafeAddress(url.absolute("/sitemap.xml"), host: nil))
            }
            if case .success(let path) = alias {
                accepted["alias", default: 0] += 1
                #expect(Self.isSafeAlias(path), "alias accepted: \(value.debugDescription) as \(path.debugDescription)")
            }
            if Self.hasInvisible(value) {
                #expect(link != nil && address != nil && edit != nil && alias.isFailure && base.isFailure, "\(value.debugDescription)")
            }
            if let scheme = URLPolicy.scheme(of: value), !["http", "https", "mailto"].contains(scheme) {
                #expect(link != nil && address != nil && base.isFailure, "\(value.debugDescription)")
            }
        }
        // The generator must reach the accepting side of every rule, or the properties above say little.
        for field in ["link", "address", "base", "alias"] {
            #expect(accepted[field, default: 0] > 100, "\(field): \(accepted[field, default: 0]) accepted")
        }
    }

    @Test func anInvisibleCharacterAnywhereInAGoodValueIsRefused() {
        let good = ["https://example.com/guide/", "/compare/#matrix", "mailto:workshops@example.com?subject=Hi", "/old-guide/"]
        for value in good {
            #expect(URLPolicy.linkProblem(value) == nil)
            for code in Self.invisibles {
                let scalars = Array(value.unicodeScalars), scalar = Unicode.Scalar(code)!
                for position in [0, 1, scalars.count / 2, scalars.count] {
                    var changed = scalars
                    changed.insert(scalar, at: position)
                    let text = String(String.UnicodeScalarView(changed))
                    let problem = URLPolicy.linkProblem(text)
                    #expect(problem != nil, "\(text.debugDescription)")
                    #expect(problem?.what.contains("character \(position + 1)") == true, "\(text.debugDescription): \(String(describing: problem))")
                    #expect(URLPolicy.alias(text).isFailure && URLPolicy.baseURL(text).isFailure && URLPolicy.addressProblem(text) != nil)
                }
            }
        }
    }

    @Test func schemesAreMatchedInAnyCase() {
        var random = SplitMix64(seed: 7)
        for scheme in ["javascript", "vbscript", "data", "file", "blob"] {
            for _ in 0..<50 {
                let value = Self.mixedCase(scheme, &random) + ":alert(1)"
                #expect(URLPolicy.linkProblem(value)?.what.contains("is never allowed") == true, "\(value)")
            }
        }
        #expect(URLPolicy.linkProblem("HTTPS://Example.com/") == nil)
        #expect(URLPolicy.linkProblem("MailTo:x@example.com") == nil)
    }

    @Test func portsAreFromOneTo65535() {
        for port in 0...70000 where port % 7 == 0 || [1, 65535, 65536, 99999].contains(port) {
            let accepted = (try? URLPolicy.baseURL("https://example.com:\(port)/").get()) != nil
            #expect(accepted == (1...65535).contains(port), "\(port)")
        }
    }

    // MARK: Whole builds with generated values, field by field

    /// A layout that writes every URL-valued field somewhere, and a script like the guide's matrix.
    static let templates: [String: String] = {
        var templates = FixtureSite.minimalTemplates
        templates["Templates/layout.mustache"] = """
            <!DOCTYPE html>
            <html lang="{{site.language}}"><head>{{> partials/head}}<script src="{{site.root}}assets/matrix.js"></script></head>
            <body><nav>{{#site.navigation}}<a href="{{url}}">{{title}}</a>{{/site.navigation}}</nav>
            <main id="main-content">{{$main}}{{/main}}</main></body></html>
            """
        templates["Templates/article.mustache"] = """
            {{<layout}}{{$main}}<h1>{{article.title}}</h1>{{{article.body}}}
            {{#article.edit_url}}<a class="edit" href="{{article.edit_url}}">Edit</a>{{/article.edit_url}}
            {{#article.author_box}}<a href="{{page_url}}">{{name}}</a>{{#url}}<a href="{{url}}">Site</a>{{/url}}{{/article.author_box}}
            {{#article.cta}}<a class="cta" href="{{url}}">{{button}}</a>{{/article.cta}}{{/main}}{{/layout}}
            """
        templates["Templates/mesh.mustache"] = "{{<layout}}{{$main}}{{#entry}}<h1>{{name}}</h1>{{/entry}}{{{fragments.features}}}{{{fragments.sources}}}{{/main}}{{/layout}}"
        templates["Templates/author.mustache"] = "{{<layout}}{{$main}}{{#author}}<h1>{{name}}</h1>{{#url}}<a href=\"{{url}}\">Site</a>{{/url}}{{/author}}{{/main}}{{/layout}}"
        templates["Templates/assets/matrix.js"] = "// matrix\n"
        return templates
    }()

    /// A value as a YAML double-quoted scalar: every character outside printable ASCII escaped, so any value fits on
    /// one line and YAML gives back exactly that value.
    static func yamlQuoted(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case _ where scalar.value >= 0x20 && scalar.value < 0x7F: result.unicodeScalars.append(scalar)
            case _ where scalar.value <= 0xFFFF: result += String(format: "\\u%04X", scalar.value)
            default: result += String(format: "\\U%08X", scalar.value)
            }
        }
        return result + "\""
    }

    /// One URL-valued field: the files that carry a value, and the place a value's error must point at.
    struct Field: Sendable {
        var name: String
        /// Files to write for a value, and the file and line the value is written on (column: the opening quote).
        var files: @Sendable (String) -> (files: [String: String], at: (path: String, marker: String)?)
        var baseURL: (@Sendable (String) -> String?)? = nil
    }

    static let siteYAML = "title: Fixture Site\nbase_url: https://example.com/\nauthor: Test Author\n"
    static let ctaBlock = "cta:\n  heading: Talk\n  text: We can help.\n  button: Book\n  url: "

    static func baseFiles() -> [String: String] {
        var files = CatalogFixture.files(meshes: ["a": FactsTests.citedMesh("a")])
        files["Content/articles/a.md"] = article(slug: "a", extra: "aliases: [/old-a/]\n")
        files["Content/authors.yaml"] = "authors:\n  - name: \"Ada Writer\"\n    url: https://ada.example/\n"
        files["Content/site.yaml"] = siteYAML + "navigation:\n  - title: Home\n    url: /\n" + ctaBlock + "/a/\n"
        return files
    }

    static let fields: [Field] = [
        Field(name: "navigation") { value in
            let line = "    url: \(yamlQuoted(value))"
            return (["Content/site.yaml": siteYAML + "navigation:\n  - title: X\n" + line + "\n"], ("Content/site.yaml", line))
        },
        Field(name: "cta.url") { value in
            let text = siteYAML + ctaBlock + yamlQuoted(value) + "\n"
            return (["Content/site.yaml": text], ("Content/site.yaml", "  url: " + yamlQuoted(value)))
        },
        Field(name: "base_url") { value in
            let line = "base_url: \(yamlQuoted(value))"
            return (["Content/site.yaml": "title: Fixture Site\n" + line + "\nauthor: Test Author\n"], ("Content/site.yaml", line))
        },
        Field(name: "--base-url", files: { _ in ([:], nil) }, baseURL: { $0 }),
        Field(name: "edit_url") { value in
            let line = "edit_url: \(yamlQuoted(value))"
            return (["Content/site.yaml": siteYAML + line + "\n"], ("Content/site.yaml", line))
        },
        Field(name: "aliases") { value in
            let text = article(slug: "a", extra: "aliases: [\(yamlQuoted(value))]\n")
            return (["Content/articles/a.md": text], ("Content/articles/a.md", "aliases: [" + yamlQuoted(value)))
        },
        Field(name: "authors url") { value in
            let line = "    url: \(yamlQuoted(value))"
            return (["Content/authors.yaml": "authors:\n  - name: \"Ada Writer\"\n" + line + "\n"], ("Content/authors.yaml", line))
        },
        Field(name: "source") { value in
            let mesh = FactsTests.citedMesh("a", source: yamlQuoted(value))
            return (["Content/catalog/meshes/a.yaml": mesh], ("Content/catalog/meshes/a.yaml", "source: " + yamlQuoted(value)))
        },
    ]

    /// `path:line:column: error: ` of a value written right after `marker` (its opening quote) on a line of the file.
    static func location(_ site: FixtureSite, _ at: (path: String, marker: String)) throws -> String {
        let text = try String(contentsOfFile: site.path(at.path), encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.contains(at.marker) })
        let valueStart = try #require(lines[index].range(of: at.marker)).lowerBound
        let quote = try #require(at.marker.firstIndex(of: "\""))
        let column = lines[index].distance(from: lines[index].startIndex, to: valueStart) + at.marker.distance(from: at.marker.startIndex, to: quote)
        return "\(at.path):\(index + 1):\(column + 1): error: "
    }

    /// The host of an origin, as `isSafeAddress` reads it: `example.com`, `[::1]`.
    static func host(of origin: String) -> String {
        let rest = origin.drop { $0 != "/" }.dropFirst(2)
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") { return String(rest[...close]) }
        return String(rest.prefix { $0 != ":" })
    }

    /// Every URL a built page or file carries, HTML-unescaped: `href`, `src`, the refresh's `url=`, robots.txt's
    /// `Sitemap:`, `_redirects`' two paths and the sitemap's `<loc>`s.
    static func writtenURLs(_ snapshot: [String: Data]) -> [(file: String, url: String, attribute: String)] {
        var found: [(String, String, String)] = []
        for (file, data) in snapshot {
            let text = String(decoding: data, as: UTF8.self)
            if file.hasSuffix(".html") {
                for attribute in ["href", "src", "action"] {
                    for part in text.components(separatedBy: " \(attribute)=\"").dropFirst() {
                        found.append((file, unescape(String(part.prefix { $0 != "\"" })), attribute))
                    }
                }
                for part in text.components(separatedBy: "content=\"0; url=").dropFirst() {
                    found.append((file, unescape(String(part.prefix { $0 != "\"" })), "refresh"))
                }
            } else if file == "robots.txt" {
                for line in text.split(separator: "\n", omittingEmptySubsequences: false) where line.hasPrefix("Sitemap: ") {
                    found.append((file, String(line.dropFirst(9)), "src"))
                }
            } else if file == "_redirects" {
                for line in text.split(separator: "\n") {
                    let fields = line.split(separator: " ", omittingEmptySubsequences: false)
                    found.append((file, fields.count == 3 ? String(fields[0]) : "malformed: \(line)", "src"))
                    found.append((file, fields.count == 3 ? String(fields[1]) : "malformed: \(line)", "src"))
                }
            } else if file == "sitemap.xml" {
                for part in text.components(separatedBy: "<loc>").dropFirst() {
                    found.append((file, String(part.prefix { $0 != "<" }), "src"))
                }
            }
        }
        return found
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// What a built site must hold: robots.txt of four plain lines, and every URL on this site's host or root-relative
    /// (`src` and the redirects), or for links also another http(s) host or a mail address.
    static func expectSafe(_ site: FixtureSite, host: String, value: String, field: String) {
        let snapshot = site.snapshot()
        let robots = String(decoding: snapshot["robots.txt"] ?? Data(), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(robots.count == 5 && robots[0] == "User-agent: *" && robots[1] == "Allow: /" && robots[2] == "" && robots[4] == "",
                "\(field) \(value.debugDescription): robots.txt \(robots)")
        for (file, url, attribute) in writtenURLs(snapshot) {
            let safe: Bool
            if url.hasPrefix("#") {
                safe = !hasInvisible(url)
            } else if attribute == "href" {
                safe = isSafeSitePath(url) || isSafeLink(url)
            } else {
                safe = isSafeSitePath(url) || isSafeAddress(url, host: host)
            }
            #expect(safe, "\(field) \(value.debugDescription): \(file) \(attribute) \(url.debugDescription)")
        }
    }

    @Test func generatedValuesInEveryFieldFailAtTheValueOrBuildASafeSite() throws {
        var random = SplitMix64(seed: 3434)
        var builds = 0, failures = 0
        for field in Self.fields {
            let site = try FixtureSite(Self.baseFiles(), templates: Self.templates)
            defer { site.cleanUp() }
            let first = site.build()
            #expect(first.succeeded, "\(site.messages(first))")
            var published = site.snapshot()
            var values = (0..<17).map { _ in Self.generate(&random) }
            values += ["https://example.com/", "/a/", "mailto:x@example.com"]
            for value in values {
                for (path, text) in Self.baseFiles() { try site.write(path, text) }
                let (files, at) = field.files(value)
                for (path, text) in files { try site.write(path, text) }
                let report = site.build(baseURL: field.baseURL?(value))
                builds += 1
                let messages = site.messages(report)
                if report.succeeded {
                    let base = field.baseURL != nil || field.name == "base_url" ? try? URLPolicy.baseURL(value).get() : nil
                    Self.expectSafe(site, host: base.map { Self.host(of: $0.origin) } ?? "example.com", value: value, field: field.name)
                    published = site.snapshot()
                } else {
                    failures += 1
                    let errors = messages.filter { $0.contains(": error: ") }
                    #expect(!errors.isEmpty, "\(field.name) \(value.debugDescription): \(messages)")
                    if let at {
                        let prefix = try Self.location(site, at)
                        #expect(errors.allSatisfy { $0.hasPrefix(prefix) }, "\(field.name) \(value.debugDescription): expected \(prefix) in \(messages)")
                    } else {
                        #expect(errors.allSatisfy { $0.hasPrefix("sitegen: error: --base-url '") }, "\(value.debugDescription): \(messages)")
                    }
                    #expect(site.snapshot() == published, "\(field.name) \(value.debugDescription): a failed build leaves the output alone")
                }
            }
        }
        #expect(builds <= 200)
        #expect(failures > builds / 4 && failures < builds, "\(failures) of \(builds) failed")
    }

    // MARK: The reported cases

    /// Issue 34, case 1: a NUL in an alias cut the written path, so the redirect replaced another page and robots.txt.
    @Test func case1AnAliasWithANULIsAnErrorAndOverwritesNothing() throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-url-cache-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let site = try FixtureSite([
            "Content/articles/target.md": article(slug: "kubernetes-cost-optimization"),
            "Content/articles/b.md": article(slug: "b"),
        ])
        defer { site.cleanUp() }
        var options = site.options
        options.cacheDirectory = cache
        #expect(SiteBuilder(directives: .standard).build(options).succeeded)
        let before = site.snapshot()
        try site.write("Content/articles/b.md", article(slug: "b", extra: "aliases: [\"/kubernetes-cost-optimization/index.html\\u0000x\", \"/robots.txt\\u0000\"]\n"))
        let report = SiteBuilder(directives: .standard).build(options)
        #expect(!report.succeeded)
        #expect(site.messages(report) == [
            "Content/articles/b.md:10:11: error: alias '/kubernetes-cost-optimization/index.html\\u{0}x' contains a NUL character (U+0000) (character 41); remove it: nothing is stripped from a URL, and an invisible character can change where it leads",
            "Content/articles/b.md:10:62: error: alias '/robots.txt\\u{0}' contains a NUL character (U+0000) (character 12); remove it: nothing is stripped from a URL, and an invisible character can change where it leads",
        ])
        #expect(site.snapshot() == before, "neither the article's page nor robots.txt is replaced")
        #expect(site.output("kubernetes-cost-optimization/index.html")?.contains("<h1>Article kubernetes-cost-optimization</h1>") == true)
    }

    /// Issue 34, case 2: `cta.url` with a scheme that runs code went into every article's button.
    @Test(arguments: ["javascript:alert(document.domain)", "vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>",
                      "\u{0B}javascript:alert(1)", "\u{200B}javascript:alert(1)", "JaVaScRiPt:alert(1)", "//evil.example/"])
    func case2ACallToActionURLThatRunsCodeIsAnError(url: String) throws {
        let site = try FixtureSite(["Content/articles/a.md": article(slug: "a")], templates: Self.templates,
                                   siteYAML: Self.siteYAML + Self.ctaBlock + Self.yamlQuoted(url) + "\n")
        defer { site.cleanUp() }
        let report = site.build()
        #expect(!report.succeeded)
        let messages = site.messages(report)
        #expect(messages.count == 1 && messages[0].hasPrefix("Content/site.yaml:8:8: error: cta url '\(URLPolicy.shown(url))' "), "\(messages)")
        #expect(messages.first?.contains("; ") == true, "says what to write instead")
        #expect(site.output("a/index.html") == nil)
    }

    @Test func aCallToActionMayBeAMailAddressOrASitePath() throws {
        for url in ["mailto:workshops@example.com?subject=Assessment%20workshop", "/b/", "https://calendar.example/book"] {
            let site = try FixtureSite(["Content/articles/a.md": article(slug: "a"), "Content/articles/b.md": article(slug: "b")],
                                       templates: Self.templates, siteYAML: Self.siteYAML + Self.ctaBlock + Self.yamlQuoted(url) + "\n")
            defer { site.cleanUp() }
            #expect(site.build().succeeded)
            let expected = HTML.escape(url)
            #expect(site.output("a/index.html")?.contains("<a class=\"cta\" href=\"\(expected)\">Book</a>") == true, "\(url)")
        }
    }

    /// Issue 34, case 3: a navigation entry with a scheme that runs code went into every page's header and passed the
    /// link check, which takes any scheme as external.
    @Test(arguments: ["javascript:alert('nav')", "data:text/html,<script>alert(1)</script>", "JAVASCRIPT:alert(1)",
                      "\u{FEFF}javascript:alert(1)", "java\u{09}script:alert(1)", "//evil.example/", "compare/", "/../etc/"])
    func case3ANavigationURLThatRunsCodeIsAnError(url: String) throws {
        let site = try FixtureSite(["Content/articles/a.md": article(slug: "a")], templates: Self.templates,
                                   siteYAML: Self.siteYAML + "navigation:\n  - title: X\n    url: \(Self.yamlQuoted(url))\n")
        defer { site.cleanUp() }
        let report = site.build()
        #expect(!report.succeeded)
        let messages = site.messages(report)
        // YAML itself drops a byte-order mark, so the message may quote the value without it.
        #expect(messages.count == 1 && messages[0].hasPrefix("Content/site.yaml:6:10: error: navigation url '"), "\(messages)")
        #expect(messages.first?.contains("; ") == true, "says what to write instead")
        #expect(site.output("index.html") == nil)
    }

    /// Issue 34, case 4: a base_url whose path starts with `//` made every page load `//evil.example/assets/…`.
    @Test func case4ABaseURLWithADoubleSlashPathIsAnError() throws {
        let site = try FixtureSite(["Content/articles/a.md": article(slug: "a")], templates: Self.templates,
                                   siteYAML: "title: T\nbase_url: \"https://example.com//evil.example/\"\n")
        defer { site.cleanUp() }
        let report = site.build()
        #expect(site.messages(report) == [
            "Content/site.yaml:2:11: error: base_url 'https://example.com//evil.example/' contains '//' in its path; write single slashes, such as https://example.com/guide/",
        ])
        try site.write("Content/site.yaml", "title: T\nbase_url: https://example.com/\n")
        #expect(site.build().succeeded)
        let before = site.snapshot()
        let override = site.build(baseURL: "https://example.com//evil.example/")
        #expect(site.messages(override) == [
            "sitegen: error: --base-url 'https://example.com//evil.example/' contains '//' in its path; write single slashes, such as https://example.com/guide/",
        ])
        #expect(site.snapshot() == before)
        #expect(site.output("a/index.html")?.contains("<script src=\"/assets/matrix.js\"></script>") == true)
    }

    /// Issue 34, case 5: a newline in base_url wrote its own lines into robots.txt; `..`, spaces, NUL and port 99999
    /// passed too.
    @Test(arguments: [
        ("https://example.com/\nDisallow: /\nSitemap: https://evil.example/sitemap.xml", "contains a line break (U+000A) (character 21)"),
        ("https://example.com/../../x/", "has the path segment '..', which is not a page name"),
        ("https://example.com/a b/", "contains a space (character 22)"),
        ("https://exa mple.com/", "contains a space (character 12)"),
        ("https://example.com/\u{0}", "contains a NUL character (U+0000) (character 21)"),
        ("https://example.com:99999/", "has the port '99999'; a port is a number from 1 to 65535"),
        ("https://example.com:0/", "has the port '0'"),
        ("https://user@example.com/", "has a user name or password before '@'"),
        ("https://example.com/guide/?x=1", "has a query or fragment"),
        ("https://example.com/%2e%2e/", "has the path segment '%2e%2e'"),
        ("https://exa%6dple.com/", "has the host name 'exa%6dple.com'"),
    ])
    func case5ABaseURLWithALineBreakDotsSpacesOrABadPortIsAnError(url: String, problem: String) throws {
        let site = try FixtureSite(["Content/articles/a.md": article(slug: "a")], siteYAML: "title: T\nbase_url: https://example.com/\n")
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let before = site.snapshot()
        #expect(site.output("robots.txt") == "User-agent: *\nAllow: /\n\nSitemap: https://example.com/sitemap.xml\n")
        try site.write("Content/site.yaml", "title: T\nbase_url: \(Self.yamlQuoted(url))\n")
        let messages = site.messages(site.build())
        #expect(messages.count == 1 && messages[0].hasPrefix("Content/site.yaml:2:11: error: base_url '\(URLPolicy.shown(url))' \(problem)"), "\(messages)")
        #expect(site.snapshot() == before, "robots.txt and every page are left alone")
        let override = site.messages(site.build(baseURL: url))
        #expect(override.count == 1 && override[0].hasPrefix("sitegen: error: --base-url '\(URLPolicy.shown(url))' \(problem)"), "\(override)")
    }

    /// The writers defend too: a `BaseURL` or alias made some other way cannot start a line in robots.txt or `_redirects`.
    @Test func robotsAndRedirectsPercentEncodeLineBreaks() {
        let hostile = BaseURL(origin: "https://example.com", path: "/\nDisallow: /\n")
        #expect(RobotsTxt.render(baseURL: hostile) == "User-agent: *\nAllow: /\n\nSitemap: https://example.com/%0ADisallow:%20/%0Asitemap.xml\n")
        let redirects = RedirectPage.redirectsFile([(from: "/old\u{0}/x y/", to: "/a/")], baseURL: BaseURL(origin: "https://example.com", path: "/"))
        #expect(redirects == "/old%00/x%20y/ /a/ 301\n")
        let doubled = BaseURL(origin: "https://example.com", path: "/")
        #expect(doubled.rooted("//evil.example/x") == "/evil.example/x", "no path comes out as //host")
    }

    /// Issue 34, case 6: aliases took `%2e%2e`, a segment of dots, markup and a hidden folder, which `url_slug` refuses.
    @Test func case6AliasesFollowTheURLSlugRule() throws {
        let site = try FixtureSite(["Content/articles/a.md": article(slug: "a")])
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let before = site.snapshot()
        try site.write("Content/articles/a.md", article(slug: "a", extra: """
            aliases:
              - "/%2e%2e/"
              - "/.../"
              - "/a\\"><script>alert(1)</script>/"
              - "/.git/config"
              - "/a//b/"
              - "/old guide/"

            """))
        #expect(site.messages(site.build()) == [
            "Content/articles/a.md:11:5: error: alias '/%2e%2e/' has the path segment '%2e%2e', which must be a single plain path segment: letters, digits, '-', '_', '.' or '~' (no '/', spaces, '?', '#' or '%'); write each segment as a url_slug, such as /old-guide/",
            "Content/articles/a.md:12:5: error: alias '/.../' has the path segment '...', which must not start with '.'; write each segment as a url_slug, such as /old-guide/",
            "Content/articles/a.md:13:5: error: alias '/a\"><script>alert(1)</script>/' has the path segment 'a\"><script>alert(1)<', which must be a single plain path segment: letters, digits, '-', '_', '.' or '~' (no '/', spaces, '?', '#' or '%'); write each segment as a url_slug, such as /old-guide/",
            "Content/articles/a.md:14:5: error: alias '/.git/config' has the path segment '.git', which must not start with '.'; write each segment as a url_slug, such as /old-guide/",
            "Content/articles/a.md:15:5: error: alias '/a//b/' contains '//' in its path; write single slashes, such as /old-guide/",
            "Content/articles/a.md:16:5: error: alias '/old guide/' contains a space (character 5); remove it: a URL holds no spaces",
        ])
        #expect(site.snapshot() == before)
    }

    /// A citation that mentions an address stays text; an address behind spaces or an invisible character is still an
    /// address, and an error there (nothing is trimmed).
    @Test func aSourceIsAnAddressWhenItStartsLikeOne() throws {
        for (source, error) in [("\"CNCF survey 2025, see https://cncf.io/survey\"", nil),
                                ("\"  https://example.org/docs/security/\"", "contains a space (character 1); remove it"),
                                ("\"\\u00A0https://example.org/docs/\"", "contains U+00A0 NO-BREAK SPACE (character 1)"),
                                ("\"\\u200Bjavascript:alert(1)\"", "contains U+200B ZERO WIDTH SPACE (character 1)"),
                                ("\"JavaScript:alert(1)\"", "uses the scheme 'javascript:', which is never allowed")] {
            let site = try FactsTests.site(["a": FactsTests.citedMesh("a", source: source)], templates: Self.templates)
            defer { site.cleanUp() }
            let messages = site.messages(site.build())
            if let error {
                #expect(messages.count == 1 && messages[0].contains(": error: 'source' \(error)"), "\(source): \(messages)")
            } else {
                #expect(messages.isEmpty, "\(source): \(messages)")
            }
        }
    }

    /// The repository's own settings and authors pass the policy unchanged (its catalog's sources are all https
    /// addresses; the whole guide is built and compared with Site/ outside the tests).
    @Test func theGuidesOwnSettingsPass() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let site = try String(contentsOf: root.appendingPathComponent("Content/site.yaml"), encoding: .utf8)
        let (config, diagnostics) = SiteConfigDecoder.decode(SourceFile(path: "Content/site.yaml", text: site), baseURLOverride: nil)
        #expect(config != nil && diagnostics.isEmpty, "\(diagnostics)")
        #expect(config?.callToAction?.url.hasPrefix("mailto:") == true, "a mailto: call to action is allowed")
        let authors = try String(contentsOf: root.appendingPathComponent("Content/authors.yaml"), encoding: .utf8)
        let (decoded, problems) = AuthorsDecoder.decode(SourceFile(path: "Content/authors.yaml", text: authors))
        #expect(!decoded.isEmpty && problems.isEmpty, "\(problems)")
    }
}

extension Result {
    var isFailure: Bool {
        if case .failure = self { return true }
        return false
    }
}
