/// The old URLs articles keep as redirects (`aliases:`): each must be free, neither another page's path nor
/// another alias, nor a folder the site generates. Compared without letter case, as slugs are.
enum AliasTable {
    static func problems(articles: [Article], staticNames: Set<String>) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var pages: [String: Article] = [:]
        for article in articles where pages[ResolvedSite.sitePath(of: article).lowercased()] == nil {
            pages[ResolvedSite.sitePath(of: article).lowercased()] = article
        }
        var taken: [String: Article] = [:]
        for article in articles {
            for alias in article.aliases {
                let key = alias.path.lowercased()
                let top = String(key.dropFirst().prefix { $0 != "/" })
                if let page = pages[key] {
                    let whose = page.sourcePath == article.sourcePath ? "this article's own page" : "the page of \(page.sourcePath) (url_slug '\(page.slug)')"
                    diagnostics.append(.error("alias '\(alias.path)' is \(whose); an alias must be a URL no page has", at: alias.location))
                } else if let other = taken[key] {
                    let whose = other.sourcePath == article.sourcePath ? "this article" : other.sourcePath
                    diagnostics.append(.error("alias '\(alias.path)' is also an alias of \(whose); each old URL can redirect to one page", at: alias.location))
                } else if RouteTable.reservedNames.contains(top) || staticNames.contains(top) {
                    diagnostics.append(.error("alias '\(alias.path)' lies in /\(top)/, which the site generates; it cannot redirect from there", at: alias.location))
                } else {
                    taken[key] = article
                }
            }
        }
        return diagnostics
    }
}
