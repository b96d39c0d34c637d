/* PLACEHOLDER store. Replaced by the store-stage owner. */
#include "core/internal.h"
int dyad_store_open(dyad_ctx *ctx, const char *path, unsigned flags, dyad_store **out)
{ (void)flags; *out = NULL; return dyad__fail(ctx, DYAD_STORE, "%s: store not implemented yet", path); }
void dyad_store_close(dyad_store *st) { (void)st; }
