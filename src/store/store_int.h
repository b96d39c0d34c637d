/* store/store_int.h — the store's handle, shared by store.c (open, put) and search.c (search, docs).
 * Internal: tests may include it to reach the SQLite handle (fault injection, row counts). */
#ifndef DYAD_STORE_INT_H
#define DYAD_STORE_INT_H

#include <sqlite3.h>

#include "core/internal.h"

/* Prepared statements, made once per open store and reset after each use. */
typedef enum {
    S_BEGIN, S_COMMIT, S_ROLLBACK,
    S_FIND_PATH,   /* id, hash, bytes, dyad_version, path by path */
    S_FIND_HASH,   /* id, path of another document with this hash */
    S_INS_DOC, S_UPD_DOC, S_COUNTS, S_MOVE,
    S_DEL_FTS, S_DEL_SENT, S_DEL_BLOCKS, S_DEL_EVENTS, /* in this order: a replaced document's rows */
    S_INS_BLOCK, S_INS_SENT, S_INS_FTS,
    S_INS_EVENT,
    S_DEL_TLSRC,   /* a removed document's timeline citations */
    S_DEL_DOC,     /* the documents row */
    S_UNDER,       /* the next document (id > ?2) whose path starts with the folder ?1 */
    S_COUNT
} dyad__stmt_id;

struct dyad_store {
    dyad_ctx *ctx;
    sqlite3 *db;
    char *path;            /* as given to dyad_store_open */
    unsigned flags;
    int wal;               /* we switched the store to WAL; switch back on close */
    sqlite3_stmt *stmt[S_COUNT];
    dyad__buf canon;       /* canonical path of the document being stored */
    dyad__buf other;       /* dyad_put_info.other */
    int schema;            /* the schema version in use: DYAD_STORE_SCHEMA, or the older version of a
                            * store opened read-only (1: no events; 1 and 2: no sentences.cjk;
                            * 1 to 3: no documents.tags) */
    dyad__buf cjk;         /* the spaced copy of the sentence being stored */
    sqlite3_stmt *tl_entry, *tl_source; /* while the timeline is being written */
};

/* Writes the events of doc (processed through the events stage) under document id, inside the
 * caller's transaction. *rc gets an SQLite failure. DYAD_OK, DYAD_STORE, DYAD_NOMEM. */
int dyad__store_put_events(dyad_store *st, dyad_doc *doc, int64_t id, int *rc);

/* Maps an SQLite failure to a dyad error and sets the message "WHAT: REASON (STORE)". */
int dyad__store_fail(dyad_store *st, int rc, const char *what);

/* Registers the FTS5 tokenizer "dyad" (store/tokenize.c) on db; an SQLite result code. Schema 3
 * no longer uses it; it is kept to read and upgrade stores of schemas 1 and 2. */
int dyad__store_tokenizer(sqlite3 *db);

/* Registers the FTS5 rank function "dyad_rank" (store/rank.c) on db; an SQLite result code. */
int dyad__store_rank(sqlite3 *db);
/* CJK text for the full-text index (store/tokenize.c). */
/* out = s[0..n) with a space between each Chinese character or kana and its neighbours (none is
 * added next to a space); returns 1 when s has such a character, 0 when not (out is then a copy),
 * -1 when out of memory. */
int dyad__store_cjk_spaced(const char *s, size_t n, dyad__buf *out);
/* out = the FTS5 query q with its CJK characters spaced: inside strings, and a bareword holding one
 * becomes a string of its spaced form (日本* -> "日 本"*), so that it is a phrase of single
 * characters. 0, or -1 when out of memory. */
int dyad__store_cjk_query(const char *q, dyad__buf *out);
/* out = hl, a highlight() of the spaced column, with the spaces that dyad__store_cjk_spaced added to
 * text removed: text with the \001 and \002 marks of hl. 0, or -1 when hl is not the spaced text. */
int dyad__store_cjk_unspace(const char *hl, const char *text, dyad__buf *out);

/* Steps s, handing each row to row(s, ud); finalizes s. row()'s non-zero return stops and is
 * returned; an SQLite failure gives DYAD_STORE (store/rows.c, for the reading calls). */
int dyad__store_each(dyad_store *st, sqlite3_stmt *s, int (*row)(sqlite3_stmt *, void *), void *ud);
/* A row callback for dyad__store_each: column 0 as an integer into *(int64_t *)ud. */
int dyad__store_count_row(sqlite3_stmt *s, void *ud);

/* For tests: the SQLite handle of an open store. */
sqlite3 *dyad__store_db(dyad_store *st);

#endif
