/// The names an XPath 1.0 expression refers to, found by a lexical scan that
/// follows the disambiguation rules of XPath 1.0 §3.7.
struct XPathReferences {
    struct FunctionName: Hashable {
        let prefix: String?
        let localName: String
    }

    struct ScanError: Error {
        let message: String
    }

    private(set) var variables: [String] = []
    private(set) var functions: [FunctionName] = []
    private(set) var prefixes: Set<String> = []
    /// Element names in name tests (`complaint-id`, `x:ref`), on any axis but `attribute`.
    private(set) var elementNames: Set<String> = []
    /// Attribute names in name tests (`@id`, `attribute::id`).
    private(set) var attributeNames: Set<String> = []
    /// Whether the expression can reach nodes without naming them (`*`, `node()`,
    /// `name()`, `local-name()`), so the names above may not be all it reads.
    private(set) var readsUnnamedNodes = false
    /// Whether the expression may read beyond the context node's own subtree, or depend on
    /// where the context node stands in a selection: an absolute path, `..`, a parent,
    /// ancestor, sibling or namespace axis (namespaces in scope come from ancestors), or
    /// `id()`, `lang()`, `position()`, `last()`.
    private(set) var readsBeyondContextNode = false

    private static let outwardAxes: Set<String> = [
        "parent", "ancestor", "ancestor-or-self", "preceding", "preceding-sibling", "following", "following-sibling", "namespace",
    ]
    private static let outwardFunctions: Set<String> = ["id", "lang", "position", "last"]

    private static let nodeTypes: Set<String> = ["node", "text", "comment", "processing-instruction"]

    init(scanning expression: String) throws(ScanError) {
        let characters = Array(expression.unicodeScalars)
        var index = 0
        // True when the previous token ends an operand, so a following name is an operator (and, or, div, mod).
        var afterOperand = false
        // libxml2 2.9.14 compiles an unclosed function call (`count(//a`) as if it were closed.
        var openParentheses = 0
        // True after `@` or `attribute::`: the next name test names an attribute.
        var onAttributeAxis = false

        func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
            scalar.properties.isAlphabetic || scalar == "_"
        }
        func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
            isNameStart(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "."
                || scalar.properties.generalCategory == .nonspacingMark
        }
        func readNCName() -> String {
            var name = ""
            while index < characters.count, isNameCharacter(characters[index]) {
                name.unicodeScalars.append(characters[index])
                index += 1
            }
            return name
        }
        func skipSpace() {
            while index < characters.count, characters[index].properties.isWhitespace { index += 1 }
        }

        while index < characters.count {
            let scalar = characters[index]
            if scalar.properties.isWhitespace {
                index += 1
                continue
            }
            if scalar == "\"" || scalar == "'" {
                guard let end = characters[(index + 1)...].firstIndex(of: scalar) else {
                    throw ScanError(message: "XPath does not compile: unfinished string literal")
                }
                index = end + 1
                afterOperand = true
                continue
            }
            if scalar == "$" {
                index += 1
                let first = readNCName()
                var name = first
                if index < characters.count, characters[index] == ":",
                    index + 1 < characters.count, isNameStart(characters[index + 1])
                {
                    index += 1
                    name = first + ":" + readNCName()
                    prefixes.insert(first)
                }
                variables.append(name)
                afterOperand = true
                continue
            }
            if ("0"..."9").contains(scalar) || (scalar == "." && index + 1 < characters.count && ("0"..."9").contains(characters[index + 1])) {
                while index < characters.count, ("0"..."9").contains(characters[index]) || characters[index] == "." {
                    index += 1
                }
                afterOperand = true
                continue
            }
            if isNameStart(scalar) {
                let first = readNCName()
                if afterOperand {
                    // An OperatorName: and, or, div, mod.
                    afterOperand = false
                    continue
                }
                var prefix: String?
                var local = first
                if index + 1 < characters.count, characters[index] == ":", characters[index + 1] != ":" {
                    if characters[index + 1] == "*" {
                        prefixes.insert(first)
                        index += 2
                        afterOperand = true
                        readsUnnamedNodes = true
                        onAttributeAxis = false
                        continue
                    }
                    if isNameStart(characters[index + 1]) {
                        index += 1
                        prefix = first
                        local = readNCName()
                        prefixes.insert(first)
                    }
                }
                let save = index
                skipSpace()
                if index < characters.count, characters[index] == "(" {
                    if prefix != nil || !Self.nodeTypes.contains(local) {
                        functions.append(FunctionName(prefix: prefix, localName: local))
                    }
                    if prefix == nil && ["node", "name", "local-name"].contains(local) { readsUnnamedNodes = true }
                    if prefix == nil && Self.outwardFunctions.contains(local) { readsBeyondContextNode = true }
                    afterOperand = false
                } else if index + 1 < characters.count, characters[index] == ":", characters[index + 1] == ":" {
                    afterOperand = false  // an axis name
                    if prefix == nil && Self.outwardAxes.contains(local) { readsBeyondContextNode = true }
                    onAttributeAxis = prefix == nil && local == "attribute"
                } else {
                    index = save
                    afterOperand = true
                    let name = prefix.map { "\($0):\(local)" } ?? local
                    if onAttributeAxis {
                        attributeNames.insert(name)
                    } else {
                        elementNames.insert(name)
                    }
                    onAttributeAxis = false
                }
                continue
            }
            switch scalar {
            case "(":
                openParentheses += 1
                afterOperand = false
            case ")":
                openParentheses -= 1
                afterOperand = true
            case "]":
                afterOperand = true
            case ".":
                if index + 1 < characters.count, characters[index + 1] == "." { readsBeyondContextNode = true }
                afterOperand = true
            case "/":
                // A slash that does not follow an operand starts an absolute path (`/a`, `//a`, `count(/a)`).
                if !afterOperand { readsBeyondContextNode = true }
                if index + 1 < characters.count, characters[index + 1] == "/" { index += 1 }
                afterOperand = false
            case "*":
                // A name test when not after an operand, the multiply operator otherwise.
                if !afterOperand { readsUnnamedNodes = true }
                afterOperand = !afterOperand
                onAttributeAxis = false
            case "@":
                onAttributeAxis = true
                afterOperand = false
            default:
                afterOperand = false
            }
            index += 1
        }
        guard openParentheses == 0 else {
            throw ScanError(message: "XPath does not compile: missing closing parenthesis")
        }
    }
}
