/* PLACEHOLDER markdown reader. Replaced by the read-stage owner. */
#include "read/reader.h"
int dyad__read_markdown(dyad_doc *doc, const char *s, size_t len) { return dyad__read_text(doc, s, len); }
