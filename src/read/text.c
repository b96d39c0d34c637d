/* PLACEHOLDER text reader: one block per line. Replaced by the read-stage owner. */
#include <string.h>
#include "read/reader.h"
int dyad__read_text(dyad_doc *doc, const char *s, size_t len)
{
    size_t i = 0; uint32_t line = 1;
    while (i < len) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - s) : len;
        dyad__doc_add_block(doc, DYAD_BLOCK_PARA, 0, s + i, e - i, line++, 0, 0);
        i = e + 1;
    }
    return DYAD_OK;
}
