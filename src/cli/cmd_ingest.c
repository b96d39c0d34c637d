/* cli/cmd_ingest.c — `dyad ingest PATH...`: files and folders into the store.
 *
 * One line per document on stdout (added, unchanged, replaced, duplicate, moved, skipped: reason),
 * a summary on stderr, and on a terminal a progress line on stderr for runs longer than a second.
 * Folders are walked recursively in sorted order; hidden entries (.git, .DS_Store) are skipped,
 * symbolic links are followed but a folder already on the current path (a link loop), or already
 * entered through another link during the same PATH, is not entered again, and sockets, FIFOs and
 * devices met in a folder are ignored. The store's own files (under any name) are never ingested. Memory: each document is freed before the next is read; only the
 * names of one folder per level of the walk are held at a time.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"

#define PROGRESS_DELAY 1.0      /* seconds before the progress line appears */
#define PROGRESS_EVERY 0.1      /* seconds between two refreshes of it */

typedef struct ingest {
    dyad_ctx *ctx;
    dyad_store *st;
    char *db_canon;            /* realpath of the store, to skip its own files */
    size_t db_canon_len;
    int quiet, progress, stats, prune;
    long removed;
    int fatal;                 /* the store failed: stop */
    long n[5];                 /* by dyad_put_result */
    long skipped, files;
    double bytes, t0, last_draw;
    int drawn;                 /* a progress line is on the screen */
    cli_walker walker;
    dev_t db_dev;              /* the store file, to skip it under any name (links) */
    ino_t db_ino;
} ingest;

static volatile sig_atomic_t interrupted;
static void on_signal(int sig) { (void)sig; interrupted = 1; }

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void clear_progress(ingest *g)
{
    if (g->drawn) {
        fputs("\r\033[K", stderr);
        g->drawn = 0;
    }
}

static void draw_progress(ingest *g)
{
    if (!g->progress)
        return;
    double t = now();
    if (t - g->t0 < PROGRESS_DELAY || t - g->last_draw < PROGRESS_EVERY)
        return;
    g->last_draw = t;
    fflush(stdout);
    fprintf(stderr, "\r\033[Kingest: %ld files, %.1f MB, %.1f MB/s, %ld skipped", g->files, g->bytes / 1e6,
            g->bytes / 1e6 / (t - g->t0), g->skipped);
    g->drawn = 1;
}

/* A file name with a line break or an escape sequence must not forge a result line or drive the
 * terminal: control characters are printed as '?'. */
static void put_clean(const char *s)
{
    for (; *s; s++)
        fputc((unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s, stdout);
}

/* One result line on stdout; the progress line (same terminal) is wiped first. */
static void line(ingest *g, const char *what, const char *path, const char *detail)
{
    if (g->quiet && strcmp(what, "skipped") != 0)
        return;
    clear_progress(g);
    fputs(what, stdout);
    fputc(' ', stdout);
    put_clean(path);
    if (detail) {
        fputs(": ", stdout);
        put_clean(detail);
    }
    fputc('\n', stdout);
}

/* The context's message without a leading "PATH: " that repeats the document's path. */
static const char *reason(ingest *g, const char *path)
{
    const char *m = dyad_errmsg(g->ctx);
    size_t n = strlen(path);
    if (!strncmp(m, path, n) && !strncmp(m + n, ": ", 2))
        return m + n + 2;
    return *m ? m : "failed";
}

/* A path as people read it: relative to the working folder when it lies under it. */
static const char *shown(const char *abs)
{
    static char cwd[PATH_MAX];
    static size_t n;
    if (!n && getcwd(cwd, sizeof cwd))
        n = strlen(cwd);
    if (n > 1 && !strncmp(abs, cwd, n) && abs[n] == '/')
        return abs + n + 1;
    return abs;
}

static int is_store_file(ingest *g, const char *path)
{
    if (!g->db_canon)
        return 0;
    struct stat sb; /* the store itself under another name (a symbolic or hard link) */
    if (stat(path, &sb) == 0 && sb.st_dev == g->db_dev && sb.st_ino == g->db_ino)
        return 1;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dbbase = strrchr(g->db_canon, '/');
    dbbase = dbbase ? dbbase + 1 : g->db_canon;
    if (strncmp(base, dbbase, strlen(dbbase)) != 0)
        return 0;
    char *r = realpath(path, NULL);
    if (!r)
        return 0;
    int same = 0;
    if (!strncmp(r, g->db_canon, g->db_canon_len)) {
        const char *rest = r + g->db_canon_len;
        same = !*rest || !strcmp(rest, "-wal") || !strcmp(rest, "-shm") || !strcmp(rest, "-journal");
    }
    free(r);
    return same;
}

static int store_failure(int err)
{
    return err == DYAD_READONLY || err == DYAD_IO || err == DYAD_STORE || err == DYAD_NOTDB;
}

static void walk_file(void *ud, const char *path);
static void walk_skip(void *ud, const char *path, const char *why);
static int walk_stop(void *ud);

static void do_file(ingest *g, const char *path)
{
    if (is_store_file(g, path))
        return;
    g->files++;
    struct stat sb;
    int unchanged = 0;
    if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode)) {
        if (dyad_store_unchanged(g->st, path, &unchanged) == DYAD_OK && unchanged) {
            g->bytes += (double)sb.st_size;
            g->n[DYAD_PUT_UNCHANGED]++;
            line(g, "unchanged", path, NULL);
            draw_progress(g);
            return;
        }
    }
    dyad_doc *doc = NULL;
    int err = dyad_doc_read_file(g->ctx, path, DYAD_FMT_AUTO, &doc);
    if (!err) {
        g->bytes += (double)dyad_doc_size(doc);
        dyad_put_info info;
        /* run the pipeline only when the store will write the document's content */
        err = dyad_store_plan(g->st, doc, &info);
        if (!err && (info.result == DYAD_PUT_ADDED || info.result == DYAD_PUT_REPLACED))
            err = dyad_run(g->ctx, doc, DYAD_STAGE_EVENTS, NULL);
        if (!err) {
            err = dyad_store_put(g->st, doc, &info);
            if (err == DYAD_ARG) /* another process changed the picture since the plan */
                if (!(err = dyad_run(g->ctx, doc, DYAD_STAGE_EVENTS, NULL)))
                    err = dyad_store_put(g->st, doc, &info);
        }
        if (!err) {
            g->n[info.result]++;
            char detail[PATH_MAX + 64];
            const char *d = NULL;
            if (info.result == DYAD_PUT_DUPLICATE && info.other) {
                snprintf(detail, sizeof detail, "same content as %s", shown(info.other));
                d = detail;
            } else if (info.result == DYAD_PUT_MOVED && info.other) {
                snprintf(detail, sizeof detail, "was %s", shown(info.other));
                d = detail;
            }
            line(g, dyad_put_result_name(info.result), path, d);
        } else if (store_failure(err))
            g->fatal = 1;
    }
    if (err) {
        g->skipped++;
        line(g, "skipped", path, reason(g, path));
    }
    dyad_doc_free(doc);
    draw_progress(g);
}

static void walk_file(void *ud, const char *path) { do_file(ud, path); }

static int fuse_stored(void *ud, const dyad_fuse_src *e) { return dyad_fuser_add(ud, e); }
static int store_entry(void *ud, const dyad_entry *e) { return dyad_store_timeline_add(ud, e); }

/* Fuses the stored events into the stored timeline, in one transaction. */
static int rebuild_timeline(ingest *g)
{
    dyad_fuser *f = dyad_fuser_new(g->ctx, 0);
    if (!f)
        return DYAD_NOMEM;
    int err = dyad_store_events(g->st, fuse_stored, f);
    if (!err)
        err = dyad_store_timeline_begin(g->st);
    if (!err) {
        err = dyad_fuser_run(f, store_entry, g->st);
        int e2 = dyad_store_timeline_end(g->st, !err);
        if (!err)
            err = e2;
    }
    dyad_fuser_free(f);
    return err;
}

static void walk_skip(void *ud, const char *path, const char *why)
{
    ingest *g = ud;
    g->files++;
    g->skipped++;
    line(g, "skipped", path, why);
}

static int walk_stop(void *ud) { return ((ingest *)ud)->fatal || interrupted; }

/* A path named by the user: a folder is walked, anything else is taken as a document (so what is
 * not one gets a "skipped" line). */
static void on_removed(void *ud, const char *path)
{
    ingest *g = ud;
    g->removed++;
    line(g, "removed", shown(path), NULL);
}

static void do_arg(ingest *g, const char *path)
{
    if (cli_walk(&g->walker, path)) {
        if (g->prune && !g->fatal && !interrupted) {
            int err = dyad_store_prune(g->st, path, on_removed, g);
            if (err && store_failure(err))
                g->fatal = 1;
            else if (err)
                cli_err("%s", dyad_errmsg(g->ctx));
        }
    }
}

/* cli_each_line callback for --files-from: stops the list when the store failed. */
static int listed_arg(void *ud, const char *path)
{
    ingest *g = ud;
    do_arg(g, path);
    return g->fatal;
}

static void usage(FILE *f)
{
    fprintf(f,
            "usage: dyad ingest PATH... [--files-from FILE] [--prune] [--db PATH] [-q] [--stats]\n"
            "Adds files and folders (recursively, sorted; hidden entries skipped) to the store.\n"
            "One line per document on stdout:\n"
            "  added PATH        new in the store\n"
            "  unchanged PATH    same path, same content: nothing written\n"
            "  replaced PATH     the content changed: the old version was replaced\n"
            "  duplicate PATH: same content as OTHER   stored once, under OTHER (which still exists)\n"
            "  moved PATH: was OLD                     same content as OLD, which no longer exists\n"
            "  skipped PATH: REASON                    not stored (empty, binary, unreadable, ...)\n"
            "  removed PATH      (--prune) stored under a folder given, but gone from the disk\n"
            "A summary follows on stderr (and a progress line on a terminal).\n"
            "  --db PATH  the store (default dyad.db; created when missing)\n"
            "  --files-from FILE  also the paths listed in FILE, one a line ('-': standard input)\n"
            "  --prune    after walking each folder, remove from the store the documents under it whose\n"
            "             files no longer exist (without it, the store keeps them)\n"
            "  -q         print only the skipped lines and the summary\n"
            "  --stats    add CPU time (and MB per CPU second) and peak memory to the summary\n"
            "Exit status: 0 all stored, 1 some document was skipped (the others went in) or the store\n"
            "failed mid-run (what was committed stays), 2 the store cannot be opened or bad usage.\n");
}

int cmd_ingest(int argc, char **argv)
{
    cli_common c = {0};
    ingest g = {0};
    const char *from = NULL;
    char **paths = calloc((size_t)argc + 1, sizeof *paths);
    int np = 0, status = EXIT_USAGE;
    if (!paths)
        return EXIT_USAGE;
    for (int i = 0; i < argc; i++) {
        int r = cli_common_opt(&c, argc, argv, &i);
        if (r < 0)
            goto out;
        if (r)
            continue;
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            usage(stdout);
            status = EXIT_OK;
            goto out;
        } else if (!strcmp(argv[i], "--stats"))
            g.stats = 1;
        else if (!strcmp(argv[i], "--prune"))
            g.prune = 1;
        else if (!strcmp(argv[i], "--files-from") || !strncmp(argv[i], "--files-from=", 13)) {
            if (argv[i][12] == '=')
                from = argv[i] + 13;
            else if (i + 1 < argc)
                from = argv[++i];
            else {
                cli_err("ingest: --files-from needs a file ('-' for standard input)");
                goto out;
            }
        }
        else if (!strcmp(argv[i], "--")) {
            while (++i < argc)
                paths[np++] = argv[i];
        } else if (argv[i][0] == '-' && argv[i][1]) {
            cli_err("ingest: unknown option '%s'", argv[i]);
            usage(stderr);
            goto out;
        } else
            paths[np++] = argv[i];
    }
    if (!np && !from) {
        usage(stderr);
        goto out;
    }
    if (from && strcmp(from, "-") && access(from, R_OK) != 0) {
        cli_err("ingest: %s: cannot open the list of files: %s", from, strerror(errno));
        goto out;
    }
    if (c.json) {
        cli_err("ingest: --json is not supported (the result lines are meant to be read by grep)");
        goto out;
    }
    const char *db = c.db ? c.db : "dyad.db";
    g.quiet = c.quiet;
    g.walker.file = walk_file;
    g.walker.skip = walk_skip;
    g.walker.stop = walk_stop;
    g.walker.ud = &g;
    g.ctx = cli_ctx(&c);
    if (g.ctx && (dyad_actors_load(g.ctx) != DYAD_OK || dyad_events_load(g.ctx) != DYAD_OK)) {
        cli_err("%s", dyad_errmsg(g.ctx)); /* a dictionary error: nothing is read, nothing written */
        dyad_ctx_free(g.ctx);
        g.ctx = NULL;
    }
    if (!g.ctx)
        goto out;
    if (dyad_store_open(g.ctx, db, DYAD_STORE_CREATE, &g.st) != DYAD_OK) {
        cli_err("%s", dyad_errmsg(g.ctx));
        goto out;
    }
    g.db_canon = realpath(db, NULL);
    g.db_canon_len = g.db_canon ? strlen(g.db_canon) : 0;
    struct stat dbsb;
    if (g.db_canon && stat(g.db_canon, &dbsb) == 0) {
        g.db_dev = dbsb.st_dev;
        g.db_ino = dbsb.st_ino;
    }
    g.progress = isatty(2);
    g.t0 = now();
    struct sigaction sa = {0}, old_int, old_term;
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);

    for (int i = 0; i < np && !g.fatal && !interrupted; i++)
        do_arg(&g, paths[i]);
    if (from && !g.fatal && !interrupted) /* one path a line, each handled before the next is read */
        cli_each_line("ingest", from, listed_arg, &g, &interrupted);
    clear_progress(&g);
    if (fflush(stdout) != 0)
        cli_err("ingest: cannot write the result lines");
    /* the timeline of everything stored, fused again when documents came, changed or went */
    long changed = g.n[DYAD_PUT_ADDED] + g.n[DYAD_PUT_REPLACED] + g.n[DYAD_PUT_MOVED] + g.removed;
    if (!g.fatal && changed && rebuild_timeline(&g) != DYAD_OK) {
        cli_err("ingest: the timeline was not rebuilt: %s", dyad_errmsg(g.ctx));
        g.fatal = 1;
    }
    double dt = now() - g.t0;
    if (g.fatal)
        cli_err("ingest stopped: %s", dyad_errmsg(g.ctx));
    if (interrupted)
        cli_err("ingest interrupted: every document counted below is complete in the store, "
                "the others were not touched");
    int small = g.bytes < 1e5;
    fprintf(stderr, "ingest: %ld added, %ld unchanged, %ld replaced, %ld duplicate, %ld moved, %ld skipped",
            g.n[DYAD_PUT_ADDED], g.n[DYAD_PUT_UNCHANGED], g.n[DYAD_PUT_REPLACED], g.n[DYAD_PUT_DUPLICATE],
            g.n[DYAD_PUT_MOVED], g.skipped);
    if (g.prune)
        fprintf(stderr, ", %ld removed", g.removed);
    fprintf(stderr, "; %ld files, %.1f %s in %.2f s (%.1f MB/s)", g.files, small ? g.bytes / 1e3 : g.bytes / 1e6,
            small ? "KB" : "MB", dt, dt > 0 ? g.bytes / 1e6 / dt : 0.0);
    if (g.stats) {
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        double cpu = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
                     ru.ru_stime.tv_usec / 1e6;
        fprintf(stderr, ", CPU %.2f s (%.1f MB per CPU second), peak RSS %.1f MB", cpu,
                cpu > 0 ? g.bytes / 1e6 / cpu : 0.0, ru.ru_maxrss / 1024.0);
    }
    fputc('\n', stderr);
    if (dyad_store_close(g.st) != DYAD_OK)
        cli_err("%s", dyad_errmsg(g.ctx));
    g.st = NULL;
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    status = g.skipped || g.fatal || interrupted ? EXIT_SOME : EXIT_OK;
out:
    dyad_store_close(g.st);
    dyad_ctx_free(g.ctx);
    free(g.db_canon);
    cli_walk_free(&g.walker);
    free(paths);
    return status;
}
