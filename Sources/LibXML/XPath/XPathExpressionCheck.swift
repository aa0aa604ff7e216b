internal import CLibXML2
import CalendarDates

/// Checks an XPath expression before any evaluation: it must compile, every
/// `$variable` must be defined, and every function must exist.
///
/// libxml2 resolves variables, prefixes and functions only when an expression
/// runs, so a typo in a rarely-taken branch would otherwise surface months later
/// in a nightly job. This check turns those into load errors.
public enum XPathExpressionCheck {
    /// The XPath 1.0 core function library.
    public static let coreFunctions: Set<String> = [
        "last", "position", "count", "id", "local-name", "namespace-uri", "name",
        "string", "concat", "starts-with", "contains", "substring-before", "substring-after",
        "substring", "string-length", "normalize-space", "translate",
        "boolean", "not", "true", "false", "lang",
        "number", "sum", "floor", "ceiling", "round",
    ]

    /// Names of the `cx:` extension functions.
    public static var extensionFunctions: Set<String> { XPathExtensionFunctions.names }

    /// Problems found in `expression`; empty when it is fine.
    ///
    /// - Parameters:
    ///   - expression: XPath 1.0 text.
    ///   - variables: Names that will be bound when it runs.
    ///   - prefixes: Namespace prefixes that will be registered (besides `cx`).
    public static func problems(in expression: String, variables: Set<String>, prefixes: Set<String>) -> [String] {
        LibXMLRuntime.ensureInitialized()
        if let message = compileError(expression) {
            return [message]
        }
        let tokens: XPathReferences
        do {
            tokens = try XPathReferences(scanning: expression)
        } catch {
            return [error.message]
        }
        var problems: [String] = []
        for variable in tokens.variables where !variables.contains(variable) {
            problems.append("undefined variable $\(variable)")
        }
        for function in tokens.functions {
            switch function.prefix {
            case nil:
                if !coreFunctions.contains(function.localName) {
                    problems.append("unknown function \(function.localName)() (XPath 1.0 has no such function; cxaudit's are cx:…)")
                }
            case "cx":
                if !XPathExtensionFunctions.names.contains(function.localName) {
                    problems.append("unknown function cx:\(function.localName)() (see docs/xpath-functions.md)")
                }
            case let prefix?:
                problems.append("unknown function \(prefix):\(function.localName)() (only cx: extension functions exist)")
            }
        }
        for prefix in tokens.prefixes where prefix != "cx" && !prefixes.contains(prefix) {
            problems.append("undeclared namespace prefix '\(prefix)'")
        }
        return problems
    }

    /// The `$variables` an expression refers to, so authoring tools can tell which
    /// parameters a rule uses; empty when the expression cannot be scanned (its
    /// problems are reported by `problems(in:variables:prefixes:)`).
    public static func referencedVariables(in expression: String) -> Set<String> {
        guard let tokens = try? XPathReferences(scanning: expression) else { return [] }
        return Set(tokens.variables)
    }

    /// The element and attribute names an expression's name tests use, so authoring
    /// tools can tell which fields a rule reads; nil when the expression cannot be scanned.
    public static func referencedNames(in expression: String) -> XPathNames? {
        guard let tokens = try? XPathReferences(scanning: expression) else { return nil }
        return XPathNames(
            elements: tokens.elementNames, attributes: tokens.attributeNames, readsUnnamedNodes: tokens.readsUnnamedNodes)
    }

    /// Whether an expression reads nothing but its context node's own subtree and does
    /// not depend on the node's place in a selection, so it has the same value on a
    /// record parsed alone as on the record in its whole document (what lets a large
    /// file be checked record by record without keeping it in memory). False when the
    /// expression cannot be scanned.
    public static func staysWithinContextNode(_ expression: String) -> Bool {
        guard let tokens = try? XPathReferences(scanning: expression) else { return false }
        return !tokens.readsBeyondContextNode
    }

    private static func compileError(_ expression: String) -> String? {
        let collector = DiagnosticCollector(file: "")
        guard let context = xmlXPathNewContext(nil) else { return "cannot allocate an XPath context" }
        defer { xmlXPathFreeContext(context) }
        let box = XPathContextState(
            environment: XPathEnvironment(asOf: .init(daysSinceEpoch: 0)), collector: collector)
        context.pointee.userData = Unmanaged.passUnretained(box).toOpaque()
        context.pointee.error = XPathContextState.errorHandler
        guard let compiled = xmlXPathCtxtCompile(context, expression) else {
            return "XPath does not compile: \(collector.lastMessage ?? "syntax error")"
        }
        xmlXPathFreeCompExpr(compiled)
        return nil
    }
}
