/* meta/meta.h — completing a document's metadata from its text (internal; called by dyad_clean).
 *
 * The reader's values (front matter, HTML meta tags) come first and are never replaced. What is
 * missing is looked for in the blocks: the title (first heading, else the first title-like line),
 * the author (a byline "By X", or a name on the line under the title), the publication date (a
 * dateline near the top or the bottom: "29 June 2010", "March 2024", "21ST NOVEMBER 2024"), a "last
 * updated" date (never taken as the publication date), and the publisher (a copyright line).
 * Each value records where it came from ("first heading", "byline", "dateline", ...).
 */
#ifndef DYAD_META_META_H
#define DYAD_META_META_H

#include "core/internal.h"

/* Completes doc->meta. Returns DYAD_OK, or DYAD_NOMEM with the message on ctx. */
int dyad__meta_complete(dyad_ctx *ctx, dyad_doc *doc);

#endif
