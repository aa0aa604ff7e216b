internal import CLibXML2

extension String {
    /// Calls `body` with the string as libxml2 text (`const xmlChar *`, NUL-terminated UTF-8).
    ///
    /// Passing a `String` where libxml2 takes `xmlChar *` copies a short string (15 bytes or
    /// fewer, which Swift keeps inline, like most field names and values) to the heap on
    /// every call; this borrows it, or copies it to the stack.
    func withXMLChars<Result>(_ body: (UnsafePointer<xmlChar>) -> Result) -> Result {
        withCString { body(UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
    }
}
