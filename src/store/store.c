/* store/store.c — the SQLite store: open (checks that the file is ours), schema, put.
 *
 * Choices (dyad/store.h has the contract):
 *  - FTS5 with external content (content='sentences'): the sentence text is kept once, in
 *    sentences, and highlight() can still read it. Deleting from such an index needs the old text,
 *    which we have: the 'delete' rows are built from sentences before they are deleted.
 *  - Tokenizer (schema 3): SQLite's own "porter unicode61 remove_diacritics 2", over two columns: the
 *    sentence, and for a sentence with Chinese characters or kana a copy with those characters
 *    spaced (sentences.cjk), so that Japanese text (written without spaces) can be searched one
 *    character a token, and any SQLite (the shell, Python, Datasette) can query the index without a
 *    tokenizer of ours (store/tokenize.c says more). Porter because people search "loan" and expect "loans", "signed" to find "signing",
 *    "cooperation" to find "cooperate". The cost is over-stemming ("news" also matches "new",
 *    "university" matches "universe"), English-only stems, and prefix queries compared with stems
 *    (cooper* finds cooperation, cooperat* does not). unicode61 folds case and (with
 *    remove_diacritics 2) accents, so "Pokhran" finds "Pokhrān".
 *  - WAL while writing, synchronous=NORMAL: a commit per document costs no fsync (durable at each
 *    checkpoint; a power cut loses at most the last documents, never corrupts). On close the store
 *    goes back to journal_mode=DELETE so that at rest it is one file, searchable on read-only media.
 *    WAL is switched on only before the first write, so a run that changes nothing writes nothing
 *    (the file stays byte-identical).
 *  - Every write of a document is one BEGIN IMMEDIATE ... COMMIT; any failure rolls back.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/store_int.h"

#define ERRMSG_MAX 4096 /* cap on the path buffers' growth: paths are at most PATH_MAX anyway */

static const char *const schema_sql =
    "CREATE TABLE documents(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  path TEXT NOT NULL UNIQUE,        -- absolute, canonical\n"
    "  hash TEXT NOT NULL,               -- SHA-256 of the file's bytes\n"
    "  format TEXT NOT NULL, encoding TEXT,\n"
    "  bytes INTEGER NOT NULL,           -- size of the file\n"
    "  text_bytes INTEGER NOT NULL,      -- size of the clean text\n"
    "  nblocks INTEGER NOT NULL, nsentences INTEGER NOT NULL,\n"
    "  title TEXT, title_source TEXT, author TEXT, author_source TEXT,\n"
    "  publisher TEXT, publisher_source TEXT, date TEXT, date_source TEXT,\n"
    "  updated TEXT, updated_source TEXT, language TEXT, url TEXT, description TEXT,\n"
    "  dyad_version TEXT NOT NULL,\n"
    "  ingested TEXT NOT NULL            -- UTC, 2024-03-01T12:00:00Z\n"
    ");\n"
    "CREATE INDEX documents_hash ON documents(hash);\n"
    "CREATE TABLE blocks(\n"
    "  doc INTEGER NOT NULL REFERENCES documents(id),\n"
    "  seq INTEGER NOT NULL,             -- 0, 1, ... among the kept blocks\n"
    "  kind TEXT NOT NULL, level INTEGER NOT NULL,\n"
    "  line INTEGER,                     -- line in the source file, NULL if unknown\n"
    "  start INTEGER NOT NULL, end INTEGER NOT NULL,  -- bytes in the clean text\n"
    "  text TEXT NOT NULL,\n"
    "  PRIMARY KEY(doc, seq)\n"
    ") WITHOUT ROWID;\n"
    "CREATE TABLE sentences(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  doc INTEGER NOT NULL REFERENCES documents(id),\n"
    "  block INTEGER NOT NULL,           -- blocks.seq\n"
    "  seq INTEGER NOT NULL,             -- 0, 1, ... in the document\n"
    "  start INTEGER NOT NULL, end INTEGER NOT NULL,  -- bytes in the clean text\n"
    "  text TEXT NOT NULL\n"
    ");\n"
    "CREATE INDEX sentences_doc ON sentences(doc, seq);\n"
    "CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences', content_rowid='id',\n"
    "  tokenize='dyad');\n";

/* Schema 2 adds the events of each document and the fused timeline (store/events.c). */
static const char *const schema2_sql =
    "CREATE TABLE events(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  doc INTEGER NOT NULL REFERENCES documents(id),\n"
    "  seq INTEGER NOT NULL,               -- 0, 1, ... in the document\n"
    "  sentence INTEGER NOT NULL,          -- sentences.seq of the sentence that states it\n"
    "  start INTEGER NOT NULL, end INTEGER NOT NULL,  -- the sentence, bytes in the clean text\n"
    "  type TEXT NOT NULL,                 -- PLOVER type\n"
    "  quad INTEGER NOT NULL,              -- 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict\n"
    "  mode TEXT, status TEXT NOT NULL,    -- happened, planned, failed, hypothetical\n"
    "  date TEXT, date_source TEXT NOT NULL, date_start INTEGER, date_end INTEGER,\n"
    "  actors TEXT NOT NULL,               -- codes, source first, joined by ','\n"
    "  pair TEXT NOT NULL,                 -- the same codes sorted\n"
    "  source TEXT, source_text TEXT, source_sector TEXT,\n"
    "  target TEXT, target_text TEXT, target_sector TEXT,\n"
    "  label TEXT, trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL\n"
    ");\n"
    "CREATE INDEX events_doc ON events(doc, seq);\n"
    "CREATE INDEX events_pair ON events(pair);\n"
    "CREATE TABLE timeline(\n"
    "  id TEXT PRIMARY KEY,                -- the entry's id, as `dyad timeline --json` gives it\n"
    "  date TEXT,                          -- the date most sources give\n"
    "  dates TEXT NOT NULL,                -- every date the sources give, a JSON array\n"
    "  disagreement INTEGER NOT NULL,      -- 1 when the sources disagree on the date\n"
    "  actors TEXT NOT NULL, pair TEXT NOT NULL, type TEXT NOT NULL, quad INTEGER NOT NULL,\n"
    "  mode TEXT, status TEXT NOT NULL, label TEXT,\n"
    "  mentions INTEGER NOT NULL, ndocs INTEGER NOT NULL\n"
    ");\n"
    "CREATE TABLE timeline_sources(\n"
    "  entry TEXT NOT NULL REFERENCES timeline(id),\n"
    "  seq INTEGER NOT NULL,\n"
    "  doc INTEGER NOT NULL REFERENCES documents(id),\n"
    "  start INTEGER NOT NULL, end INTEGER NOT NULL,  -- the sentence, bytes in the document's clean text\n"
    "  date TEXT,                          -- the date this source gives\n"
    "  PRIMARY KEY(entry, seq)\n"
    ") WITHOUT ROWID;\n";

/* Schema 3: the full-text index with a built-in tokenizer, so that any SQLite can query it (store/
 * tokenize.c), run after sentences.cjk is added and filled (migrate_fts); and sentences found by
 * their span, as timeline_sources cites them (reading an entry's sources stays fast when one
 * document holds thousands of sentences). */
static const char *const schema3_sql =
    "CREATE INDEX sentences_span ON sentences(doc, start);\n"
    "DROP TABLE sentences_fts;\n"
    "CREATE VIRTUAL TABLE sentences_fts USING fts5(text, cjk, content=\"sentences\", content_rowid='id',\n"
    "  tokenize='porter unicode61 remove_diacritics 2');\n"
    "INSERT INTO sentences_fts(sentences_fts) VALUES('rebuild');\n";

#define DOC_FIELDS                                                                                   \
    "hash, format, encoding, bytes, text_bytes, nblocks, nsentences, title, title_source, author, " \
    "author_source, publisher, publisher_source, date, date_source, updated, updated_source, "      \
    "language, url, description, dyad_version, ingested"
#define NOW "strftime('%Y-%m-%dT%H:%M:%SZ','now')"

static const char *const stmt_sql[S_COUNT] = {
    [S_BEGIN] = "BEGIN IMMEDIATE",
    [S_COMMIT] = "COMMIT",
    [S_ROLLBACK] = "ROLLBACK",
    [S_FIND_PATH] = "SELECT id, hash, bytes, dyad_version FROM documents WHERE path = ?1",
    [S_FIND_HASH] = "SELECT id, path FROM documents WHERE hash = ?1 AND path <> ?2 ORDER BY id",
    [S_INS_DOC] = "INSERT INTO documents(path, " DOC_FIELDS ") VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
                  "?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, " NOW ")",
    [S_UPD_DOC] = "UPDATE documents SET hash = ?2, format = ?3, encoding = ?4, bytes = ?5, text_bytes = ?6,"
                  " nblocks = ?7, nsentences = ?8, title = ?9, title_source = ?10, author = ?11,"
                  " author_source = ?12, publisher = ?13, publisher_source = ?14, date = ?15,"
                  " date_source = ?16, updated = ?17, updated_source = ?18, language = ?19, url = ?20,"
                  " description = ?21, dyad_version = ?22, ingested = " NOW " WHERE id = ?1",
    [S_COUNTS] = "UPDATE documents SET nblocks = ?2, nsentences = ?3, text_bytes = ?4 WHERE id = ?1",
    [S_MOVE] = "UPDATE documents SET path = ?2, ingested = " NOW " WHERE id = ?1",
    [S_DEL_FTS] = "INSERT INTO sentences_fts(sentences_fts, rowid, text, cjk) "
                  "SELECT 'delete', id, text, cjk FROM sentences WHERE doc = ?1",
    [S_DEL_SENT] = "DELETE FROM sentences WHERE doc = ?1",
    [S_DEL_BLOCKS] = "DELETE FROM blocks WHERE doc = ?1",
    [S_DEL_EVENTS] = "DELETE FROM events WHERE doc = ?1",
    [S_DEL_TLSRC] = "DELETE FROM timeline_sources WHERE doc = ?1",
    [S_INS_BLOCK] = "INSERT INTO blocks(doc, seq, kind, level, line, start, end, text) "
                    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    [S_INS_SENT] = "INSERT INTO sentences(doc, block, seq, start, end, text, cjk) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [S_INS_FTS] = "INSERT INTO sentences_fts(rowid, text, cjk) VALUES(?1, ?2, ?3)",
    [S_DEL_DOC] = "DELETE FROM documents WHERE id = ?1",
    [S_INS_EVENT] = "INSERT INTO events(doc, seq, sentence, start, end, type, quad, mode, status, date, date_source,"
                    " date_start, date_end, actors, pair, source, source_text, source_sector, target, target_text,"
                    " target_sector, label, trigger_start, trigger_end) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
                    " ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)",
    [S_UNDER] = "SELECT id, path FROM documents WHERE substr(path, 1, length(?1)) = ?1 AND id > ?2 "
                "ORDER BY id LIMIT 1",
};

sqlite3 *dyad__store_db(dyad_store *st) { return st ? st->db : NULL; }

const char *dyad_put_result_name(dyad_put_result r)
{
    static const char *const n[] = {"added", "unchanged", "replaced", "duplicate", "moved"};
    return (unsigned)r < sizeof n / sizeof n[0] ? n[r] : "?";
}

int dyad__store_fail(dyad_store *st, int rc, const char *what)
{
    const char *why = sqlite3_errstr(rc);
    int err = DYAD_STORE;
    switch (rc & 0xff) {
    case SQLITE_READONLY: err = DYAD_READONLY; why = "store is read-only"; break;
    case SQLITE_FULL: err = DYAD_IO; why = "disk full (or the store reached its size limit)"; break;
    case SQLITE_IOERR: err = DYAD_IO; why = "input/output error on the store"; break;
    case SQLITE_CANTOPEN: err = DYAD_IO; why = "cannot open the store's files"; break;
    case SQLITE_NOMEM: err = DYAD_NOMEM; why = "out of memory"; break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: why = "store is locked by another process (timed out waiting)"; break;
    case SQLITE_CORRUPT: why = "store file is damaged"; break;
    case SQLITE_NOTADB: err = DYAD_NOTDB; why = "not a dyad store (file is not an SQLite database)"; break;
    default:
        if (st && st->db && sqlite3_errcode(st->db) == rc)
            why = sqlite3_errmsg(st->db);
    }
    if (what)
        return dyad__fail(st->ctx, err, "%s: %s (%s)", what, why, st->path);
    return dyad__fail(st->ctx, err, "%s: %s", st->path, why);
}

/* Runs a statement to completion and resets it; returns the SQLite code (SQLITE_DONE -> OK). */
static int step_done(sqlite3_stmt *s)
{
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        ;
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int exec(dyad_store *st, const char *sql)
{
    return sqlite3_exec(st->db, sql, NULL, NULL, NULL);
}

/* The integer a one-row pragma returns, or -1 with *rc set on failure. */
static int64_t pragma_int(dyad_store *st, const char *sql, int *rc)
{
    sqlite3_stmt *s = NULL;
    int64_t v = -1;
    *rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
    if (*rc == SQLITE_OK) {
        *rc = sqlite3_step(s);
        if (*rc == SQLITE_ROW) {
            v = sqlite3_column_int64(s, 0);
            *rc = SQLITE_OK;
        } else if (*rc == SQLITE_DONE)
            *rc = SQLITE_OK;
    }
    sqlite3_finalize(s);
    return v;
}

/* Switches to WAL before the first write of this connection (see the comment at the top). */
static void ensure_wal(dyad_store *st)
{
    if (st->wal)
        return;
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, "PRAGMA journal_mode=WAL", -1, &s, NULL) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW) {
        const char *m = (const char *)sqlite3_column_text(s, 0);
        if (m && !strcmp(m, "wal"))
            st->wal = 1;
    }
    sqlite3_finalize(s);
    (void)exec(st, "PRAGMA synchronous=NORMAL");
}

static int is_dir(const char *p)
{
    struct stat sb;
    return stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* Writes the folder holding path into out (PATH_MAX). */
static void dir_of(const char *path, char *out)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(out, PATH_MAX, ".");
    else if (slash == path)
        snprintf(out, PATH_MAX, "/");
    else
        snprintf(out, PATH_MAX, "%.*s", (int)(slash - path), path);
}

/* dyad_cjk(text), for the upgrade to schema 3: the spaced copy of a sentence (sentences.cjk), or NULL
 * when it has no Chinese character or kana. */
static void sql_cjk(sqlite3_context *c, int argc, sqlite3_value **argv)
{
    const char *t = (const char *)sqlite3_value_text(argv[0]);
    if (!t) {
        sqlite3_result_null(c);
        return;
    }
    dyad__buf b;
    dyad__buf_init(&b, 0);
    int any = dyad__store_cjk_spaced(t, (size_t)sqlite3_value_bytes(argv[0]), &b);
    if (any < 0)
        sqlite3_result_error_nomem(c);
    else if (any)
        sqlite3_result_text(c, b.data, (int)b.len, SQLITE_TRANSIENT);
    else
        sqlite3_result_null(c);
    dyad__buf_free(&b);
}

/* Schema 2 -> 3: sentences.cjk, and the full-text index rebuilt with a built-in tokenizer. The old
 * index is dropped through the "dyad" tokenizer, which is why that one is still registered. */
static int migrate_fts(dyad_store *st)
{
    int rc = sqlite3_create_function_v2(st->db, "dyad_cjk", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
                                        NULL, sql_cjk, NULL, NULL, NULL);
    if (!rc)
        rc = exec(st, "ALTER TABLE sentences ADD COLUMN cjk TEXT;\n"
                      "UPDATE sentences SET cjk = dyad_cjk(text);");
    if (!rc)
        rc = exec(st, schema3_sql);
    (void)sqlite3_create_function_v2(st->db, "dyad_cjk", 1, SQLITE_UTF8, NULL, NULL, NULL, NULL, NULL);
    return rc;
}

/* Upgrades a store of schema `from` to DYAD_STORE_SCHEMA inside the caller's transaction, one step a
 * version (a new schema adds its own small step at the end); an SQLite result code. */
static int migrate(dyad_store *st, int64_t from)
{
    int rc = SQLITE_OK;
    for (int64_t v = from; v < DYAD_STORE_SCHEMA && !rc; v++) {
        switch (v) {
        case 1: rc = exec(st, schema2_sql); break; /* 1 -> 2: events and the timeline */
        case 2: rc = migrate_fts(st); break;       /* 2 -> 3: the index any SQLite can query */
        default: rc = SQLITE_ERROR; break;
        }
    }
    if (!rc) {
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA user_version=%d", DYAD_STORE_SCHEMA);
        rc = exec(st, sql);
    }
    return rc;
}

/* Checks the file is a dyad store, or makes it one when it is a new, empty database. */
static int check_schema(dyad_store *st, int created)
{
    int rc;
    int64_t app = pragma_int(st, "PRAGMA application_id", &rc);
    if (rc)
        return dyad__store_fail(st, rc, NULL);
    int64_t ver = pragma_int(st, "PRAGMA user_version", &rc);
    if (rc)
        return dyad__store_fail(st, rc, NULL);
    int64_t ntables = pragma_int(st, "SELECT count(*) FROM sqlite_schema", &rc);
    if (rc)
        return dyad__store_fail(st, rc, NULL);
    if (app == DYAD_STORE_APP_ID) {
        if (ver > DYAD_STORE_SCHEMA)
            return dyad__fail(st->ctx, DYAD_NOTDB,
                              "%s: not a store this dyad can read (schema version %lld, made by a newer dyad; "
                              "this one reads up to %d)",
                              st->path, (long long)ver, DYAD_STORE_SCHEMA);
        if (ver == DYAD_STORE_SCHEMA) {
            st->schema = DYAD_STORE_SCHEMA;
            return DYAD_OK;
        }
        if (ver >= 1) {
            /* a store of an older dyad: read as it is, upgraded when opened to write */
            if (st->flags & DYAD_STORE_READONLY) {
                st->schema = (int)ver;
                return DYAD_OK;
            }
            ensure_wal(st);
            if ((rc = exec(st, "BEGIN IMMEDIATE")))
                return dyad__store_fail(st, rc, NULL);
            ver = pragma_int(st, "PRAGMA user_version", &rc); /* another process may have done it */
            if (!rc && ver >= 1 && ver < DYAD_STORE_SCHEMA)
                rc = migrate(st, ver);
            if (!rc)
                rc = exec(st, "COMMIT");
            if (rc) {
                int err = dyad__store_fail(st, rc, NULL);
                (void)exec(st, "ROLLBACK");
                return err;
            }
            st->schema = DYAD_STORE_SCHEMA;
            return DYAD_OK;
        }
        /* no other older schema exists, so this is a store whose creation never finished */
        return dyad__fail(st->ctx, DYAD_NOTDB, "%s: not a dyad store (unknown schema version %lld)", st->path,
                          (long long)ver);
    }
    if (app != 0 || ntables > 0)
        return dyad__fail(st->ctx, DYAD_NOTDB, "%s: not a dyad store (an SQLite database of another application)",
                          st->path);
    /* An empty database: a new store, or an empty file someone gave us. */
    if (st->flags & DYAD_STORE_READONLY)
        return dyad__fail(st->ctx, DYAD_NOTDB, "%s: not a dyad store (empty %s; `dyad ingest` fills it)", st->path,
                          created ? "database" : "file");
    ensure_wal(st);
    rc = exec(st, "BEGIN IMMEDIATE");
    if (rc)
        return dyad__store_fail(st, rc, NULL);
    /* Another process may have created it meanwhile. */
    ntables = pragma_int(st, "SELECT count(*) FROM sqlite_schema", &rc);
    if (!rc && ntables == 0) {
        rc = exec(st, schema_sql);
        if (!rc)
            rc = migrate(st, 1);
        if (!rc) {
            char sql[64];
            snprintf(sql, sizeof sql, "PRAGMA application_id=%d", DYAD_STORE_APP_ID);
            rc = exec(st, sql);
        }
    }
    if (!rc)
        rc = exec(st, "COMMIT");
    if (rc) {
        int err = dyad__store_fail(st, rc, NULL);
        (void)exec(st, "ROLLBACK");
        return err;
    }
    if (ntables > 0)
        return check_schema(st, 0);
    st->schema = DYAD_STORE_SCHEMA;
    return DYAD_OK;
}

int dyad_store_open(dyad_ctx *ctx, const char *path, unsigned flags, dyad_store **out)
{
    *out = NULL;
    if (!path || !*path)
        return dyad__fail(ctx, DYAD_ARG, "no store path given");
    int ro = (flags & DYAD_STORE_READONLY) != 0;
    dyad_store *st = calloc(1, sizeof *st);
    if (!st)
        return dyad__fail(ctx, DYAD_NOMEM, "%s: out of memory", path);
    st->ctx = ctx;
    st->flags = flags;
    dyad__buf_init(&st->canon, PATH_MAX + ERRMSG_MAX);
    dyad__buf_init(&st->other, PATH_MAX + ERRMSG_MAX);
    dyad__buf_init(&st->cjk, 0);
    st->path = strdup(path);
    int err = DYAD_OK, created = 0;
    if (!st->path) {
        err = dyad__fail(ctx, DYAD_NOMEM, "%s: out of memory", path);
        goto fail;
    }

    struct stat sb;
    char dir[PATH_MAX];
    dir_of(path, dir);
    if (stat(path, &sb) != 0) {
        if (errno != ENOENT) {
            err = dyad__fail(ctx, DYAD_IO, "%s: cannot open the store: %s", path, strerror(errno));
            goto fail;
        }
        if (ro || !(flags & DYAD_STORE_CREATE)) {
            err = dyad__fail(ctx, DYAD_NOTFOUND, "%s: no such store (`dyad ingest` creates it)", path);
            goto fail;
        }
        if (!is_dir(dir)) {
            err = dyad__fail(ctx, DYAD_NOTFOUND, "%s: cannot create the store: folder %s does not exist", path, dir);
            goto fail;
        }
        if (access(dir, W_OK) != 0) {
            err = dyad__fail(ctx, DYAD_READONLY, "%s: cannot create the store: folder %s is read-only", path, dir);
            goto fail;
        }
        created = 1;
    } else if (S_ISDIR(sb.st_mode)) {
        err = dyad__fail(ctx, DYAD_ARG, "%s: is a folder, not a store", path);
        goto fail;
    } else if (!S_ISREG(sb.st_mode)) {
        err = dyad__fail(ctx, DYAD_ARG, "%s: not a regular file, not a store", path);
        goto fail;
    } else if (!ro && access(path, W_OK) != 0) {
        err = dyad__fail(ctx, DYAD_READONLY, "%s: store is read-only (%s); nothing was written", path,
                         strerror(errno));
        goto fail;
    } else if (!ro && access(dir, W_OK) != 0) {
        err = dyad__fail(ctx, DYAD_READONLY,
                         "%s: store is read-only (its folder %s is not writable, so SQLite cannot keep its "
                         "journal there); nothing was written", path, dir);
        goto fail;
    }

    int oflags = (ro ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | (created ? SQLITE_OPEN_CREATE : 0)) |
                 SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    /* SQLite (as Debian builds it) reads a name starting with "file:" as a URI ("file:x?mode=memory"
     * would be a store in memory that vanishes on close): "./" keeps it the file name it is. */
    char *uri_safe = NULL;
    if (!strncmp(path, "file:", 5) && (uri_safe = malloc(strlen(path) + 3)))
        sprintf(uri_safe, "./%s", path);
    if (!strncmp(path, "file:", 5) && !uri_safe) {
        err = dyad__fail(ctx, DYAD_NOMEM, "%s: out of memory", path);
        goto fail;
    }
    int rc = sqlite3_open_v2(uri_safe ? uri_safe : path, &st->db, oflags, NULL);
    free(uri_safe);
    if (rc) {
        err = dyad__store_fail(st, rc, NULL);
        goto fail;
    }
    sqlite3_busy_timeout(st->db, DYAD_STORE_BUSY_MS);
    if ((rc = dyad__store_tokenizer(st->db)) != SQLITE_OK) {
        err = dyad__store_fail(st, rc, NULL);
        goto fail;
    }
    sqlite3_db_config(st->db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
    sqlite3_db_config(st->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)NULL);
    if (!ro && sqlite3_db_readonly(st->db, "main") == 1) {
        err = dyad__fail(ctx, DYAD_READONLY, "%s: store is read-only; nothing was written", path);
        goto fail;
    }
    err = check_schema(st, created);
    if (err)
        goto fail;
    if (!ro)
        for (int i = 0; i < S_COUNT; i++) {
            rc = sqlite3_prepare_v3(st->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &st->stmt[i], NULL);
            if (rc) {
                err = dyad__store_fail(st, rc, NULL);
                goto fail;
            }
        }
    *out = st;
    return DYAD_OK;
fail:
    dyad_store_close(st);
    if (created) { /* leave nothing behind when a new store could not be made */
        unlink(path);
        char side[PATH_MAX + 16];
        snprintf(side, sizeof side, "%s-wal", path);
        unlink(side);
        snprintf(side, sizeof side, "%s-shm", path);
        unlink(side);
        snprintf(side, sizeof side, "%s-journal", path);
        unlink(side);
    }
    return err;
}

int dyad_store_close(dyad_store *st)
{
    if (!st)
        return DYAD_OK;
    int err = DYAD_OK;
    for (int i = 0; i < S_COUNT; i++)
        sqlite3_finalize(st->stmt[i]);
    if (st->db) {
        if (st->wal) {
            /* Back to one file at rest. Fails harmlessly (stays WAL) when another process has the
             * store open; do not wait for it. */
            sqlite3_busy_timeout(st->db, 0);
            (void)exec(st, "PRAGMA journal_mode=DELETE");
        }
        if (sqlite3_close(st->db) != SQLITE_OK)
            err = dyad__fail(st->ctx, DYAD_STORE, "%s: could not close the store cleanly", st->path);
    }
    dyad__buf_free(&st->canon);
    dyad__buf_free(&st->other);
    dyad__buf_free(&st->cjk);
    free(st->path);
    free(st);
    return err;
}

/* ---- put ---- */

/* st->canon = the canonical absolute path of p: realpath when the file exists, else p made
 * absolute against the working folder (a document read from memory under a name). */
static int canonical(dyad_store *st, const char *p)
{
    dyad__buf_reset(&st->canon);
    char *r = realpath(p, NULL);
    if (r) {
        dyad__buf_adds(&st->canon, r);
        free(r);
    } else {
        if (p[0] != '/') {
            char cwd[PATH_MAX];
            if (getcwd(cwd, sizeof cwd)) {
                dyad__buf_adds(&st->canon, cwd);
                if (strcmp(cwd, "/") != 0)
                    dyad__buf_addc(&st->canon, '/');
            }
        }
        dyad__buf_adds(&st->canon, p);
    }
    if (st->canon.err)
        return dyad__fail(st->ctx, DYAD_NOMEM, "%s: path too long or out of memory", p);
    return DYAD_OK;
}

static void bind_text(sqlite3_stmt *s, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, i);
}

static const char *kind_name(dyad_block_kind k)
{
    static const char *const n[] = {"para", "heading", "item", "quote", "pre", "cell", "caption"};
    return (unsigned)k < sizeof n / sizeof n[0] ? n[k] : "para";
}

typedef struct put_state {
    dyad_store *st;
    int64_t doc_id, sent_seq;
    const char *text;     /* the clean text */
    int rc;               /* first SQLite failure */
} put_state;

static int put_sentence(put_state *ps, const dyad_sentence *se)
{
    dyad_store *st = ps->st;
    sqlite3_stmt *s = st->stmt[S_INS_SENT];
    sqlite3_bind_int64(s, 1, ps->doc_id);
    sqlite3_bind_int64(s, 2, (int64_t)se->block);
    sqlite3_bind_int64(s, 3, ps->sent_seq);
    sqlite3_bind_int64(s, 4, (int64_t)se->start);
    sqlite3_bind_int64(s, 5, (int64_t)se->end);
    sqlite3_bind_text(s, 6, ps->text + se->start, (int)(se->end - se->start), SQLITE_STATIC);
    int cjk = dyad__store_cjk_spaced(ps->text + se->start, se->end - se->start, &st->cjk);
    if (cjk < 0) {
        sqlite3_clear_bindings(s);
        ps->rc = SQLITE_NOMEM;
        return SQLITE_NOMEM;
    }
    if (cjk)
        sqlite3_bind_text(s, 7, st->cjk.data, (int)st->cjk.len, SQLITE_STATIC);
    int rc = step_done(s);
    if (!rc) {
        int64_t id = sqlite3_last_insert_rowid(st->db);
        s = st->stmt[S_INS_FTS];
        sqlite3_bind_int64(s, 1, id);
        sqlite3_bind_text(s, 2, ps->text + se->start, (int)(se->end - se->start), SQLITE_STATIC);
        if (cjk)
            sqlite3_bind_text(s, 3, st->cjk.data, (int)st->cjk.len, SQLITE_STATIC);
        rc = step_done(s);
    }
    if (rc)
        ps->rc = rc;
    else
        ps->sent_seq++;
    return rc;
}

static int bind_doc(sqlite3_stmt *s, dyad_doc *doc, size_t text_len)
{
    const dyad_meta *m = dyad_doc_meta(doc);
    bind_text(s, 2, dyad_doc_hash(doc));
    bind_text(s, 3, dyad_format_name(dyad_doc_format(doc)));
    bind_text(s, 4, dyad_doc_encoding(doc));
    sqlite3_bind_int64(s, 5, (int64_t)dyad_doc_size(doc));
    sqlite3_bind_int64(s, 6, (int64_t)text_len);
    sqlite3_bind_int64(s, 7, 0);
    sqlite3_bind_int64(s, 8, 0);
    const dyad_field *f[] = {&m->title, &m->author, &m->publisher, &m->date, &m->updated};
    for (int i = 0; i < 5; i++) {
        bind_text(s, 9 + 2 * i, f[i]->value);
        bind_text(s, 10 + 2 * i, f[i]->value ? f[i]->source : NULL);
    }
    bind_text(s, 19, m->language.value);
    bind_text(s, 20, m->url.value);
    bind_text(s, 21, m->description.value);
    bind_text(s, 22, DYAD_VERSION);
    return step_done(s);
}

/* Writes the kept blocks and the sentences of doc (processed through the split stage) under
 * ps->doc_id. Blocks lie in the clean text where dyad_doc_text() put them: one after the other,
 * separated by a blank line. */
static int put_text(put_state *ps, dyad_doc *doc, size_t text_len, int64_t *nblocks)
{
    dyad_store *st = ps->st;
    size_t at = 0, nsents = 0, k = 0;
    const dyad_sentence *se = dyad_doc_sentences(doc, &nsents);
    *nblocks = 0;
    for (size_t i = 0; i < dyad_doc_nblocks(doc); i++) {
        const dyad_block *b = dyad_doc_block(doc, i);
        if (b->drop || !b->len)
            continue;
        if (*nblocks)
            at += 2;
        if (at + b->len > text_len || memcmp(ps->text + at, b->text, b->len) != 0) {
            ps->rc = SQLITE_INTERNAL;
            return dyad__fail(st->ctx, DYAD_STORE, "%s: block %zu not found in the clean text",
                              dyad_doc_path(doc), i);
        }
        sqlite3_stmt *s = st->stmt[S_INS_BLOCK];
        sqlite3_bind_int64(s, 1, ps->doc_id);
        sqlite3_bind_int64(s, 2, *nblocks);
        sqlite3_bind_text(s, 3, kind_name(b->kind), -1, SQLITE_STATIC);
        sqlite3_bind_int(s, 4, b->level);
        if (b->line)
            sqlite3_bind_int64(s, 5, b->line);
        else
            sqlite3_bind_null(s, 5);
        sqlite3_bind_int64(s, 6, (int64_t)at);
        sqlite3_bind_int64(s, 7, (int64_t)(at + b->len));
        sqlite3_bind_text(s, 8, ps->text + at, (int)b->len, SQLITE_STATIC);
        int rc = step_done(s);
        if (rc) {
            ps->rc = rc;
            return DYAD_STORE;
        }
        for (; k < nsents && se[k].block == (size_t)*nblocks; k++)
            if (put_sentence(ps, &se[k]))
                return DYAD_STORE;
        at += b->len;
        (*nblocks)++;
    }
    return DYAD_OK;
}

/* What is stored under st->canon: *id (0 when nothing), and whether it is the same content. */
static int find_path(dyad_store *st, const char *hash, int64_t size, int64_t *id, int *same)
{
    sqlite3_stmt *s = st->stmt[S_FIND_PATH];
    sqlite3_bind_text(s, 1, st->canon.data, (int)st->canon.len, SQLITE_STATIC);
    *id = 0;
    *same = 0;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(s, 0);
        const char *h = (const char *)sqlite3_column_text(s, 1);
        const char *v = (const char *)sqlite3_column_text(s, 3);
        *same = h && !strcmp(h, hash) && sqlite3_column_int64(s, 2) == size && v && !strcmp(v, DYAD_VERSION);
        rc = SQLITE_OK;
    } else if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return rc;
}

/* Another document with this content: *id and st->other = its path (the first that still exists
 * on disk, else the first). *exists says whether that path is still there. */
static int find_hash(dyad_store *st, const char *hash, int64_t *id, int *exists)
{
    sqlite3_stmt *s = st->stmt[S_FIND_HASH];
    sqlite3_bind_text(s, 1, hash, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, st->canon.data, (int)st->canon.len, SQLITE_STATIC);
    *id = 0;
    *exists = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *p = (const char *)sqlite3_column_text(s, 1);
        int ex = p && access(p, F_OK) == 0;
        if (!*id || ex) {
            *id = sqlite3_column_int64(s, 0);
            dyad__buf_reset(&st->other);
            dyad__buf_adds(&st->other, p ? p : "");
            *exists = ex;
        }
        if (ex)
            break;
    }
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int64_t count_sentences(dyad_store *st, int64_t id)
{
    sqlite3_stmt *s = NULL;
    int64_t n = 0;
    if (sqlite3_prepare_v2(st->db, "SELECT nsentences FROM documents WHERE id = ?1", -1, &s, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(s, 1, id);
        if (sqlite3_step(s) == SQLITE_ROW)
            n = sqlite3_column_int64(s, 0);
    }
    sqlite3_finalize(s);
    return n;
}

/* What putting doc would do, looked up without a write lock: UNCHANGED or DUPLICATE (nothing to
 * write), MOVED (the stored content takes the new path), else ADDED or REPLACED (the content is
 * written). *id is the document stored under the path (0: none), *other_id the one holding the same
 * content elsewhere. */
static int plan(dyad_store *st, dyad_doc *doc, dyad_put_info *info, int64_t *id, int64_t *other_id,
                int *other_exists)
{
    const char *hash = dyad_doc_hash(doc);
    int same = 0, rc;
    *id = *other_id = 0;
    *other_exists = 0;
    if ((rc = find_path(st, hash, (int64_t)dyad_doc_size(doc), id, &same)))
        return rc;
    if (same) {
        info->result = DYAD_PUT_UNCHANGED;
        info->doc_id = *id;
        info->nsentences = count_sentences(st, *id);
        return SQLITE_OK;
    }
    if (!*id) {
        if ((rc = find_hash(st, hash, other_id, other_exists)))
            return rc;
        if (*other_id) {
            info->result = *other_exists ? DYAD_PUT_DUPLICATE : DYAD_PUT_MOVED;
            info->doc_id = *other_id;
            info->other = st->other.data;
            info->nsentences = count_sentences(st, *other_id);
            return SQLITE_OK;
        }
    }
    info->result = *id ? DYAD_PUT_REPLACED : DYAD_PUT_ADDED;
    return SQLITE_OK;
}

int dyad_store_plan(dyad_store *st, dyad_doc *doc, dyad_put_info *info)
{
    memset(info, 0, sizeof *info);
    if (!st || !doc)
        return DYAD_ARG;
    if (!st->stmt[S_BEGIN])
        return dyad__fail(st->ctx, DYAD_READONLY, "%s: not stored: the store %s was opened read-only",
                          dyad_doc_path(doc), st->path);
    int err = canonical(st, dyad_doc_path(doc));
    if (err)
        return err;
    info->path = st->canon.data;
    int64_t id, other_id;
    int other_exists;
    int rc = plan(st, doc, info, &id, &other_id, &other_exists);
    if (rc) {
        memset(info, 0, sizeof *info);
        return dyad__store_fail(st, rc, dyad_doc_path(doc));
    }
    return DYAD_OK;
}

int dyad_store_put(dyad_store *st, dyad_doc *doc, dyad_put_info *info)
{
    dyad_put_info dummy;
    if (!info)
        info = &dummy;
    memset(info, 0, sizeof *info);
    if (!st || !doc)
        return DYAD_ARG;
    const char *dpath = dyad_doc_path(doc);
    if (!st->stmt[S_BEGIN])
        return dyad__fail(st->ctx, DYAD_READONLY, "%s: not stored: the store %s was opened read-only", dpath,
                          st->path);
    int err = canonical(st, dpath);
    if (err)
        return err;
    info->path = st->canon.data;
    const char *hash = dyad_doc_hash(doc);
    int64_t size = (int64_t)dyad_doc_size(doc);
    int64_t id = 0, other_id = 0;
    int same = 0, other_exists = 0, in_tx = 0, rc;

    /* First look without a write lock: an unchanged document writes nothing at all. */
    if ((rc = plan(st, doc, info, &id, &other_id, &other_exists)))
        goto sqlfail;
    if (info->result == DYAD_PUT_UNCHANGED || info->result == DYAD_PUT_DUPLICATE)
        return DYAD_OK;
    int moving = info->result == DYAD_PUT_MOVED;
    info->other = NULL;
    if (!moving && dyad_doc_stage(doc) < DYAD_STAGE_SPLIT)
        return dyad__fail(st->ctx, DYAD_ARG, "%s: not stored: the document was not processed (dyad_run)", dpath);
    ensure_wal(st);
    if ((rc = step_done(st->stmt[S_BEGIN])))
        goto sqlfail;
    in_tx = 1;
    /* Look again under the lock: another process may have written meanwhile. */
    if ((rc = find_path(st, hash, size, &id, &same)))
        goto sqlfail;
    if (same) {
        (void)step_done(st->stmt[S_ROLLBACK]);
        info->result = DYAD_PUT_UNCHANGED;
        info->doc_id = id;
        info->nsentences = count_sentences(st, id);
        return DYAD_OK;
    }
    if (moving) {
        if ((rc = find_hash(st, hash, &other_id, &other_exists)))
            goto sqlfail;
        if (id || !other_id || other_exists) { /* the picture changed: take the general path */
            (void)step_done(st->stmt[S_ROLLBACK]);
            if (dyad_doc_stage(doc) < DYAD_STAGE_SPLIT)
                return dyad__fail(st->ctx, DYAD_ARG, "%s: not stored: the document was not processed (dyad_run)",
                                  dpath);
            return dyad_store_put(st, doc, info);
        }
        sqlite3_stmt *s = st->stmt[S_MOVE];
        sqlite3_bind_int64(s, 1, other_id);
        sqlite3_bind_text(s, 2, st->canon.data, (int)st->canon.len, SQLITE_STATIC);
        if ((rc = step_done(s)))
            goto sqlfail;
        if ((rc = step_done(st->stmt[S_COMMIT])))
            goto sqlfail;
        info->result = DYAD_PUT_MOVED;
        info->doc_id = other_id;
        info->other = st->other.data;
        info->nsentences = count_sentences(st, other_id);
        return DYAD_OK;
    }

    size_t text_len = 0;
    const char *text = dyad_doc_text(doc, &text_len);
    if (id) { /* replace: delete the old version's rows, keep the id */
        for (int k = S_DEL_FTS; k <= S_DEL_EVENTS; k++) {
            sqlite3_bind_int64(st->stmt[k], 1, id);
            if ((rc = step_done(st->stmt[k])))
                goto sqlfail;
        }
        sqlite3_stmt *s = st->stmt[S_UPD_DOC];
        sqlite3_bind_int64(s, 1, id);
        if ((rc = bind_doc(s, doc, text_len)))
            goto sqlfail;
        info->result = DYAD_PUT_REPLACED;
    } else {
        sqlite3_stmt *s = st->stmt[S_INS_DOC];
        sqlite3_bind_text(s, 1, st->canon.data, (int)st->canon.len, SQLITE_STATIC);
        if ((rc = bind_doc(s, doc, text_len)))
            goto sqlfail;
        id = sqlite3_last_insert_rowid(st->db);
        info->result = DYAD_PUT_ADDED;
    }
    put_state ps = {.st = st, .doc_id = id, .text = text};
    int64_t nblocks = 0;
    err = put_text(&ps, doc, text_len, &nblocks);
    if (ps.rc) {
        rc = ps.rc;
        if (rc != SQLITE_INTERNAL)
            goto sqlfail;
    }
    if (!err && dyad_doc_stage(doc) >= DYAD_STAGE_EVENTS)
        err = dyad__store_put_events(st, doc, id, &rc);
    if (rc && rc != SQLITE_INTERNAL)
        goto sqlfail;
    if (err)
        goto fail;
    sqlite3_stmt *s = st->stmt[S_COUNTS];
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, nblocks);
    sqlite3_bind_int64(s, 3, ps.sent_seq);
    sqlite3_bind_int64(s, 4, (int64_t)text_len);
    if ((rc = step_done(s)))
        goto sqlfail;
    if ((rc = step_done(st->stmt[S_COMMIT])))
        goto sqlfail;
    info->doc_id = id;
    info->nsentences = ps.sent_seq;
    return DYAD_OK;
sqlfail:
    err = dyad__store_fail(st, rc, dpath);
    if (err == DYAD_STORE || err == DYAD_IO || err == DYAD_READONLY) {
        /* Put the store's failure first in the message: "doc: not stored: reason (store)". */
        char msg[ERRMSG_MAX];
        snprintf(msg, sizeof msg, "%s", dyad_errmsg(st->ctx));
        size_t n = strlen(dpath);
        const char *rest = !strncmp(msg, dpath, n) && !strncmp(msg + n, ": ", 2) ? msg + n + 2 : msg;
        dyad__fail(st->ctx, err, "%s: not stored: %s", dpath, rest);
    }
fail:
    if (in_tx && !sqlite3_get_autocommit(st->db)) {
        char msg[ERRMSG_MAX];
        snprintf(msg, sizeof msg, "%s", dyad_errmsg(st->ctx));
        (void)step_done(st->stmt[S_ROLLBACK]);
        dyad__fail(st->ctx, err, "%s", msg); /* keep the first message */
    }
    memset(info, 0, sizeof *info);
    return err;
}

/* ---- the quick unchanged check ---- */

int dyad_store_unchanged(dyad_store *st, const char *path, int *unchanged)
{
    *unchanged = 0;
    if (!st || !st->stmt[S_FIND_PATH])
        return DYAD_OK;
    struct stat sb;
    if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
        return DYAD_OK;
    if (canonical(st, path))
        return DYAD_OK;
    sqlite3_stmt *s = st->stmt[S_FIND_PATH];
    sqlite3_bind_text(s, 1, st->canon.data, (int)st->canon.len, SQLITE_STATIC);
    char hash[65] = "";
    int64_t bytes = -1;
    int ok_version = 0;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        const char *h = (const char *)sqlite3_column_text(s, 1);
        const char *v = (const char *)sqlite3_column_text(s, 3);
        if (h && strlen(h) == 64)
            memcpy(hash, h, 65);
        bytes = sqlite3_column_int64(s, 2);
        ok_version = v && !strcmp(v, DYAD_VERSION);
        rc = SQLITE_OK;
    } else if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    if (rc)
        return dyad__store_fail(st, rc, path);
    if (!hash[0] || !ok_version || bytes != (int64_t)sb.st_size || (size_t)sb.st_size > st->ctx->opts.max_file)
        return DYAD_OK;
    /* Same size: hash the bytes (the file may have changed in place). */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0)
        return DYAD_OK;
    size_t len = (size_t)sb.st_size, got = 0;
    char *buf = malloc(len + 1);
    if (buf) {
        while (got < len) {
            ssize_t n = read(fd, buf + got, len - got);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                break;
            got += (size_t)n;
        }
        char extra;
        if (got == len && read(fd, &extra, 1) == 0) {
            char h[65];
            dyad__sha256_hex(buf, len, h);
            *unchanged = !strcmp(h, hash);
        }
        free(buf);
    }
    close(fd);
    return DYAD_OK;
}

/* ---- removing documents ---- */

/* Deletes document id and everything hanging on it, in one transaction. */
static int remove_id(dyad_store *st, int64_t id, const char *what)
{
    int rc;
    ensure_wal(st);
    if ((rc = step_done(st->stmt[S_BEGIN])))
        return dyad__store_fail(st, rc, what);
    static const dyad__stmt_id order[] = {S_DEL_FTS, S_DEL_SENT, S_DEL_BLOCKS, S_DEL_EVENTS, S_DEL_TLSRC, S_DEL_DOC};
    for (size_t k = 0; k < sizeof order / sizeof order[0]; k++) {
        sqlite3_bind_int64(st->stmt[order[k]], 1, id);
        if ((rc = step_done(st->stmt[order[k]])))
            break;
    }
    if (!rc)
        rc = step_done(st->stmt[S_COMMIT]);
    if (rc) {
        int err = dyad__store_fail(st, rc, what);
        if (!sqlite3_get_autocommit(st->db)) {
            char msg[ERRMSG_MAX];
            snprintf(msg, sizeof msg, "%s", dyad_errmsg(st->ctx));
            (void)step_done(st->stmt[S_ROLLBACK]);
            dyad__fail(st->ctx, err, "%s", msg);
        }
        return err;
    }
    return DYAD_OK;
}

int dyad_store_remove(dyad_store *st, const char *path)
{
    if (!st || !path)
        return DYAD_ARG;
    if (!st->stmt[S_BEGIN])
        return dyad__fail(st->ctx, DYAD_READONLY, "%s: not removed: the store %s was opened read-only", path,
                          st->path);
    int err = canonical(st, path);
    if (err)
        return err;
    int64_t id = 0;
    int same = 0;
    int rc = find_path(st, "", 0, &id, &same);
    if (rc)
        return dyad__store_fail(st, rc, path);
    if (!id)
        return dyad__fail(st->ctx, DYAD_NOTFOUND, "%s: not in the store", path);
    return remove_id(st, id, path);
}

int dyad_store_prune(dyad_store *st, const char *folder, dyad_path_fn fn, void *ud)
{
    if (!st || !folder)
        return DYAD_ARG;
    if (!st->stmt[S_BEGIN])
        return dyad__fail(st->ctx, DYAD_READONLY, "%s: cannot prune: the store %s was opened read-only", folder,
                          st->path);
    char *dir = realpath(folder, NULL);
    if (!dir)
        return dyad__fail(st->ctx, DYAD_NOTFOUND, "%s: cannot prune: %s", folder, strerror(errno));
    dyad__buf prefix;
    dyad__buf_init(&prefix, PATH_MAX + 2);
    dyad__buf_adds(&prefix, dir);
    if (strcmp(dir, "/") != 0)
        dyad__buf_addc(&prefix, '/');
    free(dir);
    int err = prefix.err ? dyad__fail(st->ctx, DYAD_NOMEM, "%s: path too long", folder) : DYAD_OK;
    int64_t last = 0;
    while (!err) {
        sqlite3_stmt *s = st->stmt[S_UNDER];
        sqlite3_bind_text(s, 1, prefix.data, (int)prefix.len, SQLITE_STATIC);
        sqlite3_bind_int64(s, 2, last);
        int rc = sqlite3_step(s);
        if (rc != SQLITE_ROW) {
            sqlite3_reset(s);
            sqlite3_clear_bindings(s);
            if (rc != SQLITE_DONE)
                err = dyad__store_fail(st, rc, folder);
            break;
        }
        last = sqlite3_column_int64(s, 0);
        const char *p = (const char *)sqlite3_column_text(s, 1);
        dyad__buf_reset(&st->other);
        dyad__buf_adds(&st->other, p ? p : "");
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
        struct stat sb;
        if (st->other.err || stat(st->other.data, &sb) == 0 || errno != ENOENT)
            continue; /* still there, or not known to be gone (a permission problem is not a deletion) */
        err = remove_id(st, last, st->other.data);
        if (!err && fn)
            fn(ud, st->other.data);
    }
    dyad__buf_free(&prefix);
    return err;
}
