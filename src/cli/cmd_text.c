/* cli/cmd_text.c — `dyad text`, `dyad meta`, `dyad blocks`: one document at a time, no store. */
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "cli/cli.h"

typedef enum { OUT_TEXT, OUT_META, OUT_BLOCKS } out_mode;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void field(FILE *f, const char *key, const dyad_field *v, int *first)
{
    if (!v->value)
        return;
    fprintf(f, "%s\"%s\":", *first ? "" : ",", key);
    cli_json_strz(f, v->value);
    fprintf(f, ",\"%s_source\":", key);
    cli_json_strz(f, v->source);
    *first = 0;
}

static void print_meta(FILE *f, dyad_doc *doc)
{
    const dyad_meta *m = dyad_doc_meta(doc);
    int first = 1;
    fputc('{', f);
    fputs("\"file\":", f);
    cli_json_strz(f, dyad_doc_path(doc));
    fprintf(f, ",\"format\":\"%s\",\"encoding\":", dyad_format_name(dyad_doc_format(doc)));
    cli_json_strz(f, dyad_doc_encoding(doc));
    fprintf(f, ",\"bytes\":%zu,\"sha256\":\"%s\"", dyad_doc_size(doc), dyad_doc_hash(doc));
    first = 0;
    field(f, "title", &m->title, &first);
    field(f, "author", &m->author, &first);
    field(f, "publisher", &m->publisher, &first);
    field(f, "date", &m->date, &first);
    field(f, "updated", &m->updated, &first);
    field(f, "language", &m->language, &first);
    field(f, "url", &m->url, &first);
    field(f, "description", &m->description, &first);
    size_t ntags = 0;
    const char *const *tags = dyad_doc_tags(doc, &ntags);
    if (ntags) {
        fputs(",\"tags\":[", f);
        for (size_t i = 0; i < ntags; i++) {
            if (i)
                fputc(',', f);
            cli_json_strz(f, tags[i]);
        }
        fputc(']', f);
    }
    if (dyad_doc_front_matter_error(doc)) {
        fputs(",\"front_matter_error\":", f);
        cli_json_strz(f, dyad_doc_front_matter_error(doc));
    }
    fputs("}\n", f);
}

static const char *kind_name(dyad_block_kind k)
{
    static const char *const n[] = {"para", "heading", "item", "quote", "pre", "cell", "caption"};
    return (unsigned)k < sizeof n / sizeof n[0] ? n[k] : "?";
}

static void print_blocks(FILE *f, dyad_doc *doc)
{
    for (size_t i = 0; i < dyad_doc_nblocks(doc); i++) {
        const dyad_block *b = dyad_doc_block(doc, i);
        fprintf(f, "%-11s %-7s L%-4u link%3u%% %c ", dyad_drop_name(b->drop), kind_name(b->kind),
                b->line, b->len ? (unsigned)(100 * (size_t)b->link_bytes / b->len) : 0,
                b->drop ? '-' : '+');
        fwrite(b->text, 1, b->len > 160 ? 160 : b->len, f);
        fputc('\n', f);
    }
}

typedef struct text_run {
    dyad_ctx *ctx;
    out_mode mode;
    dyad_format fmt;
    int quiet;
    int nfiles, failed, printed;
    size_t bytes;
} text_run;

/* Reads, cleans and prints one document. Always returns 0 (go on with the next). */
static int one_file(void *ud, const char *path)
{
    text_run *r = ud;
    dyad_doc *doc = NULL;
    dyad_run_opts o = {.format = r->fmt};
    int err = dyad_run_file(r->ctx, path, DYAD_STAGE_META, &o, &doc);
    r->nfiles++;
    if (doc)
        r->bytes += dyad_doc_size(doc);
    if (err && !(err == DYAD_NOTEXT && r->mode != OUT_TEXT)) {
        cli_err("%s", dyad_errmsg(r->ctx));
        r->failed++;
    }
    if (doc && !r->quiet) {
        if (r->mode == OUT_META)
            print_meta(stdout, doc);
        else if (r->mode == OUT_BLOCKS)
            print_blocks(stdout, doc);
        else if (!err) {
            size_t n;
            const char *t = dyad_doc_text(doc, &n);
            if (r->printed++) /* documents are separated by a blank line, like paragraphs */
                fputc('\n', stdout);
            fwrite(t, 1, n, stdout);
        }
    }
    dyad_doc_free(doc);
    return 0;
}

static int run(int argc, char **argv, out_mode mode, const char *name)
{
    cli_common c = {0};
    text_run r = {.mode = mode, .fmt = DYAD_FMT_AUTO};
    int stats = 0, nfiles = 0;
    const char *from = NULL;
    char **files = calloc((size_t)argc + 1, sizeof *files);
    if (!files)
        return EXIT_USAGE;
    for (int i = 0; i < argc; i++) {
        int rc = cli_common_opt(&c, argc, argv, &i);
        if (rc < 0)
            goto usage;
        if (rc)
            continue;
        if (!strcmp(argv[i], "--stats"))
            stats = 1;
        else if (!strcmp(argv[i], "--null"))
            r.quiet = 1;
        else if (!strcmp(argv[i], "--files-from") && i + 1 < argc)
            from = argv[++i];
        else if (!strncmp(argv[i], "--format=", 9)) {
            const char *v = argv[i] + 9;
            r.fmt = !strcmp(v, "html") ? DYAD_FMT_HTML : !strcmp(v, "markdown") ? DYAD_FMT_MARKDOWN
                  : !strcmp(v, "text") ? DYAD_FMT_TEXT : !strcmp(v, "pdf") ? DYAD_FMT_PDF : DYAD_FMT_AUTO;
            if (r.fmt == DYAD_FMT_AUTO && strcmp(v, "auto"))
                goto usage;
        } else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            printf("usage: dyad %s FILE... [--files-from LIST] [--format=html|markdown|text|pdf] [--stats] [--null]\n"
                   "  --files-from LIST  also the files listed in LIST, one a line ('-': standard input)\n"
                   "  --format=F  read every file as F instead of detecting the format\n"
                   "  --stats     print files, MB, MB/s, files/s and peak memory to stderr at the end\n"
                   "  --null      process but print nothing (for timing)\n"
                   "Exit status: 0 all files went through, 1 some failed (one line each on stderr),\n"
                   "2 bad usage.\n", name);
            free(files);
            return EXIT_OK;
        } else if (argv[i][0] == '-' && argv[i][1])
            goto usage;
        else
            files[nfiles++] = argv[i];
    }
    if (!nfiles && !from)
        goto usage;
    r.ctx = cli_ctx(&c);
    if (!r.ctx) {
        free(files);
        return EXIT_USAGE;
    }
    double t0 = now();
    for (int i = 0; i < nfiles; i++)
        one_file(&r, files[i]);
    if (from && cli_each_line(name, from, one_file, &r, NULL) != 0)
        r.failed++;
    if (stats) {
        double dt = now() - t0;
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        fprintf(stderr, "%d files, %.1f MB in %.3f s: %.1f MB/s, %.1f files/s, peak RSS %.1f MB\n", r.nfiles,
                r.bytes / 1e6, dt, dt > 0 ? r.bytes / 1e6 / dt : 0.0, dt > 0 ? r.nfiles / dt : 0.0,
                ru.ru_maxrss / 1024.0);
    }
    dyad_ctx_free(r.ctx);
    free(files);
    if (fflush(stdout) != 0) {
        cli_err("cannot write the output");
        return EXIT_SOME;
    }
    return r.failed ? EXIT_SOME : EXIT_OK;
usage:
    fprintf(stderr, "usage: dyad %s FILE... (dyad %s --help)\n", name, name);
    free(files);
    return EXIT_USAGE;
}

int cmd_text(int argc, char **argv) { return run(argc, argv, OUT_TEXT, "text"); }
int cmd_meta(int argc, char **argv) { return run(argc, argv, OUT_META, "meta"); }
int cmd_blocks(int argc, char **argv) { return run(argc, argv, OUT_BLOCKS, "blocks"); }
