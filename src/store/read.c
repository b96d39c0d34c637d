/* store/read.c — reading documents for reports and the server (dyad/store.h, "reading"): read
 * transactions, documents with their figures, a document's blocks. Events and the timeline are read
 * in rows.c. Only SELECTs: these run on a store opened read-only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

int dyad_store_read_begin(dyad_store *st)
{
    if (!st)
        return DYAD_ARG;
    if (!sqlite3_get_autocommit(st->db))
        return DYAD_OK; /* already in one */
    int rc = sqlite3_exec(st->db, "BEGIN DEFERRED", NULL, NULL, NULL);
    return rc ? dyad__store_fail(st, rc, "starting a read") : DYAD_OK;
}

void dyad_store_read_end(dyad_store *st)
{
    if (st && !sqlite3_get_autocommit(st->db))
        (void)sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
}

static const char *col(sqlite3_stmt *s, int i) { return (const char *)sqlite3_column_text(s, i); }

static int prepare(dyad_store *st, const char *sql, sqlite3_stmt **s)
{
    int rc = sqlite3_prepare_v2(st->db, sql, -1, s, NULL);
    return rc ? dyad__store_fail(st, rc, "reading the store") : DYAD_OK;
}

typedef struct cb {
    void *fn;
    void *ud;
} cb;

/* ---- documents ---- */

static int doc_row(sqlite3_stmt *s, void *ud)
{
    cb *c = ud;
    dyad_docinfo d;
    memset(&d, 0, sizeof d);
    dyad_docrow *r = &d.row;
    int i = 0;
    r->id = sqlite3_column_int64(s, i++);
    r->path = col(s, i++);
    r->format = col(s, i++);
    r->encoding = col(s, i++);
    r->hash = col(s, i++);
    r->title = col(s, i++);
    r->author = col(s, i++);
    r->publisher = col(s, i++);
    r->date = col(s, i++);
    r->updated = col(s, i++);
    r->date_source = col(s, i++);
    r->bytes = sqlite3_column_int64(s, i++);
    r->nblocks = sqlite3_column_int64(s, i++);
    r->nsentences = sqlite3_column_int64(s, i++);
    r->ingested = col(s, i++);
    d.text_bytes = sqlite3_column_int64(s, i++);
    d.language = col(s, i++);
    d.url = col(s, i++);
    d.description = col(s, i++);
    d.nevents = sqlite3_column_int64(s, i++);
    if (!r->path)
        r->path = "";
    if (!r->format)
        r->format = "";
    return ((dyad_docinfo_fn)c->fn)(c->ud, &d);
}

typedef struct found {
    cb c;
    int n;
} found;

static int doc_found(void *ud, const dyad_docinfo *d)
{
    found *f = ud;
    f->n++;
    return ((dyad_docinfo_fn)f->c.fn)(f->c.ud, d);
}

int dyad_store_docinfo(dyad_store *st, int64_t id, int64_t offset, int64_t limit, dyad_docinfo_fn fn, void *ud)
{
    if (!st || !fn)
        return DYAD_ARG;
    char sql[1024];
    snprintf(sql, sizeof sql,
             "SELECT id, path, format, encoding, hash, title, author, publisher, date, updated, date_source,"
             " bytes, nblocks, nsentences, ingested, text_bytes, language, url, description, %s"
             " FROM documents d WHERE (?1 IS NULL OR d.id = ?1)"
             " ORDER BY d.date IS NULL, d.date, d.title, d.id LIMIT ?2 OFFSET ?3",
             st->schema == 1 ? "0" : "(SELECT count(*) FROM events e WHERE e.doc = d.id)");
    sqlite3_stmt *s = NULL;
    int err = prepare(st, sql, &s);
    if (err)
        return err;
    if (id > 0)
        sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, limit > 0 ? limit : -1);
    sqlite3_bind_int64(s, 3, offset > 0 ? offset : 0);
    found f = {{(void *)fn, ud}, 0};
    cb c = {(void *)doc_found, &f};
    err = dyad__store_each(st, s, doc_row, &c);
    if (!err && id > 0 && !f.n)
        return dyad__fail(st->ctx, DYAD_NOTFOUND, "no document %lld in the store", (long long)id);
    return err;
}

int dyad_store_doc_count(dyad_store *st, int64_t *n)
{
    *n = 0;
    if (!st)
        return DYAD_ARG;
    sqlite3_stmt *s = NULL;
    int err = prepare(st, "SELECT count(*) FROM documents", &s);
    return err ? err : dyad__store_each(st, s, dyad__store_count_row, n);
}

static int block_row(sqlite3_stmt *s, void *ud)
{
    cb *c = ud;
    dyad_blockrow b = {0};
    b.seq = sqlite3_column_int64(s, 0);
    b.kind = col(s, 1);
    b.level = sqlite3_column_int(s, 2);
    b.start = sqlite3_column_int64(s, 3);
    b.end = sqlite3_column_int64(s, 4);
    b.text = col(s, 5);
    if (!b.kind)
        b.kind = "para";
    if (!b.text)
        b.text = "";
    return ((dyad_blockrow_fn)c->fn)(c->ud, &b);
}

int dyad_store_blocks(dyad_store *st, int64_t doc, dyad_blockrow_fn fn, void *ud)
{
    if (!st || !fn)
        return DYAD_ARG;
    sqlite3_stmt *s = NULL;
    int err = prepare(st, "SELECT seq, kind, level, start, end, text FROM blocks WHERE doc = ?1 ORDER BY seq", &s);
    if (err)
        return err;
    sqlite3_bind_int64(s, 1, doc);
    cb c = {(void *)fn, ud};
    return dyad__store_each(st, s, block_row, &c);
}
