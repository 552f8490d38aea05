/// The one rule for every URL a site's settings and content give: `base_url` and `--base-url`, navigation,
/// `cta.url`, `edit_url`, aliases, authors' `url` and catalog `source`s.
///
/// Nothing is stripped or repaired: a value that holds a control character, NUL, any kind of space or an invisible
/// format character (U+000B, U+200B, U+00A0, U+2028, U+FEFF, bidi controls…) anywhere is refused, because browsers
/// drop some of those before reading a scheme, and a file writer stops at a NUL. What passes is written exactly as
/// checked. Schemes are matched case-insensitively (`JaVaScRiPt:` is `javascript:`), against an allow-list:
/// - addresses (authors' `url`, `edit_url`, `source`): `http://` and `https://` with a plain host, no user name;
/// - links (navigation, `cta.url`): those, a `mailto:` address, or a site path starting with a single `/`;
/// - `base_url`: an `http(s)://` address whose path is folder names under the `url_slug` rule, nothing after it;
/// - aliases: a site path whose every segment follows the `url_slug` rule.
enum URLPolicy {
    /// What is wrong with a value and, when the problem has a fix of its own, what to write instead.
    struct Problem: Error, Sendable, Hashable {
        var what: String
        var fix: String?

        /// `what; fix`, or `what; hint` when the problem has no fix of its own.
        func reason(hint: String) -> String { "\(what); \(fix ?? hint)" }
    }

    // MARK: Characters

    /// Whether a scalar may never appear in a URL here: ASCII controls, space and DEL; C1 controls; every Unicode
    /// space, line and paragraph separator and format character; default-ignorable, private-use, unassigned and
    /// noncharacter code points.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar.value <= 0x20 || scalar.value == 0x7F }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .privateUse, .unassigned, .surrogate:
            return true
        default:
            return properties.isWhitespace || properties.isDefaultIgnorableCodePoint || properties.isNoncharacterCodePoint
        }
    }

    /// The first invisible or control character, by its position in the value.
    static func invisibleProblem(_ text: String) -> Problem? {
        var position = 0
        for scalar in text.unicodeScalars {
            position += 1
            guard isInvisible(scalar) else { continue }
            if scalar == " " {
                return Problem(what: "contains a space (character \(position))",
                               fix: "remove it: a URL holds no spaces")
            }
            return Problem(what: "contains \(describe(scalar)) (character \(position))",
                           fix: "remove it: nothing is stripped from a URL, and an invisible character can change where it leads")
        }
        return nil
    }

    /// Characters no URL holds unencoded, which only ever appear in one to break out of an attribute or a path.
    static func unsafeASCIIProblem(_ text: String) -> Problem? {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): return Problem(what: "contains a backslash", fix: "write '/' between path segments")
            case UInt8(ascii: "\""), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "`"):
                let character = Character(Unicode.Scalar(byte))
                return Problem(what: "contains '\(character)', which a URL never holds", fix: "remove it, or percent-encode it (%\(hex(byte)))")
            default: continue
            }
        }
        return nil
    }

    /// `U+200B ZERO WIDTH SPACE`, or `a NUL (U+0000)` for the controls that have no name.
    static func describe(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        switch scalar.value {
        case 0x00: return "a NUL character (\(code))"
        case 0x09: return "a tab (\(code))"
        case 0x0A, 0x0D: return "a line break (\(code))"
        default:
            if let name = scalar.properties.name ?? scalar.properties.nameAlias { return "\(code) \(name)" }
            return "an invisible or control character (\(code))"
        }
    }

    /// The value as a diagnostic quotes it: every invisible character written as `\u{…}`, so a terminal shows it.
    static func shown(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isInvisible) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar != " " && isInvisible(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A value bound for a line-based file (`robots.txt`, `_redirects`), with every invisible or control character
    /// percent-encoded, so no value can start a line of its own. Checked values pass through unchanged.
    static func percentEncodingInvisibles(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isInvisible) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if isInvisible(scalar) {
                for byte in String(scalar).utf8 { result += "%" + hex(byte) }
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }

    // MARK: Schemes

    /// The scheme a value starts with, lowercased (`JaVaScRiPt:alert(1)` → `javascript`), as browsers read one:
    /// an ASCII letter, then letters, digits, `+`, `-` or `.`, then `:`.
    static func scheme(of text: String) -> String? {
        guard let colon = text.utf8.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let name = text.utf8[..<colon]
        guard let first = name.first, isLetter(first),
              name.allSatisfy({ isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") })
        else { return nil }
        return String(decoding: name, as: UTF8.self).lowercased()
    }

    static func schemeProblem(_ scheme: String) -> Problem {
        if ["javascript", "vbscript", "data", "blob", "file", "filesystem", "about"].contains(scheme) {
            return Problem(what: "uses the scheme '\(scheme):', which is never allowed: it runs code or opens content in the reader's browser instead of leading to a page")
        }
        return Problem(what: "uses the scheme '\(scheme)', which a reader's browser may not open")
    }

    // MARK: Addresses

    /// An `http(s)://` address taken apart: `origin` is `scheme://host[:port]`, `rest` the path, query and fragment.
    struct Address: Sendable, Hashable {
        var scheme: String
        var authority: Substring
        var rest: Substring
    }

    /// An absolute `http://` or `https://` address with a plain host (ASCII letters, digits, `-`, `_` and `.`, an IPv4
    /// or a bracketed IPv6 address), an optional port from 1 to 65535, and no user name or password.
    static func address(_ text: String) -> Result<Address, Problem> {
        if let problem = invisibleProblem(text) { return .failure(problem) }
        guard let scheme = scheme(of: text) else {
            return .failure(Problem(what: text.hasPrefix("//") ? "has no scheme" : "is not a full address"))
        }
        guard scheme == "http" || scheme == "https" else { return .failure(schemeProblem(scheme)) }
        if let problem = unsafeASCIIProblem(text) { return .failure(problem) }
        let afterColon = text.utf8.index(text.utf8.startIndex, offsetBy: scheme.utf8.count + 1)
        let tail = text[afterColon...]
        guard tail.hasPrefix("//") else {
            return .failure(Problem(what: "does not continue with '//' after '\(scheme):'", fix: "write it as \(scheme)://example.com/…"))
        }
        let afterSlashes = tail.dropFirst(2)
        let end = afterSlashes.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? afterSlashes.endIndex
        let authority = afterSlashes[..<end]
        if let problem = authorityProblem(authority) { return .failure(problem) }
        return .success(Address(scheme: scheme, authority: authority, rest: afterSlashes[end...]))
    }

    private static func authorityProblem(_ authority: Substring) -> Problem? {
        if authority.isEmpty { return Problem(what: "has no host name") }
        if authority.contains("@") {
            return Problem(what: "has a user name or password before '@'",
                           fix: "remove it: in https://example.com@other.example/ the host is other.example")
        }
        var host = authority, port: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return Problem(what: "has an IPv6 address without its closing ']'") }
            host = authority[...close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return Problem(what: "has characters after the IPv6 address '\(host)'") }
                port = after.dropFirst()
            }
            let inside = host.dropFirst().dropLast()
            if inside.isEmpty || !inside.utf8.allSatisfy({ isHexDigit($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") }) {
                return Problem(what: "has the IPv6 address '\(host)', which holds characters other than hex digits, ':' and '.'")
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            port = authority[authority.index(after: colon)...]
        }
        if !host.hasPrefix("[") {
            if host.isEmpty { return Problem(what: "has no host name") }
            let plain = host.utf8.allSatisfy { isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
            if !plain {
                return Problem(what: "has the host name '\(host)', which holds characters other than letters, digits, '-' and '.'",
                               fix: "write the host plainly, an internationalised name in its ASCII form (xn--…)")
            }
            if host.split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty) || host.utf8.count > 253 {
                return Problem(what: "has the host name '\(host)', which is not a valid name", fix: "write a host name such as example.com")
            }
        }
        if let port {
            guard (1...5).contains(port.utf8.count), port.utf8.allSatisfy(isDigit), let number = Int(port), (1...65535).contains(number) else {
                return Problem(what: "has the port '\(port)'", fix: "a port is a number from 1 to 65535, such as https://example.com:8443/")
            }
        }
        return nil
    }

    /// An address that may be shown as a link (authors' `url`, a catalog `source`): `http(s)://host/anything`.
    static func addressProblem(_ text: String) -> Problem? {
        if case .failure(let problem) = address(text) { return problem }
        return nil
    }

    /// `edit_url`: an address the article's file name completes, so it ends in its path (no query or fragment).
    static func editURLProblem(_ text: String) -> Problem? {
        switch address(text) {
        case .failure(let problem): return problem
        case .success(let address):
            if address.rest.contains("?") || address.rest.contains("#") {
                return Problem(what: "has a query or fragment ('?' or '#'), after which a file name cannot follow")
            }
            return nil
        }
    }

    /// `base_url`: an address whose path is folder names under the `url_slug` rule, with nothing after it.
    static func baseURL(_ text: String) -> Result<BaseURL, Problem> {
        let parsed: Address
        switch address(text) {
        case .failure(let problem): return .failure(problem)
        case .success(let value): parsed = value
        }
        if parsed.rest.contains("?") || parsed.rest.contains("#") {
            return .failure(Problem(what: "has a query or fragment ('?' or '#')", fix: "base_url is only where the site lives, such as https://example.com/guide/"))
        }
        if let problem = pathProblem(parsed.rest, hint: "https://example.com/guide/") { return .failure(problem) }
        var path = String(parsed.rest)
        if path.isEmpty { path = "/" }
        if !path.hasSuffix("/") { path += "/" }
        return .success(BaseURL(origin: parsed.scheme + "://" + parsed.authority, path: path))
    }

    /// A path that is empty or `/a/b/` with each segment under the `url_slug` rule: no `//`, no `.` or `..`, no
    /// segment starting with `.`, no `%` (so no `%2e%2e` or `%2f`), quotes, `<>` or spaces.
    private static func pathProblem(_ path: Substring, hint: String) -> Problem? {
        if path.isEmpty { return nil }
        var segments = path.split(separator: "/", omittingEmptySubsequences: false)
        segments.removeFirst()
        if segments.last?.isEmpty == true { segments.removeLast() }
        return segmentsProblem(segments, hint: hint)
    }

    private static func segmentsProblem(_ segments: [Substring], hint: String) -> Problem? {
        for segment in segments {
            if segment.isEmpty { return Problem(what: "contains '//' in its path", fix: "write single slashes, such as \(hint)") }
            if let problem = SlugRules.problem(with: String(segment)) {
                return Problem(what: "has the path segment '\(segment)', which \(problem)",
                               fix: "write each segment as a url_slug, such as \(hint)")
            }
        }
        return nil
    }

    // MARK: Links

    /// Navigation and `cta.url`: a site path (`/tags/`, `/search/?q=mtls`, `/guide/#setup`), an `http(s)://`
    /// address, or a `mailto:` address (a closing invitation is often an e-mail).
    static func linkProblem(_ text: String) -> Problem? {
        if let problem = invisibleProblem(text) { return problem }
        if text.hasPrefix("//") {
            return Problem(what: "starts with '//', which browsers read as another host")
        }
        if text.hasPrefix("/") { return unsafeASCIIProblem(text) ?? sitePathProblem(text) }
        guard let scheme = scheme(of: text) else {
            return Problem(what: text.isEmpty ? "is empty" : "is neither a site path starting with '/' nor a full address")
        }
        switch scheme {
        case "http", "https": return addressProblem(text)
        case "mailto": return unsafeASCIIProblem(text) ?? mailtoProblem(text)
        default: return schemeProblem(scheme)
        }
    }

    /// `/a/b/`, then an optional `?query` and `#fragment`; the path's segments follow the `url_slug` rule.
    static func sitePathProblem(_ text: String) -> Problem? {
        let end = text.firstIndex(where: { $0 == "?" || $0 == "#" }) ?? text.endIndex
        return pathProblem(text[..<end], hint: "/tags/")
    }

    private static func mailtoProblem(_ text: String) -> Problem? {
        let rest = text.drop(while: { $0 != ":" }).dropFirst()
        let address = rest.prefix { $0 != "?" }
        guard let at = address.firstIndex(of: "@"), at != address.startIndex, address.index(after: at) != address.endIndex,
              !address.contains("/")
        else { return Problem(what: "has no e-mail address after 'mailto:'", fix: "write mailto:name@example.com") }
        return nil
    }

    // MARK: Aliases

    /// An alias as its page's path: `/old/path/`, `old/path` → `/old/path/`; a last segment with a dot (`/old.html`)
    /// names a file and stays as it is. Every segment follows the `url_slug` rule.
    static func alias(_ text: String) -> Result<String, Problem> {
        if let problem = invisibleProblem(text) { return .failure(problem) }
        if text.contains("://") || text.hasPrefix("//") {
            return .failure(Problem(what: "is a full URL", fix: "write the old path on this site, such as /old-guide/"))
        }
        if text.contains(where: { $0 == "?" || $0 == "#" || $0 == "\\" }) {
            return .failure(Problem(what: "must be a plain path without spaces, '?', '#' or '\\\\'"))
        }
        var segments = text.split(separator: "/", omittingEmptySubsequences: false)
        if segments.first?.isEmpty == true { segments.removeFirst() }
        if segments.last?.isEmpty == true { segments.removeLast() }
        if segments.isEmpty { return .failure(Problem(what: "is the home page, which cannot redirect")) }
        if let problem = segmentsProblem(segments, hint: "/old-guide/") { return .failure(problem) }
        let path = "/" + segments.joined(separator: "/")
        return .success(segments.last?.contains(".") == true ? path : path + "/")
    }

    // MARK: Bytes

    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    private static func isHexDigit(_ byte: UInt8) -> Bool { isDigit(byte) || ((byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "f")) }
}
