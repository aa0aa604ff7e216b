#ifndef CXAUDIT_CLIBXML2_SHIM_H
#define CXAUDIT_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
/* Debian builds libxml2 with ICU; its <unicode/ucnv.h> clashes with the ICU
   that Foundation vends ("UErrorCode has different definitions"). We never
   use libxml2's ICU encoders directly, so hide them from the module. */
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/relaxng.h>
#include <libxml/xmlschemastypes.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlIO.h>
#include <libxml/globals.h>

/* xmlFree is a mutable global function pointer, which Swift 6 refuses to call. */
static inline void cxaudit_xml_free(void *pointer) {
    xmlFree(pointer);
}

/* Variadic callbacks cannot be written in Swift: a silent generic error sink. */
static inline void cxaudit_silent_generic_error(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

static inline void cxaudit_install_silent_generic_errors(void) {
    xmlThrDefSetGenericErrorFunc(NULL, cxaudit_silent_generic_error);
    xmlSetGenericErrorFunc(NULL, cxaudit_silent_generic_error);
}

#endif
