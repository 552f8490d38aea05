import Mustache

/// The escaping every template gets for `{{name}}`: `HTML.escape`, byte-wise.
/// swift-mustache's own HTML type escapes Character by Character through a dictionary, which was a tenth
/// of a 10,000-page build, and leaves a quote alone when a combining mark follows it.
struct EscapingContentType: MustacheContentType {
    static let pragmaName = "SITEGEN_HTML"
    /// Put before each template's text: swift-mustache starts every template and partial with its own HTML type.
    static let pragma = "{{% CONTENT_TYPE: \(pragmaName)}}"

    /// swift-mustache looks content types up by name in its own registry; registering is idempotent.
    static let registered: Bool = {
        MustacheContentTypes.register(EscapingContentType(), named: pragmaName)
        return true
    }()

    func escapeText(_ text: String) -> String {
        HTML.escape(text)
    }
}
