/* clean/text.c — the cleaned text of a document: kept blocks, separated by blank lines. */
#include <string.h>

#include "core/internal.h"

const char *dyad_doc_text(dyad_doc *doc, size_t *len)
{
    if (!doc->text) {
        size_t total = 1;
        for (size_t i = 0; i < doc->nblocks; i++)
            if (!doc->blocks[i].drop)
                total += doc->blocks[i].len + 2;
        char *t = dyad__arena_alloc(&doc->arena, total + 1);
        if (!t) {
            if (len)
                *len = 0;
            return "";
        }
        size_t o = 0;
        for (size_t i = 0; i < doc->nblocks; i++) {
            const dyad_block *b = &doc->blocks[i];
            if (b->drop)
                continue;
            if (o) {
                t[o++] = '\n';
                t[o++] = '\n';
            }
            memcpy(t + o, b->text, b->len);
            o += b->len;
        }
        if (o)
            t[o++] = '\n';
        t[o] = 0;
        doc->text = t;
        doc->text_len = o;
    }
    if (len)
        *len = doc->text_len;
    return doc->text;
}
