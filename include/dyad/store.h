/* dyad/store.h — stage 5: keep documents, blocks and sentences in an SQLite file, searchable.
 *
 * Takes: dyad_doc values that the pipeline (dyad/pipeline.h) has processed; the store only stores.
 * Gives: a store file (default "dyad.db") with tables documents, blocks, sentences and an FTS5 index
 *        over sentences; BM25-ranked search; a listing of documents.
 * Writes: each document in one transaction (BEGIN IMMEDIATE ... COMMIT; any error rolls it back, so
 *        a document is either wholly in the store or not at all).
 *  - A document is keyed by its absolute, canonical path (realpath of dyad_doc_path()).
 *  - Same path, same content hash (SHA-256 of the file's bytes): "unchanged", nothing is written.
 *  - Same path, other hash: "replaced": the old blocks, sentences and index entries are deleted and
 *    the new ones inserted; the document keeps its id.
 *  - A path new to the store whose content is already stored under another path:
 *      - if that other path still exists on disk: "duplicate", nothing is written (the same
 *        sentences are not indexed twice; search would show every hit twice);
 *      - if that other path is gone: "moved", the stored document takes the new path (no re-cleaning).
 *    A path already in the store that changes to content stored elsewhere is simply "replaced".
 *  - A store written by another dyad version (column dyad_version) counts as changed, so an upgrade
 *    re-cleans documents on the next ingest.
 * Schema (user_version 1, application_id 0x64796164 "dyad"); byte offsets are into the document's
 * clean text, dyad_doc_text(), which is the kept blocks joined by "\n\n":
 *   documents(id, path UNIQUE, hash, format, encoding, bytes, text_bytes, nblocks, nsentences,
 *             title, title_source, author, author_source, publisher, publisher_source,
 *             date, date_source, updated, updated_source, language, url, description,
 *             dyad_version, ingested)
 *   blocks(doc, seq, kind, level, line, start, end, text)            -- kept blocks only
 *   sentences(id, doc, block, seq, start, end, text)
 *   events(id, doc, seq, sentence, start, end, type, quad, mode, status, date, date_source,
 *          date_start, date_end, actors, pair, source, source_text, source_sector, target,
 *          target_text, target_sector, label, trigger_start, trigger_end)   -- schema 2
 *   timeline(id, date, dates, disagreement, actors, pair, type, quad, mode, status, label, mentions,
 *          ndocs), timeline_sources(entry, seq, doc, start, end, date)       -- schema 2
 *   sentences_fts(text)  FTS5, external content = sentences, tokenizer "dyad": porter stemming
 *                        over unicode61 (case and accents folded), Chinese characters and kana
 *                        one token each (Japanese has no spaces). Registered by dyad_store_open;
 *                        the plain sqlite3 shell reads every table but cannot query this one.
 * Files: the store uses WAL while it writes (one fsync per checkpoint instead of per document) and
 *        returns to a single rollback-journal file when closed, so a finished store is one file that
 *        can be copied and searched from read-only media.
 * Memory: a dyad_store is owned by the caller (dyad_store_close()). Rows passed to callbacks are
 *        valid only during the call. Nothing grows with the number of documents stored.
 */
#ifndef DYAD_STORE_H
#define DYAD_STORE_H

#include <stddef.h>
#include <stdint.h>

typedef struct dyad_ctx dyad_ctx;
typedef struct dyad_doc dyad_doc;
typedef struct dyad_store dyad_store;

#define DYAD_STORE_SCHEMA 2              /* PRAGMA user_version written and understood (1 is read) */
#define DYAD_STORE_APP_ID 0x64796164     /* PRAGMA application_id: "dyad" */
#define DYAD_STORE_BUSY_MS 10000         /* wait this long for another writer before failing */

enum {
    DYAD_STORE_READONLY = 1u << 0, /* open for reading only (search, docs) */
    DYAD_STORE_CREATE   = 1u << 1  /* create the file when missing (ignored with READONLY) */
};

/* Opens (and creates) a store. On failure *out is NULL and the return is
 *   DYAD_NOTFOUND  the file does not exist (and CREATE was not given),
 *   DYAD_NOTDB     not an SQLite file, an SQLite file of another application, an empty file opened
 *                  read-only, or a schema newer than this dyad understands,
 *   DYAD_READONLY  writing was asked for but the file or its folder is not writable,
 *   DYAD_STORE     any other SQLite failure,
 * with a one-line message on ctx naming the file ("x.db: not a dyad store (file is not an SQLite
 * database)"). The ctx must outlive the store. */
int dyad_store_open(dyad_ctx *ctx, const char *path, unsigned flags, dyad_store **out);
/* Closes the store (NULL is fine). Returns DYAD_OK, or DYAD_STORE when the final checkpoint failed
 * (the data is safe in the WAL file beside the store and is recovered on the next open). */
int dyad_store_close(dyad_store *st);

typedef enum {
    DYAD_PUT_ADDED = 0,
    DYAD_PUT_UNCHANGED,
    DYAD_PUT_REPLACED,
    DYAD_PUT_DUPLICATE,
    DYAD_PUT_MOVED
} dyad_put_result;
/* "added", "unchanged", "replaced", "duplicate", "moved" */
const char *dyad_put_result_name(dyad_put_result r);

typedef struct dyad_put_info {
    dyad_put_result result;
    int64_t doc_id;       /* the stored document (for DUPLICATE: the one holding the content) */
    int64_t nsentences;   /* sentences stored for it */
    const char *path;     /* the canonical path the document is stored under */
    const char *other;    /* DUPLICATE: the path holding the same content; MOVED: the old path;
                           * else NULL. Strings owned by the store, valid until its next call. */
} dyad_put_info;

/* What dyad_store_put() would do with doc, looked up without writing anything: info->result is
 * UNCHANGED or DUPLICATE (nothing would be written), MOVED (the stored content would take the new
 * path), or ADDED or REPLACED: only then does put need the doc processed, so a caller reads a file,
 * plans, and runs the pipeline only when the plan says ADDED or REPLACED. The doc only needs to be
 * read (its hash and size are used). Errors: DYAD_NOMEM, DYAD_STORE. */
int dyad_store_plan(dyad_store *st, dyad_doc *doc, dyad_put_info *info);

/* Stores a doc, in one transaction. Its blocks and sentences are written when the doc is new or
 * changed, which needs it processed through the split stage (dyad_run(..., DYAD_STAGE_SPLIT, ...));
 * a doc found unchanged, duplicate or moved needs only to have been read. info may be NULL.
 * Errors: DYAD_ARG (content to write but the doc was not processed; nothing written), DYAD_NOMEM,
 * DYAD_READONLY, DYAD_IO (disk full or I/O error), DYAD_STORE; after any error nothing of the
 * document was written and the store is still usable. */
int dyad_store_put(dyad_store *st, dyad_doc *doc, dyad_put_info *info);

/* Quick check before reading a file: when the store holds `path` (canonicalised here), written by
 * this dyad version, with the same size, and the file's bytes hash to the stored SHA-256, sets
 * *unchanged = 1 (the caller can skip reading and cleaning it); else 0. Files of another size are
 * not read. Returns DYAD_OK, or
 * DYAD_STORE on a store failure (a file that cannot be read just gives *unchanged = 0). */
int dyad_store_unchanged(dyad_store *st, const char *path, int *unchanged);

/* Removes the document stored under path (canonicalised here), with its blocks, sentences and
 * index entries, in one transaction. DYAD_NOTFOUND when the store has no such document. */
int dyad_store_remove(dyad_store *st, const char *path);

/* Removes every stored document whose path lies under folder and no longer exists on disk (stat
 * fails with ENOENT; a file that cannot be read for another reason is kept). fn (may be NULL) is
 * called with each removed path (owned by the store, valid during the call). Each removal is its
 * own transaction. DYAD_NOTFOUND when folder does not exist (nothing is removed then). */
typedef void (*dyad_path_fn)(void *ud, const char *path);
int dyad_store_prune(dyad_store *st, const char *folder, dyad_path_fn fn, void *ud);

typedef struct dyad_hit {
    int64_t doc_id;
    const char *path, *title, *date;  /* title and date may be NULL */
    int64_t sentence_id;
    int64_t block;                    /* blocks.seq of the sentence's block */
    int64_t start, end;               /* byte offsets in the document's clean text */
    const char *sentence;
    const char *highlighted;          /* sentence with each match between \x01 and \x02 */
    double score;                     /* BM25 as SQLite gives it: lower (more negative) is better */
} dyad_hit;
typedef int (*dyad_hit_fn)(void *ud, const dyad_hit *hit);

enum {
    DYAD_SEARCH_RAW = 1u << 0 /* pass the query to FTS5 as written (its full syntax) */
};

/* Full-text search over sentences, best first, at most limit hits (limit <= 0: 10).
 * Without DYAD_SEARCH_RAW the query is made safe before FTS5 sees it (dyad_store_query()).
 * The callback's non-zero return stops the search and is returned.
 * Errors: DYAD_ARG (nothing to search for; with RAW: an FTS5 syntax error, message on ctx),
 * DYAD_NOMEM, DYAD_STORE. No hit is not an error (the callback is just never called). */
int dyad_store_search(dyad_store *st, const char *query, unsigned flags, int limit, dyad_hit_fn fn,
                      void *ud);

/* The FTS5 query that dyad_store_search() runs for a user's query (without DYAD_SEARCH_RAW):
 *  - words are ANDed; each becomes a quoted FTS5 string, so FTS5 operators and punctuation in
 *    them are plain text ("U.S." -> "U.S.", which matches the tokens u s in a row);
 *  - "a phrase in double quotes" stays a phrase; an unbalanced quote runs to the end;
 *  - word* is a prefix search; -word or NOT word excludes sentences with the word;
 *  - OR (upper case) between two terms matches either; AND is the default and ignored;
 *  - a term with no letter or digit (a lone "-", "*", "&&") is dropped.
 * Returns a malloc'ed string (caller frees), or NULL when nothing is left to search for or out of
 * memory (*err says which: DYAD_ARG or DYAD_NOMEM; err may be NULL). */
char *dyad_store_query(const char *query, int *err);

/* Checks the store: SQLite's integrity_check, the full-text index against the sentences (only
 * when the store was opened for writing: FTS5 runs that check as a write statement, though it
 * changes nothing), and the sentence counts against the documents. DYAD_OK, or DYAD_STORE with the
 * first problem on ctx. */
int dyad_store_verify(dyad_store *st);

typedef struct dyad_docrow {
    int64_t id;
    const char *path, *format, *encoding, *hash;
    const char *title, *author, *publisher, *date, *updated; /* NULL when unknown */
    const char *date_source;
    int64_t bytes, nblocks, nsentences;
    const char *ingested;     /* UTC time of the last write, 2024-03-01T12:00:00Z */
} dyad_docrow;
typedef int (*dyad_docrow_fn)(void *ud, const dyad_docrow *row);
/* Every document, ordered by path. The callback's non-zero return stops and is returned. */
int dyad_store_docs(dyad_store *st, dyad_docrow_fn fn, void *ud);

/* ---- events and the timeline (schema 2) ---- */

#include "dyad/fuse.h"

/* Every stored event (between two or more parties), ordered by pair, as the fusion stage reads them:
 * doc is the stored (absolute) path, sentence the sentence's text. Records are valid during the call;
 * fn's non-zero return stops and is returned. A store of schema 1 (dyad 0.1, opened read-only) has no
 * events and gives none. DYAD_OK or DYAD_STORE. */
typedef int (*dyad_store_event_fn)(void *ud, const dyad_fuse_src *e);
int dyad_store_events(dyad_store *st, dyad_store_event_fn fn, void *ud);

/* Rewrites the timeline tables in one transaction: begin (the old entries are deleted), add each entry
 * (from dyad_fuser_run over dyad_store_events), end (commit non-zero: commit, else roll back and the
 * old timeline stays). Sources are tied to documents by the path they cite. DYAD_OK, DYAD_READONLY,
 * DYAD_STORE, DYAD_IO. */
int dyad_store_timeline_begin(dyad_store *st);
int dyad_store_timeline_add(dyad_store *st, const dyad_entry *e);
int dyad_store_timeline_end(dyad_store *st, int commit);


/* ---- reading for reports and the server (dyad/present.h) ----
 * These only read; they work on a store opened read-only. Rows passed to callbacks are valid during
 * the call only; a callback may call another reading function (its rows stay valid meanwhile). A
 * store of schema 1 (dyad 0.1) has no events and no timeline: those calls give no rows. */

/* The schema version of the open store: 1 (dyad 0.1: documents and sentences only) or 2. */
int dyad_store_schema(const dyad_store *st);

/* One read transaction: the reads between begin and end see one state of the store, even while
 * `dyad ingest` writes it (WAL gives each reader a snapshot). DYAD_OK or DYAD_STORE; end after a
 * failed begin is harmless. */
int dyad_store_read_begin(dyad_store *st);
void dyad_store_read_end(dyad_store *st);

/* Which timeline entries or events to read. Zero it, then set what is wanted. */
typedef struct dyad_store_filter {
    const char *codes[2 * DYAD_PARTY_CODES]; /* rows naming all of these codes (IND, JPN, QUAD) */
    int ncodes;
    int from, to;          /* years; 0 = open. With either, undated rows are left out */
    const char *type;      /* one PLOVER type, or NULL */
    int64_t doc;           /* events: of this document only (0: all). Not used for the timeline */
    int64_t offset, limit; /* paging; limit 0: every row */
} dyad_store_filter;

/* Fills f->codes from "IND,JPN" (upper-cased into buf, cap bytes; the codes point into it).
 * DYAD_ARG when a code is not 2 to 15 letters or digits or there are more than the array holds. */
int dyad_store_filter_codes(dyad_store_filter *f, const char *list, char *buf, size_t cap);

/* A stored timeline entry (the fields of `dyad timeline --json`). */
typedef struct dyad_tl_row {
    const char *id, *date;   /* date NULL when undated */
    const char *dates;       /* every date its sources give, as a JSON array ("[\"2008\",\"2008-10\"]") */
    int disagreement;
    const char *actors;      /* codes joined by ',', the most frequent source first */
    const char *pair;        /* the same sorted */
    const char *type, *mode, *status, *label; /* mode and label may be NULL */
    int quad;                /* dyad_quad, 0 when unknown */
    int64_t mentions, ndocs, nsources;
} dyad_tl_row;
typedef int (*dyad_tl_row_fn)(void *ud, const dyad_tl_row *r);
/* Timeline entries that pass the filter, in date order (undated last), then type and id. */
int dyad_store_timeline_rows(dyad_store *st, const dyad_store_filter *f, dyad_tl_row_fn fn, void *ud);
/* How many entries pass the filter (offset and limit ignored). */
int dyad_store_timeline_count(dyad_store *st, const dyad_store_filter *f, int64_t *n);
/* Entries that pass the filter counted by year and quad: fn(ud, year, quad, n), year 0 for undated
 * entries, in year order. */
typedef int (*dyad_year_fn)(void *ud, int year, int quad, int64_t n);
int dyad_store_timeline_years(dyad_store *st, const dyad_store_filter *f, dyad_year_fn fn, void *ud);
/* Pairs (the sorted codes of entries, "IND,JPN") with their number of entries, most first. */
typedef int (*dyad_pair_fn)(void *ud, const char *pair, int64_t n);
int dyad_store_pairs(dyad_store *st, dyad_pair_fn fn, void *ud);

/* A source an entry cites: the sentence in its document, with the paragraph (block) around it. */
typedef struct dyad_tl_source {
    int64_t seq, doc;
    const char *path, *title, *doc_date; /* the document's; title and doc_date may be NULL */
    const char *date;         /* the date this source gives, or NULL */
    int64_t start, end;       /* the sentence, bytes in the document's clean text */
    const char *sentence;     /* its text ("" if the document changed since) */
    const char *block;        /* the paragraph holding it, or NULL */
    int64_t block_start;      /* where that paragraph starts in the clean text */
} dyad_tl_source;
typedef int (*dyad_tl_source_fn)(void *ud, const dyad_tl_source *s);
/* The sources of entry `id`, in the order the entry lists them. */
int dyad_store_timeline_sources(dyad_store *st, const char *id, dyad_tl_source_fn fn, void *ud);

/* A stored event (the events table, with its document and sentence). */
typedef struct dyad_event_row {
    int64_t id, doc, seq, sentence;
    int64_t start, end, trigger_start, trigger_end; /* bytes in the document's clean text */
    const char *type, *mode, *status, *date, *date_source;
    int quad;
    const char *actors, *pair, *source, *target, *source_text, *target_text, *label;
    const char *path, *title, *text;                /* the document's path and title; the sentence */
} dyad_event_row;
typedef int (*dyad_event_row_fn)(void *ud, const dyad_event_row *r);
/* Events that pass the filter, by document then position. */
int dyad_store_event_rows(dyad_store *st, const dyad_store_filter *f, dyad_event_row_fn fn, void *ud);
int dyad_store_event_count(dyad_store *st, const dyad_store_filter *f, int64_t *n);

/* A document with what the report shows of it. */
typedef struct dyad_docinfo {
    dyad_docrow row;
    int64_t text_bytes;       /* bytes of clean text kept (row.bytes: of the file) */
    const char *language, *url, *description; /* NULL when unknown */
    int64_t nevents;          /* events coded in it */
} dyad_docinfo;
typedef int (*dyad_docinfo_fn)(void *ud, const dyad_docinfo *d);
/* Documents ordered by date (undated last), then title and id; id > 0: that one only
 * (DYAD_NOTFOUND when there is none). offset/limit page (limit 0: all). */
int dyad_store_docinfo(dyad_store *st, int64_t id, int64_t offset, int64_t limit, dyad_docinfo_fn fn, void *ud);
int dyad_store_doc_count(dyad_store *st, int64_t *n);

/* A kept block of a document's clean text, in order (the clean text is the blocks joined by
 * "\n\n", so start and end are offsets into it). */
typedef struct dyad_blockrow {
    int64_t seq;
    const char *kind;         /* para, heading, item, quote, pre, cell, caption */
    int level;
    int64_t start, end;
    const char *text;
} dyad_blockrow;
typedef int (*dyad_blockrow_fn)(void *ud, const dyad_blockrow *b);
int dyad_store_blocks(dyad_store *st, int64_t doc, dyad_blockrow_fn fn, void *ud);

#endif
