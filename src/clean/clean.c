/* PLACEHOLDER cleaner: keeps everything. Replaced by the clean-stage owner. */
#include "core/internal.h"
int dyad_clean(dyad_ctx *ctx, dyad_doc *doc)
{
    doc->cleaned = 1;
    for (size_t i = 0; i < doc->nblocks; i++)
        if (!doc->blocks[i].drop) return DYAD_OK;
    return dyad__fail(ctx, DYAD_NOTEXT, "%s: no text left after cleaning", doc->path);
}
