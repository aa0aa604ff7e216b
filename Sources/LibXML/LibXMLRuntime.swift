internal import CLibXML2

/// One-time, thread-safe libxml2 set-up shared by every entry point of this module.
///
/// libxml2 must be initialised once before it is used from several threads (the parser,
/// and the schema datatype tables), and its process-wide hooks must refuse the network: schema parsers fetch `http://`
/// includes whatever the parse options say. `xmlCleanupParser()` is never called.
enum LibXMLRuntime {
    private static let initialized: Bool = {
        xmlInitParser()
        // The schema datatype tables are filled on first use without a lock: two schemas
        // compiled at once for the first time could see them half-filled ("Error type
        // 'NCName' is not exported by type library …"), so they are filled here, once.
        xmlSchemaInitTypes()
        xmlRelaxNGInitTypes()
        cxaudit_install_silent_generic_errors()
        xmlSetExternalEntityLoader(xmlNoNetExternalEntityLoader)
        return true
    }()

    /// Call at the top of every public operation that reaches libxml2.
    static func ensureInitialized() {
        _ = initialized
    }
}
