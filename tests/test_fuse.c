/* tests/test_fuse.c — fusion against the golden cases of tests/fuse.cases, the same fusion when
 * mentions are spilled to temporary files (a tiny memory limit), lines that are not events (one
 * error each, the rest still fused), and ten thousand mentions of one pair in one year (bounded
 * time). Run from the repository root. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dyad/dyad.h"
#include "t.h"

#define MAX_EV 16
#define MAX_ENTRIES 64

typedef struct fev {
    char doc[64], date[16], type[16], src[32], tgt[32];
    char sentence[1024];
    size_t ts, te;
} fev;

typedef struct got {
    char date[16], type[16];
    size_t docs, mentions;
    int disagree;
} got;

typedef struct run {
    got g[MAX_ENTRIES];
    int n;
} run;

static int collect(void *ud, const dyad_entry *e)
{
    run *r = ud;
    if (r->n < MAX_ENTRIES) {
        got *g = &r->g[r->n++];
        snprintf(g->date, sizeof g->date, "%s", e->date ? e->date : "-");
        snprintf(g->type, sizeof g->type, "%s", e->type);
        g->docs = e->ndocs;
        g->mentions = e->nmentions;
        g->disagree = e->disagreement;
    }
    return 0;
}

static int cmp_got(const void *a, const void *b)
{
    const got *x = a, *y = b;
    int ux = !strcmp(x->date, "-"), uy = !strcmp(y->date, "-");
    if (ux != uy)
        return ux ? 1 : -1;
    int c = strcmp(x->date, y->date);
    return c ? c : strcmp(x->type, y->type);
}

static int parse_event(const char *line, fev *e)
{
    memset(e, 0, sizeof *e);
    const char *bar = strstr(line, " | ");
    if (!bar)
        return -1;
    char head[256];
    snprintf(head, sizeof head, "%.*s", (int)(bar - line), line);
    char arrow[32];
    if (sscanf(head, "%63s %15s %15s %31s", e->doc, e->date, e->type, arrow) != 4)
        return -1;
    char *gt = strchr(arrow, '>');
    if (!gt)
        return -1;
    *gt = 0;
    snprintf(e->src, sizeof e->src, "%s", arrow);
    snprintf(e->tgt, sizeof e->tgt, "%s", gt + 1);
    /* the sentence without its brackets; the trigger's offsets */
    size_t o = 0;
    for (const char *p = bar + 3; *p && o + 1 < sizeof e->sentence; p++) {
        if (*p == '[') {
            e->ts = o;
            continue;
        }
        if (*p == ']') {
            e->te = o;
            continue;
        }
        e->sentence[o++] = *p;
    }
    e->sentence[o] = 0;
    return e->te > e->ts ? 0 : -1;
}

static int add(dyad_fuser *f, const fev *e)
{
    dyad_fuse_src s;
    memset(&s, 0, sizeof s);
    s.doc = e->doc;
    s.date = strcmp(e->date, "-") ? e->date : NULL;
    s.date_source = s.date ? "text" : "none";
    s.source[0] = e->src;
    s.nsource = 1;
    s.target[0] = e->tgt;
    s.ntarget = 1;
    s.type = e->type;
    s.status = "happened";
    s.sentence = e->sentence;
    s.start = 100;
    s.end = 100 + strlen(e->sentence);
    s.trigger_start = 100 + e->ts;
    s.trigger_end = 100 + e->te;
    char label[256];
    snprintf(label, sizeof label, "%.*s", (int)(e->te - e->ts), e->sentence + e->ts);
    s.label = label;
    return dyad_fuser_add(f, &s);
}

static void check_case(dyad_ctx *ctx, fev *ev, int nev, char expect[][128], int nexp, int line, size_t memory)
{
    dyad_fuser *f = dyad_fuser_new(ctx, memory);
    T_OK(f != NULL, "fuser");
    if (!f)
        return;
    for (int i = 0; i < nev; i++)
        T_INTEQ(add(f, &ev[i]), DYAD_OK);
    run r = {0};
    T_INTEQ(dyad_fuser_run(f, collect, &r), DYAD_OK);
    dyad_fuser_free(f);
    qsort(r.g, (size_t)r.n, sizeof *r.g, cmp_got);
    int k = 0;
    for (int i = 0; i < nexp; i++) {
        int want_n;
        if (sscanf(expect[i], "entries=%d", &want_n) == 1) {
            T_OK(r.n == want_n, "tests/fuse.cases:%d: %d entries, want %d (memory %zu)", line, r.n, want_n, memory);
            continue;
        }
        char date[16], type[16], dis[16] = "";
        size_t docs, mentions;
        int got_fields = sscanf(expect[i], "%15s %15s docs=%zu mentions=%zu %15s", date, type, &docs, &mentions, dis);
        T_OK(got_fields >= 4, "tests/fuse.cases:%d: bad expect line '%s'", line, expect[i]);
        if (got_fields < 4 || k >= r.n) {
            T_OK(k < r.n, "tests/fuse.cases:%d: no entry for '%s'", line, expect[i]);
            continue;
        }
        got *g = &r.g[k++];
        int ok = !strcmp(g->date, date) && !strcmp(g->type, type) && g->docs == docs && g->mentions == mentions &&
                 g->disagree == !strcmp(dis, "disagree");
        T_OK(ok, "tests/fuse.cases:%d: want '%s', got %s %s docs=%zu mentions=%zu%s (memory %zu)", line, expect[i],
             g->date, g->type, g->docs, g->mentions, g->disagree ? " disagree" : "", memory);
    }
}

static void golden(dyad_ctx *ctx, const char *path, size_t memory)
{
    FILE *f = fopen(path, "r");
    T_OK(f != NULL, "cannot open %s", path);
    if (!f)
        return;
    fev ev[MAX_EV];
    char expect[MAX_ENTRIES][128];
    int nev = 0, nexp = 0, lineno = 0, start = 0, cases = 0;
    char line[2048];
    for (;;) {
        char *r = fgets(line, sizeof line, f);
        if (r)
            lineno++;
        size_t l = r ? strlen(line) : 0;
        while (l && (line[l - 1] == '\n' || line[l - 1] == '\r'))
            line[--l] = 0;
        if (!r || !l) {
            if (nev) {
                check_case(ctx, ev, nev, expect, nexp, start, memory);
                cases++;
            }
            nev = nexp = 0;
            if (!r)
                break;
            continue;
        }
        if (line[0] == '#')
            continue;
        if (!nev && !nexp)
            start = lineno;
        if (!strncmp(line, "event: ", 7) && nev < MAX_EV) {
            T_OK(parse_event(line + 7, &ev[nev]) == 0, "%s:%d: bad event line", path, lineno);
            nev++;
        } else if (!strncmp(line, "expect: ", 8) && nexp < MAX_ENTRIES)
            snprintf(expect[nexp++], sizeof expect[0], "%.127s", line + 8);
        else
            T_OK(0, "%s:%d: not an event or expect line", path, lineno);
    }
    fclose(f);
    printf("fuse.cases: %d cases (memory limit %zu)\n", cases, memory);
}

/* Lines that are not events get DYAD_FORMAT and a message; the good ones are still fused. */
static void bad_json(dyad_ctx *ctx)
{
    dyad_fuser *f = dyad_fuser_new(ctx, 0);
    static const char *const bad[] = {
        "not json at all",
        "{\"doc\":\"a.txt\",\"date\":\"2010\",\"type\":\"AGREE\"",              /* truncated */
        "[1,2,3]",                                                             /* not an object */
        "{\"doc\":\"a.txt\",\"sentence\":\"x\",\"type\":\"HUG\"}",             /* no PLOVER type */
        "{\"doc\":\"a.txt\",\"sentence\":\"x\",\"type\":\"AGREE\",\"date\":\"someday\",\"actors\":[\"IND\",\"JPN\"]}",
        "{\"sentence\":\"x\",\"type\":\"AGREE\"}",                             /* no doc */
        "\xff\xfe{}",                                                          /* not UTF-8 */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int err = dyad_fuser_add_json(f, bad[i], strlen(bad[i]));
        T_INTEQ(err, DYAD_FORMAT);
        T_OK(*dyad_errmsg(ctx), "a message for bad line %zu", i);
    }
    const char *good = "{\"doc\":\"a.txt\",\"date\":\"2011\",\"type\":\"AGREE\",\"source\":{\"code\":\"IND\"},"
                       "\"target\":{\"code\":\"JPN\"},\"sentence\":\"India and Japan signed CEPA in 2011.\","
                       "\"start\":0,\"end\":36,\"trigger\":{\"start\":16,\"end\":22}}";
    T_INTEQ(dyad_fuser_add_json(f, good, strlen(good)), DYAD_OK);
    run r = {0};
    T_INTEQ(dyad_fuser_run(f, collect, &r), DYAD_OK);
    T_INTEQ(r.n, 1);
    dyad_fuser_free(f);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Ten thousand mentions of one pair in one year, each about something else: bounded time. */
static void many(dyad_ctx *ctx)
{
    dyad_fuser *f = dyad_fuser_new(ctx, 0);
    double t0 = now();
    int bad = 0;
    char sent[256], doc[32], label[64];
    for (int i = 0; i < 10000; i++) {
        snprintf(sent, sizeof sent, "India and Japan signed agreement number%d on topic%d in 2019.", i, i);
        snprintf(doc, sizeof doc, "d%d.txt", i % 50);
        snprintf(label, sizeof label, "agreement number%d", i);
        dyad_fuse_src s;
        memset(&s, 0, sizeof s);
        s.doc = doc;
        s.date = i % 3 ? "2019" : "2019-05";
        s.source[0] = "IND";
        s.nsource = 1;
        s.target[0] = "JPN";
        s.ntarget = 1;
        s.type = "AGREE";
        s.status = "happened";
        s.label = label;
        s.sentence = sent;
        s.end = strlen(sent);
        s.trigger_start = 16;
        s.trigger_end = 22;
        bad += dyad_fuser_add(f, &s) != DYAD_OK;
    }
    T_INTEQ(bad, 0);
    run r = {0};
    T_INTEQ(dyad_fuser_run(f, collect, &r), DYAD_OK);
    double dt = now() - t0;
    T_OK(dt < 10.0, "10,000 mentions of one year fused in %.2f s", dt);
    printf("10,000 mentions of one pair and year: %.2f s\n", dt);
    dyad_fuser_free(f);
}

int main(int argc, char **argv)
{
    dyad_ctx *ctx = dyad_ctx_new(NULL);
    const char *path = argc > 1 ? argv[1] : "tests/fuse.cases";
    golden(ctx, path, 0);
    golden(ctx, path, 1); /* everything spilled to temporary files: the same entries */
    bad_json(ctx);
    many(ctx);
    dyad_ctx_free(ctx);
    T_DONE();
}
