/// The `Host` header rule that keeps DNS rebinding out: exactly an allowed name, then at most `:` and a port in digits.
struct HostHeader {
    /// Lower-cased names the preview answers to: loopback, and the address it was bound to.
    let allowedNames: Set<String>

    init(boundHost: String) {
        let bound = boundHost.lowercased()
        var names: Set<String> = ["localhost", "127.0.0.1", "[::1]"]
        names.insert(bound.contains(":") && !bound.hasPrefix("[") ? "[\(bound)]" : bound)
        allowedNames = names
    }

    /// Whether `header` is exactly one allowed name with an optional port: `[::1]evil.com`, `localhost.evil`,
    /// `user@localhost`, `localhost:80x` and `localhost:` all fail.
    func allows(_ header: String) -> Bool {
        let bytes = Array(header.lowercased().utf8)
        let nameEnd: Int
        if bytes.first == UInt8(ascii: "[") {
            guard let close = bytes.firstIndex(of: UInt8(ascii: "]")) else { return false }
            nameEnd = close + 1
        } else {
            nameEnd = bytes.firstIndex(of: UInt8(ascii: ":")) ?? bytes.count
        }
        let name = String(decoding: bytes[..<nameEnd], as: UTF8.self)
        guard allowedNames.contains(name) else { return false }
        let rest = bytes[nameEnd...]
        guard let colon = rest.first else { return true }
        let port = rest.dropFirst()
        return colon == UInt8(ascii: ":") && (1...5).contains(port.count) && port.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }
}
