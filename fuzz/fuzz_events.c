/* libFuzzer target: any bytes as clean text through split, date, actors and events (the coder),
 * with and without a document date, then the events through fusion. Checks the invariants of every
 * mention and event: spans inside the text and in order, codes non-empty, parties capped, dates
 * well formed (YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www) when given. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "dyad/dyad.h"

static void check_date(const char *d)
{
    size_t n = strlen(d);
    if (!n)
        return;
    if (n != 4 && n != 7 && n != 8 && n != 10)
        __builtin_trap();
    for (int i = 0; i < 4; i++)
        if (d[i] < '0' || d[i] > '9')
            __builtin_trap();
}

static int count(void *ud, const dyad_entry *e)
{
    if (!e->type || !e->nsources || e->nsources > e->nmentions || e->nactors < 2)
        __builtin_trap();
    (*(size_t *)ud)++;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static dyad_ctx *ctx;
    if (!ctx)
        ctx = dyad_ctx_new(NULL);
    if (!ctx)
        return 0;
    for (int pass = 0; pass < 2; pass++) {
        dyad_doc *doc = NULL;
        if (dyad_doc_from_text(ctx, "fuzz", (const char *)data, size, &doc))
            return 0;
        dyad_run_opts o;
        memset(&o, 0, sizeof o);
        if (pass && size >= 3)
            o.dct = (dyad_ymd){1 + (data[0] | data[1] << 8) % 9999, data[2] % 13, 0};
        if (dyad_run(ctx, doc, DYAD_STAGE_EVENTS, &o) == DYAD_OK) {
            size_t nm, ne, ns;
            const dyad_mention *m = dyad_doc_mentions(doc, &nm);
            const dyad_event *ev = dyad_doc_events(doc, &ne);
            dyad_doc_sentences(doc, &ns);
            for (size_t i = 0; i < nm; i++) {
                if (m[i].end <= m[i].start || m[i].end > size || m[i].sentence >= ns || m[i].ncodes < 1 ||
                    m[i].ncodes > DYAD_MENTION_CODES || !m[i].codes[0][0])
                    __builtin_trap();
                if (i && m[i].sentence < m[i - 1].sentence)
                    __builtin_trap();
            }
            for (size_t i = 0; i < ne; i++) {
                const dyad_event *e = &ev[i];
                if (e->end > size || e->start > e->end || e->trigger_end > size || e->trigger_start > e->trigger_end ||
                    (unsigned)e->type >= DYAD_EV_COUNT || e->source.ncodes > DYAD_PARTY_CODES ||
                    e->target.ncodes > DYAD_PARTY_CODES || !e->label)
                    __builtin_trap();
                check_date(e->date);
            }
            /* one input in sixteen also goes through the spill to temporary files */
            dyad_fuser *f = dyad_fuser_new(ctx, pass && size && (data[size - 1] & 15) == 7 ? 1 : 0);
            if (f) {
                size_t n = 0;
                dyad_fuser_add_doc(f, doc, NULL);
                dyad_fuser_run(f, count, &n);
                dyad_fuser_free(f);
            }
        }
        dyad_doc_free(doc);
    }
    return 0;
}
