// Shim for libxml2. xmlversion.h comes first so that ICU support can be switched
// off before any other libxml2 header pulls in the system ICU headers, which
// clash with the ICU bundled in Foundation ("'UErrorCode' has different definitions").
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlIO.h>
#include <libxml/HTMLparser.h>

// xmlFree is a global function pointer, which Swift 6 treats as shared mutable state;
// this wrapper gives Swift a plain function to call.
static inline void spine_xmlFree(void *pointer) { xmlFree(pointer); }
