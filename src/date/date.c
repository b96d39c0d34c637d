/* PLACEHOLDER date tagger. Replaced by the date-stage owner. */
#include "core/internal.h"
int dyad_dates(const dyad_ctx *ctx, const char *text, size_t len, const dyad_ymd *dct, unsigned flags, dyad_timex_fn fn, void *ud)
{ (void)ctx; (void)text; (void)len; (void)dct; (void)flags; (void)fn; (void)ud; return DYAD_OK; }
