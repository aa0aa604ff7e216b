internal import CLibXML2
import CalendarDates
import Foundation

/// An XPath 1.0 expression of the plain shape record assertions mostly take
/// (`DirectExpressionParser` lists it), evaluated straight over one record's nodes.
///
/// A records check asks one question of every record: does any assertion fail? Through
/// libxml2 that is an evaluation with its own stack, node sets and value objects, and a C
/// callback into Swift for each `cx:` function — two fifths of a run over a large log. Here
/// the same question is a walk over the record's children and a few byte comparisons, with
/// XPath 1.0's rules for comparing node sets, strings, numbers and booleans, and libxml2's
/// own conversion of text to numbers. `init` returns nil outside the subset, and `boolean(at:)`
/// returns nil where only ICU can answer (`cx:matches` on text beyond ASCII): the caller
/// then evaluates through `XPathContext`. The tests hold the two to the same answers.
public final class DirectExpression {
    /// The expression as a flat program: trivial values in buffers of its own, so that an
    /// evaluation neither retains nor allocates for the common cases.
    private let operations: UnsafeMutableBufferPointer<Operation>
    private let steps: UnsafeMutableBufferPointer<CompiledStep>
    private let operands: UnsafeMutableBufferPointer<Int>
    /// Names and literals, each followed by a NUL.
    private let texts: UnsafeMutablePointer<UInt8>
    private let patterns: [SimplePattern]
    private let root: Int
    /// Whether the expression is a number, which a predicate compares with the position and
    /// libxml2 formats as text: both are left to libxml2.
    let isNumeric: Bool

    /// Compiles `expression`, or returns nil when it is outside the subset, or when the
    /// environment binds `cx` to a namespace of its own.
    public init?(_ expression: String, environment: XPathEnvironment) {
        guard environment.namespaces["cx"] == nil, var parser = DirectExpressionParser(expression), let term = parser.parse() else {
            return nil
        }
        isNumeric = term.kind == .number
        var program = Program()
        root = program.lower(term)
        operations = .allocate(capacity: program.operations.count)
        _ = operations.initialize(from: program.operations)
        steps = .allocate(capacity: program.steps.count)
        _ = steps.initialize(from: program.steps)
        operands = .allocate(capacity: program.operands.count)
        _ = operands.initialize(from: program.operands)
        let texts = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, program.texts.count))
        program.texts.withUnsafeBufferPointer { bytes in
            if let base = bytes.baseAddress { texts.initialize(from: base, count: bytes.count) }
        }
        self.texts = texts
        patterns = program.patterns
    }

    deinit {
        operations.deallocate()
        steps.deallocate()
        operands.deallocate()
        texts.deallocate()
    }

    /// The expression's boolean value with `record` as context node, or nil when it cannot be
    /// told here, or the expression is a number.
    public func boolean(at record: XMLNode) -> Bool? {
        guard !isNumeric else { return nil }
        do {
            return boolean(of: try evaluate(root, at: record.pointer))
        } catch {
            return nil
        }
    }

    /// XPath `string()` of the expression with `record` as context node (a record's key),
    /// or nil when it cannot be told here, or the expression is a number.
    public func string(at record: XMLNode) -> String? {
        guard !isNumeric else { return nil }
        do {
            return withString(of: try evaluate(root, at: record.pointer)) { String(decoding: $0, as: UTF8.self) }
        } catch {
            return nil
        }
    }

    // MARK: The expression tree

    indirect enum Term {
        case or(Term, Term)
        case and(Term, Term)
        case compare(Term, Comparison, Term)
        /// Child steps then at most one attribute step from the context node; none is `.`.
        case path([Step])
        case string([UInt8])
        case number(Double)
        case call(Function, [Term])

        var kind: Kind {
            switch self {
            case .or, .and, .compare: return .boolean
            case .path: return .nodes
            case .string: return .string
            case .number: return .number
            case let .call(function, _): return function.kind
            }
        }
    }

    enum Kind {
        case nodes, string, number, boolean
    }

    enum Step {
        case child(String)
        case attribute(String)
    }

    enum Comparison {
        case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual

        init?(equality symbol: String) {
            switch symbol {
            case "=": self = .equal
            case "!=": self = .notEqual
            default: return nil
            }
        }

        init?(relation symbol: String) {
            switch symbol {
            case "<": self = .less
            case "<=": self = .lessOrEqual
            case ">": self = .greater
            case ">=": self = .greaterOrEqual
            default: return nil
            }
        }

        var isEquality: Bool { self == .equal || self == .notEqual }

        func holds(_ left: Double, _ right: Double) -> Bool {
            switch self {
            case .equal: return left == right
            case .notEqual: return left != right
            case .less: return left < right
            case .lessOrEqual: return left <= right
            case .greater: return left > right
            case .greaterOrEqual: return left >= right
            }
        }

        /// The same comparison with its operands swapped (`2 >= x` is `x <= 2`).
        var swapped: Comparison {
            switch self {
            case .less: return .greater
            case .lessOrEqual: return .greaterOrEqual
            case .greater: return .less
            case .greaterOrEqual: return .lessOrEqual
            case .equal, .notEqual: return self
            }
        }
    }

    enum Function {
        case not, boolean, `true`, `false`, number, string, stringLength, normalizeSpace, contains, startsWith, isDate, matches

        /// The function for a call, or nil when the call is outside the subset: another
        /// function, another arity, or an argument whose conversion the subset does not make
        /// (a number turned into a string).
        init?(name: String, arguments: [Term]) {
            let kinds = arguments.map(\.kind)
            let textual = !kinds.contains(.number)
            switch (name, kinds.count) {
            case ("not", 1): self = .not
            case ("boolean", 1): self = .boolean
            case ("true", 0): self = .true
            case ("false", 0): self = .false
            case ("number", 0...1): self = .number
            case ("string", 0...1) where textual: self = .string
            case ("string-length", 0...1) where textual: self = .stringLength
            case ("normalize-space", 0...1) where textual: self = .normalizeSpace
            case ("contains", 2) where textual: self = .contains
            case ("starts-with", 2) where textual: self = .startsWith
            case ("cx:is-date", 1) where textual: self = .isDate
            case ("cx:matches", 2) where textual:
                // ICU must take the pattern too: where it refuses one, the check fails as libxml2 reports.
                guard case let .string(pattern) = arguments[1], SimplePattern(pattern) != nil,
                    (try? NSRegularExpression(pattern: String(decoding: pattern, as: UTF8.self))) != nil
                else { return nil }
                self = .matches
            default: return nil
            }
        }

        var kind: Kind {
            switch self {
            case .number, .stringLength: return .number
            case .string, .normalizeSpace: return .string
            default: return .boolean
            }
        }
    }

    /// Text beyond what `SimplePattern` answers for: the caller asks ICU through libxml2.
    struct Undecided: Error {}
}

// MARK: The program

extension DirectExpression {
    /// One term of the program; its operands are indexes of other operations, of steps, of
    /// operands and of texts.
    enum Operation {
        case or(Int, Int)
        case and(Int, Int)
        case compare(Int, Comparison, Int)
        case path(first: Int, count: Int)
        case literal(offset: Int, count: Int)
        case number(Double)
        /// `pattern` indexes `patterns` for `cx:matches`.
        case call(Function, first: Int, count: Int, pattern: Int)
    }

    /// A step whose name lies NUL-terminated in `texts`.
    struct CompiledStep {
        let name: Int
        let isAttribute: Bool
    }

    /// The program as it is built, in arrays.
    struct Program {
        var operations: [Operation] = []
        var steps: [CompiledStep] = []
        var operands: [Int] = []
        var texts: [UInt8] = []
        var patterns: [SimplePattern] = []

        mutating func lower(_ term: Term) -> Int {
            let operation: Operation
            switch term {
            case let .or(left, right):
                operation = .or(lower(left), lower(right))
            case let .and(left, right):
                operation = .and(lower(left), lower(right))
            case let .compare(left, comparison, right):
                operation = .compare(lower(left), comparison, lower(right))
            case let .path(path):
                let lowered = path.map { step in
                    switch step {
                    case let .child(name): return CompiledStep(name: text(Array(name.utf8)), isAttribute: false)
                    case let .attribute(name): return CompiledStep(name: text(Array(name.utf8)), isAttribute: true)
                    }
                }
                operation = .path(first: steps.count, count: lowered.count)
                steps += lowered
            case let .string(bytes):
                operation = .literal(offset: text(bytes), count: bytes.count)
            case let .number(value):
                operation = .number(value)
            case let .call(function, arguments):
                let lowered = arguments.map { lower($0) }
                var pattern = -1
                if function == .matches, case let .string(bytes) = arguments[1], let compiled = SimplePattern(bytes) {
                    pattern = patterns.count
                    patterns.append(compiled)
                }
                operation = .call(function, first: operands.count, count: lowered.count, pattern: pattern)
                operands += lowered
            }
            operations.append(operation)
            return operations.count - 1
        }

        /// Keeps `bytes` with a NUL after them (libxml2 reads names and numbers so); their offset.
        private mutating func text(_ bytes: [UInt8]) -> Int {
            let offset = texts.count
            texts += bytes
            texts.append(0)
            return offset
        }
    }
}

private extension SimplePattern {
    init?(_ bytes: [UInt8]) {
        self.init(String(decoding: bytes, as: UTF8.self), flags: "")
    }
}

// MARK: Evaluation

extension DirectExpression {
    /// A value during evaluation; a node set stays a path from its context node, walked when read.
    enum Value {
        case nodes(NodeSet)
        /// A literal of the expression, NUL-terminated in `texts`.
        case literal(UnsafePointer<UInt8>, count: Int)
        case string([UInt8])
        case number(Double)
        case boolean(Bool)
    }

    struct NodeSet {
        let first: Int
        let count: Int
        let context: xmlNodePtr
    }

    private func evaluate(_ index: Int, at context: xmlNodePtr) throws(Undecided) -> Value {
        switch operations[index] {
        case let .or(left, right):
            if try boolean(of: evaluate(left, at: context)) { return .boolean(true) }
            return .boolean(try boolean(of: evaluate(right, at: context)))
        case let .and(left, right):
            if try !boolean(of: evaluate(left, at: context)) { return .boolean(false) }
            return .boolean(try boolean(of: evaluate(right, at: context)))
        case let .compare(left, comparison, right):
            return .boolean(compare(try evaluate(left, at: context), comparison, try evaluate(right, at: context)))
        case let .path(first, count):
            return .nodes(NodeSet(first: first, count: count, context: context))
        case let .literal(offset, count):
            return .literal(UnsafePointer(texts + offset), count: count)
        case let .number(value):
            return .number(value)
        case let .call(function, first, count, pattern):
            // A function of one optional argument reads the context node without one.
            let argument = count > 0 ? try evaluate(operands[first], at: context) : .nodes(NodeSet(first: 0, count: 0, context: context))
            let second = count > 1 ? try evaluate(operands[first + 1], at: context) : nil
            return try apply(function, argument, second, pattern: pattern)
        }
    }

    private func apply(_ function: Function, _ argument: Value, _ second: Value?, pattern: Int) throws(Undecided) -> Value {
        switch function {
        case .not: return .boolean(!boolean(of: argument))
        case .boolean: return .boolean(boolean(of: argument))
        case .true: return .boolean(true)
        case .false: return .boolean(false)
        case .number: return .number(number(of: argument))
        case .string: return .string(bytes(of: argument))
        case .stringLength:
            return .number(Double(withString(of: argument) { $0.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } }))
        case .normalizeSpace:
            return .string(withString(of: argument) { StringValue.normalizingSpace($0) })
        case .contains:
            let needle = bytes(of: second ?? .boolean(false))
            return .boolean(needle.isEmpty || bytes(of: argument).firstRange(of: needle) != nil)
        case .startsWith:
            return .boolean(bytes(of: argument).starts(with: bytes(of: second ?? .boolean(false))))
        case .isDate:
            return .boolean(withString(of: argument, CalendarDate.init(isoUTF8:)) != nil)
        case .matches:
            guard let answer = withString(of: argument, patterns[pattern].matches) else { throw Undecided() }
            return .boolean(answer)
        }
    }

    // MARK: Conversions (XPath 1.0 §4)

    private func boolean(of value: Value) -> Bool {
        switch value {
        case let .nodes(set): return firstNode(of: set) != nil
        case let .literal(_, count): return count > 0
        case let .string(bytes): return !bytes.isEmpty
        case let .number(number): return number != 0 && !number.isNaN
        case let .boolean(flag): return flag
        }
    }

    private func number(of value: Value) -> Double {
        switch value {
        case let .nodes(set): return firstNode(of: set).map(StringValue.number(of:)) ?? .nan
        case let .literal(text, _): return xmlXPathStringEvalNumber(text)
        case let .string(bytes): return StringValue.number(of: bytes)
        case let .number(number): return number
        case let .boolean(flag): return flag ? 1 : 0
        }
    }

    /// Calls `body` with XPath `string()` of the value, without copying a node's text.
    /// Numbers never reach here: `Function.init` keeps them out of string arguments, and
    /// comparisons with a number compare numbers.
    private func withString<Result>(of value: Value, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        switch value {
        case let .nodes(set):
            guard let node = firstNode(of: set) else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
            return StringValue.withBytes(of: node, body)
        case let .literal(text, count): return body(UnsafeBufferPointer(start: text, count: count))
        case let .string(bytes): return bytes.withUnsafeBufferPointer(body)
        case let .number(number): return Array(XPathValue.format(number).utf8).withUnsafeBufferPointer(body)
        case let .boolean(flag): return Array((flag ? "true" : "false").utf8).withUnsafeBufferPointer(body)
        }
    }

    private func bytes(of value: Value) -> [UInt8] {
        withString(of: value) { Array($0) }
    }

    // MARK: Node sets

    private func firstNode(of set: NodeSet) -> xmlNodePtr? {
        var found: xmlNodePtr?
        forEach(in: set) { node in
            found = node
            return true
        }
        return found
    }

    /// Calls `body` with each node of the set, in document order, until it returns true; whether it did.
    @discardableResult
    private func forEach(in set: NodeSet, _ body: (xmlNodePtr) -> Bool) -> Bool {
        walk(from: set.context, step: set.first, end: set.first + set.count, body)
    }

    private func walk(from node: xmlNodePtr, step: Int, end: Int, _ body: (xmlNodePtr) -> Bool) -> Bool {
        guard step < end else { return body(node) }
        let name = UnsafePointer(texts + steps[step].name)
        if steps[step].isAttribute {
            guard node.pointee.type == XML_ELEMENT_NODE else { return false }
            var attribute = node.pointee.properties
            while let current = attribute {
                if current.pointee.ns == nil, xmlStrEqual(current.pointee.name, name) != 0 {
                    return body(UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self))
                }
                attribute = current.pointee.next
            }
            return false
        }
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE, current.pointee.ns == nil, xmlStrEqual(current.pointee.name, name) != 0,
                walk(from: current, step: step + 1, end: end, body)
            {
                return true
            }
            child = current.pointee.next
        }
        return false
    }

    // MARK: Comparisons

    /// XPath 1.0 §3.4: a node set compares through each of its nodes' string values (there is
    /// a pair that holds); otherwise `=` and `!=` compare as booleans if either side is one,
    /// then as numbers if either is one, then as strings, and the others compare as numbers.
    private func compare(_ left: Value, _ comparison: Comparison, _ right: Value) -> Bool {
        switch (left, right) {
        case let (.nodes(leftSet), .nodes(rightSet)):
            if comparison.isEquality {
                var strings: [[UInt8]] = []
                forEach(in: rightSet) { node in
                    strings.append(StringValue.bytes(of: node))
                    return false
                }
                return forEach(in: leftSet) { node in
                    let value = StringValue.bytes(of: node)
                    return strings.contains { ($0 == value) == (comparison == .equal) }
                }
            }
            var numbers: [Double] = []
            forEach(in: rightSet) { node in
                numbers.append(StringValue.number(of: node))
                return false
            }
            return forEach(in: leftSet) { node in
                let value = StringValue.number(of: node)
                return numbers.contains { comparison.holds(value, $0) }
            }
        case let (.nodes(set), other):
            return compare(set, comparison, other)
        case let (other, .nodes(set)):
            return compare(set, comparison.swapped, other)
        default:
            return compareAtoms(left, comparison, right)
        }
    }

    /// A node set (on the left) against a string, number or boolean.
    private func compare(_ set: NodeSet, _ comparison: Comparison, _ other: Value) -> Bool {
        switch other {
        case .boolean:
            return compareAtoms(.boolean(firstNode(of: set) != nil), comparison, other)
        case let .number(number):
            return forEach(in: set) { comparison.holds(StringValue.number(of: $0), number) }
        case .literal, .string:
            if comparison.isEquality {
                return withString(of: other) { text in
                    forEach(in: set) { node in StringValue.withBytes(of: node) { $0.elementsEqual(text) } == (comparison == .equal) }
                }
            }
            let number = number(of: other)
            return forEach(in: set) { comparison.holds(StringValue.number(of: $0), number) }
        case .nodes:
            return compare(other, comparison.swapped, .nodes(set))
        }
    }

    private func compareAtoms(_ left: Value, _ comparison: Comparison, _ right: Value) -> Bool {
        guard comparison.isEquality else { return comparison.holds(number(of: left), number(of: right)) }
        let equal: Bool
        switch (left, right) {
        case (.boolean, _), (_, .boolean): equal = boolean(of: left) == boolean(of: right)
        case (.number, _), (_, .number): equal = number(of: left) == number(of: right)
        default: equal = bytes(of: left) == bytes(of: right)
        }
        return equal == (comparison == .equal)
    }
}
