internal import CLibXML2
import CalendarDates
import Foundation

/// The `cx:` functions (namespace `urn:cxaudit:xpath:1`) that add to XPath 1.0
/// what audit rules need: dates and durations, statistics over node sets,
/// CX indicators, regular expressions and message helpers.
///
/// Each function checks its arity and argument types and raises an XPath error
/// (never a crash) when they are wrong. `docs/xpath-functions.md` documents them.
enum XPathExtensionFunctions {
    typealias Implementation = @Sendable (inout Arguments) throws(FunctionFailure) -> Result

    enum Result {
        case number(Double)
        case string(String)
        case boolean(Bool)
    }

    struct FunctionFailure: Error {
        let code: xmlXPathError
        let message: String
    }

    struct Function: Sendable {
        let name: String
        let arity: ClosedRange<Int>
        let implementation: Implementation
    }

    /// Every function, by local name. The list is what `docs/xpath-functions.md` documents.
    static let all: [Function] = [
        // Dates and durations
        Function(name: "as-of", arity: 0...0) { arguments throws(FunctionFailure) in
            .string(arguments.state.environment.asOf.description)
        },
        Function(name: "date", arity: 1...1) { arguments throws(FunctionFailure) in
            .string(arguments.date(0)?.description ?? "")
        },
        Function(name: "is-date", arity: 1...1) { arguments throws(FunctionFailure) in
            .boolean(arguments.date(0) != nil)
        },
        Function(name: "days-between", arity: 2...2) { arguments throws(FunctionFailure) in
            guard let from = arguments.date(0), let to = arguments.date(1)
            else { return .number(.nan) }
            return .number(Double(from.days(to: to)))
        },
        Function(name: "business-days-between", arity: 2...2) { arguments throws(FunctionFailure) in
            guard let from = arguments.date(0), let to = arguments.date(1)
            else { return .number(.nan) }
            return .number(Double(from.businessDays(to: to)))
        },
        Function(name: "age-days", arity: 1...1) { arguments throws(FunctionFailure) in
            guard let date = arguments.date(0) else { return .number(.nan) }
            return .number(Double(date.days(to: arguments.state.environment.asOf)))
        },
        Function(name: "add-duration", arity: 2...2) { arguments throws(FunctionFailure) in
            let duration = try arguments.duration(1)
            guard let date = arguments.date(0) else { return .string("") }
            return .string(date.adding(duration).description)
        },
        Function(name: "within", arity: 2...2) { arguments throws(FunctionFailure) in
            let duration = try arguments.duration(1)
            guard let date = arguments.date(0) else { return .boolean(false) }
            let asOf = arguments.state.environment.asOf
            return .boolean(date <= asOf && date >= asOf.subtracting(duration))
        },
        Function(name: "period", arity: 2...2) { arguments throws(FunctionFailure) in
            let unitName = try arguments.string(1)
            guard let unit = PeriodUnit(rawValue: unitName) else {
                throw FunctionFailure(
                    code: XPATH_INVALID_OPERAND,
                    message: "cx:period: unit '\(unitName)' is not one of \(PeriodUnit.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let date = arguments.date(0) else { return .string("") }
            return .string(unit.label(for: date))
        },
        // Statistics over node sets (non-numeric values are ignored; empty input gives NaN)
        Function(name: "avg", arity: 1...1) { arguments throws(FunctionFailure) in
            .number(Statistics.mean(try arguments.numbers(0)))
        },
        Function(name: "min", arity: 1...1) { arguments throws(FunctionFailure) in
            .number(try arguments.numbers(0).min() ?? .nan)
        },
        Function(name: "max", arity: 1...1) { arguments throws(FunctionFailure) in
            .number(try arguments.numbers(0).max() ?? .nan)
        },
        Function(name: "median", arity: 1...1) { arguments throws(FunctionFailure) in
            .number(Statistics.percentile(try arguments.numbers(0), 50))
        },
        Function(name: "percentile", arity: 2...2) { arguments throws(FunctionFailure) in
            let rank = try arguments.number(1)
            guard (0...100).contains(rank) else {
                throw FunctionFailure(code: XPATH_INVALID_OPERAND, message: "cx:percentile: rank must be between 0 and 100, not \(XPathValue.format(rank))")
            }
            return .number(Statistics.percentile(try arguments.numbers(0), rank))
        },
        Function(name: "stdev", arity: 1...1) { arguments throws(FunctionFailure) in
            .number(Statistics.sampleStandardDeviation(try arguments.numbers(0)))
        },
        Function(name: "sum", arity: 1...1) { arguments throws(FunctionFailure) in
            .number(try arguments.numbers(0).reduce(0, +))
        },
        Function(name: "count-distinct", arity: 1...1) { arguments throws(FunctionFailure) in
            .number(Double(Set(try arguments.strings(0).map { $0.trimmingCharacters(in: [" ", "\t", "\n", "\r"]) }).count))
        },
        // CX indicators
        Function(name: "nps", arity: 1...1) { arguments throws(FunctionFailure) in
            .number(Statistics.netPromoterScore(try arguments.numbers(0)))
        },
        Function(name: "csat", arity: 1...2) { arguments throws(FunctionFailure) in
            let threshold = arguments.count == 2 ? try arguments.number(1) : 4
            return .number(Statistics.shareAtLeast(try arguments.numbers(0), threshold))
        },
        Function(name: "percent", arity: 2...2) { arguments throws(FunctionFailure) in
            let whole = try arguments.number(1)
            let part = try arguments.number(0)
            return .number(whole == 0 ? .nan : part / whole * 100)
        },
        // Text
        Function(name: "matches", arity: 2...3) { arguments throws(FunctionFailure) in
            let pattern = try arguments.pattern(flags: arguments.count == 3 ? try arguments.string(2) : "")
            if let simple = pattern.simple, let answer = arguments.withUTF8(0, simple.matches) { return .boolean(answer) }
            let text = try arguments.string(0)
            return .boolean(pattern.regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil)
        },
        Function(name: "lower-case", arity: 1...1) { arguments throws(FunctionFailure) in
            .string(try arguments.string(0).lowercased())
        },
        Function(name: "trim", arity: 1...1) { arguments throws(FunctionFailure) in
            .string(try arguments.string(0).trimmingCharacters(in: [" ", "\t", "\n", "\r"]))
        },
        Function(name: "join", arity: 2...2) { arguments throws(FunctionFailure) in
            .string(try arguments.strings(0).joined(separator: try arguments.string(1)))
        },
        Function(name: "round", arity: 2...2) { arguments throws(FunctionFailure) in
            let digits = try arguments.number(1)
            let value = try arguments.number(0)
            guard (0...10).contains(digits) else {
                throw FunctionFailure(code: XPATH_INVALID_OPERAND, message: "cx:round: digits must be between 0 and 10, not \(XPathValue.format(digits))")
            }
            let scale = pow(10, digits.rounded())
            return .number((value * scale).rounded() / scale)
        },
        Function(name: "if", arity: 3...3) { arguments throws(FunctionFailure) in
            .string(try arguments.boolean(0) ? try arguments.string(1) : try arguments.string(2))
        },
    ]

    /// Names of every `cx:` function, for checking rules before evaluation.
    static let names: Set<String> = Set(all.map(\.name))

    private static let table: [String: Function] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    static func register(on context: xmlXPathContextPtr) {
        for function in all {
            xmlXPathRegisterFuncNS(context, function.name, XPathEnvironment.functionNamespace, dispatch)
        }
    }

    /// The one C entry point: finds the function by the name libxml2 is calling.
    private static let dispatch: xmlXPathFunction = { parser, argumentCount in
        guard let parser, let state = XPathContextState.of(parser),
            let namePointer = parser.pointee.context?.pointee.function
        else { return }
        let function: Function
        if let known = state.function(named: namePointer) {
            function = known
        } else {
            guard let found = table[String(cString: namePointer)] else {
                xmlXPathErr(parser, Int32(XPATH_UNKNOWN_FUNC_ERROR.rawValue))
                return
            }
            state.remember(found, named: namePointer)
            function = found
        }
        let name = function.name
        let count = Int(argumentCount)
        guard function.arity.contains(count) else {
            state.collector.append(
                XMLDiagnostic(
                    file: state.collector.file, line: 0, column: 0,
                    message: "cx:\(name) takes \(describe(function.arity)) argument(s), not \(count)"))
            xmlXPathErr(parser, Int32(XPATH_INVALID_ARITY.rawValue))
            return
        }
        var arguments = Arguments(parser: parser, state: state, count: count)
        do throws(FunctionFailure) {
            try arguments.popAll()
            let result = try function.implementation(&arguments)
            arguments.release()
            switch result {
            case let .number(value): valuePush(parser, xmlXPathNewFloat(value))
            case let .string(value): valuePush(parser, xmlXPathNewCString(value))
            case let .boolean(value): valuePush(parser, xmlXPathNewBoolean(value ? 1 : 0))
            }
        } catch {
            arguments.release()
            state.collector.append(XMLDiagnostic(file: state.collector.file, line: 0, column: 0, message: error.message))
            xmlXPathErr(parser, Int32(error.code.rawValue))
        }
    }

    private static func describe(_ arity: ClosedRange<Int>) -> String {
        arity.lowerBound == arity.upperBound ? "\(arity.lowerBound)" : "\(arity.lowerBound) to \(arity.upperBound)"
    }

    /// The arguments of one call, popped off libxml2's value stack in order.
    struct Arguments {
        let parser: xmlXPathParserContextPtr
        let state: XPathContextState
        let count: Int
        private var objects: [xmlXPathObjectPtr] = []

        init(parser: xmlXPathParserContextPtr, state: XPathContextState, count: Int) {
            self.parser = parser
            self.state = state
            self.count = count
        }

        mutating func popAll() throws(FunctionFailure) {
            var popped: [xmlXPathObjectPtr] = []
            popped.reserveCapacity(count)
            for _ in 0..<count {
                guard let object = valuePop(parser) else {
                    popped.forEach { xmlXPathFreeObject($0) }
                    throw FunctionFailure(code: XPATH_STACK_ERROR, message: "XPath value stack underflow")
                }
                popped.append(object)
            }
            popped.reverse()
            objects = popped
        }

        func release() {
            objects.forEach { xmlXPathFreeObject($0) }
        }

        func string(_ index: Int) throws(FunctionFailure) -> String {
            guard let text = xmlXPathCastToString(objects[index]) else { return "" }
            defer { cxaudit_xml_free(text) }
            return String(cString: text)
        }

        func number(_ index: Int) throws(FunctionFailure) -> Double {
            xmlXPathCastToNumber(objects[index])
        }

        func boolean(_ index: Int) throws(FunctionFailure) -> Bool {
            xmlXPathCastToBoolean(objects[index]) != 0
        }

        func duration(_ index: Int) throws(FunctionFailure) -> ISODuration {
            let text = try string(index)
            guard let duration = ISODuration(iso: text) else {
                throw FunctionFailure(
                    code: XPATH_INVALID_OPERAND, message: "'\(text)' is not an ISO 8601 duration such as P30D or P12M")
            }
            return duration
        }

        /// String values of a node-set argument (or the one string of an atomic argument).
        func strings(_ index: Int) throws(FunctionFailure) -> [String] {
            let object = objects[index]
            guard object.pointee.type == XPATH_NODESET || object.pointee.type == XPATH_XSLT_TREE else {
                return [try string(index)]
            }
            guard let set = object.pointee.nodesetval, let table = set.pointee.nodeTab else { return [] }
            return (0..<Int(set.pointee.nodeNr)).compactMap { position in
                guard let node = table[position], let text = xmlXPathCastNodeToString(node) else { return nil }
                defer { cxaudit_xml_free(text) }
                return String(cString: text)
            }
        }

        /// Numeric values of a node-set argument; values that are not numbers are skipped.
        func numbers(_ index: Int) throws(FunctionFailure) -> [Double] {
            try strings(index).map(XPathValue.parseNumber).filter { !$0.isNaN }
        }

        /// The argument's string value as UTF-8, without a copy when it is a string already.
        func withUTF8<Value>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Value) -> Value {
            let object = objects[index]
            if object.pointee.type == XPATH_STRING, let text = object.pointee.stringval {
                return body(UnsafeBufferPointer(start: text, count: Int(xmlStrlen(text))))
            }
            guard let text = xmlXPathCastToString(object) else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
            defer { cxaudit_xml_free(text) }
            return body(UnsafeBufferPointer(start: text, count: Int(xmlStrlen(text))))
        }

        /// The argument read as an ISO 8601 date, or nil when it is not one.
        func date(_ index: Int) -> CalendarDate? {
            withUTF8(index, CalendarDate.init(isoUTF8:))
        }

        /// `cx:matches`'s second argument compiled with `flags`, from the context's cache.
        func pattern(flags: String) throws(FunctionFailure) -> CompiledPattern {
            // Most calls repeat the previous pattern (one assertion, record after record).
            if let last = state.lastPattern, last.flags == flags, withUTF8(1, { $0.elementsEqual(last.pattern.utf8) }) {
                return last.compiled
            }
            let pattern = try string(1)
            let key = flags + "\u{0}" + pattern
            if let cached = state.patternCache[key] {
                state.lastPattern = (pattern, flags, cached)
                return cached
            }
            var options: NSRegularExpression.Options = []
            for flag in flags {
                switch flag {
                case "i": options.insert(.caseInsensitive)
                case "m": options.insert(.anchorsMatchLines)
                case "s": options.insert(.dotMatchesLineSeparators)
                case "x": options.insert(.allowCommentsAndWhitespace)
                default:
                    throw FunctionFailure(code: XPATH_INVALID_OPERAND, message: "cx:matches: unknown flag '\(flag)' (use i, m, s, x)")
                }
            }
            do {
                let compiled = CompiledPattern(
                    regex: try NSRegularExpression(pattern: pattern, options: options), simple: SimplePattern(pattern, flags: flags))
                state.patternCache[key] = compiled
                state.lastPattern = (pattern, flags, compiled)
                return compiled
            } catch {
                throw FunctionFailure(code: XPATH_INVALID_OPERAND, message: "cx:matches: '\(pattern)' is not a valid regular expression")
            }
        }
    }

    /// A `cx:matches` pattern as ICU compiled it, and as `SimplePattern` when it has the plain
    /// shape that can be matched on bytes (ICU still checks it is valid and answers for other text).
    struct CompiledPattern {
        let regex: NSRegularExpression
        let simple: SimplePattern?
    }
}
