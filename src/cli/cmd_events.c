/* cli/cmd_events.c — `dyad events PATH...`: the events of documents as JSON Lines, one event mention
 * a line (fields in the usage text below and in the README). */
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>
#include <string.h>

#include "cli/cli.h"

typedef struct state {
    int all, null;
    int out_err;
    long docs, sentences, events;
    double bytes;
} state;

static void party(FILE *f, const char *text, const dyad_party *p)
{
    if (!p->ncodes) {
        fputs("null", f);
        return;
    }
    fprintf(f, "{\"code\":\"%s\"", p->codes[0]);
    if (p->ncodes > 1) {
        fputs(",\"codes\":[", f);
        for (int i = 0; i < p->ncodes; i++)
            fprintf(f, "%s\"%s\"", i ? "," : "", p->codes[i]);
        fputc(']', f);
    }
    fputs(",\"text\":", f);
    if (p->end > p->start) {
        fputc('"', f);
        cli_json_str(f, text + p->start, p->end - p->start);
        fputc('"', f);
    } else
        fputs("null", f);
    fputs(",\"sector\":", f);
    cli_json_strz(f, p->sector);
    fputc('}', f);
}

void cli_print_event(FILE *f, const char *path, const char *text, const dyad_event *e)
{
    fputs("{\"doc\":\"", f);
    cli_json_str(f, path, strlen(path));
    fputs("\",\"date\":", f);
    cli_json_strz(f, e->date[0] ? e->date : NULL);
    fprintf(f, ",\"date_source\":\"%s\",\"date_text\":", dyad_date_source_name(e->date_source));
    if (e->date_end > e->date_start) {
        fputc('"', f);
        cli_json_str(f, text + e->date_start, e->date_end - e->date_start);
        fputc('"', f);
    } else
        fputs("null", f);
    const char *actors[2 * DYAD_PARTY_CODES];
    int na = dyad_event_actors(e, actors, 2 * DYAD_PARTY_CODES);
    fputs(",\"actors\":[", f);
    for (int i = 0; i < na; i++)
        fprintf(f, "%s\"%s\"", i ? "," : "", actors[i]);
    fputs("],\"source\":", f);
    party(f, text, &e->source);
    fputs(",\"target\":", f);
    party(f, text, &e->target);
    fprintf(f, ",\"type\":\"%s\",\"mode\":", dyad_event_type_name(e->type));
    cli_json_strz(f, e->mode);
    fprintf(f, ",\"status\":\"%s\",\"label\":", dyad_event_status_name(e->status));
    cli_json_strz(f, e->label);
    fputs(",\"trigger\":{\"text\":\"", f);
    cli_json_str(f, text + e->trigger_start, e->trigger_end - e->trigger_start);
    fprintf(f, "\",\"start\":%zu,\"end\":%zu},\"sentence\":\"", e->trigger_start, e->trigger_end);
    cli_json_str(f, text + e->start, e->end - e->start);
    fprintf(f, "\",\"start\":%zu,\"end\":%zu}\n", e->start, e->end);
}

static int on_doc(void *ud, dyad_doc *doc, const char *path)
{
    state *S = ud;
    size_t n, ns;
    const dyad_event *ev = dyad_doc_events(doc, &n);
    const char *text = dyad_doc_text(doc, NULL);
    dyad_doc_sentences(doc, &ns);
    S->docs++;
    S->sentences += (long)ns;
    S->bytes += (double)dyad_doc_size(doc);
    for (size_t i = 0; i < n; i++) {
        const char *a[2 * DYAD_PARTY_CODES];
        if (!S->all && dyad_event_actors(&ev[i], a, 2 * DYAD_PARTY_CODES) < 2)
            continue;
        S->events++;
        if (!S->null)
            cli_print_event(stdout, path, text, &ev[i]);
    }
    if (ferror(stdout)) {
        S->out_err = 1;
        return 1;
    }
    return 0;
}

typedef struct listed {
    dyad_ctx *ctx;
    const cli_docopts *o;
    state *S;
    int failed, r;
} listed;

static int listed_doc(void *ud, const char *path)
{
    listed *L = ud;
    char *p = (char *)path;
    int failed = 0;
    L->r = cli_each_doc(L->ctx, &p, 1, L->o, on_doc, L->S, &failed);
    L->failed += failed;
    return L->r < 0 || L->S->out_err;
}

static void usage(FILE *f)
{
    fprintf(f,
            "usage: dyad events PATH... [--plain] [--dct DATE] [--all] [--dict DIR] [--mdy|--dmy]\n"
            "Prints the events of the documents (folders are read recursively) as JSON Lines, one event\n"
            "mention a line, in text order:\n"
            "  doc          the path as given (or as found under a folder given)\n"
            "  date         ISO 8601 at the precision the text supports (1952, 2005-04, 2010-06-28), or null\n"
            "  date_source  text, narrative, document or none; date_text: the words it came from, or null\n"
            "  actors       the ISO 3166-1 alpha-3 (or group) codes, source first\n"
            "  source, target  {code, codes (when several), text, sector}\n"
            "  type         one of the 16 PLOVER types; mode: visit, meeting, treaty, exercise, loan, ... or null\n"
            "  status       happened, planned, failed or hypothetical\n"
            "  label        what the event is about, from the text (\"peace treaty\", \"yen loans\")\n"
            "  trigger      {text, start, end}; sentence, start, end: the sentence and its byte offsets in the\n"
            "               clean text (dyad text), or in FILE with --plain\n"
            "  --plain      the files are clean UTF-8 text\n"
            "  --dct DATE   the document date (YYYY, YYYY-MM or YYYY-MM-DD) for \"last year\", \"recently\"\n"
            "  --all        also events with one party only (by default: two or more countries or groups)\n"
            "  --dict DIR   dictionaries of your own (actors-*.txt, events-*.txt), over the standard ones\n"
            "  --files-from LIST  also the files named in LIST, one a line ('-': standard input)\n"
            "  --stats      print documents, sentences, events, sentences/s, MB/s and peak memory to stderr\n"
            "  --null       print no events (for timing)\n"
            "Exit status: 0; 1 when some document could not be read (the others are printed); 2 on a usage\n"
            "or dictionary error.\n");
}

int cmd_events(int argc, char **argv)
{
    cli_common c = {0};
    cli_docopts o = {.until = DYAD_STAGE_EVENTS};
    state S = {0};
    int stats = 0;
    const char *from = NULL;
    char **paths = calloc((size_t)argc + 1, sizeof *paths);
    int np = 0;
    if (!paths)
        return EXIT_USAGE;
    for (int i = 0; i < argc; i++) {
        int r = cli_common_opt(&c, argc, argv, &i);
        if (r < 0)
            goto bad;
        if (r)
            continue;
        if (!strcmp(argv[i], "--plain"))
            o.plain = 1;
        else if (!strcmp(argv[i], "--all"))
            S.all = 1;
        else if (!strcmp(argv[i], "--stats"))
            stats = 1;
        else if (!strcmp(argv[i], "--null"))
            S.null = 1;
        else if (!strcmp(argv[i], "--files-from") && i + 1 < argc)
            from = argv[++i];
        else if (!strcmp(argv[i], "--mdy"))
            o.date_flags = DYAD_DATES_MDY;
        else if (!strcmp(argv[i], "--dmy"))
            o.date_flags = DYAD_DATES_DMY;
        else if ((!strcmp(argv[i], "--dct") && i + 1 < argc) || !strncmp(argv[i], "--dct=", 6)) {
            const char *d = argv[i][5] == '=' ? argv[i] + 6 : argv[++i];
            if (dyad_ymd_parse(d, strlen(d), &o.dct) != DYAD_OK) {
                cli_err("--dct %s: not a date (YYYY, YYYY-MM or YYYY-MM-DD)", d);
                goto bad;
            }
        } else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            usage(stdout);
            free(paths);
            return EXIT_OK;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            cli_err("unknown option %s (dyad events --help)", argv[i]);
            goto bad;
        } else
            paths[np++] = argv[i];
    }
    if (!np && !from) {
        usage(stderr);
        goto bad;
    }
    dyad_ctx *ctx = cli_ctx(&c);
    if (!ctx)
        goto bad;
    if (dyad_actors_load(ctx) != DYAD_OK || dyad_events_load(ctx) != DYAD_OK) {
        cli_err("%s", dyad_errmsg(ctx));
        dyad_ctx_free(ctx);
        goto bad;
    }
    int failed = 0;
    struct timespec ts0, ts1;
    clock_gettime(CLOCK_MONOTONIC, &ts0);
    int r = cli_each_doc(ctx, paths, np, &o, on_doc, &S, &failed);
    if (r == 0 && from) {
        listed L = {ctx, &o, &S, 0, 0};
        if (cli_each_line("events", from, listed_doc, &L, NULL) < 0)
            failed++;
        failed += L.failed;
        r = L.r;
    }
    if (stats) {
        clock_gettime(CLOCK_MONOTONIC, &ts1);
        double dt = (double)(ts1.tv_sec - ts0.tv_sec) + (double)(ts1.tv_nsec - ts0.tv_nsec) / 1e9;
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        fprintf(stderr, "%ld documents, %ld sentences, %ld events, %.1f MB in %.3f s: %.0f sentences/s, %.1f MB/s, "
                        "peak RSS %.1f MB\n", S.docs, S.sentences, S.events, S.bytes / 1e6, dt,
                dt > 0 ? (double)S.sentences / dt : 0.0, dt > 0 ? S.bytes / 1e6 / dt : 0.0, ru.ru_maxrss / 1024.0);
    }
    dyad_ctx_free(ctx);
    free(paths);
    if (fflush(stdout) != 0 || S.out_err) {
        cli_err("cannot write the output");
        return EXIT_SOME;
    }
    return r < 0 ? EXIT_USAGE : failed ? EXIT_SOME : EXIT_OK;
bad:
    free(paths);
    return EXIT_USAGE;
}
