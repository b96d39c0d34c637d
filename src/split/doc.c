/* split/doc.c — the split stage on a document: its sentences, kept on the doc. */
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"

typedef struct collect {
    dyad_doc *doc;
    size_t base;      /* offset of the paragraph (or text) being split */
    size_t block;     /* its index */
    size_t cap;
    const char *text; /* the whole text, to count paragraph breaks in a doc without blocks */
    size_t last_end;
    int count_breaks;
} collect;

/* Blank lines (a line break, maybe spaces, a line break) in t[a..b). */
static size_t breaks(const char *t, size_t a, size_t b)
{
    size_t n = 0;
    int nl = 0;
    for (size_t i = a; i < b; i++) {
        char c = t[i];
        if (c == '\n') {
            if (nl) {
                n++;
                nl = 0;
                continue;
            }
            nl = 1;
        } else if (c != ' ' && c != '\t' && c != '\r')
            nl = 0;
    }
    return n;
}

static int on_sentence(void *ud, size_t start, size_t end)
{
    collect *c = ud;
    dyad_doc *d = c->doc;
    if (d->nsents == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 64;
        dyad_sentence *s = realloc(d->sents, cap * sizeof *s);
        if (!s)
            return DYAD_NOMEM;
        d->sents = s;
        c->cap = cap;
    }
    if (c->count_breaks && d->nsents)
        c->block += breaks(c->text, c->last_end, start);
    c->last_end = end;
    dyad_sentence *s = &d->sents[d->nsents++];
    s->start = c->base + start;
    s->end = c->base + end;
    s->block = c->block;
    return 0;
}

int dyad_split_doc(dyad_ctx *ctx, dyad_doc *doc)
{
    if (!doc->cleaned)
        return dyad__fail(ctx, DYAD_ARG, "%s: sentences asked for before cleaning", doc->path);
    free(doc->sents);
    doc->sents = NULL;
    doc->nsents = 0;
    size_t len;
    const char *text = dyad_doc_text(doc, &len);
    collect c = {.doc = doc, .text = text};
    int r = 0;
    if (!doc->nblocks) { /* a doc made from clean text: split it whole, count its paragraphs */
        c.count_breaks = 1;
        r = dyad_split(ctx, text, len, on_sentence, &c);
    } else { /* paragraph by paragraph, each kept block where dyad_doc_text() put it */
        size_t at = 0;
        int first = 1;
        for (size_t i = 0; i < doc->nblocks && !r; i++) {
            const dyad_block *b = &doc->blocks[i];
            if (b->drop || !b->len)
                continue;
            if (!first)
                at += 2;
            first = 0;
            if (at + b->len > len || memcmp(text + at, b->text, b->len) != 0)
                return dyad__fail(ctx, DYAD_NOMEM, "%s: out of memory building the clean text", doc->path);
            c.base = at;
            r = dyad_split(ctx, text + at, b->len, on_sentence, &c);
            c.block++;
            at += b->len;
        }
    }
    if (r)
        return dyad__fail(ctx, DYAD_NOMEM, "%s: out of memory splitting sentences", doc->path);
    if (doc->stage < DYAD_STAGE_SPLIT)
        doc->stage = DYAD_STAGE_SPLIT;
    return DYAD_OK;
}

const dyad_sentence *dyad_doc_sentences(const dyad_doc *doc, size_t *n)
{
    if (n)
        *n = doc->nsents;
    return doc->sents;
}
