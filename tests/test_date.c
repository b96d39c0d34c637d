/* tests/test_date.c — the temporal tagger: every case of tests/dates.cases (or the file given as
 * argv[1]), then hostile input (huge years, impossible days, endless digits, no letters, 100,000
 * repeated modifiers) with a time limit that catches quadratic behaviour. Run from the repo root. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dyad/dyad.h"
#include "t.h"

#define MAX_GOT 64

typedef struct got {
    size_t n;
    struct {
        char text[160];
        char type[12];
        char value[48];
        char mod[16];
        char anchor[12];
    } x[MAX_GOT];
    const char *src;
} got;

static int collect(void *ud, const dyad_timex *tx)
{
    got *g = ud;
    if (g->n == MAX_GOT)
        return 0;
    size_t len = tx->end - tx->start;
    if (len >= sizeof g->x[0].text)
        len = sizeof g->x[0].text - 1;
    memcpy(g->x[g->n].text, g->src + tx->start, len);
    g->x[g->n].text[len] = 0;
    snprintf(g->x[g->n].type, sizeof g->x[0].type, "%s", dyad_timex_type_name(tx->type));
    snprintf(g->x[g->n].value, sizeof g->x[0].value, "%s", tx->value ? tx->value : "");
    const char *m = dyad_timex_mod_name(tx->mod);
    snprintf(g->x[g->n].mod, sizeof g->x[0].mod, "%s", m ? m : "-");
    snprintf(g->x[g->n].anchor, sizeof g->x[0].anchor, "%s", dyad_timex_anchor_name(tx->anchor));
    g->n++;
    return 0;
}

static void tag(dyad_ctx *ctx, const char *s, size_t n, const dyad_ymd *dct, unsigned flags, got *g)
{
    memset(g, 0, sizeof *g);
    g->src = s;
    dyad_dates(ctx, s, n, dct, flags, collect, g);
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = 0;
    return s;
}

static void print_got(const got *g)
{
    if (!g->n)
        fprintf(stderr, " (nothing)");
    for (size_t i = 0; i < g->n; i++)
        fprintf(stderr, " [%s|%s|%s|%s]", g->x[i].text, g->x[i].type, g->x[i].value, g->x[i].mod);
    fputc('\n', stderr);
}

/* Runs the case file; returns the number of cases read (failures are counted by T_OK). */
static int run_cases(dyad_ctx *ctx, const char *path, int *failed)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        T_OK(0, "cannot open %s", path);
        return 0;
    }
    char line[4096];
    int lineno = 0, ncases = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char *p = trim(line);
        if (!*p || *p == '#')
            continue;
        char *field[6];
        int nf = 0;
        field[nf++] = p;
        while (nf < 6 && (p = strstr(p, " | ")) != NULL) {
            *p = 0;
            p += 3;
            field[nf++] = p;
        }
        if (nf != 6) {
            T_OK(0, "%s:%d: want 6 fields separated by \" | \", got %d", path, lineno, nf);
            continue;
        }
        for (int i = 0; i < 6; i++)
            field[i] = trim(field[i]);
        ncases++;
        dyad_ymd dct = {0, 0, 0}, *pd = NULL;
        unsigned flags = 0;
        char *d = field[1], *opt = strchr(d, ' ');
        if (opt) {
            *opt++ = 0;
            opt = trim(opt);
            flags = !strcmp(opt, "mdy") ? DYAD_DATES_MDY : !strcmp(opt, "dmy") ? DYAD_DATES_DMY : 0;
        }
        if (strcmp(d, "-") != 0) {
            if (dyad_ymd_parse(d, strlen(d), &dct) != DYAD_OK) {
                T_OK(0, "%s:%d: bad DCT '%s'", path, lineno, d);
                continue;
            }
            pd = &dct;
        }
        got g;
        tag(ctx, field[0], strlen(field[0]), pd, flags, &g);
        const char *span = field[2];
        int ok = 0;
        if (!strcmp(span, "-")) {
            ok = g.n == 0;
        } else if (span[0] == '!') {
            ok = 1;
            for (size_t i = 0; i < g.n; i++)
                if (strstr(g.x[i].text, span + 1) || strstr(span + 1, g.x[i].text))
                    ok = 0;
        } else {
            for (size_t i = 0; i < g.n && !ok; i++)
                ok = !strcmp(g.x[i].text, span) && !strcmp(g.x[i].type, field[3]) && !strcmp(g.x[i].value, field[4]) &&
                     !strcmp(g.x[i].mod, field[5]);
        }
        T_CHECK(ok);
        if (!ok) {
            (*failed)++;
            fprintf(stderr, "FAIL %s:%d: \"%s\" (dct %s) want [%s|%s|%s|%s], got", path, lineno, field[0], field[1],
                    span, field[3], field[4], field[5]);
            print_got(&g);
        }
    }
    fclose(f);
    return ncases;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static size_t count_tags(dyad_ctx *ctx, const char *s, size_t n, const dyad_ymd *dct)
{
    got g;
    tag(ctx, s, n, dct, 0, &g);
    return g.n;
}

static int has_value(const got *g, const char *v)
{
    for (size_t i = 0; i < g->n; i++)
        if (!strcmp(g->x[i].value, v))
            return 1;
    return 0;
}

/* A long input made of `unit` repeated to about n bytes; caller frees. */
static char *repeat(const char *unit, size_t n, size_t *len)
{
    size_t u = strlen(unit), k = n / u + 1;
    char *s = malloc(k * u + 1);
    if (!s)
        return NULL;
    for (size_t i = 0; i < k; i++)
        memcpy(s + i * u, unit, u);
    s[k * u] = 0;
    *len = k * u;
    return s;
}

static void hostile(dyad_ctx *ctx)
{
    dyad_ymd dct = {2010, 6, 29};
    got g;
    tag(ctx, "In 99999 the treaty was signed.", 31, &dct, 0, &g);
    T_INTEQ(g.n, 0);
    tag(ctx, "It was signed on 31 February 2010.", 34, &dct, 0, &g);
    T_OK(!has_value(&g, "2010-02-31") && !has_value(&g, "2010-03-03"), "31 February invented a day");
    tag(ctx, "On 29 February 2011 and 29 February 2012.", 41, &dct, 0, &g);
    T_OK(!has_value(&g, "2011-02-29") && has_value(&g, "2012-02-29"), "leap years");
    tag(ctx, "The calendar has no 0 AD.", 25, &dct, 0, &g);
    T_INTEQ(g.n, 0);
    tag(ctx, "Dates 2010-13-45 and 45/13/2010 are not dates.", 46, &dct, 0, &g);
    T_INTEQ(g.n, 0);
    tag(ctx, "", 0, &dct, 0, &g);
    T_INTEQ(g.n, 0);
    tag(ctx, NULL, 0, NULL, 0, &g);
    T_INTEQ(g.n, 0);
    /* bytes that are not UTF-8, NULs, a lone high byte */
    static const char bin[] = "\xff\xfe\x00\x80 2010\xc3 June\xe2\x80 29\x00 2010 \xf0\x9f";
    tag(ctx, bin, sizeof bin - 1, &dct, 0, &g);
    T_OK(g.n < 10, "binary input");

    size_t n;
    char *s = repeat("9", 10000, &n);
    T_OK(s != NULL, "alloc");
    if (s) {
        T_INTEQ(count_tags(ctx, s, n, &dct), 0);
        free(s);
    }
    s = repeat("12/", 300000, &n);
    if (s) {
        double t0 = now();
        count_tags(ctx, s, n, &dct);
        T_OK(now() - t0 < 2.0, "slashes took %.2f s", now() - t0);
        free(s);
    }
    s = repeat("1-2 ", 300000, &n);
    if (s) {
        double t0 = now();
        count_tags(ctx, s, n, &dct);
        T_OK(now() - t0 < 2.0, "ranges took %.2f s", now() - t0);
        free(s);
    }
    s = repeat("+-/.,;:!? ()[]{} 0 00 000 ", 200000, &n);
    if (s) {
        T_INTEQ(count_tags(ctx, s, n, &dct), 0);
        free(s);
    }
    /* 100,000 x "early ": linear time, nothing tagged; then a date at the end is still found */
    s = repeat("early ", 600000, &n);
    if (s) {
        double t0 = now();
        T_INTEQ(count_tags(ctx, s, n, &dct), 0);
        T_OK(now() - t0 < 2.0, "early x 100000 took %.2f s", now() - t0);
        char *t = realloc(s, n + 16);
        if (t) {
            s = t;
            memcpy(s + n, "July 2010.", 11);
            tag(ctx, s, n + 10, &dct, 0, &g);
            T_OK(g.n == 1 && !strcmp(g.x[0].value, "2010-07") && !strcmp(g.x[0].mod, "START"), "early ... July 2010");
        }
        free(s);
    }
    s = repeat("the end of the beginning of the middle of ", 1000000, &n);
    if (s) {
        double t0 = now();
        count_tags(ctx, s, n, &dct);
        T_OK(now() - t0 < 2.0, "nested parts took %.2f s", now() - t0);
        free(s);
    }
    /* a 5 MB single line of ordinary prose with dates in it: stays linear */
    s = repeat("Officials met in New Delhi on 28-29 June 2010 and again in early July, talks said. ", 5000000, &n);
    if (s) {
        double t0 = now();
        size_t k = count_tags(ctx, s, n, &dct);
        T_OK(k == MAX_GOT, "prose tags %zu", k);
        T_OK(now() - t0 < 5.0, "5 MB prose took %.2f s", now() - t0);
        free(s);
    }
    /* a malformed DCT (as a TimeML document's creation time may be): never a crash; a bad day or
     * month is dropped and the rest still anchors; a year out of range means no anchor at all */
    {
        static const dyad_ymd bad[] = {{2010, 13, 1}, {2010, 2, 30}, {2010, 0, 15}, {0, 6, 29}, {-5, 1, 1},
                                       {99999, 1, 1}, {2147483647, 2147483647, 2147483647}, {2010, -3, -3}};
        const char *txt = "Last year, on June 5 and on Good Friday, talks began; a week ago, then at 5 p.m. Friday.";
        for (size_t b = 0; b < sizeof bad / sizeof bad[0]; b++) {
            tag(ctx, txt, strlen(txt), &bad[b], 0, &g);
            T_OK(g.n >= 4, "bad DCT %d-%d-%d: %zu tags", bad[b].year, bad[b].month, bad[b].day, g.n);
        }
        dyad_ymd month13 = {2010, 13, 1}, year0 = {0, 6, 29};
        tag(ctx, "It happened last year.", 22, &month13, 0, &g);
        T_OK(g.n == 1 && !strcmp(g.x[0].value, "2009"), "DCT 2010-13-01 keeps its year");
        tag(ctx, "It happened last year.", 22, &year0, 0, &g);
        T_OK(g.n == 1 && !strcmp(g.x[0].value, "REF-P1Y") && !strcmp(g.x[0].anchor, "none"), "DCT year 0: no anchor");
    }
    /* the callback's non-zero value stops the scan and is returned */
    T_INTEQ(dyad_dates(ctx, "in 2010 and 2011", 16, NULL, 0, NULL, NULL), DYAD_ARG);
}

static int stop_fn(void *ud, const dyad_timex *tx)
{
    (void)tx;
    ++*(int *)ud;
    return 7;
}

static void api(dyad_ctx *ctx)
{
    dyad_ymd d;
    T_INTEQ(dyad_ymd_parse("2010-06-29", 10, &d), DYAD_OK);
    T_OK(d.year == 2010 && d.month == 6 && d.day == 29, "parse");
    T_INTEQ(dyad_ymd_parse("2010-06", 7, &d), DYAD_OK);
    T_OK(d.year == 2010 && d.month == 6 && d.day == 0, "parse month");
    T_INTEQ(dyad_ymd_parse("2010", 4, &d), DYAD_OK);
    T_INTEQ(dyad_ymd_parse("2010-02-30", 10, &d), DYAD_ARG);
    T_INTEQ(dyad_ymd_parse("2010-6-29", 9, &d), DYAD_ARG);
    T_INTEQ(dyad_ymd_parse("0000", 4, &d), DYAD_ARG);
    T_INTEQ(dyad_ymd_parse("abcd", 4, &d), DYAD_ARG);
    T_INTEQ(dyad_ymd_parse(NULL, 0, &d), DYAD_ARG);
    T_STREQ(dyad_timex_type_name(DYAD_TIMEX_DURATION), "DURATION");
    T_STREQ(dyad_timex_mod_name(DYAD_MOD_END), "END");
    T_OK(dyad_timex_mod_name(DYAD_MOD_NONE) == NULL, "no mod");
    T_STREQ(dyad_timex_anchor_name(DYAD_ANCHOR_NARRATIVE), "narrative");
    int calls = 0;
    T_INTEQ(dyad_dates(ctx, "in 2010 and 2011", 16, NULL, 0, stop_fn, &calls), 7);
    T_INTEQ(calls, 1);
    /* no context: the built-in word list */
    got g;
    tag(NULL, "on 29 June 2010", 15, NULL, 0, &g);
    T_OK(g.n == 1 && !strcmp(g.x[0].value, "2010-06-29"), "NULL ctx");
    /* offsets are bytes of the given text */
    const char *s = "Née à Paris — le 5 July 2010.";
    tag(ctx, s, strlen(s), NULL, 0, &g);
    T_OK(g.n == 1 && !strcmp(g.x[0].text, "5 July 2010"), "offsets after UTF-8");
    /* no anchor: relative values stay relative */
    tag(ctx, "last year", 9, NULL, 0, &g);
    T_OK(g.n == 1 && !strcmp(g.x[0].value, "REF-P1Y") && !strcmp(g.x[0].anchor, "none"), "unanchored");
}

static int value_end_fn(void *ud, const dyad_timex *tx)
{
    char *out = ud;
    snprintf(out, 32, "%s..%s", tx->value, tx->value_end ? tx->value_end : "");
    return 0;
}

/* Ranges sharing a part give value_end; the newer compound forms stay linear on repeated input. */
static void ranges_and_repeats(dyad_ctx *ctx)
{
    char buf[32] = "";
    const char *s = "Sales doubled in 2005-08.";
    T_INTEQ(dyad_dates(ctx, s, strlen(s), NULL, 0, value_end_fn, buf), DYAD_OK);
    T_STREQ(buf, "2005..2008");
    s = "Talks were held on June 28-29.";
    dyad_ymd dct = {2010, 6, 29};
    T_INTEQ(dyad_dates(ctx, s, strlen(s), &dct, 0, value_end_fn, buf), DYAD_OK);
    T_STREQ(buf, "2010-06-28..2010-06-29");
    /* a year and "'s" with no period after it: the tagger must not look past its window (a fuzz find) */
    {
        char txt[2048];
        size_t n = (size_t)snprintf(txt, sizeof txt, "In 2009's plan");
        while (n + 3 < sizeof txt - 2)
            memcpy(txt + n, " x.", 3), n += 3;
        got g;
        tag(ctx, txt, n, &dct, 0, &g);
        T_OK(g.n == 1 && !strcmp(g.x[0].text, "2009"), "2009's: %zu tags", g.n);
    }
    static const char *const units[] = {"year-", "New Year's ", "mid-to-", "the 15th ", "0900 GMT ", "half a ",
                                        "the year-ago ", "on the 3rd of the ", "2 a.m. on ", "this past "};
    for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
        size_t ul = strlen(units[u]), n = 0, cap = 2000000;
        char *big = malloc(cap + 64);
        T_OK(big != NULL, "alloc");
        if (!big)
            return;
        while (n + ul < cap)
            memcpy(big + n, units[u], ul), n += ul;
        double t0 = now();
        got g;
        tag(ctx, big, n, &dct, 0, &g);
        T_OK(now() - t0 < 2.0, "\"%s\" x %zu took %.2f s", units[u], n / ul, now() - t0);
        free(big);
    }
}

int main(int argc, char **argv)
{
    dyad_ctx *ctx = dyad_ctx_new(NULL);
    if (!ctx) {
        fprintf(stderr, "no context\n");
        return 1;
    }
    int failed = 0;
    int n = run_cases(ctx, argc > 1 ? argv[1] : "tests/dates.cases", &failed);
    fprintf(stderr, "dates.cases: %d cases, %d passed, %d failed\n", n, n - failed, failed);
    T_OK(n >= 300, "only %d cases", n);
    api(ctx);
    ranges_and_repeats(ctx);
    hostile(ctx);
    dyad_ctx_free(ctx);
    T_DONE();
}
