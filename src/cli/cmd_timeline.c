/* cli/cmd_timeline.c — `dyad timeline [PATH...]`: the fused chronology of documents or of the store;
 * `dyad fuse`: the same fusion over event JSON Lines on standard input (the reduce step of a
 * map-reduce run; `dyad events` is the map step). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

/* ---- filters and the entries kept for sorting ---- */

typedef struct filter {
    const char *pair[2 * DYAD_PARTY_CODES]; /* codes the entry must name all of */
    int npair;
    int from, to;   /* years, 0 = open */
    int type;       /* -1 = any */
} filter;

typedef struct kept {
    char *json;     /* the entry as a JSON line */
    char *text;     /* as text for a terminal */
    char date[16];  /* for sorting; "" undated */
    char type[16];
} kept;

typedef struct out {
    int json, tty, stream;
    filter flt;
    kept *k;
    size_t nk, cap;
    int err;
} out;

static int parse_filter_opt(filter *f, int argc, char **argv, int *i)
{
    const char *a = argv[*i];
    const char *v = NULL;
    int which = 0;
    if (!strcmp(a, "--pair") || !strcmp(a, "--from") || !strcmp(a, "--to") || !strcmp(a, "--type")) {
        if (*i + 1 >= argc) {
            cli_err("%s needs a value", a);
            return -1;
        }
        v = argv[++*i];
    } else if (!strncmp(a, "--pair=", 7) || !strncmp(a, "--from=", 7) || !strncmp(a, "--type=", 7))
        v = a + 7;
    else if (!strncmp(a, "--to=", 5))
        v = a + 5;
    else
        return 0;
    which = a[2];
    if (which == 'p') {
        f->npair = 0;
        char *dup = strdup(v), *save = NULL;
        if (!dup)
            return -1;
        for (char *t = strtok_r(dup, ",", &save); t && f->npair < 2 * DYAD_PARTY_CODES; t = strtok_r(NULL, ",", &save)) {
            size_t n = strlen(t);
            int ok = n >= 2 && n <= 15;
            for (size_t k = 0; k < n && ok; k++)
                ok = (t[k] >= 'A' && t[k] <= 'Z') || (t[k] >= '0' && t[k] <= '9') || (t[k] >= 'a' && t[k] <= 'z');
            if (!ok) {
                cli_err("--pair %s: a list of codes like IND,JPN", v);
                free(dup);
                return -1;
            }
            for (size_t k = 0; k < n; k++)
                t[k] = (char)(t[k] >= 'a' && t[k] <= 'z' ? t[k] - 32 : t[k]);
            f->pair[f->npair++] = strdup(t);
        }
        free(dup);
        return 1;
    }
    if (which == 't' && a[3] == 'y') {
        f->type = dyad_event_type_parse(v);
        if (f->type < 0) {
            cli_err("--type %s: not a PLOVER type (AGREE, CONSULT, SUPPORT, ...)", v);
            return -1;
        }
        return 1;
    }
    char *end;
    long y = strtol(v, &end, 10);
    if (*end || y < 1 || y > 9999) {
        cli_err("%s %s: a year (YYYY)", a, v);
        return -1;
    }
    if (which == 'f')
        f->from = (int)y;
    else
        f->to = (int)y;
    return 1;
}

static void filter_free(filter *f)
{
    for (int i = 0; i < f->npair; i++)
        free((char *)f->pair[i]);
}

static int passes(const filter *f, const dyad_entry *e)
{
    for (int i = 0; i < f->npair; i++) {
        int have = 0;
        for (int k = 0; k < e->nactors && !have; k++)
            have = !strcmp(e->actors[k], f->pair[i]);
        if (!have)
            return 0;
    }
    if (f->type >= 0 && strcmp(e->type, dyad_event_type_name((dyad_event_type)f->type)))
        return 0;
    if (f->from || f->to) {
        if (!e->date)
            return 0;
        int y = atoi(e->date);
        if ((f->from && y < f->from) || (f->to && y > f->to))
            return 0;
    }
    return 1;
}

/* ---- printing ---- */

static void put_str(FILE *b, const char *s)
{
    if (!s) {
        fputs("null", b);
        return;
    }
    fputc('"', b);
    cli_json_str(b, s, strlen(s));
    fputc('"', b);
}

void cli_entry_json(FILE *b, const dyad_entry *e)
{
    fprintf(b, "{\"id\":\"%s\",\"date\":", e->id);
    put_str(b, e->date);
    fputs(",\"dates\":[", b);
    for (int i = 0; i < e->ndates; i++) {
        if (i)
            fputc(',', b);
        put_str(b, e->dates[i]);
    }
    fprintf(b, "],\"disagreement\":%s,\"actors\":[", e->disagreement ? "true" : "false");
    for (int i = 0; i < e->nactors; i++) {
        if (i)
            fputc(',', b);
        put_str(b, e->actors[i]);
    }
    fputs("],\"type\":", b);
    put_str(b, e->type);
    fputs(",\"mode\":", b);
    put_str(b, e->mode);
    fputs(",\"status\":", b);
    put_str(b, e->status);
    fputs(",\"label\":", b);
    put_str(b, e->label);
    fprintf(b, ",\"mentions\":%zu,\"ndocs\":%zu,\"sources\":[", e->nmentions, e->ndocs);
    for (size_t i = 0; i < e->nsources; i++) {
        const dyad_fuse_src *s = e->sources[i];
        fputs(i ? ",{\"doc\":" : "{\"doc\":", b);
        put_str(b, s->doc[0] == '/' ? cli_shown_path(s->doc) : s->doc);
        fputs(",\"title\":", b);
        put_str(b, s->title);
        fputs(",\"sentence\":", b);
        put_str(b, s->sentence);
        fprintf(b, ",\"start\":%zu,\"end\":%zu,\"date\":", s->start, s->end);
        put_str(b, s->date);
        fputc('}', b);
    }
    fputs("]}\n", b);
}

static void clip(FILE *b, const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max) {
        fputs(s, b);
        return;
    }
    while (max && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    fwrite(s, 1, max, b);
    fputs("…", b);
}

static void entry_text(FILE *b, const dyad_entry *e, int tty)
{
    fprintf(b, "%s%-10s%s ", tty ? "\033[1m" : "", e->date ? e->date : "", tty ? "\033[0m" : "");
    for (int i = 0; i < e->nactors; i++)
        fprintf(b, "%s%s", i ? "–" : "", e->actors[i]);
    fprintf(b, "  %s", e->type);
    if (e->mode)
        fprintf(b, " (%s)", e->mode);
    if (e->label) {
        fputs(": ", b);
        clip(b, e->label, 80);
    }
    if (strcmp(e->status, "happened"))
        fprintf(b, " [%s]", e->status);
    if (e->disagreement) {
        fputs(" — sources disagree: ", b);
        for (int i = 0; i < e->ndates; i++)
            fprintf(b, "%s%s", i ? ", " : "", e->dates[i]);
    }
    fputc('\n', b);
    for (size_t i = 0; i < e->nsources; i++) {
        const dyad_fuse_src *s = e->sources[i];
        fputs("           ", b);
        if (tty)
            fputs("\033[2m", b);
        fputs(s->doc[0] == '/' ? cli_shown_path(s->doc) : s->doc, b);
        if (s->date && e->ndates > 1)
            fprintf(b, " (%s)", s->date);
        fputs(": ", b);
        if (tty)
            fputs("\033[0m", b);
        clip(b, s->sentence, 200);
        fputc('\n', b);
    }
    if (e->nmentions > e->nsources)
        fprintf(b, "           (%zu mentions in all)\n", e->nmentions);
}

static int on_entry(void *ud, const dyad_entry *e)
{
    out *o = ud;
    if (!passes(&o->flt, e))
        return 0;
    char *jd = NULL, *td = NULL;
    size_t jl = 0, tl = 0;
    FILE *jb = open_memstream(&jd, &jl);
    FILE *tb = o->json ? NULL : open_memstream(&td, &tl);
    if (!jb || (!o->json && !tb)) {
        if (jb)
            fclose(jb);
        free(jd);
        o->err = 1;
        return 1;
    }
    cli_entry_json(jb, e);
    if (tb)
        entry_text(tb, e, o->tty);
    int bad = fclose(jb) != 0;
    if (tb)
        bad |= fclose(tb) != 0;
    if (bad) {
        free(jd);
        free(td);
        o->err = 1;
        return 1;
    }
    if (o->stream) { /* dyad fuse: as they come */
        fwrite(jd, 1, jl, stdout);
        free(jd);
        free(td);
        return ferror(stdout) ? 1 : 0;
    }
    if (o->nk == o->cap) {
        size_t c = o->cap ? o->cap * 2 : 64;
        kept *n = realloc(o->k, c * sizeof *n);
        if (!n) {
            free(jd);
            free(td);
            o->err = 1;
            return 1;
        }
        o->k = n;
        o->cap = c;
    }
    kept *k = &o->k[o->nk++];
    memset(k, 0, sizeof *k);
    k->json = jd;
    k->text = td;
    snprintf(k->date, sizeof k->date, "%s", e->date ? e->date : "");
    snprintf(k->type, sizeof k->type, "%s", e->type);
    return 0;
}

static int cmp_kept(const void *a, const void *b)
{
    const kept *x = a, *y = b;
    if (!x->date[0] != !y->date[0])
        return x->date[0] ? -1 : 1;
    int c = strcmp(x->date, y->date);
    return c ? c : strcmp(x->type, y->type);
}

static int print_kept(out *o)
{
    if (o->nk)
        qsort(o->k, o->nk, sizeof *o->k, cmp_kept);
    int undated_header = 0;
    for (size_t i = 0; i < o->nk; i++) {
        if (o->json)
            fputs(o->k[i].json, stdout);
        else {
            if (!o->k[i].date[0] && !undated_header) {
                printf("%s\n%sUndated%s (the sources give no date)\n", i ? "" : "", o->tty ? "\033[1m" : "",
                       o->tty ? "\033[0m" : "");
                undated_header = 1;
            }
            fputs(o->k[i].text, stdout);
        }
        free(o->k[i].json);
        free(o->k[i].text);
    }
    if (!o->nk && !o->json)
        printf("no events%s\n", o->flt.npair || o->flt.from || o->flt.to || o->flt.type >= 0 ? " match the filters" : "");
    free(o->k);
    o->k = NULL;
    o->nk = o->cap = 0;
    return ferror(stdout) ? -1 : 0;
}

/* ---- timeline ---- */

typedef struct from_docs {
    dyad_fuser *f;
    int err;
} from_docs;

static int add_doc(void *ud, dyad_doc *doc, const char *path)
{
    from_docs *d = ud;
    if (dyad_fuser_add_doc(d->f, doc, path)) {
        d->err = 1;
        return 1;
    }
    return 0;
}

static int add_stored(void *ud, const dyad_fuse_src *s)
{
    return dyad_fuser_add(ud, s);
}

static void timeline_usage(FILE *f)
{
    fprintf(f,
            "usage: dyad timeline [PATH...] [--pair A,B] [--from YEAR] [--to YEAR] [--type T] [--json]\n"
            "Prints the fused chronology of the documents given (folders are read recursively), or of\n"
            "the store when none are given (--db PATH). The same event told by several sentences or\n"
            "documents is one entry citing every one; where sources give different dates for it, the\n"
            "entry gives them all and says that they disagree. Undated events come last, apart.\n"
            "  --pair A,B   entries naming all these codes (IND,JPN; a group code such as QUAD works too)\n"
            "  --from YEAR, --to YEAR   entries dated within these years (undated ones are left out)\n"
            "  --type T     one PLOVER type (AGREE, CONSULT, ...)\n"
            "  --json       JSON Lines: id, date, dates, disagreement, actors, type, mode, status, label,\n"
            "               mentions, ndocs, sources [{doc, title, sentence, start, end, date}]\n"
            "  --plain, --dct DATE, --dict DIR   as for dyad events\n"
            "Exit status: 0; 1 when some document could not be read; 2 on a usage, dictionary or store error.\n");
}

int cmd_timeline(int argc, char **argv)
{
    cli_common c = {0};
    cli_docopts o = {.until = DYAD_STAGE_EVENTS};
    out ou = {0};
    ou.flt.type = -1;
    char **paths = calloc((size_t)argc + 1, sizeof *paths);
    int np = 0, status = EXIT_OK;
    if (!paths)
        return EXIT_USAGE;
    for (int i = 0; i < argc; i++) {
        int r = cli_common_opt(&c, argc, argv, &i);
        if (r < 0)
            goto bad;
        if (r)
            continue;
        r = parse_filter_opt(&ou.flt, argc, argv, &i);
        if (r < 0)
            goto bad;
        if (r)
            continue;
        if (!strcmp(argv[i], "--plain"))
            o.plain = 1;
        else if ((!strcmp(argv[i], "--dct") && i + 1 < argc) || !strncmp(argv[i], "--dct=", 6)) {
            const char *d = argv[i][5] == '=' ? argv[i] + 6 : argv[++i];
            if (dyad_ymd_parse(d, strlen(d), &o.dct) != DYAD_OK) {
                cli_err("--dct %s: not a date (YYYY, YYYY-MM or YYYY-MM-DD)", d);
                goto bad;
            }
        } else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            timeline_usage(stdout);
            free(paths);
            filter_free(&ou.flt);
            return EXIT_OK;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            cli_err("unknown option %s (dyad timeline --help)", argv[i]);
            goto bad;
        } else
            paths[np++] = argv[i];
    }
    ou.json = c.json;
    ou.tty = isatty(1);
    dyad_ctx *ctx = cli_ctx(&c);
    if (!ctx)
        goto bad;
    if (np && (dyad_actors_load(ctx) != DYAD_OK || dyad_events_load(ctx) != DYAD_OK)) {
        cli_err("%s", dyad_errmsg(ctx));
        dyad_ctx_free(ctx);
        goto bad;
    }
    dyad_fuser *f = dyad_fuser_new(ctx, 0);
    if (!f) {
        cli_err("out of memory");
        dyad_ctx_free(ctx);
        goto bad;
    }
    if (np) {
        from_docs d = {f, 0};
        int failed = 0;
        int r = cli_each_doc(ctx, paths, np, &o, add_doc, &d, &failed);
        if (r < 0 || d.err) {
            if (d.err)
                cli_err("%s", dyad_errmsg(ctx));
            status = EXIT_USAGE;
            goto done;
        }
        if (failed)
            status = EXIT_SOME;
    } else {
        dyad_store *st = NULL;
        const char *db = c.db ? c.db : "dyad.db";
        if (dyad_store_open(ctx, db, DYAD_STORE_READONLY, &st) != DYAD_OK) {
            cli_err("%s", dyad_errmsg(ctx));
            status = EXIT_USAGE;
            goto done;
        }
        int err = dyad_store_events(st, add_stored, f);
        dyad_store_close(st);
        if (err) {
            cli_err("%s", dyad_errmsg(ctx));
            status = EXIT_USAGE;
            goto done;
        }
    }
    if (dyad_fuser_run(f, on_entry, &ou) || ou.err) {
        cli_err("%s", *dyad_errmsg(ctx) ? dyad_errmsg(ctx) : "out of memory");
        status = EXIT_USAGE;
    }
    if (print_kept(&ou) || fflush(stdout)) {
        cli_err("cannot write the output");
        status = EXIT_SOME;
    }
done:
    for (size_t i = 0; i < ou.nk; i++) {
        free(ou.k[i].json);
        free(ou.k[i].text);
    }
    free(ou.k);
    dyad_fuser_free(f);
    dyad_ctx_free(ctx);
    free(paths);
    filter_free(&ou.flt);
    return status;
bad:
    free(paths);
    filter_free(&ou.flt);
    return EXIT_USAGE;
}

/* ---- fuse ---- */

typedef struct lines {
    dyad_fuser *f;
    dyad_ctx *ctx;
    long line, bad, blank;
    int fatal;
} lines;

static int fuse_line(void *ud, const char *line)
{
    lines *L = ud;
    L->line++;
    int err = dyad_fuser_add_json(L->f, line, strlen(line));
    if (err == DYAD_FORMAT) {
        cli_err("fuse: line %ld: %s", L->line, dyad_errmsg(L->ctx));
        L->bad++;
        return 0;
    }
    if (err) {
        cli_err("fuse: %s", dyad_errmsg(L->ctx));
        L->fatal = 1;
        return 1;
    }
    return 0;
}

int cmd_fuse(int argc, char **argv)
{
    cli_common c = {0};
    out ou = {0};
    ou.flt.type = -1;
    const char *from = "-";
    for (int i = 0; i < argc; i++) {
        int r = cli_common_opt(&c, argc, argv, &i);
        if (r < 0)
            goto bad;
        if (r)
            continue;
        r = parse_filter_opt(&ou.flt, argc, argv, &i);
        if (r < 0)
            goto bad;
        if (r)
            continue;
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            printf("usage: dyad fuse [FILE] [--pair A,B] [--from YEAR] [--to YEAR] [--type T]\n"
                   "Reads event JSON Lines (as `dyad events` prints them) from FILE or standard input and\n"
                   "prints timeline entries as JSON Lines (the fields of `dyad timeline --json`), pair by\n"
                   "pair. It is the reduce step when coding (`dyad events`, per document) runs as the map\n"
                   "step of a distributed engine; memory is bounded by the largest pair's events (more\n"
                   "are spilled to temporary files under $TMPDIR). A line that is not an event gets one\n"
                   "message with its number, and the rest is still fused.\n"
                   "Exit status: 0; 1 when some lines were not events; 2 on a usage or I/O error.\n");
            filter_free(&ou.flt);
            return EXIT_OK;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            cli_err("unknown option %s (dyad fuse --help)", argv[i]);
            goto bad;
        } else
            from = argv[i];
    }
    ou.json = 1;
    ou.stream = 1;
    dyad_ctx *ctx = cli_ctx(&c);
    if (!ctx)
        goto bad;
    dyad_fuser *f = dyad_fuser_new(ctx, 0);
    if (!f) {
        dyad_ctx_free(ctx);
        goto bad;
    }
    lines L = {f, ctx, 0, 0, 0, 0};
    int status = EXIT_OK;
    FILE *in = strcmp(from, "-") ? fopen(from, "r") : stdin;
    if (!in) {
        cli_err("fuse: %s: %s", from, strerror(errno));
        status = EXIT_USAGE;
    } else {
        char *line = NULL;
        size_t cap = 0;
        ssize_t n;
        while (!L.fatal && (n = getline(&line, &cap, in)) >= 0) {
            while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
                line[--n] = 0;
            const char *p = line;
            while (*p == ' ' || *p == '\t')
                p++;
            if (!*p) {
                L.line++;
                continue;
            }
            fuse_line(&L, line);
        }
        if (ferror(in)) {
            cli_err("fuse: %s: %s", from, strerror(errno));
            status = EXIT_USAGE;
        }
        free(line);
        if (in != stdin)
            fclose(in);
    }
    if (L.fatal)
        status = EXIT_USAGE;
    if (status == EXIT_OK && dyad_fuser_run(f, on_entry, &ou)) {
        cli_err("fuse: %s", *dyad_errmsg(ctx) ? dyad_errmsg(ctx) : "cannot write the output");
        status = EXIT_USAGE;
    }
    if (status == EXIT_OK && L.bad) {
        cli_err("fuse: %ld of %ld lines were not events", L.bad, L.line);
        status = EXIT_SOME;
    }
    if (fflush(stdout) || ferror(stdout)) {
        cli_err("cannot write the output");
        status = EXIT_USAGE;
    }
    dyad_fuser_free(f);
    dyad_ctx_free(ctx);
    filter_free(&ou.flt);
    return status;
bad:
    filter_free(&ou.flt);
    return EXIT_USAGE;
}
