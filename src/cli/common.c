/* cli/common.c — option and output helpers shared by the subcommands. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

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

int cli_common_opt(cli_common *c, int argc, char **argv, int *i)
{
    const char *a = argv[*i];
    const char **slot = NULL;
    if (!strcmp(a, "--db"))
        slot = &c->db;
    else if (!strcmp(a, "--data"))
        slot = &c->data_dir;
    else if (!strncmp(a, "--db=", 5)) {
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
    dyad_ctx *ctx = dyad_ctx_new(&o);
    if (!ctx) {
        cli_err("out of memory");
        return NULL;
    }
    if (*dyad_errmsg(ctx))
        cli_err("%s", dyad_errmsg(ctx));
    return ctx;
}

void cli_json_str(FILE *f, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
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
                fputc(ch, f);
        }
    }
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
