/* tests/test_store.c — the store API: create and reopen, put twice (unchanged, nothing written),
 * replace (old sentences leave the index), duplicate and moved content, BM25 ranking and
 * highlighting, the safe query translation, the document list, files that are not ours, read-only
 * stores, a full disk (rollback, store still usable) and a document with no text. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/store_int.h"
#include "t.h"

static char dir[PATH_MAX];

static const char *at(const char *name)
{
    static char buf[4][PATH_MAX + 64];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

static void write_file(const char *name, const char *text)
{
    FILE *f = fopen(at(name), "wb");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

/* Reads a file into a doc and stores it, processed only when the plan says its content is written;
 * returns the put error, result in *info. */
static int put_file(dyad_ctx *ctx, dyad_store *st, const char *name, dyad_put_info *info)
{
    dyad_doc *doc = NULL;
    int err = dyad_doc_read_file(ctx, at(name), DYAD_FMT_AUTO, &doc);
    if (!err)
        err = dyad_store_plan(st, doc, info);
    if (!err && (info->result == DYAD_PUT_ADDED || info->result == DYAD_PUT_REPLACED))
        err = dyad_run(ctx, doc, DYAD_STAGE_SPLIT, NULL);
    if (!err)
        err = dyad_store_put(st, doc, info);
    dyad_doc_free(doc);
    return err;
}

static int64_t count(dyad_store *st, const char *sql)
{
    sqlite3_stmt *s = NULL;
    int64_t n = -1;
    if (sqlite3_prepare_v2(dyad__store_db(st), sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return n;
}

typedef struct hits {
    int n, stop_at;
    char first[512], first_hl[512], paths[8][PATH_MAX];
    double scores[64];
} hits;

static int on_hit(void *ud, const dyad_hit *h)
{
    hits *x = ud;
    if (x->n == 0) {
        snprintf(x->first, sizeof x->first, "%s", h->sentence);
        snprintf(x->first_hl, sizeof x->first_hl, "%s", h->highlighted);
    }
    if (x->n < 8)
        snprintf(x->paths[x->n], sizeof x->paths[0], "%s", h->path);
    if (x->n < 64)
        x->scores[x->n] = h->score;
    x->n++;
    return x->stop_at && x->n >= x->stop_at ? 42 : 0;
}

static int on_doc(void *ud, const dyad_docrow *r)
{
    int *n = ud;
    (*n)++;
    return r->path && r->path[0] == '/' ? 0 : 7;
}

static void count_pruned(void *ud, const char *path)
{
    int *n = ud;
    (*n)++;
    T_CHECK(strstr(path, "/gone.txt") != NULL);
}

static void test_query(void)
{
    struct { const char *in, *out; } cases[] = {
        {"yen loan", "(\"yen\" AND \"loan\")"},
        {"\"nuclear agreement\" Tokyo", "(\"nuclear agreement\" AND \"Tokyo\")"},
        {"\"unbalanced quote", "\"unbalanced quote\""},
        {"AND OR - loan", "\"loan\""},
        {"loan OR grant", "(\"loan\" OR \"grant\")"},
        {"metro -delhi", "\"metro\" NOT \"delhi\""},
        {"metro NOT delhi", "\"metro\" NOT \"delhi\""},
        {"agree*", "\"agree\" *"},
        {"U.S.-Japan", "\"U.S.-Japan\""},
        {"say \"he said \"\"x\"\"\"", "(\"say\" AND \"he said \" AND \"x\")"},
        {"NEAR(a b)", "(\"NEAR(a\" AND \"b)\")"},
        {"日本 インド", "(\"日本\" AND \"インド\")"},
        {"col:umn", "\"col:umn\""},
        /* punctuation outside ASCII is no term (it would be an empty phrase that matches nothing) */
        {"India \u2014 Japan", "(\"India\" AND \"Japan\")"},
        {"India \u2013 Japan \u00a9 \u3002", "(\"India\" AND \"Japan\")"},
        {"\u00fcber caf\u00e9 \u0928\u092e", "(\"\u00fcber\" AND \"caf\u00e9\" AND \"\u0928\u092e\")"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int err = -1;
        char *q = dyad_store_query(cases[i].in, &err);
        T_STREQ(q, cases[i].out);
        T_INTEQ(err, DYAD_OK);
        free(q);
    }
    const char *empty[] = {"", "   ", "AND OR -", "-", "*", "\"\"", "NOT", "-loan", "&& ||", "^", "\u2014", "\u201c\u201d"};
    for (size_t i = 0; i < sizeof empty / sizeof empty[0]; i++) {
        int err = -1;
        char *q = dyad_store_query(empty[i], &err);
        T_OK(q == NULL && err == DYAD_ARG, "query [%s] gave [%s]", empty[i], q ? q : "(null)");
        free(q);
    }
    /* The strict check: dyad's query language passes, FTS5's own syntax is named */
    {
        static const char *const fine[] = {"nuclear", "\"civil nuclear\" deal", "loan* OR grant -china",
                                           "2+2", "U.S. Japan", "\"a (b) c:d\"", "10 : 20", ""};
        for (size_t i = 0; i < sizeof fine / sizeof *fine; i++)
            T_OK(dyad_store_query_check(fine[i], NULL) == DYAD_OK, "query [%s] refused", fine[i]);
        static const char *const fts[] = {"text:nuclear", "NEAR(a b)", "^nuclear", "(a OR b)", "\"open", "a {b}", "India: Japan"};
        for (size_t i = 0; i < sizeof fts / sizeof *fts; i++) {
            const char *why = NULL;
            T_OK(dyad_store_query_check(fts[i], &why) == DYAD_ARG && why, "query [%s] passed", fts[i]);
        }
    }
    /* A quote inside a word is doubled, never ends the FTS5 string early. */
    char *q = dyad_store_query("it\"s", NULL);
    T_STREQ(q, "(\"it\" AND \"s\")");
    free(q);
    char big[5000];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = 0;
    int err = 0;
    T_CHECK(dyad_store_query(big, &err) == NULL && err == DYAD_ARG);
}

#define T_STR2(x) #x
#define T_STR(x) T_STR2(x)

static int on_tags(void *ud, const dyad_docrow *r)
{
    snprintf(ud, 128, "%s", r->tags ? r->tags : "(null)");
    return 0;
}

/* CJK text for the built-in tokenizer (schema 3): spaced copies, spaced queries, highlights mapped back. */
static void test_cjk(void)
{
    dyad__buf b;
    dyad__buf_init(&b, 0);
    struct { const char *in, *out; int any; } sp[] = {
        {"India and Japan", "India and Japan", 0},
        {"日本とインド", "日 本 と イ ン ド", 1},
        {"Tokyo日本loans 宣言。", "Tokyo 日 本 loans 宣 言 。", 1},
        {"1952年", "1952 年", 1},
        {"日 本", "日 本", 1},
        {"", "", 0},
        {"caf\xc3\xa9\xff日", "caf\xc3\xa9\xff 日", 1}, /* a bad byte stays as it is */
    };
    for (size_t i = 0; i < sizeof sp / sizeof sp[0]; i++) {
        T_INTEQ(dyad__store_cjk_spaced(sp[i].in, strlen(sp[i].in), &b), sp[i].any);
        T_STREQ(b.data, sp[i].out);
    }
    struct { const char *in, *out; } qs[] = {
        {"(\"日本\" AND \"インド\")", "(\" 日 本 \" AND \" イ ン ド \")"},
        {"\"yen loan\"", "\"yen loan\""},
        {"日本*", "\"日 本\"*"},                       /* --raw: a bareword becomes a string */
        {"NEAR(日本 loan, 3)", "NEAR(\"日 本\" loan, 3)"},
        {"\"a\"\"日\"", "\"a\"\" 日 \""},                /* a doubled quote stays inside the string */
        {"\"日本", "\" 日 本"},                           /* unbalanced: to the end */
    };
    for (size_t i = 0; i < sizeof qs / sizeof qs[0]; i++) {
        T_INTEQ(dyad__store_cjk_query(qs[i].in, &b), 0);
        T_STREQ(b.data, qs[i].out);
    }
    T_INTEQ(dyad__store_cjk_unspace("\001日 本\002 と イ ン ド", "日本とインド", &b), 0);
    T_STREQ(b.data, "\001日本\002とインド");
    T_INTEQ(dyad__store_cjk_unspace("Tokyo 日 本 \001loans\002 宣 言", "Tokyo日本loans 宣言", &b), 0);
    T_STREQ(b.data, "Tokyo日本\001loans\002 宣言");
    T_INTEQ(dyad__store_cjk_unspace("日 本 x", "日本", &b), -1); /* not the spaced text: refused */
    dyad__buf_free(&b);
}

/* Raw SQLite on a store file, without dyad's tokenizer (as the sqlite3 shell or Python see it):
 * the number of rows of a query, or -1 when it fails. */
static int64_t raw_count(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *s = NULL;
    int64_t n = -1;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    sqlite3_close(db);
    return n;
}

/* A store of schema 3 (no documents.tags), of schema 2 (also the "dyad" tokenizer, no
 * sentences.cjk) and of schema 1 (no events either), made from a new store by undoing the steps:
 * read as they are when opened read-only (tags unknown), upgraded step by step to the current schema
 * when opened to write, then searchable by any SQLite, and their documents stored before tags are
 * read again by the next put to fill them. */
static void test_upgrade(dyad_ctx *ctx)
{
    static const char *const down_to_3 = "ALTER TABLE documents DROP COLUMN tags; PRAGMA user_version=3;";
    static const char *const down_to_2 =
        "DROP INDEX sentences_span; DROP TABLE sentences_fts; ALTER TABLE sentences DROP COLUMN cjk;"
        "CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences', content_rowid='id', tokenize='dyad');"
        "INSERT INTO sentences_fts(sentences_fts) VALUES('rebuild'); PRAGMA user_version=2;";
    static const char *const down_to_1 =
        "DROP TABLE timeline_sources; DROP TABLE timeline; DROP TABLE events; PRAGMA user_version=1;";
    const char *fts = "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH ";
    char sql[256], tags[128] = "";
    write_file("tagged.md", "---\ntitle: Tagged\ntags: [india, japan]\n---\n\nJapan and India signed a pact on rail.\n");
    for (int target = 3; target >= 1; target--) {
        char path[PATH_MAX + 64]; /* at() reuses its buffers */
        snprintf(path, sizeof path, "%s", at(target == 3 ? "v3.db" : target == 2 ? "v2.db" : "v1.db"));
        dyad_store *st = NULL;
        dyad_put_info info;
        T_INTEQ(dyad_store_open(ctx, path, DYAD_STORE_CREATE, &st), DYAD_OK);
        T_INTEQ(put_file(ctx, st, "ja.txt", &info), DYAD_OK);
        T_INTEQ(put_file(ctx, st, "b.txt", &info), DYAD_OK);
        T_INTEQ(put_file(ctx, st, "tagged.md", &info), DYAD_OK);
        T_INTEQ(dyad_store_docs(st, on_tags, tags), DYAD_OK); /* the last by path: tagged.md */
        T_STREQ(tags, "[\"india\",\"japan\"]");
        dyad_store_close(st);
        sqlite3 *db = NULL;
        T_INTEQ(sqlite3_open(path, &db), SQLITE_OK);
        T_INTEQ(dyad__store_tokenizer(db), SQLITE_OK);
        T_INTEQ(sqlite3_exec(db, down_to_3, NULL, NULL, NULL), SQLITE_OK);
        if (target <= 2)
            T_INTEQ(sqlite3_exec(db, down_to_2, NULL, NULL, NULL), SQLITE_OK);
        if (target == 1)
            T_INTEQ(sqlite3_exec(db, down_to_1, NULL, NULL, NULL), SQLITE_OK);
        sqlite3_close(db);
        snprintf(sql, sizeof sql, "%s'nuclear'", fts);
        T_INTEQ(raw_count(path, sql), target >= 3 ? 1 : -1); /* the old index needs our tokenizer */
        if (target == 1) { /* a copy that stays at schema 1, for test_rows */
            char cmd[3 * PATH_MAX];
            snprintf(cmd, sizeof cmd, "cp '%s' '%s'", path, at("v1-ro.db"));
            T_INTEQ(system(cmd), 0);
        }

        /* read-only: searched as it is, Japanese included; tags unknown */
        T_INTEQ(dyad_store_open(ctx, path, DYAD_STORE_READONLY, &st), DYAD_OK);
        T_INTEQ(count(st, "PRAGMA user_version"), target);
        hits h = {0};
        T_INTEQ(dyad_store_search(st, "平和条約", 0, 10, on_hit, &h), DYAD_OK);
        T_INTEQ(h.n, 1);
        T_CHECK(strstr(h.first_hl, "\001平和条約\002") != NULL);
        memset(&h, 0, sizeof h);
        T_INTEQ(dyad_store_search(st, "nuclear", 0, 10, on_hit, &h), DYAD_OK);
        T_INTEQ(h.n, 1);
        memset(&h, 0, sizeof h);
        T_INTEQ(dyad_store_search(st, "rail", 0, 10, on_hit, &h), DYAD_OK);
        T_INTEQ(h.n, 1);
        T_INTEQ(dyad_store_docs(st, on_tags, tags), DYAD_OK);
        T_STREQ(tags, "(null)");
        T_INTEQ(count(st, "PRAGMA user_version"), target); /* read-only: not changed */
        dyad_store_close(st);

        /* opened to write: upgraded in one step each, the index rebuilt */
        T_INTEQ(dyad_store_open(ctx, path, 0, &st), DYAD_OK);
        T_INTEQ(count(st, "PRAGMA user_version"), DYAD_STORE_SCHEMA);
        T_INTEQ(count(st, "SELECT count(*) FROM events"), 0);
        T_INTEQ(count(st, "SELECT count(*) FROM sentences WHERE cjk IS NOT NULL"), 2); /* both sentences of ja.txt */
        T_INTEQ(count(st, "SELECT count(*) FROM documents WHERE tags IS NULL"), 3);
        T_INTEQ(dyad_store_verify(st), DYAD_OK);
        memset(&h, 0, sizeof h);
        T_INTEQ(dyad_store_search(st, "平和条約", 0, 10, on_hit, &h), DYAD_OK);
        T_INTEQ(h.n, 1);
        T_CHECK(strstr(h.first_hl, "\001平和条約\002") != NULL);
        T_INTEQ(put_file(ctx, st, "tagged.md", &info), DYAD_OK);
        T_INTEQ(info.result, DYAD_PUT_REPLACED); /* read again: its tags were never read */
        T_INTEQ(dyad_store_docs(st, on_tags, tags), DYAD_OK);
        T_STREQ(tags, "[\"india\",\"japan\"]");
        T_INTEQ(put_file(ctx, st, "tagged.md", &info), DYAD_OK);
        T_INTEQ(info.result, DYAD_PUT_UNCHANGED);
        T_INTEQ(count(st, "SELECT count(*) FROM documents WHERE tags IS NULL"), 2);
        T_INTEQ(dyad_store_verify(st), DYAD_OK);
        dyad_store_close(st);
        T_INTEQ(raw_count(path, sql), 1);
        snprintf(sql, sizeof sql, "%s'\"平 和 条 約\"'", fts);
        T_INTEQ(raw_count(path, sql), 1);
        snprintf(sql, sizeof sql, "%s'\"条 約 平 和\"'", fts);
        T_INTEQ(raw_count(path, sql), 0);
    }
    /* an upgrade that fails (here: what the step adds is already there) says so and changes nothing */
    for (int from = 3; from >= 1; from -= 2) {
        char path[PATH_MAX + 64];
        snprintf(path, sizeof path, "%s", at(from == 3 ? "v3.db" : "v1.db"));
        sqlite3 *db = NULL;
        sqlite3_open(path, &db);
        sqlite3_exec(db, from == 3 ? "PRAGMA user_version=3" : "PRAGMA user_version=1", NULL, NULL, NULL);
        sqlite3_close(db);
        dyad_store *st = NULL;
        T_INTEQ(dyad_store_open(ctx, path, 0, &st), DYAD_STORE);
        snprintf(sql, sizeof sql, "while upgrading the store from schema version %d to %d", from, DYAD_STORE_SCHEMA);
        T_OK(strstr(dyad_errmsg(ctx), sql) != NULL, "%s", dyad_errmsg(ctx));
        T_INTEQ(dyad_store_open(ctx, path, DYAD_STORE_READONLY, &st), DYAD_OK);
        T_INTEQ(count(st, "PRAGMA user_version"), from);
        dyad_store_close(st);
    }
    /* schema version 0 with our application id: a creation that never finished */
    sqlite3 *db = NULL;
    sqlite3_open(at("v0.db"), &db);
    sqlite3_exec(db, "CREATE TABLE documents(x); PRAGMA application_id=1685676388; PRAGMA user_version=0", NULL, NULL,
                 NULL);
    sqlite3_close(db);
    dyad_store *st = NULL;
    T_INTEQ(dyad_store_open(ctx, at("v0.db"), 0, &st), DYAD_NOTDB);
    T_CHECK(strstr(dyad_errmsg(ctx), "unknown schema version 0") != NULL);
}

typedef struct ctx_hits {
    int n;
    char sentence[4][256], before[4][256], after[4][256];
} ctx_hits;

static int on_ctx_hit(void *ud, const dyad_hit *h)
{
    ctx_hits *x = ud;
    if (x->n < 4) {
        snprintf(x->sentence[x->n], 256, "%s", h->sentence);
        snprintf(x->before[x->n], 256, "%s", h->before ? h->before : "(null)");
        snprintf(x->after[x->n], 256, "%s", h->after ? h->after : "(null)");
    }
    x->n++;
    return 0;
}

/* dyad_rank(0) gives what FTS5's bm25() gives, on every row that query q finds. */
static void agree_bm25(dyad_store *st, const char *q)
{
    sqlite3_stmt *s = NULL;
    int rows = 0, same = 0;
    if (sqlite3_prepare_v2(dyad__store_db(st), "SELECT bm25(sentences_fts), rank FROM sentences_fts WHERE "
                           "sentences_fts MATCH ?1 AND rank MATCH 'dyad_rank(0)'", -1, &s, NULL) == SQLITE_OK) {
        sqlite3_bind_text(s, 1, q, -1, SQLITE_STATIC);
        while (sqlite3_step(s) == SQLITE_ROW) {
            rows++;
            double a = sqlite3_column_double(s, 0), b = sqlite3_column_double(s, 1);
            same += a - b < 1e-9 && b - a < 1e-9;
        }
    }
    sqlite3_finalize(s);
    T_OK(rows > 0 && same == rows, "query %s: %d of %d rows agree with bm25()", q, same, rows);
}

/* The ranking (store/rank.c): dyad_rank(0) is FTS5's bm25() exactly; the length prior puts a
 * sentence with content above a bare heading; words next to each other beat words scattered; and
 * each hit carries the sentences around it. */
static void test_ranking(dyad_ctx *ctx)
{
    dyad_store *st = NULL;
    dyad_put_info info;
    T_INTEQ(dyad_store_open(ctx, at("rank.db"), DYAD_STORE_CREATE, &st), DYAD_OK);
    write_file("rank1.md", "# Yen loans\n\nJapan extended its first yen loan to India in 1958, the first such loan "
                           "it gave.\n\nIndia has been the largest recipient of Japanese aid since 2003.\n");
    write_file("rank2.md", "# Notes\n\nThe agreement on nuclear energy was signed after six long years of talks.\n\n"
                           "After six long years of talks the nuclear agreement was signed in Tokyo.\n");
    T_INTEQ(put_file(ctx, st, "rank1.md", &info), DYAD_OK);
    T_INTEQ(put_file(ctx, st, "rank2.md", &info), DYAD_OK);
    static const char *const q[] = {"japan", "\"yen\" AND \"loan\"", "india OR nuclear", "\"six long years\"",
                                     "talks NOT tokyo"};
    for (size_t i = 0; i < sizeof q / sizeof q[0]; i++)
        agree_bm25(st, q[i]);
    ctx_hits h = {0};
    T_INTEQ(dyad_store_search(st, "yen loan", DYAD_SEARCH_BM25, 10, on_ctx_hit, &h), DYAD_OK);
    T_STREQ(h.sentence[0], "Yen loans"); /* BM25 alone: the heading first */
    memset(&h, 0, sizeof h);
    T_INTEQ(dyad_store_search(st, "yen loan", 0, 10, on_ctx_hit, &h), DYAD_OK);
    T_INTEQ(h.n, 2);
    T_STREQ(h.sentence[0], "Japan extended its first yen loan to India in 1958, the first such loan it gave.");
    T_STREQ(h.before[0], "Yen loans");
    T_STREQ(h.after[0], "India has been the largest recipient of Japanese aid since 2003.");
    T_STREQ(h.sentence[1], "Yen loans");
    T_STREQ(h.before[1], "(null)"); /* the start of the document */
    memset(&h, 0, sizeof h);
    T_INTEQ(dyad_store_search(st, "nuclear agreement", 0, 10, on_ctx_hit, &h), DYAD_OK);
    T_INTEQ(h.n, 2); /* same length, same words: the one holding them as written first */
    T_STREQ(h.sentence[0], "After six long years of talks the nuclear agreement was signed in Tokyo.");
    T_STREQ(h.after[0], "(null)"); /* the end of the document */
    T_STREQ(h.before[0], "The agreement on nuclear energy was signed after six long years of talks.");
    /* Japanese, in the spaced column (cjk) as well as the text: dyad_rank(0) is still bm25(), and
     * the prior takes a sentence's length from its spaced copy, one token a character, so that the
     * sentence is not counted twice: a bare heading of four characters goes below the sentence. */
    write_file("rank3.md", "# 平和条約\n\n日本とインドは1952年に平和条約を結び、国交を樹立した。\n");
    T_INTEQ(put_file(ctx, st, "rank3.md", &info), DYAD_OK);
    static const char *const qj[] = {"\"平 和 条 約\"", "\"日 本\" OR japan", "\"平 和\" AND \"条 約\"", "1952"};
    for (size_t i = 0; i < sizeof qj / sizeof qj[0]; i++)
        agree_bm25(st, qj[i]);
    memset(&h, 0, sizeof h);
    T_INTEQ(dyad_store_search(st, "平和条約", DYAD_SEARCH_BM25, 10, on_ctx_hit, &h), DYAD_OK);
    T_INTEQ(h.n, 2);
    T_STREQ(h.sentence[0], "平和条約"); /* BM25 alone: the heading first */
    memset(&h, 0, sizeof h);
    T_INTEQ(dyad_store_search(st, "平和条約", 0, 10, on_ctx_hit, &h), DYAD_OK);
    T_INTEQ(h.n, 2);
    T_STREQ(h.sentence[0], "日本とインドは1952年に平和条約を結び、国交を樹立した。");
    T_STREQ(h.before[0], "平和条約");
    dyad_store_close(st);
}

/* ---- events and timeline rows read back ---- */

typedef struct rowseen {
    int n, dated_after_undated, bad;
    char last_date[16], first_type[16];
    size_t sources;
} rowseen;

static int on_event_row(void *ud, const dyad_event_row *r)
{
    rowseen *x = ud;
    if (!r->date && x->n == 0)
        x->last_date[0] = 0;
    if (r->date && x->n && !x->last_date[0])
        x->dated_after_undated = 1;
    snprintf(x->last_date, sizeof x->last_date, "%s", r->date ? r->date : "");
    if (r->nactors < 2 || !r->text[0] || r->end <= r->start || r->doc.path[0] != '/' || strlen(r->doc.hash) != 64)
        x->bad++;
    if (!x->n)
        snprintf(x->first_type, sizeof x->first_type, "%s", r->type);
    x->n++;
    return 0;
}

static int on_entry_row(void *ud, const dyad_entry_row *e)
{
    rowseen *x = ud;
    x->sources += e->nsources;
    for (size_t i = 0; i < e->nsources; i++)
        if (!e->sources[i].sentence[0] || e->sources[i].doc.path[0] != '/')
            x->bad++;
    if (e->nactors < 2 || e->ndates < (e->date ? 1 : 0) || e->mentions < 1)
        x->bad++;
    x->n++;
    return x->n == 1000 ? 5 : 0;
}

/* dyad_store_entry_sources gives the sources that dyad_store_timeline_rows gives inline */
typedef struct same_src {
    dyad_store *st;
    int entries, bad;
    size_t at;
    const dyad_entry_row *e;
} same_src;

static int on_one_source(void *ud, const dyad_source_row *s)
{
    same_src *c = ud;
    const dyad_source_row *t = c->at < c->e->nsources ? &c->e->sources[c->at] : NULL;
    if (!t || t->seq != s->seq || t->start != s->start || t->doc.id != s->doc.id || strcmp(t->sentence, s->sentence) ||
        strcmp(t->doc.path, s->doc.path) || !s->block || s->block_start > s->start)
        c->bad++;
    c->at++;
    return 0;
}

static int on_entry_sources(void *ud, const dyad_entry_row *e)
{
    same_src *c = ud;
    c->entries++;
    c->at = 0;
    c->e = e;
    int err = dyad_store_entry_sources(c->st, e->id, on_one_source, c); /* a read inside a read */
    if (c->at != e->nsources)
        c->bad++;
    return err;
}

static int fuse_src(void *ud, const dyad_fuse_src *s) { return dyad_fuser_add(ud, s); }
static int store_entry(void *ud, const dyad_entry *e) { return dyad_store_timeline_add(ud, e); }

static void test_rows(dyad_ctx *ctx)
{
    dyad_store *st = NULL;
    T_INTEQ(dyad_store_open(ctx, at("rows.db"), DYAD_STORE_CREATE, &st), DYAD_OK);
    write_file("r1.txt", "India and Pakistan signed a trade agreement in March 2011. India and Japan held talks in "
                         "Tokyo in May 2012.\n\nJapan extended a yen loan to India in 2013. India and Japan held "
                         "talks on the matter.\n");
    write_file("r2.txt", "Japan extended a yen loan to India in 2013, for the Delhi Metro.\n");
    const char *names[] = {"r1.txt", "r2.txt"};
    for (int i = 0; i < 2; i++) {
        dyad_doc *doc = NULL;
        T_INTEQ(dyad_doc_read_file(ctx, at(names[i]), DYAD_FMT_AUTO, &doc), DYAD_OK);
        T_INTEQ(dyad_run(ctx, doc, DYAD_STAGE_EVENTS, NULL), DYAD_OK);
        T_INTEQ(dyad_store_put(st, doc, NULL), DYAD_OK);
        dyad_doc_free(doc);
    }
    dyad_fuser *f = dyad_fuser_new(ctx, 0);
    T_INTEQ(dyad_store_events(st, fuse_src, f), DYAD_OK);
    T_INTEQ(dyad_store_timeline_begin(st), DYAD_OK);
    T_INTEQ(dyad_fuser_run(f, store_entry, st), DYAD_OK);
    T_INTEQ(dyad_store_timeline_end(st, 1), DYAD_OK);
    dyad_fuser_free(f);
    int64_t nev = count(st, "SELECT count(*) FROM events"), ntl = count(st, "SELECT count(*) FROM timeline");
    T_CHECK(nev >= 4 && ntl >= 3);
    dyad_store_close(st);

    T_INTEQ(dyad_store_open(ctx, at("rows.db"), DYAD_STORE_READONLY, &st), DYAD_OK);
    T_INTEQ(dyad_store_schema(st), DYAD_STORE_SCHEMA);
    rowseen x = {0};
    T_INTEQ(dyad_store_event_rows(st, NULL, on_event_row, &x), DYAD_OK);
    T_INTEQ(x.n, nev);
    T_INTEQ(x.bad, 0);
    T_INTEQ(x.dated_after_undated, 0); /* dated first, undated last */
    dyad_store_filter fl;
    memset(&fl, 0, sizeof fl);
    char codes[64];
    T_INTEQ(dyad_store_filter_codes(&fl, "pak,IND", codes, sizeof codes), DYAD_OK);
    T_INTEQ(fl.ncodes, 2);
    T_STREQ(fl.codes[0], "PAK");
    memset(&x, 0, sizeof x);
    T_INTEQ(dyad_store_event_rows(st, &fl, on_event_row, &x), DYAD_OK);
    T_INTEQ(x.n, 1);
    T_STREQ(x.first_type, "AGREE");
    int64_t n = -1;
    T_INTEQ(dyad_store_event_count(st, &fl, &n), DYAD_OK);
    T_INTEQ(n, 1);
    dyad_store_filter years;
    memset(&years, 0, sizeof years);
    years.from = years.to = 2012;
    memset(&x, 0, sizeof x);
    T_INTEQ(dyad_store_event_rows(st, &years, on_event_row, &x), DYAD_OK);
    T_INTEQ(x.n, 1);
    dyad_store_filter none = fl;
    none.from = 2013;
    memset(&x, 0, sizeof x);
    T_INTEQ(dyad_store_event_rows(st, &none, on_event_row, &x), DYAD_OK);
    T_INTEQ(x.n, 0);
    dyad_store_filter bytype;
    memset(&bytype, 0, sizeof bytype);
    bytype.type = "AGREE";
    memset(&x, 0, sizeof x);
    T_INTEQ(dyad_store_event_rows(st, &bytype, on_event_row, &x), DYAD_OK);
    T_INTEQ(x.n, 1);
    /* paging: the rows of two pages are the rows of one read */
    dyad_store_filter pg;
    memset(&pg, 0, sizeof pg);
    pg.limit = 2;
    memset(&x, 0, sizeof x);
    T_INTEQ(dyad_store_event_rows(st, &pg, on_event_row, &x), DYAD_OK);
    T_INTEQ(x.n, 2);
    pg.offset = 2;
    pg.limit = 0;
    memset(&x, 0, sizeof x);
    T_INTEQ(dyad_store_event_rows(st, &pg, on_event_row, &x), DYAD_OK);
    T_INTEQ(x.n, nev - 2);
    dyad_store_filter toomany;
    memset(&toomany, 0, sizeof toomany);
    toomany.ncodes = DYAD_STORE_FILTER_CODES + 1;
    T_INTEQ(dyad_store_event_rows(st, &toomany, on_event_row, &x), DYAD_ARG);
    T_INTEQ(dyad_store_filter_codes(&toomany, "IND,J'P", codes, sizeof codes), DYAD_ARG);
    T_INTEQ(toomany.ncodes, 0);
    T_INTEQ(dyad_store_filter_codes(&toomany, "IND,IND,IND,IND,IND,IND,IND,IND,IND,IND,IND,IND,IND,IND,IND,IND,IND",
                                    codes, sizeof codes),
            DYAD_ARG);
    T_INTEQ(dyad_store_filter_codes(&toomany, "IND,JPN", codes, 4), DYAD_ARG);
    memset(&x, 0, sizeof x);
    T_INTEQ(dyad_store_timeline_rows(st, NULL, on_entry_row, &x), DYAD_OK);
    T_INTEQ(x.n, ntl);
    T_INTEQ(x.bad, 0);
    T_INTEQ((int64_t)x.sources, count(st, "SELECT count(*) FROM timeline_sources"));
    T_INTEQ(dyad_store_timeline_count(st, NULL, &n), DYAD_OK);
    T_INTEQ(n, ntl);
    same_src ss = {st, 0, 0, 0, NULL};
    T_INTEQ(dyad_store_timeline_rows(st, NULL, on_entry_sources, &ss), DYAD_OK);
    T_INTEQ(ss.entries, ntl);
    T_INTEQ(ss.bad, 0);
    dyad_store_filter loans;
    memset(&loans, 0, sizeof loans);
    loans.from = loans.to = 2013;
    memset(&x, 0, sizeof x);
    T_INTEQ(dyad_store_timeline_rows(st, &loans, on_entry_row, &x), DYAD_OK);
    T_INTEQ(x.n, 2);            /* the two documents' loan of 2013 is one entry; the talks (narrative 2013) */
    T_INTEQ((int64_t)x.sources, 3);
    T_INTEQ(dyad_store_timeline_count(st, &loans, &n), DYAD_OK);
    T_INTEQ(n, 2);
    loans.offset = 1;
    memset(&x, 0, sizeof x);
    T_INTEQ(dyad_store_timeline_rows(st, &loans, on_entry_row, &x), DYAD_OK);
    T_INTEQ(x.n, 1);
    dyad_store_close(st);

    /* a store of schema 1 has no events: no rows, no error */
    T_INTEQ(dyad_store_open(ctx, at("v1-ro.db"), DYAD_STORE_READONLY, &st), DYAD_OK);
    T_INTEQ(dyad_store_schema(st), 1);
    memset(&x, 0, sizeof x);
    T_INTEQ(dyad_store_event_rows(st, NULL, on_event_row, &x), DYAD_OK);
    T_INTEQ(dyad_store_timeline_rows(st, NULL, on_entry_row, &x), DYAD_OK);
    T_INTEQ(x.n, 0);
    dyad_store_close(st);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/dyad-test-store-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    chmod(dir, 0755);
    test_query();
    {
        dyad_ctx *rc = dyad_ctx_new(NULL);
        test_ranking(rc);
        dyad_ctx_free(rc);
    }
    test_cjk();

    dyad_ctx *ctx = dyad_ctx_new(NULL);
    dyad_store *st = NULL;
    dyad_put_info info;

    /* open: missing without CREATE, then created */
    T_INTEQ(dyad_store_open(ctx, at("s.db"), 0, &st), DYAD_NOTFOUND);
    T_CHECK(st == NULL && strstr(dyad_errmsg(ctx), "no such store"));
    T_INTEQ(dyad_store_open(ctx, at("s.db"), DYAD_STORE_READONLY, &st), DYAD_NOTFOUND);
    T_INTEQ(dyad_store_open(ctx, at("s.db"), DYAD_STORE_CREATE, &st), DYAD_OK);
    T_INTEQ(count(st, "PRAGMA application_id"), DYAD_STORE_APP_ID);
    T_INTEQ(count(st, "PRAGMA user_version"), DYAD_STORE_SCHEMA);
    T_INTEQ(dyad_store_close(st), DYAD_OK);
    T_INTEQ(dyad_store_open(ctx, at("s.db"), DYAD_STORE_CREATE, &st), DYAD_OK);

    /* put: added, then unchanged with nothing written */
    write_file("a.txt", "Japan extended its first yen loan to India in 1958.\n\n"
                        "The loan was small but it opened a long partnership in many fields of work.\n");
    write_file("b.txt", "India and Japan signed a civil nuclear agreement in November 2016 after six years.\n");
    T_INTEQ(put_file(ctx, st, "a.txt", &info), DYAD_OK);
    T_INTEQ(info.result, DYAD_PUT_ADDED);
    T_INTEQ(info.nsentences, 2);
    T_CHECK(info.path && info.path[0] == '/' && strstr(info.path, "/a.txt"));
    int64_t id_a = info.doc_id;
    T_INTEQ(put_file(ctx, st, "b.txt", &info), DYAD_OK);
    T_INTEQ(info.result, DYAD_PUT_ADDED);
    int changes = sqlite3_total_changes(dyad__store_db(st));
    T_INTEQ(put_file(ctx, st, "a.txt", &info), DYAD_OK);
    T_INTEQ(info.result, DYAD_PUT_UNCHANGED);
    T_INTEQ(info.doc_id, id_a);
    T_INTEQ(info.nsentences, 2);
    T_INTEQ(sqlite3_total_changes(dyad__store_db(st)), changes);
    int unchanged = -1;
    T_INTEQ(dyad_store_unchanged(st, at("a.txt"), &unchanged), DYAD_OK);
    T_INTEQ(unchanged, 1);
    T_INTEQ(dyad_store_unchanged(st, at("nope.txt"), &unchanged), DYAD_OK);
    T_INTEQ(unchanged, 0);

    /* offsets: every sentence is the clean text's bytes at [start, end) of its block */
    T_INTEQ(count(st, "SELECT count(*) FROM sentences s JOIN blocks b ON b.doc = s.doc AND b.seq = s.block "
                      "WHERE substr(b.text, s.start - b.start + 1, s.end - s.start) <> s.text"), 0);
    T_INTEQ(count(st, "SELECT count(*) FROM blocks WHERE doc = 1"), 2);
    T_INTEQ(count(st, "SELECT start FROM blocks WHERE doc = 1 AND seq = 1"), 53); /* after "...1958.\n\n" */

    /* search: ranking, highlight, limit, early stop */
    hits h = {0};
    T_INTEQ(dyad_store_search(st, "loan", 0, 10, on_hit, &h), DYAD_OK);
    T_INTEQ(h.n, 2);
    T_STREQ(h.first, "Japan extended its first yen loan to India in 1958.");
    T_CHECK(strstr(h.first_hl, "\001loan\002") != NULL);
    T_CHECK(h.scores[0] <= h.scores[1]);
    memset(&h, 0, sizeof h);
    T_INTEQ(dyad_store_search(st, "loans", 0, 1, on_hit, &h), DYAD_OK); /* porter: loans -> loan */
    T_INTEQ(h.n, 1);
    memset(&h, 0, sizeof h); /* a pasted en dash between the words does not empty the result */
    T_INTEQ(dyad_store_search(st, "yen \u2013 loans", 0, 1, on_hit, &h), DYAD_OK);
    T_INTEQ(h.n, 1);
    memset(&h, 0, sizeof h);
    h.stop_at = 1;
    T_INTEQ(dyad_store_search(st, "loan", 0, 10, on_hit, &h), 42);
    memset(&h, 0, sizeof h);
    T_INTEQ(dyad_store_search(st, "\"nuclear agreement\"", 0, 10, on_hit, &h), DYAD_OK);
    T_INTEQ(h.n, 1);
    memset(&h, 0, sizeof h);
    T_INTEQ(dyad_store_search(st, "\"agreement nuclear\"", 0, 10, on_hit, &h), DYAD_OK);
    T_INTEQ(h.n, 0);
    T_INTEQ(dyad_store_search(st, "AND OR -", 0, 10, on_hit, &h), DYAD_ARG);
    T_CHECK(strstr(dyad_errmsg(ctx), "nothing to search for") != NULL);
    T_INTEQ(dyad_store_search(st, "NEAR(loan", DYAD_SEARCH_RAW, 10, on_hit, &h), DYAD_ARG);
    T_CHECK(strstr(dyad_errmsg(ctx), "bad query") != NULL);
    memset(&h, 0, sizeof h);
    T_INTEQ(dyad_store_search(st, "NEAR(loan yen, 3)", DYAD_SEARCH_RAW, 10, on_hit, &h), DYAD_OK);
    T_INTEQ(h.n, 1);

    /* Any query, however hostile, is either searched or refused as empty: never an FTS5 error. */
    {
        static const char *const pieces[] = {"loan", "yen", "\"", "-", "*", "(", ")", ":", "^", " ", " OR ",
                                             " AND ", " NOT ", "NEAR", ",", "日本", "\xff", "+", "{", "}", "'"};
        unsigned seed = 12345;
        int bad = 0;
        for (int i = 0; i < 3000; i++) {
            char qbuf[256] = "";
            int n = 1 + (int)(i % 9);
            for (int k = 0; k < n; k++) {
                seed = seed * 1103515245u + 12345u;
                strncat(qbuf, pieces[(seed >> 16) % (sizeof pieces / sizeof pieces[0])], sizeof qbuf - strlen(qbuf) - 1);
            }
            memset(&h, 0, sizeof h);
            int r = dyad_store_search(st, qbuf, 0, 5, on_hit, &h);
            if (!(r == DYAD_OK || (r == DYAD_ARG && strstr(dyad_errmsg(ctx), "nothing to search for")))) {
                if (bad++ < 5)
                    fprintf(stderr, "query [%s]: %d %s\n", qbuf, r, dyad_errmsg(ctx));
            }
        }
        T_INTEQ(bad, 0);
    }

    /* replace: same id, old sentences gone from the index */
    write_file("a.txt", "Japan extended its first yen credit to India in 1958.\n");
    T_INTEQ(put_file(ctx, st, "a.txt", &info), DYAD_OK);
    T_INTEQ(info.result, DYAD_PUT_REPLACED);
    T_INTEQ(info.doc_id, id_a);
    T_INTEQ(info.nsentences, 1);
    memset(&h, 0, sizeof h);
    T_INTEQ(dyad_store_search(st, "loan", 0, 10, on_hit, &h), DYAD_OK);
    T_INTEQ(h.n, 0);
    T_INTEQ(count(st, "SELECT count(*) FROM sentences WHERE doc = 1"), 1);
    T_INTEQ(count(st, "SELECT count(*) FROM blocks WHERE doc = 1"), 1);
    T_INTEQ(count(st, "SELECT count(*) FROM documents"), 2);
    T_INTEQ(count(st, "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'partnership'"), 0);

    /* duplicate content under another path; then moved when the first path is gone */
    write_file("c.txt", "Japan extended its first yen credit to India in 1958.\n");
    T_INTEQ(put_file(ctx, st, "c.txt", &info), DYAD_OK);
    T_INTEQ(info.result, DYAD_PUT_DUPLICATE);
    T_CHECK(info.other && strstr(info.other, "/a.txt"));
    T_INTEQ(count(st, "SELECT count(*) FROM documents"), 2);
    T_CHECK(rename(at("a.txt"), at("a2.txt")) == 0);
    T_INTEQ(put_file(ctx, st, "a2.txt", &info), DYAD_OK);
    T_INTEQ(info.result, DYAD_PUT_MOVED);
    T_INTEQ(info.doc_id, id_a);
    T_INTEQ(count(st, "SELECT count(*) FROM documents WHERE path LIKE '%/a2.txt'"), 1);

    T_INTEQ(dyad_store_verify(st), DYAD_OK);

    /* Japanese: kana and Chinese characters are one token each, so words inside a run are found
     * and the highlight marks exactly their bytes; mixed Latin and CJK runs still stem. */
    write_file("ja.txt", "日本とインドは1952年に平和条約を結び、国交を樹立した。Tokyo日本loans宣言です。\n");
    T_INTEQ(put_file(ctx, st, "ja.txt", &info), DYAD_OK);
    memset(&h, 0, sizeof h);
    T_INTEQ(dyad_store_search(st, "平和条約", 0, 10, on_hit, &h), DYAD_OK);
    T_INTEQ(h.n, 1);
    T_CHECK(strstr(h.first_hl, "\001平和条約\002") != NULL);
    memset(&h, 0, sizeof h);
    T_INTEQ(dyad_store_search(st, "インド 1952年", 0, 10, on_hit, &h), DYAD_OK);
    T_INTEQ(h.n, 1);
    memset(&h, 0, sizeof h);
    T_INTEQ(dyad_store_search(st, "条約平和", 0, 10, on_hit, &h), DYAD_OK); /* characters out of order */
    T_INTEQ(h.n, 0);
    memset(&h, 0, sizeof h);
    T_INTEQ(dyad_store_search(st, "loan 宣言", 0, 10, on_hit, &h), DYAD_OK);
    T_INTEQ(h.n, 1);
    T_CHECK(strstr(h.first_hl, "\001loans\002") != NULL);
    T_INTEQ(dyad_store_verify(st), DYAD_OK);
    /* The index needs nothing of ours: plain SQLite finds English and spaced Japanese. */
    T_INTEQ(raw_count(at("s.db"), "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'loans'"), 1);
    T_INTEQ(raw_count(at("s.db"), "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH '\"平 和 条 約\"'"), 1);
    test_upgrade(ctx);
    test_rows(ctx);

    /* remove and prune */
    write_file("gone.txt", "A short note about the Quad summit and Japan in 2021.\n");
    T_INTEQ(put_file(ctx, st, "gone.txt", &info), DYAD_OK);
    T_INTEQ(info.result, DYAD_PUT_ADDED);
    int64_t before = count(st, "SELECT count(*) FROM documents");
    T_INTEQ(dyad_store_remove(st, at("gone.txt")), DYAD_OK);
    T_INTEQ(count(st, "SELECT count(*) FROM documents"), before - 1);
    T_INTEQ(dyad_store_remove(st, at("gone.txt")), DYAD_NOTFOUND);
    memset(&h, 0, sizeof h);
    T_INTEQ(dyad_store_search(st, "quad summit", 0, 10, on_hit, &h), DYAD_OK);
    T_INTEQ(h.n, 0);
    T_INTEQ(put_file(ctx, st, "gone.txt", &info), DYAD_OK);
    unlink(at("gone.txt"));
    int npruned = 0;
    T_INTEQ(dyad_store_prune(st, dir, count_pruned, &npruned), DYAD_OK);
    T_INTEQ(npruned, 1);
    T_INTEQ(count(st, "SELECT count(*) FROM documents"), before - 1);
    T_INTEQ(dyad_store_prune(st, at("no-such-folder"), count_pruned, &npruned), DYAD_NOTFOUND);
    T_INTEQ(dyad_store_verify(st), DYAD_OK);

    /* docs */
    int ndocs = 0;
    T_INTEQ(dyad_store_docs(st, on_doc, &ndocs), DYAD_OK);
    T_INTEQ(ndocs, 3);

    /* a document with no text left is refused and writes nothing */
    changes = sqlite3_total_changes(dyad__store_db(st));
    dyad_doc *doc = NULL;
    T_INTEQ(dyad_doc_read_mem(ctx, at("menu.html"), "<html><body><nav><a href=x>Home</a></nav></body></html>", 55,
                              DYAD_FMT_AUTO, &doc), DYAD_OK);
    if (doc) {
        /* not processed: the store refuses to write it */
        T_INTEQ(dyad_store_put(st, doc, &info), DYAD_ARG);
        T_INTEQ(sqlite3_total_changes(dyad__store_db(st)), changes);
        int e = dyad_run(ctx, doc, DYAD_STAGE_SPLIT, NULL);
        T_INTEQ(e, DYAD_NOTEXT);
        dyad_doc_free(doc);
    }

    /* a full disk (the page limit stands in for it): rolled back, the store still works */
    int64_t sent0 = count(st, "SELECT count(*) FROM sentences");
    int64_t pages = count(st, "PRAGMA page_count");
    char sql[96];
    snprintf(sql, sizeof sql, "PRAGMA max_page_count=%lld", (long long)pages + 2);
    sqlite3_exec(dyad__store_db(st), sql, NULL, NULL, NULL);
    FILE *f = fopen(at("big.txt"), "wb");
    for (int i = 0; f && i < 5000; i++)
        fprintf(f, "India and Japan held talks on subject number %d and agreed to meet again soon.\n\n", i);
    if (f)
        fclose(f);
    int e = put_file(ctx, st, "big.txt", &info);
    T_INTEQ(e, DYAD_IO);
    T_CHECK(strstr(dyad_errmsg(ctx), "big.txt: not stored: disk full") != NULL);
    T_INTEQ(count(st, "SELECT count(*) FROM sentences"), sent0);
    T_INTEQ(count(st, "SELECT count(*) FROM documents WHERE path LIKE '%big.txt'"), 0);
    T_CHECK(sqlite3_get_autocommit(dyad__store_db(st)) != 0); /* no transaction left open */
    T_INTEQ(dyad_store_verify(st), DYAD_OK);
    sqlite3_exec(dyad__store_db(st), "PRAGMA max_page_count=1073741823", NULL, NULL, NULL);
    T_INTEQ(put_file(ctx, st, "big.txt", &info), DYAD_OK);
    T_INTEQ(info.result, DYAD_PUT_ADDED);
    T_INTEQ(info.nsentences, 5000);
    T_INTEQ(count(st, "SELECT count(*) FROM sentences"), sent0 + 5000);
    /* a replace that hits a full disk half-way (after the old rows were deleted): the old version
     * stays whole, in the table and in the index */
    int64_t big_id = count(st, "SELECT id FROM documents WHERE path LIKE '%big.txt'");
    pages = count(st, "PRAGMA page_count");
    snprintf(sql, sizeof sql, "PRAGMA max_page_count=%lld", (long long)pages + 2);
    sqlite3_exec(dyad__store_db(st), sql, NULL, NULL, NULL);
    f = fopen(at("big.txt"), "wb");
    for (int i = 0; f && i < 9000; i++)
        fprintf(f, "Japan and India reviewed project number %d of the partnership in Delhi.\n\n", i);
    if (f)
        fclose(f);
    T_INTEQ(put_file(ctx, st, "big.txt", &info), DYAD_IO);
    T_CHECK(sqlite3_get_autocommit(dyad__store_db(st)) != 0);
    T_INTEQ(count(st, "SELECT count(*) FROM sentences"), sent0 + 5000);
    T_INTEQ(count(st, "SELECT nsentences FROM documents WHERE path LIKE '%big.txt'"), 5000);
    T_INTEQ(dyad_store_verify(st), DYAD_OK);
    memset(&h, 0, sizeof h);
    T_INTEQ(dyad_store_search(st, "\"subject number 4321\"", 0, 10, on_hit, &h), DYAD_OK);
    T_INTEQ(h.n, 1);
    sqlite3_exec(dyad__store_db(st), "PRAGMA max_page_count=1073741823", NULL, NULL, NULL);
    T_INTEQ(put_file(ctx, st, "big.txt", &info), DYAD_OK);
    T_INTEQ(info.result, DYAD_PUT_REPLACED);
    T_INTEQ(info.doc_id, big_id);
    T_INTEQ(count(st, "SELECT count(*) FROM sentences"), sent0 + 9000);
    T_INTEQ(dyad_store_verify(st), DYAD_OK);
    memset(&h, 0, sizeof h);
    T_INTEQ(dyad_store_search(st, "\"subject number 4321\"", 0, 10, on_hit, &h), DYAD_OK);
    T_INTEQ(h.n, 0);
    /* a sentence changed behind the index's back is found by the check */
    sqlite3 *hdb = dyad__store_db(st);
    sqlite3_exec(hdb, "CREATE TEMP TABLE keep AS SELECT id, text FROM sentences ORDER BY id LIMIT 1", NULL, NULL, NULL);
    sqlite3_exec(hdb, "UPDATE sentences SET text = 'changed' WHERE id = (SELECT id FROM keep)", NULL, NULL, NULL);
    T_INTEQ(dyad_store_verify(st), DYAD_STORE);
    T_CHECK(strstr(dyad_errmsg(ctx), "full-text index does not match") != NULL);
    sqlite3_exec(hdb, "UPDATE sentences SET text = (SELECT text FROM keep) WHERE id = (SELECT id FROM keep)", NULL,
                 NULL, NULL);
    T_INTEQ(dyad_store_verify(st), DYAD_OK);
    T_INTEQ(dyad_store_close(st), DYAD_OK);
    struct stat sb;
    T_CHECK(stat(at("s.db-wal"), &sb) != 0); /* back to one file */

    /* read-only open: search works, put refuses */
    T_INTEQ(dyad_store_open(ctx, at("s.db"), DYAD_STORE_READONLY, &st), DYAD_OK);
    memset(&h, 0, sizeof h);
    T_INTEQ(dyad_store_search(st, "credit", 0, 10, on_hit, &h), DYAD_OK);
    T_INTEQ(h.n, 1);
    write_file("d.txt", "A note on the Quad and Japan.\n");
    T_INTEQ(put_file(ctx, st, "d.txt", &info), DYAD_READONLY);
    dyad_store_close(st);

    /* not SQLite, another application's SQLite, a newer schema, an empty file */
    write_file("text.db", "this is plainly not a database, just some words in a file\n");
    T_INTEQ(dyad_store_open(ctx, at("text.db"), DYAD_STORE_CREATE, &st), DYAD_NOTDB);
    T_CHECK(strstr(dyad_errmsg(ctx), "text.db: not a dyad store (file is not an SQLite database)") != NULL);
    sqlite3 *db = NULL;
    sqlite3_open(at("other.db"), &db);
    sqlite3_exec(db, "CREATE TABLE t(x); INSERT INTO t VALUES(1)", NULL, NULL, NULL);
    sqlite3_close(db);
    T_INTEQ(dyad_store_open(ctx, at("other.db"), DYAD_STORE_CREATE, &st), DYAD_NOTDB);
    T_CHECK(strstr(dyad_errmsg(ctx), "another application") != NULL);
    T_INTEQ(dyad_store_open(ctx, at("other.db"), DYAD_STORE_READONLY, &st), DYAD_NOTDB);
    sqlite3_open(at("s.db"), &db);
    sqlite3_exec(db, "PRAGMA user_version=7", NULL, NULL, NULL);
    sqlite3_close(db);
    T_INTEQ(dyad_store_open(ctx, at("s.db"), 0, &st), DYAD_NOTDB);
    T_CHECK(strstr(dyad_errmsg(ctx), "newer dyad") != NULL);
    sqlite3_open(at("s.db"), &db);
    sqlite3_exec(db, "PRAGMA user_version=" T_STR(DYAD_STORE_SCHEMA), NULL, NULL, NULL);
    sqlite3_close(db);
    write_file("empty.db", "");
    T_INTEQ(dyad_store_open(ctx, at("empty.db"), DYAD_STORE_READONLY, &st), DYAD_NOTDB);
    T_INTEQ(dyad_store_open(ctx, at("empty.db"), DYAD_STORE_CREATE, &st), DYAD_OK); /* an empty file becomes a store */
    dyad_store_close(st);
    T_INTEQ(dyad_store_open(ctx, dir, DYAD_STORE_CREATE, &st), DYAD_ARG);
    T_INTEQ(dyad_store_open(ctx, "/nonexistent-dir-dyad/x.db", DYAD_STORE_CREATE, &st), DYAD_NOTFOUND);

    /* read-only file (as root, checked as an unprivileged user in a child, since root may write it) */
    chmod(at("s.db"), 0444);
    if (geteuid() != 0) {
        dyad_store *s2 = NULL;
        T_INTEQ(dyad_store_open(ctx, at("s.db"), DYAD_STORE_CREATE, &s2), DYAD_READONLY);
        T_CHECK(strstr(dyad_errmsg(ctx), "read-only") != NULL && s2 == NULL);
    } else {
        fflush(NULL);
        pid_t pid = fork();
        if (pid == 0) {
            if (setgid(65534) != 0 || setuid(65534) != 0)
                _exit(3);
            dyad_store *s2 = NULL;
            int r = dyad_store_open(ctx, at("s.db"), DYAD_STORE_CREATE, &s2);
            _exit(r == DYAD_READONLY && strstr(dyad_errmsg(ctx), "read-only") && !s2 ? 0 : 1);
        }
        int status = 0;
        T_CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
        T_OK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "read-only child: exit %d", WEXITSTATUS(status));
    }
    chmod(at("s.db"), 0644);

    /* A store named like an SQLite URI is a file of that name, never an in-memory database that
     * would vanish on close after reporting "added". */
    char cwd[PATH_MAX];
    if (getcwd(cwd, sizeof cwd) && chdir(dir) == 0) {
        const char *uri = "file:u.db?mode=memory";
        T_INTEQ(dyad_store_open(ctx, uri, DYAD_STORE_CREATE, &st), DYAD_OK);
        dyad_put_info ui;
        write_file("uri.txt", "Japan and India signed a memorandum on railways in 2015.\n");
        T_INTEQ(put_file(ctx, st, "uri.txt", &ui), DYAD_OK);
        T_INTEQ(ui.result, DYAD_PUT_ADDED);
        T_INTEQ(dyad_store_close(st), DYAD_OK);
        st = NULL;
        struct stat ub;
        T_OK(stat(uri, &ub) == 0 && S_ISREG(ub.st_mode), "a file named %s was written", uri);
        T_INTEQ(dyad_store_open(ctx, uri, DYAD_STORE_READONLY, &st), DYAD_OK);
        T_INTEQ(count(st, "SELECT count(*) FROM documents"), 1);
        dyad_store_close(st);
        st = NULL;
        T_CHECK(chdir(cwd) == 0);
    }

    dyad_ctx_free(ctx);
    char cmd[PATH_MAX + 32];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    T_DONE();
}
