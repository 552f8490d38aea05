/// Decides which file events matter: editor leftovers and the output folder never trigger a rebuild.
public struct ChangeFilter: Sendable {
    /// Folders whose events are ignored (the output folder, so a build cannot trigger itself).
    public var ignoredFolders: [String]

    public init(ignoredFolders: [String] = []) {
        self.ignoredFolders = ignoredFolders.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
    }

    public func matters(_ path: String) -> Bool {
        for folder in ignoredFolders where path == folder || path.hasPrefix(folder + "/") { return false }
        return !Self.isEditorLeftover(path)
    }

    /// Emacs lock files (`.#x.md`), backups (`x.md~`), Vim swap files (`.x.md.swp`) and its
    /// write test (`4913`), and the temporary files editors write before renaming over the original.
    public static func isEditorLeftover(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if name.hasPrefix(".#") || name.hasSuffix("~") || name == "4913" || name == ".DS_Store" { return true }
        if name.hasPrefix(".") && (name.hasSuffix(".swp") || name.hasSuffix(".swx") || name.hasSuffix(".swo")) { return true }
        if name.hasSuffix(".tmp") || name.hasSuffix(".part") || name.contains(".sitegen-") { return true }
        if name.hasPrefix(".goutputstream-") || name.hasPrefix("#") && name.hasSuffix("#") { return true }
        if name.hasSuffix("___jb_tmp___") || name.hasSuffix("___jb_old___") { return true }
        return false
    }
}
