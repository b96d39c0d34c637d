/* dyad/store.h — stage 5: keep documents, blocks and sentences in an SQLite file, searchable.
 *
 * Takes: cleaned dyad_doc values.
 * Gives: a store file (default "dyad.db") with tables documents, blocks, sentences and an FTS5 index
 *        over sentences; BM25-ranked search; a listing of documents.
 * Writes: each document in one transaction. The same document (same path, same content hash) twice
 *        changes nothing; a changed document replaces its old version.
 * Memory: a dyad_store is owned by the caller (dyad_store_close()). Rows passed to callbacks are
 *        valid only during the call.
 */
#ifndef DYAD_STORE_H
#define DYAD_STORE_H

#include <stddef.h>
#include <stdint.h>

typedef struct dyad_ctx dyad_ctx;
typedef struct dyad_doc dyad_doc;
typedef struct dyad_store dyad_store;

enum {
    DYAD_STORE_READONLY = 1u << 0, /* open for reading only (search, docs) */
    DYAD_STORE_CREATE   = 1u << 1  /* create the file when missing */
};

/* Opens (and creates or upgrades the schema of) a store. On failure returns DYAD_NOTDB (not an
 * SQLite file, or not a dyad store), DYAD_READONLY, DYAD_STORE or DYAD_NOTFOUND, with a message on
 * ctx. The ctx must outlive the store. */
int dyad_store_open(dyad_ctx *ctx, const char *path, unsigned flags, dyad_store **out);
void dyad_store_close(dyad_store *st);

typedef enum { DYAD_PUT_ADDED = 0, DYAD_PUT_UNCHANGED, DYAD_PUT_REPLACED } dyad_put_result;
const char *dyad_put_result_name(dyad_put_result r); /* "added", "unchanged", "replaced" */

/* Stores a cleaned doc (sentences are split here), in one transaction. */
int dyad_store_put(dyad_store *st, dyad_doc *doc, dyad_put_result *result);

typedef struct dyad_hit {
    int64_t doc_id;
    const char *path, *title, *date;
    int64_t sentence_id;
    const char *sentence;
    const char *highlighted;  /* sentence with matches between \x01 and \x02 */
    double score;             /* BM25, lower is better, as SQLite gives it */
} dyad_hit;
typedef int (*dyad_hit_fn)(void *ud, const dyad_hit *hit);

/* Full-text search over sentences (FTS5 query syntax; plain words are ANDed). Best first. */
int dyad_store_search(dyad_store *st, const char *query, int limit, dyad_hit_fn fn, void *ud);

typedef struct dyad_docrow {
    int64_t id;
    const char *path, *format, *title, *author, *publisher, *date, *hash;
    int64_t bytes, nsentences;
    const char *ingested;     /* UTC time of the last write */
} dyad_docrow;
typedef int (*dyad_docrow_fn)(void *ud, const dyad_docrow *row);
int dyad_store_docs(dyad_store *st, dyad_docrow_fn fn, void *ud);

#endif
