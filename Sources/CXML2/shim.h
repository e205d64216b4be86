#ifndef OUTCRY_CXML2_SHIM_H
#define OUTCRY_CXML2_SHIM_H
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/parserInternals.h>

/* xmlFree is a global function pointer, which Swift 6 rejects; call it through a function. */
static inline void outcry_xml_free(void *p) { xmlFree(p); }

/* An external-entity loader that refuses everything: no file://, no network, no DTDs. */
static inline xmlParserInputPtr outcry_xml_null_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt) {
    (void)url; (void)id; (void)ctxt;
    return NULL;
}
static inline void outcry_xml_install_null_loader(void) {
    xmlSetExternalEntityLoader(outcry_xml_null_loader);
}
/* Silence libxml2's default error printer (it writes untrusted text to stderr). */
static inline void outcry_xml_silent_error(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
static inline void outcry_xml_silence(void) {
    xmlSetGenericErrorFunc(NULL, outcry_xml_silent_error);
}
#endif
