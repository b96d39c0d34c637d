/* store/rows.c — events and timeline entries read back as rows, for exports and reports: filtered
 * by codes and years in SQL, in date order, each row with the document it cites. The tables are in
 * store.c; dyad/store.h has the contract. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

#define ROWS_MAX_CODES (2 * DYAD_PARTY_CODES) /* codes a filter can ask for; more are refused */

int dyad_store_schema(const dyad_store *st) { return st ? st->schema : 0; }

static const char *col(sqlite3_stmt *s, int i) { return (const char *)sqlite3_column_text(s, i); }

/* codes of "A,B" into out[] (pointers into buf, which is modified); how many. */
static int split_list(char *buf, const char **out, int max)
{
    int n = 0;
    for (char *p = buf; p && *p && n < max;) {
        char *c = strchr(p, ',');
        if (c)
            *c = 0;
        if (*p)
            out[n++] = p;
        p = c ? c + 1 : NULL;
    }
    return n;
}

/* Appends the WHERE clause of a filter on table alias t (columns actors and date) and checks it;
 * parameters are numbered from ?1: the codes, then from, then to. */
static int where(dyad_store *st, const dyad_store_filter *f, const char *t, dyad__buf *sql)
{
    int n = 0;
    dyad__buf_adds(sql, " WHERE 1");
    if (!f)
        return DYAD_OK;
    if (f->ncodes < 0 || f->ncodes > ROWS_MAX_CODES)
        return dyad__fail(st->ctx, DYAD_ARG, "at most %d codes in a filter", ROWS_MAX_CODES);
    for (int i = 0; i < f->ncodes; i++)
        dyad__buf_printf(sql, " AND instr(',' || %s.actors || ',', ',' || ?%d || ',') > 0", t, ++n);
    if (f->from)
        dyad__buf_printf(sql, " AND %s.date IS NOT NULL AND CAST(substr(%s.date, 1, 4) AS INTEGER) >= ?%d", t, t, ++n);
    if (f->to)
        dyad__buf_printf(sql, " AND %s.date IS NOT NULL AND CAST(substr(%s.date, 1, 4) AS INTEGER) <= ?%d", t, t, ++n);
    return DYAD_OK;
}

static void bind_filter(sqlite3_stmt *s, const dyad_store_filter *f)
{
    int n = 0;
    if (!f)
        return;
    for (int i = 0; i < f->ncodes; i++)
        sqlite3_bind_text(s, ++n, f->codes[i], -1, SQLITE_STATIC);
    if (f->from)
        sqlite3_bind_int(s, ++n, f->from);
    if (f->to)
        sqlite3_bind_int(s, ++n, f->to);
}

/* The document columns, as selected by DOC_COLS from documents d, starting at column i. */
#define DOC_COLS "d.id, d.path, d.hash, d.title, d.publisher, d.date, d.url, d.ingested"
static void read_doc(sqlite3_stmt *s, int i, dyad_store_cite *c)
{
    c->id = sqlite3_column_int64(s, i);
    c->path = col(s, i + 1) ? col(s, i + 1) : "";
    c->hash = col(s, i + 2) ? col(s, i + 2) : "";
    c->title = col(s, i + 3);
    c->publisher = col(s, i + 4);
    c->date = col(s, i + 5);
    c->url = col(s, i + 6);
    c->ingested = col(s, i + 7);
}

static int64_t int_or(sqlite3_stmt *s, int i, int64_t dflt)
{
    return sqlite3_column_type(s, i) == SQLITE_NULL ? dflt : sqlite3_column_int64(s, i);
}

int dyad_store_event_rows(dyad_store *st, const dyad_store_filter *f, dyad_event_row_fn fn, void *ud)
{
    if (!st || !fn)
        return DYAD_ARG;
    if (st->schema < 2)
        return DYAD_OK; /* a store of dyad 0.1 has no events */
    dyad__buf sql;
    dyad__buf_init(&sql, 0);
    dyad__buf_adds(&sql,
                   "SELECT e.id, e.seq, e.sentence, e.start, e.end, s.text, e.type, e.quad, e.mode, e.status, e.label,"
                   " e.date, e.date_source, e.date_start, e.date_end, e.actors, e.source, e.target, e.source_text,"
                   " e.source_sector, e.target_text, e.target_sector, e.trigger_start, e.trigger_end, " DOC_COLS
                   " FROM events e JOIN documents d ON d.id = e.doc"
                   " LEFT JOIN sentences s ON s.doc = e.doc AND s.seq = e.sentence");
    int err = where(st, f, "e", &sql);
    dyad__buf_adds(&sql, " ORDER BY e.date IS NULL, e.date, d.path, e.seq");
    if (!err && sql.err)
        err = dyad__fail(st->ctx, DYAD_NOMEM, "out of memory");
    sqlite3_stmt *s = NULL;
    int rc = SQLITE_OK;
    if (!err && (rc = sqlite3_prepare_v2(st->db, sql.data, -1, &s, NULL)))
        err = dyad__store_fail(st, rc, "reading the events");
    if (!err) {
        bind_filter(s, f);
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            dyad_event_row r;
            memset(&r, 0, sizeof r);
            char ab[256], sb[256], tb[256];
            r.id = sqlite3_column_int64(s, 0);
            r.seq = sqlite3_column_int64(s, 1);
            r.sentence = sqlite3_column_int64(s, 2);
            r.start = sqlite3_column_int64(s, 3);
            r.end = sqlite3_column_int64(s, 4);
            r.text = col(s, 5) ? col(s, 5) : "";
            r.type = col(s, 6) ? col(s, 6) : "";
            r.quad = sqlite3_column_int(s, 7);
            r.mode = col(s, 8);
            r.status = col(s, 9) ? col(s, 9) : "";
            r.label = col(s, 10);
            r.date = col(s, 11);
            r.date_source = col(s, 12) ? col(s, 12) : "none";
            r.date_start = int_or(s, 13, -1);
            r.date_end = int_or(s, 14, -1);
            snprintf(ab, sizeof ab, "%s", col(s, 15) ? col(s, 15) : "");
            snprintf(sb, sizeof sb, "%s", col(s, 16) ? col(s, 16) : "");
            snprintf(tb, sizeof tb, "%s", col(s, 17) ? col(s, 17) : "");
            r.nactors = split_list(ab, r.actors, 2 * DYAD_PARTY_CODES);
            r.nsource = split_list(sb, r.source, DYAD_PARTY_CODES);
            r.ntarget = split_list(tb, r.target, DYAD_PARTY_CODES);
            r.source_text = col(s, 18);
            r.source_sector = col(s, 19);
            r.target_text = col(s, 20);
            r.target_sector = col(s, 21);
            r.trigger_start = sqlite3_column_int64(s, 22);
            r.trigger_end = sqlite3_column_int64(s, 23);
            read_doc(s, 24, &r.doc);
            if ((err = fn(ud, &r)))
                break;
        }
        if (!err && rc != SQLITE_DONE)
            err = dyad__store_fail(st, rc, "reading the events");
    }
    sqlite3_finalize(s);
    dyad__buf_free(&sql);
    return err;
}

/* ---- timeline entries with their sources ---- */

#define ROWS_MAX_SOURCES DYAD_FUSE_MAX_SOURCES /* sources read per entry (fusion lists no more) */
#define ROWS_MAX_DATES 64                      /* dates read per entry */

enum { SP_PATH, SP_HASH, SP_TITLE, SP_PUBLISHER, SP_DOCDATE, SP_URL, SP_INGESTED, SP_SENTENCE, SP_DATE, SP_N };
#define NO_STR ((size_t)-1)

typedef struct src_at {
    dyad_source_row r;     /* numbers; strings filled in from off[] once the pool stops moving */
    size_t off[SP_N];
} src_at;

static size_t pool_add(dyad__buf *pool, const char *s)
{
    if (!s)
        return NO_STR;
    size_t at = pool->len;
    dyad__buf_add(pool, s, strlen(s) + 1);
    return at;
}

static const char *pool_str(const dyad__buf *pool, size_t off) { return off == NO_STR ? NULL : pool->data + off; }

/* The sources of entry id, read into src[] (at most ROWS_MAX_SOURCES); *n how many. */
static int read_sources(dyad_store *st, sqlite3_stmt *q, const char *id, src_at *src, size_t *n, dyad__buf *pool)
{
    *n = 0;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW && *n < ROWS_MAX_SOURCES) {
        src_at *a = &src[(*n)++];
        memset(a, 0, sizeof *a);
        a->r.start = sqlite3_column_int64(q, 0);
        a->r.end = sqlite3_column_int64(q, 1);
        a->off[SP_DATE] = pool_add(pool, col(q, 2));
        a->off[SP_SENTENCE] = pool_add(pool, col(q, 3) ? col(q, 3) : "");
        a->r.doc.id = sqlite3_column_int64(q, 4);
        a->off[SP_PATH] = pool_add(pool, col(q, 5) ? col(q, 5) : "");
        a->off[SP_HASH] = pool_add(pool, col(q, 6) ? col(q, 6) : "");
        a->off[SP_TITLE] = pool_add(pool, col(q, 7));
        a->off[SP_PUBLISHER] = pool_add(pool, col(q, 8));
        a->off[SP_DOCDATE] = pool_add(pool, col(q, 9));
        a->off[SP_URL] = pool_add(pool, col(q, 10));
        a->off[SP_INGESTED] = pool_add(pool, col(q, 11));
    }
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return dyad__store_fail(st, rc, "reading the timeline");
    return DYAD_OK;
}

int dyad_store_timeline_rows(dyad_store *st, const dyad_store_filter *f, dyad_entry_row_fn fn, void *ud)
{
    if (!st || !fn)
        return DYAD_ARG;
    if (st->schema < 2)
        return DYAD_OK; /* a store of dyad 0.1 has no timeline */
    dyad__buf sql, pool;
    dyad__buf_init(&sql, 0);
    dyad__buf_init(&pool, 0);
    src_at *src = malloc(ROWS_MAX_SOURCES * sizeof *src);
    dyad_source_row *rows = malloc(ROWS_MAX_SOURCES * sizeof *rows);
    sqlite3_stmt *s = NULL, *q = NULL;
    int err = DYAD_OK, rc = SQLITE_OK;
    if (!src || !rows) {
        err = dyad__fail(st->ctx, DYAD_NOMEM, "out of memory");
        goto done;
    }
    dyad__buf_adds(&sql, "SELECT t.id, t.date, t.dates, t.disagreement, t.actors, t.type, t.quad, t.mode, t.status,"
                         " t.label, t.mentions, t.ndocs FROM timeline t");
    if ((err = where(st, f, "t", &sql)))
        goto done;
    dyad__buf_adds(&sql, " ORDER BY t.date IS NULL, t.date, t.type, t.id");
    if (sql.err) {
        err = dyad__fail(st->ctx, DYAD_NOMEM, "out of memory");
        goto done;
    }
    if ((rc = sqlite3_prepare_v2(st->db, sql.data, -1, &s, NULL)) ||
        (rc = sqlite3_prepare_v2(st->db,
                                 "SELECT ts.start, ts.end, ts.date, s.text, " DOC_COLS
                                 " FROM timeline_sources ts JOIN documents d ON d.id = ts.doc"
                                 " LEFT JOIN sentences s ON s.doc = ts.doc AND s.start = ts.start"
                                 " WHERE ts.entry = ?1 ORDER BY ts.seq",
                                 -1, &q, NULL))) {
        err = dyad__store_fail(st, rc, "reading the timeline");
        goto done;
    }
    bind_filter(s, f);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        dyad_entry_row e;
        memset(&e, 0, sizeof e);
        e.id = col(s, 0) ? col(s, 0) : "";
        dyad__buf_reset(&pool);
        size_t n = 0;
        if ((err = read_sources(st, q, e.id, src, &n, &pool)))
            break;
        /* the dates, from the JSON array of strings the store keeps ("[\"1998\",\"1999\"]") */
        size_t date_off[ROWS_MAX_DATES];
        int nd = 0;
        const char *d = col(s, 2) ? col(s, 2) : "";
        for (const char *p = strchr(d, '"'); p && nd < ROWS_MAX_DATES;) {
            const char *q2 = strchr(p + 1, '"');
            if (!q2)
                break;
            date_off[nd++] = pool.len;
            dyad__buf_add(&pool, p + 1, (size_t)(q2 - p - 1));
            dyad__buf_addc(&pool, 0);
            p = strchr(q2 + 1, '"');
        }
        char ab[256];
        snprintf(ab, sizeof ab, "%s", col(s, 4) ? col(s, 4) : "");
        const char *actors[2 * DYAD_PARTY_CODES];
        e.nactors = split_list(ab, actors, 2 * DYAD_PARTY_CODES);
        e.actors = actors;
        if (pool.err) {
            err = dyad__fail(st->ctx, DYAD_NOMEM, "out of memory");
            break;
        }
        const char *dates[ROWS_MAX_DATES];
        for (int i = 0; i < nd; i++)
            dates[i] = pool.data + date_off[i];
        e.dates = dates;
        e.ndates = nd;
        for (size_t i = 0; i < n; i++) {
            rows[i] = src[i].r;
            rows[i].date = pool_str(&pool, src[i].off[SP_DATE]);
            rows[i].sentence = pool_str(&pool, src[i].off[SP_SENTENCE]);
            rows[i].doc.path = pool_str(&pool, src[i].off[SP_PATH]);
            rows[i].doc.hash = pool_str(&pool, src[i].off[SP_HASH]);
            rows[i].doc.title = pool_str(&pool, src[i].off[SP_TITLE]);
            rows[i].doc.publisher = pool_str(&pool, src[i].off[SP_PUBLISHER]);
            rows[i].doc.date = pool_str(&pool, src[i].off[SP_DOCDATE]);
            rows[i].doc.url = pool_str(&pool, src[i].off[SP_URL]);
            rows[i].doc.ingested = pool_str(&pool, src[i].off[SP_INGESTED]);
        }
        e.sources = rows;
        e.nsources = n;
        e.date = col(s, 1);
        e.disagreement = sqlite3_column_int(s, 3);
        e.type = col(s, 5) ? col(s, 5) : "";
        e.quad = sqlite3_column_int(s, 6);
        e.mode = col(s, 7);
        e.status = col(s, 8) ? col(s, 8) : "";
        e.label = col(s, 9);
        e.mentions = sqlite3_column_int64(s, 10);
        e.ndocs = sqlite3_column_int64(s, 11);
        if ((err = fn(ud, &e)))
            break;
    }
    if (!err && rc != SQLITE_DONE)
        err = dyad__store_fail(st, rc, "reading the timeline");
done:
    sqlite3_finalize(s);
    sqlite3_finalize(q);
    free(src);
    free(rows);
    dyad__buf_free(&sql);
    dyad__buf_free(&pool);
    return err;
}
