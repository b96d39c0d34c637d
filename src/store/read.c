/* store/read.c — reading the store for reports and the server (dyad/store.h, "reading"): the stored
 * timeline with its sources, events, documents with their figures, a document's blocks.
 * Only SELECTs: these run on a store opened read-only. Filters are bound as parameters, never
 * pasted into SQL. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

int dyad_store_schema(const dyad_store *st) { return st && st->schema == 1 ? 1 : DYAD_STORE_SCHEMA; }

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

int dyad_store_filter_codes(dyad_store_filter *f, const char *list, char *buf, size_t cap)
{
    f->ncodes = 0;
    if (!list || !*list)
        return DYAD_OK;
    size_t n = strlen(list);
    if (n + 1 > cap)
        return DYAD_ARG;
    memcpy(buf, list, n + 1);
    for (char *p = buf; *p;) {
        char *c = strchr(p, ',');
        if (c)
            *c = 0;
        size_t k = strlen(p);
        if (k < 2 || k > 15 || f->ncodes >= 2 * DYAD_PARTY_CODES)
            return DYAD_ARG;
        for (size_t i = 0; i < k; i++) {
            char ch = p[i];
            if (ch >= 'a' && ch <= 'z')
                p[i] = (char)(ch - 32);
            else if (!((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')))
                return DYAD_ARG;
        }
        f->codes[f->ncodes++] = p;
        if (!c)
            break;
        p = c + 1;
    }
    return DYAD_OK;
}

static const char *col(sqlite3_stmt *s, int i) { return (const char *)sqlite3_column_text(s, i); }

/* The WHERE clause of a filter over a table with columns actors, date, type (and doc for events):
 * ?1..?16 codes, ?17 from, ?18 to, ?19 type, ?20 doc. Unused parameters stay NULL and the clause is
 * true for them, so one SQL text serves every filter (prepared once per call). */
#define FILTER_WHERE(T)                                                                                  \
    " WHERE (?1 IS NULL OR instr(','||" T "actors||',', ','||?1||',') > 0)"                              \
    " AND (?2 IS NULL OR instr(','||" T "actors||',', ','||?2||',') > 0)"                                \
    " AND (?3 IS NULL OR instr(','||" T "actors||',', ','||?3||',') > 0)"                                \
    " AND (?4 IS NULL OR instr(','||" T "actors||',', ','||?4||',') > 0)"                                \
    " AND (?5 IS NULL OR instr(','||" T "actors||',', ','||?5||',') > 0)"                                \
    " AND (?6 IS NULL OR instr(','||" T "actors||',', ','||?6||',') > 0)"                                \
    " AND (?7 IS NULL OR instr(','||" T "actors||',', ','||?7||',') > 0)"                                \
    " AND (?8 IS NULL OR instr(','||" T "actors||',', ','||?8||',') > 0)"                                \
    " AND (?9 IS NULL OR instr(','||" T "actors||',', ','||?9||',') > 0)"                                \
    " AND (?10 IS NULL OR instr(','||" T "actors||',', ','||?10||',') > 0)"                              \
    " AND (?11 IS NULL OR instr(','||" T "actors||',', ','||?11||',') > 0)"                              \
    " AND (?12 IS NULL OR instr(','||" T "actors||',', ','||?12||',') > 0)"                              \
    " AND (?13 IS NULL OR instr(','||" T "actors||',', ','||?13||',') > 0)"                              \
    " AND (?14 IS NULL OR instr(','||" T "actors||',', ','||?14||',') > 0)"                              \
    " AND (?15 IS NULL OR instr(','||" T "actors||',', ','||?15||',') > 0)"                              \
    " AND (?16 IS NULL OR instr(','||" T "actors||',', ','||?16||',') > 0)"                              \
    " AND (?17 IS NULL OR (" T "date IS NOT NULL AND CAST(substr(" T "date, 1, 4) AS INTEGER) >= ?17))"  \
    " AND (?18 IS NULL OR (" T "date IS NOT NULL AND CAST(substr(" T "date, 1, 4) AS INTEGER) <= ?18))"  \
    " AND (?19 IS NULL OR " T "type = ?19)"

static void bind_filter(sqlite3_stmt *s, const dyad_store_filter *f, int with_doc)
{
    if (!f)
        return;
    for (int i = 0; i < f->ncodes && i < 16; i++)
        sqlite3_bind_text(s, i + 1, f->codes[i], -1, SQLITE_STATIC);
    if (f->from)
        sqlite3_bind_int(s, 17, f->from);
    if (f->to)
        sqlite3_bind_int(s, 18, f->to);
    if (f->type)
        sqlite3_bind_text(s, 19, f->type, -1, SQLITE_STATIC);
    if (with_doc && f->doc > 0)
        sqlite3_bind_int64(s, 20, f->doc);
}

/* LIMIT ?21 OFFSET ?22 */
static void bind_page(sqlite3_stmt *s, const dyad_store_filter *f)
{
    sqlite3_bind_int64(s, 21, f && f->limit > 0 ? f->limit : -1);
    sqlite3_bind_int64(s, 22, f && f->offset > 0 ? f->offset : 0);
}

static int prepare(dyad_store *st, const char *sql, sqlite3_stmt **s)
{
    int rc = sqlite3_prepare_v2(st->db, sql, -1, s, NULL);
    return rc ? dyad__store_fail(st, rc, "reading the store") : DYAD_OK;
}

/* Steps s to the end, handing each row to row(); finalizes s. */
static int each(dyad_store *st, sqlite3_stmt *s, int (*row)(sqlite3_stmt *, void *), void *ud)
{
    int rc, ret = DYAD_OK;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        if ((ret = row(s, ud)))
            break;
    if (!ret && rc != SQLITE_DONE)
        ret = dyad__store_fail(st, rc, "reading the store");
    sqlite3_finalize(s);
    return ret;
}

static int count_row(sqlite3_stmt *s, void *ud)
{
    *(int64_t *)ud = sqlite3_column_int64(s, 0);
    return 0;
}

/* ---- the timeline ---- */

typedef struct cb {
    void *fn;
    void *ud;
} cb;

static int tl_row(sqlite3_stmt *s, void *ud)
{
    cb *c = ud;
    dyad_tl_row r = {0};
    r.id = col(s, 0);
    r.date = col(s, 1);
    r.dates = col(s, 2);
    r.disagreement = sqlite3_column_int(s, 3);
    r.actors = col(s, 4);
    r.pair = col(s, 5);
    r.type = col(s, 6);
    r.quad = sqlite3_column_int(s, 7);
    r.mode = col(s, 8);
    r.status = col(s, 9);
    r.label = col(s, 10);
    r.mentions = sqlite3_column_int64(s, 11);
    r.ndocs = sqlite3_column_int64(s, 12);
    r.nsources = sqlite3_column_int64(s, 13);
    if (!r.id)
        r.id = "";
    if (!r.dates)
        r.dates = "[]";
    if (!r.actors)
        r.actors = "";
    if (!r.pair)
        r.pair = "";
    if (!r.type)
        r.type = "";
    if (!r.status)
        r.status = "happened";
    return ((dyad_tl_row_fn)c->fn)(c->ud, &r);
}

int dyad_store_timeline_rows(dyad_store *st, const dyad_store_filter *f, dyad_tl_row_fn fn, void *ud)
{
    if (!st || !fn)
        return DYAD_ARG;
    if (st->schema == 1)
        return DYAD_OK;
    sqlite3_stmt *s = NULL;
    int err = prepare(st,
                      "SELECT id, date, dates, disagreement, actors, pair, type, quad, mode, status, label,"
                      " mentions, ndocs, (SELECT count(*) FROM timeline_sources ts WHERE ts.entry = t.id)"
                      " FROM timeline t" FILTER_WHERE("t.") " AND (?20 IS NULL OR 1)"
                      " ORDER BY t.date IS NULL, t.date, t.type, t.id LIMIT ?21 OFFSET ?22",
                      &s);
    if (err)
        return err;
    bind_filter(s, f, 0);
    bind_page(s, f);
    cb c = {(void *)fn, ud};
    return each(st, s, tl_row, &c);
}

int dyad_store_timeline_count(dyad_store *st, const dyad_store_filter *f, int64_t *n)
{
    *n = 0;
    if (!st)
        return DYAD_ARG;
    if (st->schema == 1)
        return DYAD_OK;
    sqlite3_stmt *s = NULL;
    int err = prepare(st, "SELECT count(*) FROM timeline t" FILTER_WHERE("t.") " AND (?20 IS NULL OR 1)", &s);
    if (err)
        return err;
    bind_filter(s, f, 0);
    return each(st, s, count_row, n);
}

static int year_row(sqlite3_stmt *s, void *ud)
{
    cb *c = ud;
    return ((dyad_year_fn)c->fn)(c->ud, sqlite3_column_int(s, 0), sqlite3_column_int(s, 1),
                                 sqlite3_column_int64(s, 2));
}

int dyad_store_timeline_years(dyad_store *st, const dyad_store_filter *f, dyad_year_fn fn, void *ud)
{
    if (!st || !fn)
        return DYAD_ARG;
    if (st->schema == 1)
        return DYAD_OK;
    sqlite3_stmt *s = NULL;
    int err = prepare(st,
                      "SELECT CASE WHEN t.date IS NULL THEN 0 ELSE CAST(substr(t.date, 1, 4) AS INTEGER) END AS y,"
                      " t.quad, count(*) FROM timeline t" FILTER_WHERE("t.") " AND (?20 IS NULL OR 1)"
                      " GROUP BY y, t.quad ORDER BY y, t.quad",
                      &s);
    if (err)
        return err;
    bind_filter(s, f, 0);
    cb c = {(void *)fn, ud};
    return each(st, s, year_row, &c);
}

static int pair_row(sqlite3_stmt *s, void *ud)
{
    cb *c = ud;
    const char *p = col(s, 0);
    return ((dyad_pair_fn)c->fn)(c->ud, p ? p : "", sqlite3_column_int64(s, 1));
}

int dyad_store_pairs(dyad_store *st, dyad_pair_fn fn, void *ud)
{
    if (!st || !fn)
        return DYAD_ARG;
    if (st->schema == 1)
        return DYAD_OK;
    sqlite3_stmt *s = NULL;
    int err = prepare(st, "SELECT pair, count(*) AS n FROM timeline GROUP BY pair ORDER BY n DESC, pair", &s);
    if (err)
        return err;
    cb c = {(void *)fn, ud};
    return each(st, s, pair_row, &c);
}

static int src_row(sqlite3_stmt *s, void *ud)
{
    cb *c = ud;
    dyad_tl_source r = {0};
    r.seq = sqlite3_column_int64(s, 0);
    r.doc = sqlite3_column_int64(s, 1);
    r.path = col(s, 2);
    r.title = col(s, 3);
    r.doc_date = col(s, 4);
    r.date = col(s, 5);
    r.start = sqlite3_column_int64(s, 6);
    r.end = sqlite3_column_int64(s, 7);
    r.sentence = col(s, 8);
    r.block = col(s, 9);
    r.block_start = sqlite3_column_int64(s, 10);
    if (!r.path)
        r.path = "";
    if (!r.sentence)
        r.sentence = "";
    return ((dyad_tl_source_fn)c->fn)(c->ud, &r);
}

int dyad_store_timeline_sources(dyad_store *st, const char *id, dyad_tl_source_fn fn, void *ud)
{
    if (!st || !id || !fn)
        return DYAD_ARG;
    if (st->schema == 1)
        return DYAD_OK;
    /* The sentence and its block are found by offsets within the document (sentences and blocks are
     * indexed by document): a source whose document changed since the timeline was fused shows what
     * is there now, or nothing. */
    sqlite3_stmt *s = NULL;
    int err = prepare(st,
                      "SELECT ts.seq, ts.doc, d.path, d.title, d.date, ts.date, ts.start, ts.end,"
                      " (SELECT se.text FROM sentences se WHERE se.doc = ts.doc AND se.start = ts.start"
                      "   AND se.end = ts.end LIMIT 1),"
                      " b.text, b.start"
                      " FROM timeline_sources ts JOIN documents d ON d.id = ts.doc"
                      " LEFT JOIN blocks b ON b.doc = ts.doc AND b.seq = (SELECT b2.seq FROM blocks b2"
                      "   WHERE b2.doc = ts.doc AND b2.start <= ts.start AND b2.end >= ts.end LIMIT 1)"
                      " WHERE ts.entry = ?1 ORDER BY ts.seq",
                      &s);
    if (err)
        return err;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    cb c = {(void *)fn, ud};
    return each(st, s, src_row, &c);
}

/* ---- events ---- */

static int ev_row(sqlite3_stmt *s, void *ud)
{
    cb *c = ud;
    dyad_event_row r = {0};
    int i = 0;
    r.id = sqlite3_column_int64(s, i++);
    r.doc = sqlite3_column_int64(s, i++);
    r.seq = sqlite3_column_int64(s, i++);
    r.sentence = sqlite3_column_int64(s, i++);
    r.start = sqlite3_column_int64(s, i++);
    r.end = sqlite3_column_int64(s, i++);
    r.trigger_start = sqlite3_column_int64(s, i++);
    r.trigger_end = sqlite3_column_int64(s, i++);
    r.type = col(s, i++);
    r.mode = col(s, i++);
    r.status = col(s, i++);
    r.date = col(s, i++);
    r.date_source = col(s, i++);
    r.quad = sqlite3_column_int(s, i++);
    r.actors = col(s, i++);
    r.pair = col(s, i++);
    r.source = col(s, i++);
    r.target = col(s, i++);
    r.source_text = col(s, i++);
    r.target_text = col(s, i++);
    r.label = col(s, i++);
    r.path = col(s, i++);
    r.title = col(s, i++);
    r.text = col(s, i++);
    if (!r.type)
        r.type = "";
    if (!r.status)
        r.status = "happened";
    if (!r.actors)
        r.actors = "";
    if (!r.pair)
        r.pair = "";
    if (!r.path)
        r.path = "";
    if (!r.text)
        r.text = "";
    return ((dyad_event_row_fn)c->fn)(c->ud, &r);
}

int dyad_store_event_rows(dyad_store *st, const dyad_store_filter *f, dyad_event_row_fn fn, void *ud)
{
    if (!st || !fn)
        return DYAD_ARG;
    if (st->schema == 1)
        return DYAD_OK;
    sqlite3_stmt *s = NULL;
    int err = prepare(st,
                      "SELECT e.id, e.doc, e.seq, e.sentence, e.start, e.end, e.trigger_start, e.trigger_end,"
                      " e.type, e.mode, e.status, e.date, e.date_source, e.quad, e.actors, e.pair, e.source,"
                      " e.target, e.source_text, e.target_text, e.label, d.path, d.title,"
                      " (SELECT se.text FROM sentences se WHERE se.doc = e.doc AND se.seq = e.sentence)"
                      " FROM events e JOIN documents d ON d.id = e.doc" FILTER_WHERE("e.")
                      " AND (?20 IS NULL OR e.doc = ?20)"
                      " ORDER BY e.doc, e.seq LIMIT ?21 OFFSET ?22",
                      &s);
    if (err)
        return err;
    bind_filter(s, f, 1);
    bind_page(s, f);
    cb c = {(void *)fn, ud};
    return each(st, s, ev_row, &c);
}

int dyad_store_event_count(dyad_store *st, const dyad_store_filter *f, int64_t *n)
{
    *n = 0;
    if (!st)
        return DYAD_ARG;
    if (st->schema == 1)
        return DYAD_OK;
    sqlite3_stmt *s = NULL;
    int err = prepare(st, "SELECT count(*) FROM events e" FILTER_WHERE("e.") " AND (?20 IS NULL OR e.doc = ?20)", &s);
    if (err)
        return err;
    bind_filter(s, f, 1);
    return each(st, s, count_row, n);
}

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
    err = each(st, s, doc_row, &c);
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
    return err ? err : each(st, s, count_row, n);
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
    return each(st, s, block_row, &c);
}
