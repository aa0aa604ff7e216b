internal import CLibXML2
import Foundation

/// Evaluates XPath 1.0 over one document, with cxaudit's `cx:` functions and
/// the rule's variables bound.
///
/// A context belongs to one task: libxml2 contexts are not synchronised, and a
/// compiled expression caches function pointers resolved through its context.
public final class XPathContext {
    let pointer: xmlXPathContextPtr
    let state: XPathContextState
    /// The document the context evaluates over.
    public let document: XMLDocument
    /// The audit date, namespace prefixes and cost bound the context evaluates with.
    public var environment: XPathEnvironment { state.environment }

    /// Creates a context over `document` with the `cx:` functions and the
    /// environment's namespace prefixes registered.
    public init(document: XMLDocument, environment: XPathEnvironment) {
        LibXMLRuntime.ensureInitialized()
        self.document = document
        guard let context = xmlXPathNewContext(document.pointer) else {
            preconditionFailure("libxml2 could not allocate an XPath context (out of memory)")
        }
        pointer = context
        state = XPathContextState(environment: environment, collector: DiagnosticCollector(file: document.file))
        context.pointee.userData = Unmanaged.passUnretained(state).toOpaque()
        context.pointee.error = XPathContextState.errorHandler
        context.pointee.opLimit = UInt(max(0, environment.operationLimit))
        // libxml2's object cache reuses node sets and values between evaluation steps instead
        // of allocating and freeing them for every step of every predicate (libxslt does the same).
        xmlXPathContextSetCache(context, 1, -1, 0)
        xmlXPathRegisterNs(context, "cx", XPathEnvironment.functionNamespace)
        for (prefix, uri) in environment.namespaces.sorted(by: { $0.key < $1.key }) {
            xmlXPathRegisterNs(context, prefix, uri)
        }
        XPathExtensionFunctions.register(on: context)
    }

    deinit {
        xmlXPathFreeContext(pointer)
    }

    /// Binds `$name` for later evaluations, replacing any earlier value.
    public func setVariable(_ name: String, _ value: XPathVariableValue) {
        let object: xmlXPathObjectPtr?
        switch value {
        case let .string(text): object = xmlXPathNewCString(text)
        case let .number(number): object = xmlXPathNewFloat(number)
        case let .boolean(flag): object = xmlXPathNewBoolean(flag ? 1 : 0)
        case let .nodes(nodes):
            object = nodeSet(nodes)
        }
        xmlXPathRegisterVariable(pointer, name, object)
    }

    /// A node set of this document's nodes among `nodes`, each once, in document order
    /// (libxml2 takes a node set to be in document order: `$v[1]` is its first entry).
    private func nodeSet(_ nodes: [XMLNode]) -> xmlXPathObjectPtr? {
        let object = xmlXPathNewNodeSet(nil)
        guard let set = object?.pointee.nodesetval else { return object }
        // xmlXPathNodeSetAdd looks for the node among those already added, which is
        // quadratic for large sets: duplicates are dropped here instead.
        var seen = Set<Int>(minimumCapacity: nodes.count)
        for node in nodes where node.document === document && seen.insert(node.identity).inserted {
            xmlXPathNodeSetAddUnique(set, node.pointer)
        }
        xmlXPathNodeSetSort(set)
        return object
    }

    static func content(of node: xmlNodePtr) -> String {
        guard let content = xmlNodeGetContent(node) else { return "" }
        defer { cxaudit_xml_free(content) }
        return String(cString: content)
    }

    /// Compiles an expression for repeated evaluation in this context.
    public func compile(_ expression: String) throws(XPathError) -> CompiledXPath {
        state.collector.reset()
        guard let compiled = xmlXPathCtxtCompile(pointer, expression) else {
            throw .invalidExpression(expression: expression, message: state.collector.lastMessage ?? "syntax error")
        }
        return CompiledXPath(pointer: compiled, expression: expression)
    }

    /// Evaluates a compiled expression with `node` (default: the document) as context node.
    ///
    /// - Throws: `XPathError.evaluationFailed` when the expression fails, or when `node`
    ///   belongs to another document than the context's.
    public func evaluate(_ compiled: CompiledXPath, at node: XMLNode? = nil) throws(XPathError) -> XPathValue {
        try withResult(of: compiled, at: node, convert)
    }

    /// XPath `string()` of the expression's value: the same text as
    /// `evaluate(compiled, at: node).string`, without turning a node-set result into node
    /// handles first. For expressions evaluated once per record, such as record keys.
    ///
    /// - Throws: `XPathError.evaluationFailed`, as `evaluate(_:at:)`.
    public func evaluateString(_ compiled: CompiledXPath, at node: XMLNode? = nil) throws(XPathError) -> String {
        try withResult(of: compiled, at: node, Self.string(of:))
    }

    func withResult<Value>(
        of compiled: CompiledXPath, at node: XMLNode?, _ body: (xmlXPathObjectPtr) -> Value
    ) throws(XPathError) -> Value {
        if let node, node.document !== document {
            // Result nodes are tied to this context's document, which would not keep the other one alive.
            throw .evaluationFailed(
                expression: compiled.expression,
                message: "the context node belongs to \(node.document.file), not to \(document.file)")
        }
        state.collector.reset()
        pointer.pointee.node = node?.pointer ?? UnsafeMutableRawPointer(document.pointer).assumingMemoryBound(to: xmlNode.self)
        // The context node alone makes the context (XPath 1.0 §1): size 1, position 1,
        // so that a top-level `last()` or `position()` is 1 rather than an error.
        pointer.pointee.contextSize = 1
        pointer.pointee.proximityPosition = 1
        pointer.pointee.opCount = 0
        // A cx: function records its own explanation before libxml2 adds its generic
        // one ("invalid operand"), so the first error is the one worth showing.
        guard let result = xmlXPathCompiledEval(compiled.pointer, pointer) else {
            throw .evaluationFailed(expression: compiled.expression, message: state.collector.firstError ?? "evaluation failed")
        }
        defer { xmlXPathFreeObject(result) }
        if let message = state.collector.firstError {
            throw .evaluationFailed(expression: compiled.expression, message: message)
        }
        return body(result)
    }

    /// Compiles and evaluates in one step, for expressions used once.
    public func evaluate(_ expression: String, at node: XMLNode? = nil) throws(XPathError) -> XPathValue {
        let compiled = try compile(expression)
        return try evaluate(compiled, at: node)
    }

    /// What `convert(result).string` gives: a node set reads as its first node that is not a namespace node.
    private static func string(of result: xmlXPathObjectPtr) -> String {
        switch result.pointee.type {
        case XPATH_NODESET, XPATH_XSLT_TREE:
            guard let set = result.pointee.nodesetval, let table = set.pointee.nodeTab else { return "" }
            for index in 0..<Int(set.pointee.nodeNr) {
                guard let node = table[index], node.pointee.type != XML_NAMESPACE_DECL else { continue }
                return content(of: node)
            }
            return ""
        case XPATH_BOOLEAN:
            return result.pointee.boolval != 0 ? "true" : "false"
        case XPATH_NUMBER:
            return XPathValue.format(result.pointee.floatval)
        case XPATH_STRING:
            return result.pointee.stringval.map { String(cString: $0) } ?? ""
        default:
            guard let text = xmlXPathCastToString(result) else { return "" }
            defer { cxaudit_xml_free(text) }
            return String(cString: text)
        }
    }

    private func convert(_ result: xmlXPathObjectPtr) -> XPathValue {
        switch result.pointee.type {
        case XPATH_NODESET, XPATH_XSLT_TREE:
            var nodes: [XMLNode] = []
            if let set = result.pointee.nodesetval, let table = set.pointee.nodeTab {
                nodes.reserveCapacity(Int(set.pointee.nodeNr))
                for index in 0..<Int(set.pointee.nodeNr) {
                    // Namespace nodes are xmlNs records, not xmlNode: they cannot be wrapped.
                    guard let node = table[index], node.pointee.type != XML_NAMESPACE_DECL else { continue }
                    nodes.append(XMLNode(pointer: node, document: document))
                }
            }
            return .nodes(nodes)
        case XPATH_BOOLEAN:
            return .boolean(result.pointee.boolval != 0)
        case XPATH_NUMBER:
            return .number(result.pointee.floatval)
        case XPATH_STRING:
            return .string(result.pointee.stringval.map { String(cString: $0) } ?? "")
        default:
            guard let text = xmlXPathCastToString(result) else { return .string("") }
            defer { cxaudit_xml_free(text) }
            return .string(String(cString: text))
        }
    }
}

/// A value bound to an XPath variable.
public enum XPathVariableValue {
    case string(String)
    case number(Double)
    case boolean(Bool)
    /// Nodes of the context's own document; nodes of other documents are ignored.
    case nodes([XMLNode])
}

/// An XPath expression compiled in one `XPathContext`.
public final class CompiledXPath {
    let pointer: xmlXPathCompExprPtr
    /// The source text, for messages.
    public let expression: String

    init(pointer: xmlXPathCompExprPtr, expression: String) {
        self.pointer = pointer
        self.expression = expression
    }

    deinit {
        xmlXPathFreeCompExpr(pointer)
    }
}

/// Per-context state reachable from C callbacks through the context's user data.
final class XPathContextState {
    let environment: XPathEnvironment
    let collector: DiagnosticCollector
    var patternCache: [String: XPathExtensionFunctions.CompiledPattern] = [:]
    var lastPattern: (pattern: String, flags: String, compiled: XPathExtensionFunctions.CompiledPattern)?
    /// `cx:` functions by the address of the name libxml2 calls them by (a compiled
    /// expression keeps one name string per call), so a call needs no Swift string.
    private var functionsByName: [UnsafeRawPointer: XPathExtensionFunctions.Function] = [:]

    init(environment: XPathEnvironment, collector: DiagnosticCollector) {
        self.environment = environment
        self.collector = collector
    }

    static let errorHandler: xmlStructuredErrorFunc = { userData, error in
        guard let userData, let error else { return }
        Unmanaged<XPathContextState>.fromOpaque(userData).takeUnretainedValue().collector.record(error)
    }

    /// The function last called by the name at this address. The name is compared too: a
    /// freed expression's memory may hold another name later.
    func function(named name: UnsafePointer<xmlChar>) -> XPathExtensionFunctions.Function? {
        guard let function = functionsByName[UnsafeRawPointer(name)] else { return nil }
        let length = Int(xmlStrlen(name))
        return function.name.utf8.elementsEqual(UnsafeBufferPointer(start: name, count: length)) ? function : nil
    }

    func remember(_ function: XPathExtensionFunctions.Function, named name: UnsafePointer<xmlChar>) {
        functionsByName[UnsafeRawPointer(name)] = function
    }

    /// The state of the context an extension function is called in.
    static func of(_ parser: xmlXPathParserContextPtr) -> XPathContextState? {
        guard let userData = parser.pointee.context?.pointee.userData else { return nil }
        return Unmanaged<XPathContextState>.fromOpaque(userData).takeUnretainedValue()
    }
}
