/// The text `sitegen new collection` writes: a whole `_collection.yaml` in which every key the declaration decoder
/// reads is set and explained, with one field of every type and one feature of every kind as examples to rename, so
/// the author edits a declaration the build already accepts instead of looking keys up.
enum DeclarationScaffold {
    static func text(id: String) -> String {
        let (singular, plural) = labels(for: id)
        let support = SupportLevel.allCases.map(\.rawValue).joined(separator: ", ")
        let scale = ScaleLevel.allCases.map(\.rawValue).joined(separator: ", ")
        return """
            # The \(plural) collection: what one entry is called, where its pages go, the fields each entry in
            # this folder carries and the features entries are compared on. The fields, groups and features below are
            # examples: rename, remove or add to them. Every entry also has the common keys, which no field may take
            # as its id:
            #   \(DeclarationDecoder.commonEntryKeys.joined(separator: ", "))
            # This writes an entry file with every key, each value empty, for the build to name until it is filled in:
            #   sitegen new entry \(id) <entry-id>

            # singular and plural: how running text names one entry and several of them (written from the folder
            # name; correct them if English disagrees).
            singular: \(Scaffold.quoted(singular))
            plural: \(Scaffold.quoted(plural))
            # description: the index page's description, for search engines and link previews; {names} stands for
            # the entries' names (optional; "Profiles of {names}, feature by feature." by default).
            description: "Profiles of {names}, feature by feature."

            # paths: where the pages go (optional; these are the defaults), each a site path of lowercase letters,
            # digits and '-' between slashes, the two different. `entries` is the index page, with each entry's page
            # below it; `compare` is the comparison page with the matrix, with a page for every pair below it:
            #   /\(id)/<entry-id>/ and /\(id)/compare/<a>-vs-<b>/
            paths:
              entries: /\(id)/
              compare: /\(id)/compare/

            # templates: the templates, Templates/<name>.mustache, that draw the collection's pages; each must exist,
            # and collections may share them (optional; these are the defaults).
            templates:
              index: collection  # the index page at paths.entries
              entry: entry       # one entry's page
              compare: compare   # the comparison page at paths.compare
              pair: versus       # the page of two entries side by side

            # summary: the fields the `summary` directive shows "at a glance", in this order: text, link, list or
            # record fields (optional).
            summary: [maintainer, implementation, documentation]
            # decision: the list field the `decision` directive shows for each entry, "choose it if…" (optional).
            decision: choose_if
            # details: the text field a `resources` table adds as its last column when asked for details (optional).
            details: team_needs

            # fields: what each entry carries besides the common keys. Every field takes:
            #   id           the key an entry writes it under: lowercase letters, digits, '_' and '-', starting with a
            #                letter;
            #   type         text, list, link, items, figures, diagram or record (each is shown once below);
            #   label        how pages name it (optional; the id with spaces by default); {name} stands for the
            #                entry's name;
            #   description  what it holds: `sitegen new entry` writes it beside the empty value, and the entries'
            #                JSON Schema shows it;
            #   required     false when an entry may leave it out (optional; true by default);
            #   anchor       the heading id an entry's page gives it, so a search result links to it (optional).
            fields:
              # text: one line or paragraph.
              - id: maintainer
                label: Maintainer
                type: text
                description: "Who builds and maintains it."
              # link: a full http(s) address, checked as every address on the site is.
              - id: documentation
                label: Documentation
                type: link
                required: false
                description: "Where its documentation starts."
              # list: texts, one line each.
              - id: highlights
                label: Key capabilities
                type: list
                anchor: highlights
                description: "What it is known for, one line each."
              # items: a list whose items each hold the texts named by `keys` (any names but source and checked,
              # which every item may add to cite where it comes from); `item` names one item where an entry's facts
              # are cited ("Strength: Small").
              - id: pros
                label: Strengths
                type: items
                keys: [title, detail]
                item: Strength
                anchor: pros
                description: "Strengths: a short claim and its explanation."
              # figures: ranges with units for each of `parts` by each of `measures`, every part and measure with an
              # id and a label. An entry gives a measure as {min: 1, max: 2, unit: GB}, {min: 8, unit: GB,
              # or_more: true} or {text: "…"}, or says a part is similar_to another entry or managed_by someone. The
              # `resources` directive draws the collection's first figures field as a table.
              - id: resources
                label: Resources
                type: figures
                description: "What it needs to run."
                parts:
                  - {id: instance, label: Per instance}
                  - {id: cluster, label: Per cluster}
                measures:
                  - {id: memory, label: memory}
                  - {id: cpu, label: CPU}
              # diagram: boxes and edges, written as the `diagram` directive takes them, drawn on the entry's page.
              - id: architecture
                label: Architecture
                type: diagram
                required: false
                description: "Its parts as boxes, and how they connect."
              # record: named sub-fields, each declared under `fields` as a field is (of any type, records too).
              - id: implementation
                label: Implementation
                type: record
                description: "How it is built."
                fields:
                  - {id: language, label: Language, type: text, description: "The language it is written in."}
                  - {id: license, label: Licence, type: text, description: "The licence it is published under."}
              - id: team_needs
                label: Team needs
                type: text
                description: "What the team running it needs to know."
              - id: choose_if
                label: "Choose {name} if…"
                type: list
                anchor: choose-if
                description: "The situations it suits best."

            # groups: the matrix's sections, in this order, each an id and a label (optional: without them, groups
            # appear in the order features name them, labelled by their ids).
            groups:
              - id: basics
                label: Basics
              - id: operations
                label: Operations

            # features: what entries are compared on; every entry states a value for each. Every feature takes:
            #   id            the key under an entry's `features`: lowercase letters, digits and '-';
            #   label         the matrix's row heading;
            #   group         one of the groups above;
            #   kind          support (\(support)), scale (\(scale))
            #                 or text (free text);
            #   description   what the feature means, shown beside it;
            #   scale_labels  the words a scale feature shows for low, medium and high (optional; scale only).
            features:
              - id: open-source
                label: Open source
                group: basics
                kind: support
                description: "Its source is published under an open licence."
              - id: setup-effort
                label: Setup effort
                group: operations
                kind: scale
                scale_labels:
                  low: Quick
                  medium: Moderate
                  high: Lengthy
                description: "How long a team needs before it runs in production."
              - id: support-channel
                label: Support channel
                group: operations
                kind: text
                description: "Where users get help."

            """
    }

    /// "ingress controller" and "ingress controllers" from `ingress-controllers` (or `ingress-controller`): the
    /// folder name's words, with an English plural's ending taken off or put on.
    static func labels(for id: String) -> (singular: String, plural: String) {
        let words = id.replacingOccurrences(of: "-", with: " ")
        if words.hasSuffix("ies") { return (String(words.dropLast(3)) + "y", words) }
        if ["sses", "shes", "ches", "xes"].contains(where: { words.hasSuffix($0) }) { return (String(words.dropLast(2)), words) }
        if words.hasSuffix("s"), !words.hasSuffix("ss") { return (String(words.dropLast()), words) }
        if words.hasSuffix("y"), let last = words.dropLast().last, !"aeiou".contains(last) { return (words, String(words.dropLast()) + "ies") }
        if ["s", "sh", "ch", "x"].contains(where: { words.hasSuffix($0) }) { return (words, words + "es") }
        return (words, words + "s")
    }
}
