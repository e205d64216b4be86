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

/* The SAX2 events Outcry builds its tree from. */
typedef struct {
    startElementNsSAX2Func start;
    endElementNsSAX2Func end;
    charactersSAXFunc text;
    referenceSAXFunc reference;
    commentSAXFunc comment;
    processingInstructionSAXFunc instruction;
} outcry_xml_events;

/* A memory parser context reporting elements, text, entity references, comments and processing
   instructions to `events`, with libxml2's own SAX2 handlers kept for the document, its internal
   subset and entity declarations (they land in ctxt->myDoc). No DOM of the content is built. */
static inline xmlParserCtxtPtr outcry_xml_event_context(const char *bytes, int size, outcry_xml_events events, void *private) {
    xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(bytes, size);
    if (ctxt == NULL) return NULL;
    xmlSAXHandlerPtr sax = ctxt->sax;
    sax->startElementNs = events.start;
    sax->endElementNs = events.end;
    sax->startElement = NULL;
    sax->endElement = NULL;
    sax->characters = events.text;
    sax->cdataBlock = NULL;
    sax->reference = events.reference;
    sax->comment = events.comment;
    sax->processingInstruction = events.instruction;
    ctxt->_private = private;
    return ctxt;
}
#endif
