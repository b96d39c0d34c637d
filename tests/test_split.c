/* tests/test_split.c — the sentence splitter: the golden cases in tests/split.cases, span
 * invariants on random and hostile input, linear time on pathological input, the word list read
 * from the data folder, early stop, and the NULL context.
 *
 * Usage: test_split [CASES_FILE]   (default: $DYAD_SPLIT_CASES, tests/split.cases, or the file
 * beside the source tree found from the executable's path). */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "dyad/dyad.h"
#include "t.h"

typedef struct span { size_t s, e; } span;
typedef struct spans { span *v; size_t n, cap; int stop_after; } spans;

static int collect(void *ud, size_t s, size_t e)
{
    spans *sp = ud;
    if (sp->n == sp->cap) {
        sp->cap = sp->cap ? sp->cap * 2 : 64;
        span *v = realloc(sp->v, sp->cap * sizeof *v);
        if (!v)
            return 99;
        sp->v = v;
    }
    sp->v[sp->n++] = (span){s, e};
    if (sp->stop_after && (int)sp->n == sp->stop_after)
        return 7;
    return 0;
}

static int is_space_byte(unsigned char c) { return c <= 0x20 || c == 0x7f; }

static int valid_utf8(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        unsigned c = p[i];
        size_t k = c < 0x80 ? 1 : (c >= 0xC2 && c < 0xE0) ? 2 : (c >= 0xE0 && c < 0xF0) ? 3 : (c >= 0xF0 && c < 0xF5) ? 4 : 0;
        if (!k || i + k > n)
            return 0;
        for (size_t j = 1; j < k; j++)
            if ((p[i + j] & 0xC0) != 0x80)
                return 0;
        i += k;
    }
    return 1;
}

/* The contract of include/dyad/split.h, checked on any output. Returns 1 when it holds. */
static int spans_ok(const char *t, size_t len, const spans *sp, char *why, size_t whylen)
{
    int utf8 = valid_utf8(t, len);
    size_t prev = 0;
    for (size_t i = 0; i < sp->n; i++) {
        size_t s = sp->v[i].s, e = sp->v[i].e;
        if (!(s < e && e <= len)) { snprintf(why, whylen, "span %zu [%zu,%zu) out of range", i, s, e); return 0; }
        if (s < prev) { snprintf(why, whylen, "span %zu overlaps or goes back", i); return 0; }
        if (e - s > DYAD_SPLIT_MAX_BYTES) { snprintf(why, whylen, "span %zu is %zu bytes", i, e - s); return 0; }
        if (is_space_byte((unsigned char)t[s]) || is_space_byte((unsigned char)t[e - 1])) {
            snprintf(why, whylen, "span %zu not trimmed", i);
            return 0;
        }
        if (utf8 && (((unsigned char)t[s] & 0xC0) == 0x80 || (e < len && ((unsigned char)t[e] & 0xC0) == 0x80))) {
            snprintf(why, whylen, "span %zu cuts a UTF-8 sequence", i);
            return 0;
        }
        prev = e;
    }
    return 1;
}

/* s[0..n) with white space runs collapsed to one space, trimmed; malloc'ed. */
static char *collapse(const char *s, size_t n)
{
    char *o = malloc(n + 1);
    size_t k = 0;
    int sp = 0;
    if (!o)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            sp = 1;
            continue;
        }
        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) { /* no-break space */
            sp = 1;
            i++;
            continue;
        }
        if (sp && k)
            o[k++] = ' ';
        sp = 0;
        o[k++] = (char)c;
    }
    o[k] = 0;
    return o;
}

/* ---- the golden cases ---- */
typedef struct gcase {
    char title[256];
    int xfail;
    char *input; size_t input_len;
    char **want; size_t nwant;
    int line;
} gcase;

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap + 1);
    size_t r;
    while (b && (r = fread(b + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) {
            char *nb = realloc(b, cap * 2 + 1);
            if (!nb) { free(b); b = NULL; break; }
            b = nb;
            cap *= 2;
        }
    }
    fclose(f);
    if (b) {
        b[n] = 0;
        *len = n;
    }
    return b;
}

static const char *find_cases(int argc, char **argv, char *buf, size_t bufsize)
{
    if (argc > 1)
        return argv[1];
    const char *env = getenv("DYAD_SPLIT_CASES");
    if (env && *env)
        return env;
    if (access("tests/split.cases", R_OK) == 0)
        return "tests/split.cases";
    ssize_t n = readlink("/proc/self/exe", buf, bufsize - 64);
    if (n > 0) {
        buf[n] = 0;
        char *slash = strrchr(buf, '/');
        if (slash) {
            strcpy(slash, "/../../tests/split.cases");
            return buf;
        }
    }
    return "tests/split.cases";
}

/* Parses the case file into cases (see its header for the format). Returns the count or -1. */
static int parse_cases(char *data, size_t len, gcase **out)
{
    size_t cap = 256, n = 0;
    gcase *v = calloc(cap, sizeof *v);
    if (!v)
        return -1;
    char *p = data, *end = data + len;
    int lineno = 0;
    gcase *c = NULL;
    int in_input = 0;
    char *input_start = NULL;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *le = nl ? nl : end;
        lineno++;
        size_t ll = (size_t)(le - p);
        if (ll >= 4 && memcmp(p, "### ", 4) == 0) {
            if (c && in_input) {
                fprintf(stderr, "split.cases:%d: case '%s' has no '---' line\n", c->line, c->title);
                free(v);
                return -1;
            }
            if (n == cap) {
                cap *= 2;
                gcase *nv = realloc(v, cap * sizeof *nv);
                if (!nv) { free(v); return -1; }
                v = nv;
            }
            c = &v[n++];
            memset(c, 0, sizeof *c);
            const char *title = p + 4;
            size_t tl = ll - 4;
            if (tl >= 6 && memcmp(title, "xfail:", 6) == 0) {
                c->xfail = 1;
                title += 6;
                tl -= 6;
                while (tl && *title == ' ') { title++; tl--; }
            }
            if (tl >= sizeof c->title)
                tl = sizeof c->title - 1;
            memcpy(c->title, title, tl);
            c->line = lineno;
            in_input = 1;
            input_start = nl ? nl + 1 : end;
        } else if (c && in_input && ll == 3 && memcmp(p, "---", 3) == 0) {
            size_t il = (size_t)(p - input_start);
            if (il > 0)
                il--; /* the newline before "---" is not part of the input */
            c->input = input_start;
            c->input_len = il;
            in_input = 0;
        } else if (c && !in_input) {
            char *s = p, *e = le;
            while (s < e && (*s == ' ' || *s == '\t' || *s == '\r')) s++;
            while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r')) e--;
            if (e > s) {
                char **nw = realloc(c->want, (c->nwant + 1) * sizeof *nw);
                if (!nw) { free(v); return -1; }
                c->want = nw;
                *e = 0;
                c->want[c->nwant++] = s;
            }
        }
        p = nl ? nl + 1 : end;
    }
    if (c && in_input) {
        fprintf(stderr, "split.cases:%d: case '%s' has no '---' line\n", c->line, c->title);
        free(v);
        return -1;
    }
    *out = v;
    return (int)n;
}

static int run_case(const dyad_ctx *ctx, const gcase *c, int report)
{
    spans sp = {0};
    int r = dyad_split(ctx, c->input, c->input_len, collect, &sp);
    char why[200] = "";
    int ok = r == 0 && spans_ok(c->input, c->input_len, &sp, why, sizeof why);
    if (ok && sp.n != c->nwant)
        ok = 0;
    char **got = calloc(sp.n + 1, sizeof *got);
    for (size_t i = 0; i < sp.n && got; i++)
        got[i] = collapse(c->input + sp.v[i].s, sp.v[i].e - sp.v[i].s);
    for (size_t i = 0; ok && i < sp.n; i++)
        if (!got || !got[i] || strcmp(got[i], c->want[i]) != 0)
            ok = 0;
    if (!ok && report) {
        fprintf(stderr, "split.cases:%d: %s%s\n", c->line, c->xfail ? "(known failure) " : "FAIL ", c->title);
        if (*why)
            fprintf(stderr, "    contract: %s\n", why);
        for (size_t i = 0; i < c->nwant; i++)
            fprintf(stderr, "    want: %s\n", c->want[i]);
        for (size_t i = 0; i < sp.n && got; i++)
            fprintf(stderr, "    got:  %s\n", got[i] ? got[i] : "?");
    }
    for (size_t i = 0; i < sp.n && got; i++)
        free(got[i]);
    free(got);
    free(sp.v);
    return ok;
}

static void test_cases(const dyad_ctx *ctx, const char *path)
{
    size_t len = 0;
    char *data = slurp(path, &len);
    T_OK(data != NULL, "cannot read %s", path);
    if (!data)
        return;
    gcase *cases = NULL;
    int n = parse_cases(data, len, &cases);
    T_OK(n >= 120, "%s: %d cases, want at least 120", path, n);
    int pass = 0, fail = 0, xfail = 0, xpass = 0, nullctx_diff = 0;
    for (int i = 0; i < n; i++) {
        int ok = run_case(ctx, &cases[i], 1);
        /* the NULL context must give the same answer from the built-in list */
        if (run_case(NULL, &cases[i], 0) != ok)
            nullctx_diff++;
        if (cases[i].xfail) {
            if (ok) {
                xpass++;
                fprintf(stderr, "split.cases:%d: known failure now passes, drop 'xfail:': %s\n", cases[i].line,
                        cases[i].title);
            } else
                xfail++;
        } else if (ok)
            pass++;
        else
            fail++;
        T_OK(cases[i].xfail ? !ok : ok, "case '%s' (line %d)", cases[i].title, cases[i].line);
        free(cases[i].want);
    }
    T_INTEQ(nullctx_diff, 0);
    printf("split.cases: %d cases, %d pass, %d fail, %d known failures (%.1f%% pass overall)\n", n, pass + xpass,
           fail, xfail, n ? 100.0 * (pass + xpass) / n : 0.0);
    free(cases);
    free(data);
}

/* ---- exact offsets, early stop, hostile input ---- */
static void test_offsets(const dyad_ctx *ctx)
{
    const char *t = "  Hello there.  World!\n\n\n  Third one  ";
    spans sp = {0};
    T_INTEQ(dyad_split(ctx, t, strlen(t), collect, &sp), 0);
    T_INTEQ(sp.n, 3);
    if (sp.n == 3) {
        T_INTEQ(sp.v[0].s, 2); T_INTEQ(sp.v[0].e, 14);
        T_INTEQ(sp.v[1].s, 16); T_INTEQ(sp.v[1].e, 22);
        T_INTEQ(sp.v[2].s, 27); T_INTEQ(sp.v[2].e, 36);
    }
    free(sp.v);
}

static void test_stop(const dyad_ctx *ctx)
{
    const char *t = "One. Two. Three. Four.";
    spans sp = {0};
    sp.stop_after = 2;
    T_INTEQ(dyad_split(ctx, t, strlen(t), collect, &sp), 7);
    T_INTEQ(sp.n, 2);
    free(sp.v);
}

static size_t count(const dyad_ctx *ctx, const char *t, size_t n, spans *keep)
{
    spans sp = {0};
    int r = dyad_split(ctx, t, n, collect, &sp);
    char why[200] = "";
    T_OK(r == 0, "dyad_split returned %d", r);
    T_OK(spans_ok(t, n, &sp, why, sizeof why), "%s", why);
    size_t c = sp.n;
    if (keep)
        *keep = sp;
    else
        free(sp.v);
    return c;
}

static void test_hostile(const dyad_ctx *ctx)
{
    /* empty, NULL with length 0, white space only, punctuation only */
    T_INTEQ(count(ctx, "", 0, NULL), 0);
    T_INTEQ(count(ctx, NULL, 0, NULL), 0);
    T_INTEQ(count(ctx, " \n\n\t \r\n", 6, NULL), 0);
    T_INTEQ(count(ctx, "...!!!???", 9, NULL), 0);
    T_INTEQ(count(ctx, "- * • — ... ?! ()[]\"\"", strlen("- * • — ... ?! ()[]\"\""), NULL), 0);
    T_INTEQ(count(ctx, "。。。！？", strlen("。。。！？"), NULL), 0);
    /* NUL bytes are white space: never at the edge of a span */
    {
        static const char t[] = "Tokyo\0and Delhi agreed.\0\0 Then\0they left.";
        spans sp = {0};
        T_INTEQ(count(ctx, t, sizeof t - 1, &sp), 2);
        if (sp.n == 2) {
            T_INTEQ(sp.v[0].s, 0);
            T_INTEQ(sp.v[0].e, 23);
            T_INTEQ(sp.v[1].s, 26);
        }
        free(sp.v);
    }
    /* invalid UTF-8: kept as caseless letters, spans on byte boundaries, no crash */
    {
        static const char t[] = "Caf\xC3 ok. \xFF\xFE Next one. \xE3\x80 bad. \xF0\x9F\x98 end.\xC3";
        spans sp = {0};
        T_OK(count(ctx, t, sizeof t - 1, &sp) >= 3, "invalid UTF-8: %zu spans", sp.n);
        free(sp.v);
    }
    /* a truncated multi-byte character at the very end */
    T_INTEQ(count(ctx, "Fine. \xE3\x80", 8, NULL), 2);
    /* a word and then a long run of spaced closing brackets: still cut at DYAD_SPLIT_MAX_BYTES */
    {
        size_t n = 1 + 2 * 5000;
        char *t = malloc(n);
        if (t) {
            t[0] = 'a';
            for (size_t i = 1; i < n; i += 2) {
                t[i] = ' ';
                t[i + 1] = ')';
            }
            T_INTEQ(count(ctx, t, n, NULL), 1); /* the rest has no letter */
            free(t);
        }
    }
    /* a lone terminator, lone closers, lone openers */
    T_INTEQ(count(ctx, "\xE3\x80\x82", 3, NULL), 0);
    T_INTEQ(count(ctx, "))))]]]]\"\"\"\"", 12, NULL), 0);
    T_INTEQ(count(ctx, "((((a", 5, NULL), 1);
}

/* Random text from pieces chosen to hit every rule; the contract must hold on all of it. */
static void test_random(const dyad_ctx *ctx)
{
    static const char *const pieces[] = {
        " ", " ", " ", "\n", "\n\n", "\t", "word", "Word", "Dr.", "U.S.", "S.M.", "No.", "7", "3.5", ".", "..",
        "...", "?", "!", "?!", "\"", "'", "(", ")", "[1]", "“", "”", "‘", "’", "。", "！", "日本", "भारत", "।",
        "…", "•", "- ", "1. ", "a) ", "The", "e.g.", "\xFF", "\xC3", "\xE3\x80", "\0", "\xC2\xA0", "\xE3\x80\x80",
        "https://mea.gov.in/a.htm", "x@y.in", "Jan.", "Rs.", "a.m.", ":", ",", "—", "in", "of",
    };
    unsigned seed = 12345;
    char buf[4096];
    int bad = 0;
    for (int iter = 0; iter < 3000; iter++) {
        size_t n = 0;
        seed = seed * 1103515245u + 12345u;
        int parts = (int)(seed >> 16) % 120;
        for (int i = 0; i < parts; i++) {
            seed = seed * 1103515245u + 12345u;
            const char *p = pieces[(seed >> 16) % (sizeof pieces / sizeof pieces[0])];
            size_t l = (p[0] == 0) ? 1 : strlen(p);
            if (n + l >= sizeof buf)
                break;
            memcpy(buf + n, p, l);
            n += l;
        }
        spans sp = {0};
        char why[200] = "";
        int r = dyad_split(ctx, buf, n, collect, &sp);
        if (r != 0 || !spans_ok(buf, n, &sp, why, sizeof why)) {
            if (!bad++)
                fprintf(stderr, "random case %d: r=%d %s\n", iter, r, why);
        }
        free(sp.v);
    }
    T_INTEQ(bad, 0);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static size_t longest_span; /* longest span seen by nothing() */

static int nothing(void *ud, size_t s, size_t e)
{
    (*(size_t *)ud)++;
    if (e - s > longest_span)
        longest_span = e - s;
    return 0;
}

/* Time to split a text of n bytes made by repeating unit. */
static double time_split(const dyad_ctx *ctx, const char *unit, size_t n, size_t *nsent)
{
    size_t ul = strlen(unit);
    n -= n % ul; /* whole units: no character cut at the end */
    char *t = malloc(n);
    if (!t)
        return -1;
    for (size_t i = 0; i < n; i++)
        t[i] = unit[i % ul];
    *nsent = 0;
    double t0 = now();
    dyad_split(ctx, t, n, nothing, nsent);
    double dt = now() - t0;
    free(t);
    return dt;
}

/* Pathological input: one long line without punctuation, a run of dots, one huge token, a
 * run of CJK terminators. Eight times the text must take well under 64 times as long. */
static void test_linear(const dyad_ctx *ctx)
{
    /* units without letters give no sentence at all; the others at least one per
     * DYAD_SPLIT_MAX_BYTES */
    static const struct { const char *unit; int letters; } units[] = {
        {"india japan partnership ", 1}, {".", 0}, {"a", 1}, {"U.S. ", 1}, {"。", 0}, {"x.", 1},
        {"\"(", 0}, {"No. ", 1}, {"日本", 1}, {"a ) ", 1}, {"- ", 0}, {"x\n", 1}, {"1. ", 1},
    };
    const size_t small = (size_t)512 << 10, big = (size_t)4 << 20;
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        size_t ns = 0, nb = 0;
        longest_span = 0;
        double ts = 1e9, tb = 1e9; /* best of two: the machine is shared */
        for (int k = 0; k < 2; k++) {
            double a = time_split(ctx, units[i].unit, small, &ns);
            double b = time_split(ctx, units[i].unit, big, &nb);
            ts = a < ts ? a : ts;
            tb = b < tb ? b : tb;
        }
        T_OK(ts >= 0 && tb >= 0, "out of memory");
        /* linear is 8x; allow noise, fail on anything near quadratic (64x) */
        T_OK(tb < 0.25 || tb < ts * 24, "unit '%s': 512 KB in %.3f s, 4 MB in %.3f s", units[i].unit, ts, tb);
        T_OK(tb < 20.0, "unit '%s': 4 MB took %.1f s", units[i].unit, tb);
        T_OK(longest_span <= DYAD_SPLIT_MAX_BYTES, "unit '%s': a span of %zu bytes", units[i].unit, longest_span);
        if (units[i].letters)
            T_OK(nb >= big / DYAD_SPLIT_MAX_BYTES, "unit '%s': %zu sentences", units[i].unit, nb);
        else
            T_OK(nb == 0, "unit '%s': %zu sentences", units[i].unit, nb);
    }
}

/* The word list comes from the data folder: a new title there changes the split. */
static void test_data_dir(void)
{
    char dir[] = "/tmp/dyad-split-XXXXXX";
    T_OK(mkdtemp(dir) != NULL, "mkdtemp");
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/abbreviations.txt", dir);
    FILE *f = fopen(path, "w");
    T_OK(f != NULL, "cannot write %s", path);
    if (!f)
        return;
    fputs("# test list\n[titles]\nZorb\n[before-number]\nQty.\n[starters]\nthe\n", f);
    fclose(f);
    dyad_opts o = {0};
    o.data_dir = dir;
    dyad_ctx *ctx = dyad_ctx_new(&o);
    const char *t = "We met Zorb. Smith there. Qty. 5 was sent.";
    T_INTEQ(count(ctx, t, strlen(t), NULL), 2);
    T_INTEQ(count(NULL, t, strlen(t), NULL), 4);
    /* "Dr" is not in this list, so it ends a sentence before a capital here */
    const char *u = "Ask Dr. Singh.";
    T_INTEQ(count(ctx, u, strlen(u), NULL), 2);
    T_INTEQ(count(NULL, u, strlen(u), NULL), 1);
    dyad_ctx_free(ctx);
    remove(path);
    rmdir(dir);
}

/* ---- the command: `dyad split` beside this test program (build/dyad), skipped if absent ---- */
static char *run_cmd(const char *cmd, int *status)
{
    FILE *p = popen(cmd, "r");
    if (!p)
        return NULL;
    size_t cap = 4096, n = 0;
    char *b = malloc(cap);
    size_t r;
    while (b && (r = fread(b + n, 1, cap - 1 - n, p)) > 0) {
        n += r;
        if (n + 1 == cap) {
            char *nb = realloc(b, cap * 2);
            if (!nb) { free(b); b = NULL; break; }
            b = nb;
            cap *= 2;
        }
    }
    int st = pclose(p);
    *status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    if (b)
        b[n] = 0;
    return b;
}

static void test_cli(void)
{
    char exe[PATH_MAX], dyad[PATH_MAX + 16];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return;
    exe[n] = 0;
    char *slash = strrchr(exe, '/');
    if (!slash)
        return;
    *slash = 0;
    snprintf(dyad, sizeof dyad, "%s/../dyad", exe);
    if (access(dyad, X_OK) != 0) {
        printf("skipped the command tests: no %s\n", dyad);
        return;
    }
    char dir[] = "/tmp/dyad-split-cli-XXXXXX";
    if (!mkdtemp(dir))
        return;
    char f1[PATH_MAX], f2[PATH_MAX], f3[PATH_MAX], cmd[4 * PATH_MAX];
    snprintf(f1, sizeof f1, "%s/a.txt", dir);
    snprintf(f2, sizeof f2, "%s/bad.txt", dir);
    snprintf(f3, sizeof f3, "%s/article.txt", dir);
    FILE *f = fopen(f1, "w");
    if (f) {
        fputs("Dr. Singh met Mr. Abe. They talked\nabout trade.\n\nSecond paragraph\n", f);
        fclose(f);
    }
    f = fopen(f2, "w");
    if (f) {
        fputs("Bad \xFF byte and a \"quote\". Next.", f);
        fclose(f);
    }
    f = fopen(f3, "w");
    if (f) {
        for (int i = 0; i < 4; i++)
            fputs("India and Japan signed a civil nuclear agreement in Tokyo in November 2016 after six years "
                  "of talks. Dr. Singh and Mr. Abe met again in New Delhi. The U.S. welcomed the deal, and "
                  "the two sides agreed to meet every year.\n\n", f);
        fclose(f);
    }
    int st;
    char *out;
    snprintf(cmd, sizeof cmd, "'%s' split --plain '%s'", dyad, f1);
    out = run_cmd(cmd, &st);
    T_INTEQ(st, 0);
    T_STREQ(out, "Dr. Singh met Mr. Abe.\nThey talked about trade.\nSecond paragraph\n");
    free(out);
    snprintf(cmd, sizeof cmd, "'%s' split --plain --json '%s'", dyad, f1);
    out = run_cmd(cmd, &st);
    T_INTEQ(st, 0);
    T_STREQ(out, "{\"start\":0,\"end\":22,\"text\":\"Dr. Singh met Mr. Abe.\"}\n"
                 "{\"start\":23,\"end\":47,\"text\":\"They talked\\nabout trade.\"}\n"
                 "{\"start\":49,\"end\":65,\"text\":\"Second paragraph\"}\n");
    free(out);
    snprintf(cmd, sizeof cmd, "'%s' split --plain --json '%s'", dyad, f2);
    out = run_cmd(cmd, &st);
    T_INTEQ(st, 0);
    T_OK(out && strstr(out, "Bad \xEF\xBF\xBD byte and a \\\"quote\\\".") != NULL, "json escapes: %s", out ? out : "(null)");
    free(out);
    snprintf(cmd, sizeof cmd, "'%s' split '%s'", dyad, f3);
    out = run_cmd(cmd, &st);
    T_INTEQ(st, 0);
    T_OK(out && strstr(out, "\nDr. Singh and Mr. Abe met again in New Delhi.\nThe U.S. welcomed the deal,") != NULL,
         "cleaned text split: %s", out ? out : "(null)");
    free(out);
    snprintf(cmd, sizeof cmd, "'%s' split --plain '%s/missing.txt' 2>&1", dyad, dir);
    out = run_cmd(cmd, &st);
    T_INTEQ(st, 1);
    T_OK(out && strstr(out, "missing.txt") != NULL, "error message: %s", out ? out : "(null)");
    free(out);
    snprintf(cmd, sizeof cmd, "'%s' split 2>/dev/null", dyad);
    out = run_cmd(cmd, &st);
    T_INTEQ(st, 2);
    free(out);
    remove(f1);
    remove(f2);
    remove(f3);
    rmdir(dir);
}

int main(int argc, char **argv)
{
    char buf[PATH_MAX];
    const char *cases = find_cases(argc, argv, buf, sizeof buf);
    dyad_ctx *ctx = dyad_ctx_new(NULL);
    T_OK(ctx != NULL, "dyad_ctx_new");
    test_cases(ctx, cases);
    test_offsets(ctx);
    test_offsets(NULL);
    test_stop(ctx);
    test_hostile(ctx);
    test_hostile(NULL);
    test_random(ctx);
    test_linear(ctx);
    test_data_dir();
    test_cli();
    dyad_ctx_free(ctx);
    T_DONE();
}
