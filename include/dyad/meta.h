/* dyad/meta.h — stage 3: complete a document's metadata from its clean text.
 *
 * Takes: a dyad_doc that dyad_clean() has cleaned.
 * Gives: the doc's dyad_meta completed. The reader's values (front matter, HTML meta tags) come
 *        first and are never replaced. What is missing is looked for in the kept blocks near the top
 *        and the bottom: the title (first heading, else the first title-like line), the author (a
 *        byline "By X", or a name on the line under the title), the publication date (a dateline:
 *        "29 June 2010", "March 2024", "21ST NOVEMBER 2024"), a "last updated" date (never taken as
 *        the publication date), and the publisher (a copyright line). Each value records where it
 *        came from ("first heading", "byline", "dateline", ...). Word lists: data/clean-meta.txt.
 *        Dates on a dateline are recognised with the date stage's tagger (dyad_dates(), no anchor).
 * Memory: values are copied into the doc, which owns them.
 */
#ifndef DYAD_META_H
#define DYAD_META_H

typedef struct dyad_ctx dyad_ctx;
typedef struct dyad_doc dyad_doc;

/* Completes the metadata of a cleaned doc. Returns DYAD_OK, DYAD_ARG when the doc was not cleaned,
 * or DYAD_NOMEM (message on ctx). */
int dyad_meta_complete(dyad_ctx *ctx, dyad_doc *doc);

#endif
