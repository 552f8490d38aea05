/// How a stage reaches its memo table in `MemoTables`: the table's name (in the cache folder too, for a persisted
/// one) and its value type. Declared once, in the stage's file (`static let memos = MemoTableKey<Article>("articles")`).
struct MemoTableKey<Value: Sendable>: Sendable {
    let name: String
    /// Whether the table goes to the cache folder; an in-process table is cheaper to compute again than to read back.
    let persisted: Bool

    init(_ name: String, persisted: Bool = true) {
        self.name = name
        self.persisted = persisted
    }
}

/// What the session does to every memo table alike, whatever its value type.
protocol SessionMemoTable: Sendable {
    var memos: [String: Memo] { get }
    var revision: Int { get }
    var touched: Set<String> { get }
    var journal: (stored: [String: Memo], dropped: [String]) { get }
    mutating func replay(_ stored: [String: Memo], dropped: [String])
    mutating func markSaved()
    mutating func indexReaders()
    mutating func buildOnce(savingMemos: Bool)
    mutating func dropValues()
}

extension MemoTable: SessionMemoTable {
    mutating func buildOnce(savingMemos: Bool) {
        remembersPlans = false
        keepsMemos = savingMemos
    }
}

/// Type-erased registry entry: a table's name, and how to make its table empty or from stored memos.
private struct RegisteredTable: Sendable {
    let name: String
    let persisted: Bool
    let make: @Sendable ([String: Memo]) -> any SessionMemoTable

    init<Value>(_ key: MemoTableKey<Value>) {
        name = key.name
        persisted = key.persisted
        make = { MemoTable<Value>(memos: $0) }
    }
}

/// Every stage's memo table, by name. Adding a table is its key in the stage's file and one line in `registered`;
/// every loop the session runs over its tables (saving, replaying a journal, indexing readers, a one-shot build's
/// settings) goes through this registry.
struct MemoTables: Sendable {
    private static let registered = [
        RegisteredTable(ArticlesStage.memos),
        RegisteredTable(CatalogStage.memos),
        RegisteredTable(ResolveStage.siteMemos),
        RegisteredTable(ResolveStage.relatedMemos),
        RegisteredTable(MarkdownStage.bodyMemos),
        RegisteredTable(MarkdownStage.catalogPageMemos),
        RegisteredTable(RouteStage.memos),
        RegisteredTable(SearchStage.memos),
        RegisteredTable(LinkStage.memos),
        RegisteredTable(PagesStage.memos),
    ]

    /// The names of the tables the cache folder holds.
    static let persistedNames = registered.filter(\.persisted).map(\.name)

    private var tables: [String: any SessionMemoTable]

    init() {
        tables = Dictionary(uniqueKeysWithValues: Self.registered.map { ($0.name, $0.make([:])) })
    }

    /// A stage's table; changed in place (taken out while the caller changes it, so its memos are not copied).
    subscript<Value>(key: MemoTableKey<Value>) -> MemoTable<Value> {
        get { tables[key.name] as? MemoTable<Value> ?? MemoTable() }
        _modify {
            var table = take(key)
            defer { tables[key.name] = table }
            yield &table
        }
    }

    /// Takes a table out, for a stage that changes two at once; `put` gives it back.
    mutating func take<Value>(_ key: MemoTableKey<Value>) -> MemoTable<Value> {
        tables.removeValue(forKey: key.name) as? MemoTable<Value> ?? MemoTable()
    }

    mutating func put<Value>(_ table: MemoTable<Value>, as key: MemoTableKey<Value>) {
        tables[key.name] = table
    }

    /// Replaces every persisted table with the memos `stored` holds by table name (none for a name it lacks).
    mutating func load(_ stored: [String: [String: Memo]]) {
        for table in Self.registered where table.persisted { tables[table.name] = table.make(stored[table.name] ?? [:]) }
    }

    /// Runs `change` on every table (`persisted`: on those the cache folder holds only).
    mutating func forEach(persisted: Bool = false, _ change: (String, inout any SessionMemoTable) -> Void) {
        for entry in Self.registered where entry.persisted || !persisted {
            guard var table = tables.removeValue(forKey: entry.name) else { continue }
            change(entry.name, &table)
            tables[entry.name] = table
        }
    }

    /// A one-shot build's stages plan once, so none keeps its plan; without a cache folder to save them to, none
    /// keeps its memos either (see `MemoTable.remembersPlans`, `keepsMemos`).
    mutating func buildOnce(savingMemos: Bool) {
        forEach { $1.buildOnce(savingMemos: savingMemos) }
    }

    /// Moves every table out (into one stage context for a build), leaving empty ones.
    mutating func take() -> MemoTables {
        defer { self = MemoTables() }
        return self
    }

    /// The persisted tables by name, for reading.
    var persisted: [(name: String, table: any SessionMemoTable)] {
        Self.registered.filter(\.persisted).compactMap { entry in tables[entry.name].map { (entry.name, $0) } }
    }

    /// Grows with every memo stored or dropped in a persisted table: whether there is anything new to save.
    var revision: Int { persisted.reduce(0) { $0 + $1.table.revision } }
}
