import Foundation

/// Reads the XPath 1.0 subset `DirectExpression` evaluates; nil for anything else.
///
/// The subset: `or`, `and`, the six comparisons, parentheses, string and number literals,
/// relative paths of unprefixed child element names ending in an optional attribute (`a/b`,
/// `@id`, `a/@id`), `.`, and the functions `not`, `boolean`, `true`, `false`, `number`,
/// `string`, `string-length`, `normalize-space`, `contains`, `starts-with`, `cx:is-date` and
/// `cx:matches` with a literal plain pattern (`SimplePattern`). Not in it: arithmetic,
/// variables, predicates, axes, `//`, `*`, unions, other functions and prefixed names.
struct DirectExpressionParser {
    private enum Token: Equatable {
        case name(String)
        case literal([UInt8])
        case number(Double)
        case symbol(String)
    }

    /// How a binary operator makes one term of two.
    private typealias Combination = (DirectExpression.Term, DirectExpression.Term) -> DirectExpression.Term

    private var tokens: [Token] = []
    private var index = 0

    init?(_ expression: String) {
        guard let tokens = Self.tokenize(Array(expression.utf8)) else { return nil }
        self.tokens = tokens
    }

    mutating func parse() -> DirectExpression.Term? {
        guard let term = orExpression(), index == tokens.count else { return nil }
        return term
    }

    // MARK: Grammar

    private var peek: Token? { index < tokens.count ? tokens[index] : nil }

    private mutating func take(_ symbol: String) -> Bool {
        guard peek == .symbol(symbol) else { return false }
        index += 1
        return true
    }

    private mutating func orExpression() -> DirectExpression.Term? {
        sequence({ (parser: inout Self) in parser.andExpression() }) { token -> Combination? in
            token == .name("or") ? { .or($0, $1) } : nil
        }
    }

    private mutating func andExpression() -> DirectExpression.Term? {
        sequence({ (parser: inout Self) in parser.equality() }) { token -> Combination? in
            token == .name("and") ? { .and($0, $1) } : nil
        }
    }

    private mutating func equality() -> DirectExpression.Term? {
        sequence({ (parser: inout Self) in parser.relation() }) { Self.comparison($0, DirectExpression.Comparison.init(equality:)) }
    }

    private mutating func relation() -> DirectExpression.Term? {
        sequence({ (parser: inout Self) in parser.primary() }) { Self.comparison($0, DirectExpression.Comparison.init(relation:)) }
    }

    /// `operand (operator operand)*`, combined from the left, as XPath's binary operators are.
    private mutating func sequence(
        _ operand: (inout Self) -> DirectExpression.Term?,
        operator combination: (Token) -> Combination?
    ) -> DirectExpression.Term? {
        guard var left = operand(&self) else { return nil }
        while let token = peek, let combine = combination(token) {
            index += 1
            guard let right = operand(&self) else { return nil }
            left = combine(left, right)
        }
        return left
    }

    private static func comparison(_ token: Token, _ read: (String) -> DirectExpression.Comparison?) -> Combination? {
        guard case let .symbol(symbol) = token, let comparison = read(symbol) else { return nil }
        return { .compare($0, comparison, $1) }
    }

    private mutating func primary() -> DirectExpression.Term? {
        guard let token = peek else { return nil }
        switch token {
        case let .literal(bytes):
            index += 1
            return .string(bytes)
        case let .number(value):
            index += 1
            return .number(value)
        case .symbol("("):
            index += 1
            guard let inner = orExpression(), take(")") else { return nil }
            return inner
        case .symbol("."):
            index += 1
            return .path([])
        case .symbol("@"):
            return path()
        case let .name(name):
            if index + 1 < tokens.count, tokens[index + 1] == .symbol("(") { return call(name) }
            return path()
        default:
            return nil
        }
    }

    private mutating func path() -> DirectExpression.Term? {
        var steps: [DirectExpression.Step] = []
        repeat {
            if take("@") {
                guard case let .name(name) = peek, !name.contains(":") else { return nil }
                index += 1
                steps.append(.attribute(name))
                // An attribute has no children: it ends the path.
                return peek == .symbol("/") ? nil : .path(steps)
            }
            guard case let .name(name) = peek, !name.contains(":"), name != "or", name != "and" else { return nil }
            index += 1
            steps.append(.child(name))
        } while take("/")
        return .path(steps)
    }

    private mutating func call(_ name: String) -> DirectExpression.Term? {
        index += 2
        var arguments: [DirectExpression.Term] = []
        if !take(")") {
            repeat {
                guard let argument = orExpression() else { return nil }
                arguments.append(argument)
            } while take(",")
            guard take(")") else { return nil }
        }
        guard let function = DirectExpression.Function(name: name, arguments: arguments) else { return nil }
        return .call(function, arguments)
    }

    // MARK: Tokens

    private static let blanks = ASCIISet(" \t\n\r")
    private static let nameStart = ASCIISet("_").union(ASCIISet(UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z")))
    private static let nameRest = nameStart.union(ASCIISet("-.")).union(.digits)

    private static func tokenize(_ bytes: [UInt8]) -> [Token]? {
        var tokens: [Token] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if blanks.contains(byte) {
                index += 1
            } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                guard let end = bytes[(index + 1)...].firstIndex(of: byte) else { return nil }
                tokens.append(.literal(Array(bytes[(index + 1)..<end])))
                index = end + 1
            } else if ASCIISet.digits.contains(byte)
                || (byte == UInt8(ascii: ".") && index + 1 < bytes.count && ASCIISet.digits.contains(bytes[index + 1]))
            {
                var end = index
                while end < bytes.count, ASCIISet.digits.contains(bytes[end]) || bytes[end] == UInt8(ascii: ".") { end += 1 }
                guard let value = Double(String(decoding: bytes[index..<end], as: UTF8.self)) else { return nil }
                tokens.append(.number(value))
                index = end
            } else if nameStart.contains(byte) {
                var end = index + 1
                while end < bytes.count, nameRest.contains(bytes[end]) { end += 1 }
                // One prefix, as in `cx:matches`; an axis (`child::`) is not in the subset.
                if end + 1 < bytes.count, bytes[end] == UInt8(ascii: ":"), nameStart.contains(bytes[end + 1]) {
                    end += 1
                    while end < bytes.count, nameRest.contains(bytes[end]) { end += 1 }
                }
                tokens.append(.name(String(decoding: bytes[index..<end], as: UTF8.self)))
                index = end
            } else {
                let pair = index + 1 < bytes.count ? String(decoding: bytes[index...(index + 1)], as: UTF8.self) : ""
                if ["!=", "<=", ">="].contains(pair) {
                    tokens.append(.symbol(pair))
                    index += 2
                } else if ASCIISet("()/,@=<>.").contains(byte) {
                    // `..` and `//` are not in the subset.
                    if (byte == UInt8(ascii: ".") || byte == UInt8(ascii: "/")) && pair.utf8.last == byte { return nil }
                    tokens.append(.symbol(String(UnicodeScalar(byte))))
                    index += 1
                } else {
                    return nil
                }
            }
        }
        return tokens
    }
}
