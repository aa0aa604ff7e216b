/// Text for XPath error codes: libxml2 2.9.14 raises XPath errors without a message.
enum XPathErrorText {
    static func describe(code: Int) -> String {
        switch code {
        case 1: return "number encoding error"
        case 2: return "unfinished string literal"
        case 3: return "string literal expected"
        case 4: return "malformed variable reference"
        case 5: return "undefined variable"
        case 6: return "invalid predicate"
        case 7: return "invalid expression"
        case 8: return "missing closing parenthesis or bracket"
        case 9: return "unknown function"
        case 10: return "invalid operand"
        case 11: return "invalid type"
        case 12: return "wrong number of arguments"
        case 13: return "invalid context size"
        case 14: return "invalid context position"
        case 15: return "out of memory"
        case 19: return "undefined namespace prefix"
        case 20: return "encoding error"
        case 21: return "invalid character"
        case 22: return "invalid context"
        case 23: return "stack usage error"
        case 24: return "variables are not allowed here"
        case 25: return "operation limit exceeded (expression too expensive)"
        case 26: return "recursion limit exceeded (expression nested too deeply)"
        default: return "XPath error \(code)"
        }
    }
}
