/// How listings split into pages: page 1 at the listing's own path, page n at `<path>page/<n>/`, as Hugo does.
public enum Pagination {
    /// The numbers of the pages after the first (2, 3, …) a list of `count` entries needs.
    static func laterPages(count: Int, pageSize: Int) -> Range<Int> {
        2..<(pageCount(count, pageSize: pageSize) + 1)
    }

    /// `/` and 3 → `/page/3/`; page 1 is the listing's own path.
    static func path(_ listing: String, _ number: Int) -> String {
        number <= 1 ? listing : listing + "page/\(number)/"
    }

    /// The entries of page `number` (1-based).
    static func slice(_ count: Int, page number: Int, pageSize: Int) -> Range<Int> {
        let start = min(count, (number - 1) * pageSize)
        return start..<min(count, start + pageSize)
    }

    /// The page numbers a page links to: the first, the last and two either side of `page`, with nil for each gap.
    /// Listing every number made each of 2,000 index pages at 100,000 articles link to all 2,000.
    static func window(page: Int, of pages: Int) -> [Int?] {
        let shown = Set([1, pages] + Array(max(1, page - 2)...min(pages, page + 2))).sorted()
        var numbers: [Int?] = []
        for (index, number) in shown.enumerated() {
            if index > 0, number > shown[index - 1] + 1 { numbers.append(nil) }
            numbers.append(number)
        }
        return numbers
    }

    static func pageCount(_ count: Int, pageSize: Int) -> Int { max(1, (count + pageSize - 1) / pageSize) }
}
