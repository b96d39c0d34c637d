/* cli/common.c — option and output helpers shared by the subcommands. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"

void cli_err(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("dyad: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

int cli_doc_opt(cli_docopts *o, int argc, char **argv, int *i)
{
    const char *a = argv[*i];
    if (!strcmp(a, "--plain"))
        o->plain = 1;
    else if (!strcmp(a, "--mdy"))
        o->date_flags = DYAD_DATES_MDY;
    else if (!strcmp(a, "--dmy"))
        o->date_flags = DYAD_DATES_DMY;
    else if ((!strcmp(a, "--dct") && *i + 1 < argc) || !strncmp(a, "--dct=", 6)) {
        const char *d = a[5] == '=' ? a + 6 : argv[++*i];
        if (dyad_ymd_parse(d, strlen(d), &o->dct) != DYAD_OK) {
            cli_err("--dct %s: not a date (YYYY, YYYY-MM or YYYY-MM-DD)", d);
            return -1;
        }
    } else
        return 0;
    return 1;
}

int cli_common_opt(cli_common *c, int argc, char **argv, int *i)
{
    const char *a = argv[*i];
    const char **slot = NULL;
    if (!strcmp(a, "--db"))
        slot = &c->db;
    else if (!strcmp(a, "--data"))
        slot = &c->data_dir;
    else if (!strcmp(a, "--dict"))
        slot = &c->dict_dir;
    else if (!strncmp(a, "--dict=", 7)) {
        c->dict_dir = a + 7;
        return 1;
    } else if (!strncmp(a, "--db=", 5)) {
        c->db = a + 5;
        return 1;
    } else if (!strncmp(a, "--data=", 7)) {
        c->data_dir = a + 7;
        return 1;
    } else if (!strcmp(a, "--json")) {
        c->json = 1;
        return 1;
    } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
        c->quiet = 1;
        return 1;
    } else
        return 0;
    if (*i + 1 >= argc) {
        cli_err("%s needs a value", a);
        return -1;
    }
    *slot = argv[++*i];
    return 1;
}

dyad_ctx *cli_ctx(const cli_common *c)
{
    dyad_opts o = {0};
    o.data_dir = c->data_dir;
    o.dict_dir = c->dict_dir;
    struct stat sb;
    if (c->dict_dir && (stat(c->dict_dir, &sb) != 0 || !S_ISDIR(sb.st_mode))) {
        cli_err("--dict %s: not a folder", c->dict_dir);
        return NULL;
    }
    dyad_ctx *ctx = dyad_ctx_new(&o);
    if (!ctx) {
        cli_err("out of memory");
        return NULL;
    }
    if (*dyad_errmsg(ctx))
        cli_err("%s", dyad_errmsg(ctx));
    return ctx;
}

/* Length of a well-formed UTF-8 sequence at s (n bytes left), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t k;
    unsigned min;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) { k = 2; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { k = 3; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { k = 4; min = 0x10000; }
    else return 0;
    if (n < k)
        return 0;
    unsigned v = c & (0x7F >> k);
    for (size_t i = 1; i < k; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    return k;
}

void cli_json_str(FILE *f, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s;
    size_t run = 0; /* start of a run of bytes written as they are */
    for (size_t i = 0; i < n;) {
        unsigned char ch = p[i];
        if (ch >= 0x20 && ch < 0x80 && ch != '"' && ch != '\\') {
            i++;
            continue;
        }
        size_t k = ch >= 0x80 ? utf8_seq(p + i, n - i) : 1;
        if (k > 1) {
            i += k;
            continue;
        }
        fwrite(s + run, 1, i - run, f);
        switch (ch) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        default:
            if (ch < 0x20) {
                fputs("\\u00", f);
                fputc(hex[ch >> 4], f);
                fputc(hex[ch & 15], f);
            } else
                fputs("\xEF\xBF\xBD", f); /* invalid UTF-8: U+FFFD, so the output stays valid */
        }
        i++;
        run = i;
    }
    fwrite(s + run, 1, n - run, f);
}

const char *cli_shown_path(const char *abs)
{
    static char cwd[PATH_MAX];
    static size_t n;
    if (!n && getcwd(cwd, sizeof cwd))
        n = strlen(cwd);
    if (abs && n > 1 && !strncmp(abs, cwd, n) && abs[n] == '/')
        return abs + n + 1;
    return abs ? abs : "";
}

void cli_json_strz(FILE *f, const char *s)
{
    if (!s) {
        fputs("null", f);
        return;
    }
    fputc('"', f);
    cli_json_str(f, s, strlen(s));
    fputc('"', f);
}

int cli_each_line(const char *who, const char *from, int (*fn)(void *ud, const char *line), void *ud,
                  volatile sig_atomic_t *stop)
{
    FILE *list = strcmp(from, "-") ? fopen(from, "r") : stdin;
    if (!list) {
        cli_err("%s: %s: cannot open the list of files: %s", who, from, strerror(errno));
        return -1;
    }
    char *ln = NULL;
    size_t cap = 0;
    ssize_t n;
    while (!(stop && *stop) && (n = getline(&ln, &cap, list)) > 0) {
        if (ln[n - 1] == '\n')
            ln[--n] = 0;
        if (n > 0 && ln[n - 1] == '\r')
            ln[--n] = 0;
        if (n > 0 && fn(ud, ln))
            break;
    }
    free(ln);
    if (list != stdin)
        fclose(list);
    return 0;
}

char *cli_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap);
    while (b) {
        size_t r = fread(b + n, 1, cap - n, f);
        n += r;
        if (r == 0)
            break;
        if (n == cap) {
            if (cap >= DYAD_DEFAULT_MAX_FILE) {
                free(b);
                b = NULL;
                errno = EFBIG;
                break;
            }
            char *nb = realloc(b, cap * 2);
            if (!nb) {
                free(b);
                b = NULL;
                errno = ENOMEM;
                break;
            }
            b = nb;
            cap *= 2;
        }
    }
    if (b && ferror(f)) {
        int e = errno;
        free(b);
        b = NULL;
        errno = e ? e : EIO;
    }
    fclose(f);
    *len = n;
    return b;
}

/* ---- documents from paths, through the pipeline ---- */

typedef struct each_doc {
    dyad_ctx *ctx;
    const cli_docopts *o;
    cli_doc_fn fn;
    void *ud;
    int failed, stop;
} each_doc;

static void doc_file(void *ud, const char *path)
{
    each_doc *E = ud;
    dyad_doc *doc = NULL;
    int err;
    dyad_run_opts ro = {.dct = E->o->dct, .date_flags = E->o->date_flags};
    if (E->o->plain) {
        size_t len = 0;
        char *buf = cli_read_file(path, &len);
        if (!buf) {
            cli_err("%s: %s", path, strerror(errno));
            E->failed++;
            return;
        }
        err = dyad_doc_from_text(E->ctx, path, buf, len, &doc);
        free(buf);
        if (!err)
            err = dyad_run(E->ctx, doc, E->o->until, &ro);
    } else
        err = dyad_run_file(E->ctx, path, E->o->until, &ro, &doc);
    if (err == DYAD_DICT) {
        cli_err("%s", dyad_errmsg(E->ctx)); /* a dictionary error: nothing else can go through */
        E->failed++;
        E->stop = 2;
    } else if (err) {
        cli_err("%s", dyad_errmsg(E->ctx));
        E->failed++;
    } else if (E->fn(E->ud, doc, path))
        E->stop = 1;
    dyad_doc_free(doc);
}

static void doc_skip(void *ud, const char *path, const char *why)
{
    each_doc *E = ud;
    cli_err("%s: %s", path, why);
    E->failed++;
}

static int doc_stop(void *ud) { return ((each_doc *)ud)->stop; }

int cli_each_doc(dyad_ctx *ctx, char **paths, int n, const cli_docopts *o, cli_doc_fn fn, void *ud, int *failed)
{
    each_doc E = {ctx, o, fn, ud, 0, 0};
    cli_walker w = {0};
    w.file = doc_file;
    w.skip = doc_skip;
    w.stop = doc_stop;
    w.ud = &E;
    for (int i = 0; i < n && !E.stop; i++)
        cli_walk(&w, paths[i]);
    cli_walk_free(&w);
    *failed = E.failed;
    return E.stop == 2 ? -1 : 0;
}
