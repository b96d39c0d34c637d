/* libFuzzer target: any bytes through the temporal tagger, once without a document date and once
 * with one derived from the input (so that anchored arithmetic runs on odd dates: year 1, 9999,
 * 29 February, day 31 of a short month). Checks every expression's span and value. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "dyad/dyad.h"

typedef struct check {
    size_t len, last_end, n;
} check;

static int on_timex(void *ud, const dyad_timex *tx)
{
    check *c = ud;
    /* spans are inside the text, non-empty, in order and not overlapping; values are non-empty */
    if (tx->end <= tx->start || tx->end > c->len || tx->start < c->last_end || !tx->value || !tx->value[0])
        __builtin_trap();
    if (strlen(tx->value) > 40 || (tx->value_end && !tx->value_end[0]))
        __builtin_trap();
    if ((unsigned)tx->type > DYAD_TIMEX_SET || (unsigned)tx->anchor > DYAD_ANCHOR_NARRATIVE)
        __builtin_trap();
    c->last_end = tx->end;
    c->n++;
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
    const char *text = (const char *)data;
    check c = {size, 0, 0};
    dyad_dates(ctx, text, size, NULL, 0, on_timex, &c);
    if (size >= 4) {
        /* a DCT from the first bytes, deliberately including out-of-range parts */
        dyad_ymd dct = {1 + (data[0] | data[1] << 8) % 9999, data[2] % 14, data[3] % 33};
        unsigned flags = data[3] >> 6;
        check c2 = {size, 0, 0};
        dyad_dates(ctx, text, size, &dct, flags, on_timex, &c2);
    }
    return 0;
}
