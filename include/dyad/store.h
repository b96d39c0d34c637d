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
 * Schema (user_version 4, application_id 0x64796164 "dyad"); byte offsets are into the document's
 * clean text, dyad_doc_text(), which is the kept blocks joined by "\n\n":
 *   documents(id, path UNIQUE, hash, format, encoding, bytes, text_bytes, nblocks, nsentences,
 *             title, title_source, author, author_source, publisher, publisher_source,
 *             date, date_source, updated, updated_source, language, url, description,
 *             dyad_version, ingested, tags)  -- tags: JSON array, schema 4
 *   blocks(doc, seq, kind, level, line, start, end, text)            -- kept blocks only
 *   sentences(id, doc, block, seq, start, end, text,
 *             cjk)                                                    -- cjk: schema 3
 *   events(id, doc, seq, sentence, start, end, type, quad, mode, status, date, date_source,
 *          date_start, date_end, actors, pair, source, source_text, source_sector, target,
 *          target_text, target_sector, label, trigger_start, trigger_end)   -- schema 2
 *   timeline(id, date, dates, disagreement, actors, pair, type, quad, mode, status, label, mentions,
 *          ndocs), timeline_sources(entry, seq, doc, start, end, date)       -- schema 2
 *   sentences_fts(text, cjk)  FTS5, external content = sentences, SQLite's built-in tokenizer
 *                        "porter unicode61 remove_diacritics 2" (stems, case and accents folded), so
 *                        any SQLite can query it (the sqlite3 shell, Python, Datasette). Japanese has
 *                        no spaces: sentences.cjk is the sentence with a space between each Chinese
 *                        character or kana and its neighbours (NULL when it has none), so that each
 *                        is one token; a Japanese query is a phrase of characters, '"日 本"', which
 *                        dyad_store_search() writes itself from "日本". (Schemas 1 and 2 indexed the
 *                        text with a tokenizer of dyad's, "dyad"; such a store is still searched
 *                        read-only, and upgraded when opened to write.)
 * Versions: a store of an older schema version is upgraded when it is opened for writing, one step
 *        per version, all in one transaction: 1 -> 2 adds events, timeline and timeline_sources;
 *        2 -> 3 rebuilds the full-text index with SQLite's tokenizer and adds sentences.cjk; 3 -> 4
 *        adds documents.tags, and the documents it has are read again by the next ingest, to fill
 *        them. A new store runs the same steps. A store of an older version opened read-only is read
 *        as it is (no tags below 4, no cjk column below 3).
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

#define DYAD_STORE_SCHEMA 4              /* PRAGMA user_version written; 1 to 3 are read, and upgraded when opened to write */
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
    double score;                     /* the rank: minus BM25 times the prior and bonus of
                                       * dyad_store_search; lower (more negative) is better */
    const char *before, *after;       /* the sentences just before and after it in the document
                                       * (NULL at its start and end) */
} dyad_hit;
typedef int (*dyad_hit_fn)(void *ud, const dyad_hit *hit);

enum {
    DYAD_SEARCH_RAW  = 1u << 0, /* pass the query to FTS5 as written (its full syntax) */
    DYAD_SEARCH_BM25 = 1u << 1  /* rank by BM25 alone, without the length prior (for comparisons) */
};

/* Full-text search over sentences, best first, at most limit hits (limit <= 0: 10).
 * Ranking (store/rank.c): BM25 (as FTS5's bm25(): k1 1.2, b 0.75) times a prior on the sentence's
 * length, so that a sentence with some content ranks above a bare heading of two or three words
 * that merely holds the query's words (under 10 tokens, a sentence keeps tokens/10 of its score),
 * times up to 2 when the query's words stand next to each other in the query's order. Which
 * sentences match does not depend on the ranking. Each hit comes with the sentences around it.
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

/* Is query written in the query language above, without FTS5's own syntax (column filters "text:x",
 * parentheses, "NEAR(...)", "^word", a quote left open)? DYAD_OK, or DYAD_ARG with *why (a static
 * string) saying what: for callers that refuse rather than repair, such as `dyad serve` (a 400). */
int dyad_store_query_check(const char *query, const char **why);

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
    const char *tags;         /* the tags (dyad_doc_tags()) as a JSON array of strings, "[]" when
                               * none; NULL when stored before dyad read tags (schemas 1 to 3) */
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

/* ---- reading: events, the timeline and documents (exports, reports, the server) ----
 * These only read: they work on a store opened read-only. Rows passed to callbacks, and every string
 * and array in them, belong to the store and are valid during the call only (copy what you keep); a
 * callback may call another of these functions, and its row stays valid meanwhile. A store of schema 1
 * (dyad 0.1) has no events and no timeline: those calls give no rows and count 0. */

/* The schema version in use: DYAD_STORE_SCHEMA, or that of an older store opened read-only (1: a store
 * of dyad 0.1, which has no events and no timeline; 2: no sentences.cjk). 0 for NULL. */
int dyad_store_schema(const dyad_store *st);

/* One read transaction: the reads between begin and end see one state of the store, even while
 * `dyad ingest` writes it (WAL gives each reader a snapshot). DYAD_OK or DYAD_STORE; end after a
 * failed begin is harmless. */
int dyad_store_read_begin(dyad_store *st);
void dyad_store_read_end(dyad_store *st);

#define DYAD_STORE_FILTER_CODES (2 * DYAD_PARTY_CODES) /* codes a filter holds */

/* Which events or timeline entries to read. Zero it (or pass NULL: every row), then set what is
 * wanted; a zero field is no condition, and all the conditions set hold together. The strings are the
 * caller's and must outlive the call. */
typedef struct dyad_store_filter {
    const char *codes[DYAD_STORE_FILTER_CODES]; /* the row names every one of these codes among its
                                                 * actors (IND, JPN, QUAD) */
    int ncodes;                                  /* 0 to DYAD_STORE_FILTER_CODES; more: DYAD_ARG */
    int from, to;             /* years; when either is set, undated rows are left out */
    const char *type;         /* one PLOVER type ("AGREE"), or NULL */
    int64_t doc;              /* events of this document (documents.id) only; ignored for the timeline */
    int64_t offset, limit;    /* paging: skip offset rows, then give at most limit (0: every row).
                               * Ignored by the count, years and pairs calls */
} dyad_store_filter;

/* Fills f->codes and f->ncodes from a list such as "IND,JPN" (other fields untouched): the list is
 * copied into buf (cap bytes, the caller's), upper-cased, and f->codes point into it. An empty or NULL
 * list gives ncodes 0. DYAD_ARG when a code is not 2 to 15 letters or digits, when there are more
 * than DYAD_STORE_FILTER_CODES, or when the list does not fit in buf (f->ncodes is then 0). */
int dyad_store_filter_codes(dyad_store_filter *f, const char *list, char *buf, size_t cap);

/* A document as a row cites it. */
typedef struct dyad_store_cite {
    int64_t id;                         /* documents.id */
    const char *path, *hash;            /* stored absolute path; SHA-256 of the file's bytes */
    const char *title, *publisher, *date, *url; /* NULL when unknown */
    const char *ingested;               /* UTC time it was stored, 2024-03-01T12:00:00Z */
} dyad_store_cite;

/* One row of the events table: an event mention between two or more parties. */
typedef struct dyad_event_row {
    int64_t id;                         /* events.id (a document stored again gets new ids) */
    int64_t seq;                        /* its number among the document's events: stable for the
                                         * same content and the same dyad */
    dyad_store_cite doc;
    int64_t sentence;                   /* sentences.seq */
    int64_t start, end;                 /* the sentence, bytes in the document's clean text */
    const char *text;                   /* the sentence ("" when the store lacks it) */
    const char *type, *status;          /* PLOVER type; happened, planned, failed, hypothetical */
    const char *mode, *label;           /* NULL when none */
    int quad;                           /* dyad_quad */
    const char *date;                   /* YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www; NULL: undated */
    const char *date_source;            /* text, narrative, document, none */
    int64_t date_start, date_end;       /* the temporal expression in the clean text; -1 when none */
    const char *actors[2 * DYAD_PARTY_CODES]; /* source codes first */
    int nactors;
    const char *source[DYAD_PARTY_CODES], *target[DYAD_PARTY_CODES];
    int nsource, ntarget;               /* 0: no such party found */
    const char *source_text, *source_sector, *target_text, *target_sector; /* NULL when unknown */
    int64_t trigger_start, trigger_end; /* the trigger words in the clean text */
} dyad_event_row;
typedef int (*dyad_event_row_fn)(void *ud, const dyad_event_row *r);

/* The stored events that pass the filter. Order: with f->doc, that document's events in the order of
 * its text; else dated ones first in date order, then by document path and position. fn's non-zero
 * return stops and is returned. DYAD_OK, DYAD_ARG (a filter with too many codes), DYAD_NOMEM,
 * DYAD_STORE. */
int dyad_store_event_rows(dyad_store *st, const dyad_store_filter *f, dyad_event_row_fn fn, void *ud);
/* How many events pass the filter (offset and limit ignored) into *n. Same returns. */
int dyad_store_event_count(dyad_store *st, const dyad_store_filter *f, int64_t *n);

/* One source of a timeline entry: the sentence that tells it, in its document, with the paragraph
 * (block) around it. */
typedef struct dyad_source_row {
    int64_t seq;                        /* its place in the entry's list of sources, from 0 */
    dyad_store_cite doc;
    int64_t start, end;                 /* the sentence, bytes in the document's clean text */
    const char *sentence;               /* "" when the store lacks it (the document changed since) */
    const char *date;                   /* the date this source gives, or NULL */
    const char *block;                  /* the paragraph holding the sentence, or NULL */
    int64_t block_start;                /* where that paragraph starts in the clean text */
} dyad_source_row;
typedef int (*dyad_source_row_fn)(void *ud, const dyad_source_row *s);

/* One row of the timeline table (the fields of `dyad timeline --json`), with its sources in order. */
typedef struct dyad_entry_row {
    const char *id;                     /* as `dyad timeline --json` gives it */
    const char *date;                   /* the date most sources give; NULL: undated */
    const char *const *dates;           /* every date the sources give, sorted (at most 64) */
    int ndates;
    int disagreement;                   /* the sources give dates that cannot be the same day */
    const char *const *actors;          /* codes, the most frequent source first */
    int nactors;
    const char *type, *status;
    const char *mode, *label;           /* NULL when none */
    int quad;
    int64_t mentions, ndocs;            /* mentions fused into it; distinct documents among them */
    const dyad_source_row *sources;     /* at most DYAD_FUSE_MAX_SOURCES */
    size_t nsources;
} dyad_entry_row;
typedef int (*dyad_entry_row_fn)(void *ud, const dyad_entry_row *e);

/* The stored timeline entries that pass the filter (codes: among its actors; years: of its date;
 * type; f->doc is ignored), dated ones first in date order, then by type and id, each with its
 * sources. Same returns as dyad_store_event_rows. */
int dyad_store_timeline_rows(dyad_store *st, const dyad_store_filter *f, dyad_entry_row_fn fn, void *ud);
/* How many entries pass the filter (offset and limit ignored) into *n. */
int dyad_store_timeline_count(dyad_store *st, const dyad_store_filter *f, int64_t *n);
/* The entries that pass the filter counted by year and quad: fn(ud, year, quad, n), year 0 for undated
 * entries, in year order. */
typedef int (*dyad_year_fn)(void *ud, int year, int quad, int64_t n);
int dyad_store_timeline_years(dyad_store *st, const dyad_store_filter *f, dyad_year_fn fn, void *ud);
/* Every pair (the sorted codes of entries, "IND,JPN") with its number of entries, most first; pair
 * is valid during the call. */
typedef int (*dyad_pair_fn)(void *ud, const char *pair, int64_t n);
int dyad_store_pairs(dyad_store *st, dyad_pair_fn fn, void *ud);
/* The sources of entry `id` alone, in order (the same rows as its dyad_entry_row.sources); none for
 * an unknown id. */
int dyad_store_entry_sources(dyad_store *st, const char *id, dyad_source_row_fn fn, void *ud);

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
/* The kept blocks of document doc, in order; none for an unknown doc. */
int dyad_store_blocks(dyad_store *st, int64_t doc, dyad_blockrow_fn fn, void *ud);

#endif
