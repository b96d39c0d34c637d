/* PLACEHOLDER pdf reader. Replaced by the read-stage owner. */
#include "read/reader.h"
int dyad__read_pdf(dyad_doc *doc, const char *s, size_t len)
{ (void)s; (void)len; return dyad__fail(doc->ctx, DYAD_NOTOOL, "%s: PDF reading not implemented yet", doc->path); }
