/// A value a template sees: text, a flag, a number, a list or an object. A concrete type, so rendering walks it
/// without the dynamic casts and conformance lookups swift-mustache makes on `Any` for every `{{name}}`.
enum TemplateValue: Sendable, Equatable {
    case string(String)
    case bool(Bool)
    case int(Int)
    case list([TemplateValue])
    case object([String: TemplateValue])

    /// The same value as swift-mustache reads it (`[String: Any]`, `[Any]`, `String`…), for templates it renders itself.
    var any: Any {
        switch self {
        case .string(let text): text
        case .bool(let flag): flag
        case .int(let number): number
        case .list(let items): items.map(\.any)
        case .object(let fields): fields.mapValues(\.any)
        }
    }

    /// The field `name` of an object; nothing for any other value (swift-mustache finds no labelled children there).
    @inline(__always)
    func child(_ name: String) -> TemplateValue? {
        if case .object(let fields) = self { return fields[name] }
        return nil
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    init(stringLiteral value: String) { self = .string(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(integerLiteral value: Int) { self = .int(value) }
    init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    init(dictionaryLiteral elements: (String, any TemplateValueConvertible)...) {
        var fields = [String: TemplateValue](minimumCapacity: elements.count)
        for (name, value) in elements { fields[name] = value.templateValue }
        self = .object(fields)
    }

    /// An object's field, to add one after the fact; setting it on anything but an object does nothing.
    subscript(name: String) -> TemplateValue? {
        get { child(name) }
        set {
            guard case .object(var fields) = self else { return }
            self = .string("")  // drops the second reference, so the fields are changed in place
            fields[name] = newValue
            self = .object(fields)
        }
    }
}

/// Anything an object literal of `TemplateValue` may hold: text, flags, numbers, and lists and objects of them.
protocol TemplateValueConvertible {
    var templateValue: TemplateValue { get }
}

extension TemplateValue: TemplateValueConvertible {
    var templateValue: TemplateValue { self }
}

extension String: TemplateValueConvertible {
    var templateValue: TemplateValue { .string(self) }
}

extension Bool: TemplateValueConvertible {
    var templateValue: TemplateValue { .bool(self) }
}

extension Int: TemplateValueConvertible {
    var templateValue: TemplateValue { .int(self) }
}

extension Array: TemplateValueConvertible where Element: TemplateValueConvertible {
    var templateValue: TemplateValue { .list(map(\.templateValue)) }
}

extension Dictionary: TemplateValueConvertible where Key == String, Value: TemplateValueConvertible {
    var templateValue: TemplateValue { .object(mapValues(\.templateValue)) }
}
