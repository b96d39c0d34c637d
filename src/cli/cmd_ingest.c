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

#define WALK_MAX_DEPTH 128      /* deeper folders are not entered (a message says so) */
#define PROGRESS_DELAY 1.0      /* seconds before the progress line appears */
#define PROGRESS_EVERY 0.1      /* seconds between two refreshes of it */

typedef struct dirid {
    dev_t dev;
    ino_t ino;
    int used;
} dirid;

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
    struct { dev_t dev; ino_t ino; } anc[WALK_MAX_DEPTH]; /* folders on the current walk path */
    int depth;
    dirid *seen;               /* hash set of the folders entered through a symbolic link, per PATH */
    size_t nseen, capseen;
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
            err = dyad_run(g->ctx, doc, DYAD_STAGE_SPLIT, NULL);
        if (!err) {
            err = dyad_store_put(g->st, doc, &info);
            if (err == DYAD_ARG) /* another process changed the picture since the plan */
                if (!(err = dyad_run(g->ctx, doc, DYAD_STAGE_SPLIT, NULL)))
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

static int cmp_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void walk(ingest *g, const char *dir);

static size_t dirid_slot(const dirid *t, size_t cap, dev_t dev, ino_t ino)
{
    size_t h = ((size_t)ino * 0x9E3779B97F4A7C15u) ^ (size_t)dev;
    size_t i = h & (cap - 1);
    while (t[i].used && !(t[i].dev == dev && t[i].ino == ino))
        i = (i + 1) & (cap - 1);
    return i;
}

/* Records a folder entered through a symbolic link: 1 when it was already entered that way (two
 * links to one folder, nested, would otherwise walk it 2^depth times), 0 when new, -1 out of memory. */
static int seen_add(ingest *g, dev_t dev, ino_t ino)
{
    if ((g->nseen + 1) * 2 > g->capseen) {
        size_t nc = g->capseen ? g->capseen * 2 : 64;
        dirid *nt = calloc(nc, sizeof *nt);
        if (!nt)
            return -1;
        for (size_t i = 0; i < g->capseen; i++)
            if (g->seen[i].used)
                nt[dirid_slot(nt, nc, g->seen[i].dev, g->seen[i].ino)] = g->seen[i];
        free(g->seen);
        g->seen = nt;
        g->capseen = nc;
    }
    size_t i = dirid_slot(g->seen, g->capseen, dev, ino);
    if (g->seen[i].used)
        return 1;
    g->seen[i] = (dirid){dev, ino, 1};
    g->nseen++;
    return 0;
}

/* A path met in a folder: documents in, folders walked, special files ignored. */
static void do_entry(ingest *g, const char *path)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        int e = errno;
        struct stat lsb;
        g->files++;
        g->skipped++;
        if (lstat(path, &lsb) == 0 && S_ISLNK(lsb.st_mode))
            line(g, "skipped", path, "broken symbolic link");
        else
            line(g, "skipped", path, strerror(e));
        return;
    }
    if (S_ISDIR(sb.st_mode)) {
        for (int i = 0; i < g->depth; i++)
            if (g->anc[i].dev == sb.st_dev && g->anc[i].ino == sb.st_ino)
                return; /* a link back to a folder we are in: a loop */
        struct stat lsb;
        if (lstat(path, &lsb) == 0 && S_ISLNK(lsb.st_mode)) {
            int r = seen_add(g, sb.st_dev, sb.st_ino);
            if (r > 0)
                return; /* already walked through another link during this PATH */
            if (r < 0) {
                g->skipped++;
                line(g, "skipped", path, "out of memory");
                return;
            }
        }
        if (g->depth >= WALK_MAX_DEPTH) {
            g->skipped++;
            line(g, "skipped", path, "folders nested too deep");
            return;
        }
        g->anc[g->depth].dev = sb.st_dev;
        g->anc[g->depth].ino = sb.st_ino;
        g->depth++;
        walk(g, path);
        g->depth--;
    } else if (S_ISREG(sb.st_mode))
        do_file(g, path);
}

static void walk(ingest *g, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        g->skipped++;
        line(g, "skipped", dir, strerror(errno));
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    int oom = 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue; /* ., .., and hidden entries */
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 64;
            char **nn = realloc(names, nc * sizeof *nn);
            if (!nn) {
                oom = 1;
                break;
            }
            names = nn;
            cap = nc;
        }
        if (!(names[n] = strdup(e->d_name))) {
            oom = 1;
            break;
        }
        n++;
    }
    closedir(d);
    if (oom) {
        g->skipped++;
        line(g, "skipped", dir, "out of memory listing the folder");
    } else {
        if (n)
            qsort(names, n, sizeof *names, cmp_names);
        size_t dl = strlen(dir);
        int slash = dl && dir[dl - 1] == '/';
        for (size_t i = 0; i < n && !g->fatal && !interrupted; i++) {
            size_t len = dl + strlen(names[i]) + 2;
            char *p = malloc(len);
            if (!p) {
                g->skipped++;
                line(g, "skipped", names[i], "out of memory");
                continue;
            }
            snprintf(p, len, "%s%s%s", dir, slash ? "" : "/", names[i]);
            do_entry(g, p);
            free(p);
        }
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

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
    struct stat sb;
    if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        free(g->seen); /* each PATH given is walked whole, even a folder given twice */
        g->seen = NULL;
        g->nseen = g->capseen = 0;
        g->depth = 1;
        g->anc[0].dev = sb.st_dev;
        g->anc[0].ino = sb.st_ino;
        walk(g, path);
        if (g->prune && !g->fatal && !interrupted) {
            int err = dyad_store_prune(g->st, path, on_removed, g);
            if (err && store_failure(err))
                g->fatal = 1;
            else if (err)
                cli_err("%s", dyad_errmsg(g->ctx));
        }
    } else
        do_file(g, path);
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
    g.ctx = cli_ctx(&c);
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
    free(g.seen);
    free(paths);
    return status;
}
