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

    /// `istio multi-cluster` → `native`, `linkerd resources proxy` → `10–20 MB memory, minimal CPU`, and one
    /// entry per pro and con (`istio pro`/`con` keyed by title).
    static func facts(_ bytes: [UInt8]) -> [String: String]? {
        guard let root = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
              let meshes = root["meshes"] as? [[String: Any]] else { return nil }
        var facts: [String: String] = [:]
        for mesh in meshes {
            guard let id = mesh["id"] as? String else { continue }
            for (feature, entry) in mesh["features"] as? [String: Any] ?? [:] {
                if let value = (entry as? [String: Any])?["value"] as? String { facts["\(id) \(feature)"] = value }
            }
            for (part, text) in mesh["resources"] as? [String: Any] ?? [:] {
                if let text = text as? String { facts["\(id) resources \(part.replacingOccurrences(of: "_", with: " "))"] = text }
            }
            for kind in ["pros", "cons"] {
                for point in mesh[kind] as? [[String: Any]] ?? [] {
                    if let title = point["title"] as? String { facts["\(id) \(kind.dropLast()) \"\(title)\""] = point["detail"] as? String ?? "" }
                }
            }
        }
        return facts
    }
}
