/// The text `sitegen new entry` writes from a collection's declaration: the common keys, a key for every feature and
/// every declared field, each value empty in the shape its type takes and under a comment giving its type and
/// description. Every empty value is one the entry decoder refuses at its own line, so the build lists what is left.
enum EntryScaffold {
    static func text(id: String, declaration: CollectionDeclaration) -> String {
        var lines = [
            "# One \(declaration.singular) of Content/catalog/\(declaration.id)/, with every key its \(DeclarationDecoder.fileName) declares.",
            "# The values are empty: `sitegen build` names each one still to fill in, at its line. A key marked",
            "# optional may instead be removed.",
            "id: \(id)",
            "# How pages name it.",
            "name: \"\"",
            "# Its place in lists and in the matrix, lower first (-1000 to 1000); entries of the same order go by name.",
            "order: 100",
            "# One or two sentences: what it is, and who it suits.",
            "summary: \"\"",
            "# Its home page, a full http(s) address (optional).",
            "website: \"\"",
            "# The day someone last checked every fact in this file (optional): uncomment it then.",
            "# reviewed: YYYY-MM-DD",
            "",
        ]
        lines += features(declaration)
        for field in declaration.fields {
            lines.append("")
            lines += self.field(field, indent: "")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func features(_ declaration: CollectionDeclaration) -> [String] {
        let example = declaration.features.first?.id ?? "feature"
        var lines = [
            "# A value for every feature: the value alone, or a mapping that cites it, such as",
            "#   \(example): {value: …, note: \"…\", source: https://example.com/docs/, checked: YYYY-MM-DD}",
            "# Write yes and no in quotes (\"yes\"), or YAML reads them as true and false.",
            "features:",
        ]
        var group: String?
        for feature in declaration.features {
            if feature.group != group, let label = declaration.groups.first(where: { $0.id == feature.group })?.label {
                lines.append("  # \(oneLine(label))")
            }
            group = feature.group
            lines.append("  \(feature.id):  # \(oneLine(feature.label)) (\(feature.kind.rawValue)): \(values(feature))")
        }
        return lines
    }

    /// The values a feature takes, as its kind allows them.
    private static func values(_ feature: Feature) -> String {
        func alternatives(_ words: [String]) -> String {
            words.count < 2 ? words.joined() : words.dropLast().joined(separator: ", ") + " or " + words[words.count - 1]
        }
        switch feature.kind {
        case .support:
            return alternatives(SupportLevel.allCases.map(\.rawValue))
        case .scale:
            return alternatives(ScaleLevel.allCases.map { level in
                feature.scaleLabels[level].map { "\(level.rawValue) (\(oneLine($0)))" } ?? level.rawValue
            })
        case .text:
            return "any text"
        }
    }

    /// One declared field: its comment, its key and an empty value of its type's shape, indented below a record.
    private static func field(_ field: FieldDeclaration, indent: String) -> [String] {
        let optional = field.required ? "" : ", optional"
        let description = field.description.isEmpty ? "" : ": " + oneLine(field.description)
        var lines: [String] = []
        let key = indent + field.id + ":"
        switch field.kind {
        case .text:
            lines += ["\(indent)# \(field.id) (text\(optional))\(description)", key + " \"\""]
        case .link:
            lines += ["\(indent)# \(field.id) (link, a full http(s) address\(optional))\(description)", key + " \"\""]
        case .list:
            lines += ["\(indent)# \(field.id) (list of texts\(optional))\(description)", key, indent + "  - \"\""]
        case .items(let keys):
            lines += [
                "\(indent)# \(field.id) (items of \(keys.joined(separator: " and "))\(optional))\(description)",
                "\(indent)# Repeat the item for each one; an item may also give source and checked, to cite where it comes from.",
                key,
            ]
            for (index, name) in keys.enumerated() {
                lines.append(indent + (index == 0 ? "  - " : "    ") + name + ": \"\"")
            }
        case let .figures(parts, measures):
            lines += [
                "\(indent)# \(field.id) (figures\(optional))\(description)",
                "\(indent)# Each measure as {min: 1, max: 2, unit: GB}, {min: 8, unit: GB, or_more: true} or {text: \"…\"}; or,",
                "\(indent)# instead of a part's measures, similar_to: <another entry's id> or managed_by: \"<who runs it>\".",
                key,
            ]
            for part in parts {
                lines.append("\(indent)  \(part.id):  # \(oneLine(part.label))")
                for measure in measures {
                    lines.append("\(indent)    \(measure.id): {min: , max: , unit: \"\"}  # \(oneLine(measure.label))")
                }
            }
        case .diagram:
            lines += [
                "\(indent)# \(field.id) (diagram\(optional))\(description)",
                "\(indent)# Boxes in a row or a column, and edges between them, as the diagram directive takes them; at least:",
                "\(indent)#   \(field.id):",
                "\(indent)#     caption: \"…\"",
                "\(indent)#     row:",
                "\(indent)#       - box: client",
                "\(indent)#         title: Client",
                "\(indent)#       - box: server",
                "\(indent)#         title: Server",
                "\(indent)#     edges:",
                "\(indent)#       - {from: client, to: server, arrow: true}",
                key,
            ]
        case .record(let inner):
            lines += ["\(indent)# \(field.id) (record\(optional))\(description)", key]
            for field in inner { lines += self.field(field, indent: indent + "  ") }
        }
        return lines
    }

    /// A declared text on one comment line: a line break would end the comment and start YAML.
    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
