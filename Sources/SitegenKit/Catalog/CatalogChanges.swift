import Foundation

/// What the catalog changed against the last published `catalog.json`, in one line per fact, for a pull
/// request's description: `3 facts changed: istio multi-cluster native → via-add-on; …`. Both sides are read
/// as `catalog.json` (the new one as this build writes it), so the comparison never depends on how either
/// build's types looked. Nothing of it goes into the pages.
enum CatalogChanges {
    /// Nil when there is nothing earlier to compare with or nothing changed.
    static func summary(published old: [UInt8]?, current new: [UInt8]?) -> String? {
        guard let old, let new, let before = facts(old), let after = facts(new) else { return nil }
        var changes: [String] = []
        for (key, value) in after.sorted(by: { $0.key < $1.key }) {
            if let previous = before[key] {
                if previous != value { changes.append("\(key) \(previous) → \(value)") }
            } else {
                changes.append("\(key) added: \(value)")
            }
        }
        for key in before.keys.sorted() where after[key] == nil { changes.append("\(key) removed (was \(before[key]!))") }
        guard !changes.isEmpty else { return nil }
        // Printed to the terminal as a note: the catalog's values are shown as diagnostics show them.
        return TerminalText.escaped("\(changes.count) fact\(changes.count == 1 ? "" : "s") changed: " + changes.joined(separator: "; "))
    }

    /// `istio multi-cluster` → `native`, `linkerd resources proxy` → `10–20 MB memory, minimal CPU`, one entry per
    /// item of an items field (`istio pros "Proven at scale"`), and one per text or list field. With several
    /// collections, each key starts with the collection's id.
    static func facts(_ bytes: [UInt8]) -> [String: String]? {
        guard let root = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
              let collections = root["collections"] as? [[String: Any]] else { return nil }
        var facts: [String: String] = [:]
        for collection in collections {
            let prefix = collections.count > 1 ? "\(collection["id"] as? String ?? "") " : ""
            for entry in collection["entries"] as? [[String: Any]] ?? [] {
                guard let id = entry["id"] as? String else { continue }
                for (key, value) in entry where !["id", "url", "name", "summary"].contains(key) {
                    add(value, key: "\(prefix)\(id) \(key == "features" ? "" : key)", into: &facts)
                }
            }
        }
        return facts
    }

    /// A feature's `value`, a text, a list's texts joined, an item by its first key's text, an object's members.
    private static func add(_ value: Any, key: String, into facts: inout [String: String]) {
        let key = key.hasSuffix(" ") ? String(key.dropLast()) : key
        switch value {
        case let text as String: facts[key] = text
        case let texts as [String]: facts[key] = texts.joined(separator: "; ")
        case let items as [[String: Any]]:
            for item in items {
                // JSON keeps no key order: an item is named by its title or name where it has one.
                let names = item.keys.sorted { (["title", "name"].contains($0) ? 0 : 1, $0) < (["title", "name"].contains($1) ? 0 : 1, $1) }
                let texts = names.compactMap { item[$0] as? String }
                if let first = texts.first { facts["\(key) \"\(first)\""] = texts.dropFirst().joined(separator: "; ") }
            }
        case let object as [String: Any]:
            if let feature = object["value"] as? String {
                facts[key] = feature
                return
            }
            for (member, inner) in object { add(inner, key: "\(key) \(member.replacingOccurrences(of: "_", with: " "))", into: &facts) }
        default: break
        }
    }
}
