/* dyad/clean.h — stage 2: keep the article, drop the rest; complete the metadata.
 *
 * Takes: a dyad_doc from the reader.
 * Gives: the same doc with every block marked kept or dropped (dyad_block.drop says why), blocks
 *        broken by a page break or an end-of-line hyphen joined, and the metadata completed from the
 *        text (title, author, publication date from a dateline, each with its source).
 * Memory: everything stays owned by the doc.
 */
#ifndef DYAD_CLEAN_H
#define DYAD_CLEAN_H

#include <stddef.h>

typedef struct dyad_ctx dyad_ctx;
typedef struct dyad_doc dyad_doc;

/* Cleans the doc in place. Returns DYAD_OK, or DYAD_NOTEXT when nothing is left (the doc stays
 * valid and dyad_errmsg(ctx) names the file). */
int dyad_clean(dyad_ctx *ctx, dyad_doc *doc);

/* The cleaned main text: kept blocks in order, separated by one blank line ("\n\n"), ending with a
 * newline. Built on first call after dyad_clean(); owned by the doc. *len may be NULL. */
const char *dyad_doc_text(dyad_doc *doc, size_t *len);

#endif
