/// A JSON value of known shape, which `JSONWriter` writes without the casts an `Any` needs: for what is made
/// once per page (JSON-LD), where those casts showed in profiles.
enum JSONValue {
    case string(String)
    case strings([String])
    case array([JSONValue])
    case object([String: JSONValue])
}
