internal import CLibXML2
import Dispatch
import Foundation

/// Records selected once in a document and then filtered by many predicates, inside
/// libxml2, without evaluating the selecting path again for each predicate and without
/// one evaluation per record.
///
/// The selection is bound in its context as `$cx:selection` (`XPathSelection.variable`).
/// It lives in the `cx:` namespace, and rule variables are unprefixed names, so it never
/// hides or is hidden by a rule's own variable. A later selection in the same context
/// replaces it.
public final class XPathSelection {
    /// The expression that reads the selection in its context.
    public static let variable = "$cx:selection"

    /// The context the selection is bound in.
    public let context: XPathContext
    /// The selected nodes, in document order.
    public let nodes: [XMLNode]
    private let addresses: [Int]
    private lazy var positionsByAddress: [Int: Int] = Dictionary(
        addresses.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })

    /// Evaluates `compiled` at the document and binds the nodes it selects as `$cx:selection`.
    ///
    /// - Throws: `XPathError.evaluationFailed` when the expression fails or does not select nodes.
    public init(_ compiled: CompiledXPath, in context: XPathContext) throws(XPathError) {
        self.context = context
        let document = context.document
        let selected = try context.withResult(of: compiled, at: nil) { result -> [xmlNodePtr]? in
            guard result.pointee.type == XPATH_NODESET || result.pointee.type == XPATH_XSLT_TREE else { return nil }
            var nodes: [xmlNodePtr] = []
            if let set = result.pointee.nodesetval, let table = set.pointee.nodeTab {
                nodes.reserveCapacity(Int(set.pointee.nodeNr))
                for index in 0..<Int(set.pointee.nodeNr) {
                    // Namespace nodes are xmlNs records, not xmlNode: they cannot be wrapped.
                    if let node = table[index], node.pointee.type != XML_NAMESPACE_DECL { nodes.append(node) }
                }
            }
            // The variable owns its own copy of the node set; the result is freed by withResult.
            xmlXPathRegisterVariableNS(context.pointer, "selection", XPathEnvironment.functionNamespace, xmlXPathObjectCopy(result))
            return nodes
        }
        guard let selected else {
            throw .evaluationFailed(expression: compiled.expression, message: "the expression does not select nodes")
        }
        nodes = selected.map { XMLNode(pointer: $0, document: document) }
        addresses = selected.map { Int(bitPattern: UnsafeRawPointer($0)) }
    }

    /// A share of another selection, bound in a context of its own.
    private init(share: ArraySlice<xmlNodePtr>, in context: XPathContext) {
        self.context = context
        nodes = share.map { XMLNode(pointer: $0, document: context.document) }
        addresses = share.map { Int(bitPattern: UnsafeRawPointer($0)) }
        let object = xmlXPathNewNodeSet(nil)
        if let set = object?.pointee.nodesetval {
            // A share of a node set is in document order and has no duplicates already.
            for node in share { xmlXPathNodeSetAddUnique(set, node) }
        }
        xmlXPathRegisterVariableNS(context.pointer, "selection", XPathEnvironment.functionNamespace, object)
    }

    /// Selections smaller than this are not worth splitting between threads.
    public static let minimumShare = 4_096

    /// Positions in `nodes` of the selected nodes for which `predicate` holds, ascending,
    /// found by up to `parts` threads at once, each filtering a contiguous share of the
    /// selection in a context of its own.
    ///
    /// The document is only read while the shares are evaluated, so contexts over it may
    /// run side by side; each context is the caller's, made by `makeContext`, which must
    /// bind whatever variables `predicate` reads.
    ///
    /// - Throws: The first share's error, as `positions(where:)`.
    public func positions(
        where predicate: String, parts: Int, makeContext: @Sendable (XMLDocument) -> XPathContext
    ) throws(XPathError) -> [Int] {
        let parts = min(parts, nodes.count / Self.minimumShare)
        guard parts > 1 else { return try positions(where: predicate) }
        let document = context.document
        let selected = SharedNodes(pointers: nodes.map(\.pointer))
        let bounds = (0...parts).map { $0 * nodes.count / parts }
        let results = ShareResults()
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let range = bounds[part]..<bounds[part + 1]
            let share = XPathSelection(share: selected.pointers[range], in: makeContext(document))
            results.set(part, Result { () throws(XPathError) in try share.positions(where: predicate).map { $0 + range.lowerBound } })
        }
        var positions: [Int] = []
        for part in 0..<parts {
            positions += try results.get(part)
        }
        return positions
    }

    /// Positions in `nodes` of the selected nodes for which `predicate` holds, ascending.
    ///
    /// - Parameter predicate: An XPath expression evaluated at each selected node as the
    ///   predicate of `$cx:selection[…]`; a number compares with the position, as in XPath.
    /// - Throws: `XPathError.invalidExpression` or `.evaluationFailed`.
    public func positions(where predicate: String) throws(XPathError) -> [Int] {
        if let direct = DirectExpression(predicate, environment: context.environment), !direct.isNumeric {
            return try positions(where: direct, predicate: predicate)
        }
        let compiled = try context.compile("\(Self.variable)[\(predicate)]")
        return try context.withResult(of: compiled, at: nil) { result in
            var positions: [Int] = []
            var cursor: Int? = 0
            forEachNode(in: result) { node in
                if let position = position(of: node, from: &cursor) { positions.append(position) }
            }
            return positions
        }
    }

    /// `positions(where:)` for a predicate evaluated straight over each node; a node it cannot
    /// answer for is asked through libxml2 (a plain predicate reads neither position nor size).
    private func positions(where direct: DirectExpression, predicate: String) throws(XPathError) -> [Int] {
        var positions: [Int] = []
        var alone: CompiledXPath?
        for (position, node) in nodes.enumerated() {
            let holds: Bool
            if let answer = direct.boolean(at: node) {
                holds = answer
            } else {
                let compiled: CompiledXPath
                if let alone { compiled = alone } else { compiled = try context.compile(predicate) }
                alone = compiled
                holds = try context.evaluate(compiled, at: node).boolean
            }
            if holds { positions.append(position) }
        }
        return positions
    }

    /// For each selected node, the XPath string-value of the first node (in document order)
    /// that `step` names among its own attributes and child elements; `""` where there is none.
    ///
    /// `$cx:selection/@id` gives every record's key in one evaluation, where `@id` at each
    /// record would set up libxml2's evaluator once per record.
    ///
    /// - Parameter step: One location step such as `@id` or `complaint-id`; nodes that it
    ///   selects elsewhere than among a selected node's attributes and children are ignored.
    /// - Throws: `XPathError.invalidExpression` or `.evaluationFailed`.
    public func childStrings(_ step: String) throws(XPathError) -> [String] {
        let compiled = try context.compile("\(Self.variable)/\(step)")
        return try context.withResult(of: compiled, at: nil) { result in
            var strings = [String?](repeating: nil, count: nodes.count)
            var cursor: Int? = 0
            forEachNode(in: result) { node in
                guard node.pointee.type == XML_ELEMENT_NODE || node.pointee.type == XML_ATTRIBUTE_NODE, let parent = node.pointee.parent,
                    let position = position(of: parent, from: &cursor), strings[position] == nil
                else { return }
                strings[position] = XPathContext.content(of: node)
            }
            return strings.map { $0 ?? "" }
        }
    }

    private func forEachNode(in result: xmlXPathObjectPtr, _ body: (xmlNodePtr) -> Void) {
        guard result.pointee.type == XPATH_NODESET, let set = result.pointee.nodesetval, let table = set.pointee.nodeTab else { return }
        for index in 0..<Int(set.pointee.nodeNr) {
            if let node = table[index] { body(node) }
        }
    }

    /// The node's position in the selection. Results come in document order, so the
    /// position is found by walking on from the previous one (linear over a whole result);
    /// once a node is out of that order (say, the child of a nested record), the rest of
    /// the result is looked up by address instead.
    private func position(of node: xmlNodePtr, from cursor: inout Int?) -> Int? {
        let address = Int(bitPattern: UnsafeRawPointer(node))
        if var probe = cursor {
            while probe < addresses.count, addresses[probe] != address { probe += 1 }
            if probe < addresses.count {
                cursor = probe
                return probe
            }
            cursor = nil
        }
        return positionsByAddress[address]
    }
}

/// Nodes of one document handed to the threads that filter shares of a selection. The
/// document is immutable once parsed and outlives the threads (its `XPathSelection`
/// holds it), and each thread only reads its own share through its own XPath context.
private struct SharedNodes: @unchecked Sendable {
    let pointers: [xmlNodePtr]
}

/// Each share's positions or error, filled in by the threads. A pthread mutex (`NSLock`)
/// rather than `Synchronization.Mutex`, whose futex ThreadSanitizer cannot see.
private final class ShareResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Int: Result<[Int], XPathError>] = [:]

    func set(_ part: Int, _ result: Result<[Int], XPathError>) {
        lock.lock()
        results[part] = result
        lock.unlock()
    }

    func get(_ part: Int) throws(XPathError) -> [Int] {
        lock.lock()
        let result = results[part]
        lock.unlock()
        return try result?.get() ?? []
    }
}
