/* date/doc.c — the date stage on a document: its temporal expressions, kept on the doc. */
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"

typedef struct collect {
    dyad_doc *doc;
    size_t cap;
} collect;

static const char *keep(dyad_doc *d, const char *s)
{
    return s ? dyad__arena_strdup(&d->arena, s) : NULL;
}

static int on_timex(void *ud, const dyad_timex *tx)
{
    collect *c = ud;
    dyad_doc *d = c->doc;
    if (d->ntimexes == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 32;
        dyad_timex *t = realloc(d->timexes, cap * sizeof *t);
        if (!t)
            return DYAD_NOMEM;
        d->timexes = t;
        c->cap = cap;
    }
    dyad_timex t = *tx;
    t.value = keep(d, tx->value);
    t.value_end = keep(d, tx->value_end);
    t.quant = keep(d, tx->quant);
    t.freq = keep(d, tx->freq);
    if ((tx->value && !t.value) || (tx->value_end && !t.value_end) || (tx->quant && !t.quant) ||
        (tx->freq && !t.freq))
        return DYAD_NOMEM;
    d->timexes[d->ntimexes++] = t;
    return 0;
}

int dyad_dates_doc(dyad_ctx *ctx, dyad_doc *doc, const dyad_ymd *dct, unsigned flags)
{
    if (!doc->cleaned)
        return dyad__fail(ctx, DYAD_ARG, "%s: dates asked for before cleaning", doc->path);
    free(doc->timexes);
    doc->timexes = NULL;
    doc->ntimexes = 0;
    memset(&doc->dct, 0, sizeof doc->dct);
    if (dct && dct->year)
        doc->dct = *dct;
    size_t len;
    const char *text = dyad_doc_text(doc, &len);
    collect c = {.doc = doc};
    int r = dyad_dates(ctx, text, len, doc->dct.year ? &doc->dct : NULL, flags, on_timex, &c);
    if (r)
        return dyad__fail(ctx, DYAD_NOMEM, "%s: out of memory tagging dates", doc->path);
    if (doc->stage < DYAD_STAGE_DATE)
        doc->stage = DYAD_STAGE_DATE;
    return DYAD_OK;
}

const dyad_timex *dyad_doc_timexes(const dyad_doc *doc, size_t *n)
{
    if (n)
        *n = doc->ntimexes;
    return doc->timexes;
}

dyad_ymd dyad_doc_dct(const dyad_doc *doc) { return doc->dct; }
