/* libFuzzer target: any bytes through read (each format), clean, the text, the splitter and the
 * date tagger. The first byte picks the format hint. PDF input is skipped: it runs an external tool. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "dyad/dyad.h"

static int on_sentence(void *ud, size_t start, size_t end)
{
    size_t *n = ud;
    if (end < start)
        __builtin_trap();
    (*n)++;
    return 0;
}

static int on_timex(void *ud, const dyad_timex *tx)
{
    size_t *len = ud;
    if (tx->end < tx->start || tx->end > *len || !tx->value)
        __builtin_trap();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static dyad_ctx *ctx;
    if (!ctx)
        ctx = dyad_ctx_new(NULL);
    if (size < 1)
        return 0;
    static const dyad_format hints[] = {DYAD_FMT_AUTO, DYAD_FMT_TEXT, DYAD_FMT_MARKDOWN, DYAD_FMT_HTML};
    dyad_format hint = hints[data[0] % 4];
    data++;
    size--;
    if (size >= 5 && !memcmp(data, "%PDF-", 5))
        return 0;
    dyad_doc *doc = NULL;
    if (dyad_doc_read_mem(ctx, "fuzz", data, size, hint, &doc) == DYAD_OK) {
        if (dyad_doc_format(doc) != DYAD_FMT_PDF) {
            dyad_run(ctx, doc, DYAD_STAGE_META, NULL);
            size_t len;
            const char *t = dyad_doc_text(doc, &len);
            if (strlen(t) != len)
                __builtin_trap();
            size_t n = 0;
            dyad_split(ctx, t, len, on_sentence, &n);
            dyad_ymd dct = {2010, 6, 29};
            dyad_dates(ctx, t, len, &dct, 0, on_timex, &len);
        }
        dyad_doc_free(doc);
    }
    return 0;
}
