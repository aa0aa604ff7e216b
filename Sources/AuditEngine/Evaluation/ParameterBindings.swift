import AuditModel
import CalendarDates
import LibXML

/// The effective parameter values of one ruleset, as XPath variables and as typed values.
struct ParameterBindings: Sendable {
    let values: [String: ParameterValue]

    /// The ruleset's defaults, replaced by the profile's settings where it has any.
    init(ruleset: Ruleset, profile: Profile? = nil) {
        var values = Dictionary(uniqueKeysWithValues: ruleset.parameters.map { ($0.name, $0.defaultValue) })
        for setting in profile?.settings ?? [] {
            if let parameter = ruleset.parameter(named: setting.name), let value = parameter.type.parse(setting.value) {
                values[setting.name] = value
            }
        }
        self.values = values
    }

    /// Binds every parameter as `$name` in `context`.
    func bind(into context: XPathContext) {
        for (name, value) in values {
            context.setVariable(name, Self.xpathValue(value))
        }
    }

    static func xpathValue(_ value: ParameterValue) -> XPathVariableValue {
        switch value {
        case let .integer(number): return .number(Double(number))
        case let .decimal(number), let .percentage(number): return .number(number)
        case let .boolean(flag): return .boolean(flag)
        case .duration, .date, .string: return .string(value.text)
        }
    }

    /// Resolves a literal-or-`$parameter` attribute to text (the loader has checked types).
    func text(_ reference: ValueReference) -> String {
        switch reference {
        case let .literal(text): return text
        case let .parameter(name): return values[name]?.text ?? ""
        }
    }

    func integer(_ reference: ValueReference) -> Int? {
        Int(text(reference))
    }

    func number(_ reference: ValueReference) -> Double? {
        Double(text(reference))
    }

    func duration(_ reference: ValueReference) -> ISODuration? {
        ISODuration(iso: text(reference))
    }
}
