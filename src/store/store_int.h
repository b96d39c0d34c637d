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
    int schema;            /* the schema version read (1: an old store opened read-only, no events) */
    sqlite3_stmt *tl_entry, *tl_source; /* while the timeline is being written */
};

/* Writes the events of doc (processed through the events stage) under document id, inside the
 * caller's transaction. *rc gets an SQLite failure. DYAD_OK, DYAD_STORE, DYAD_NOMEM. */
int dyad__store_put_events(dyad_store *st, dyad_doc *doc, int64_t id, int *rc);

/* Maps an SQLite failure to a dyad error and sets the message "WHAT: REASON (STORE)". */
int dyad__store_fail(dyad_store *st, int rc, const char *what);

/* Registers the FTS5 tokenizer "dyad" (store/tokenize.c) on db; an SQLite result code. */
int dyad__store_tokenizer(sqlite3 *db);

/* For tests: the SQLite handle of an open store. */
sqlite3 *dyad__store_db(dyad_store *st);

#endif
