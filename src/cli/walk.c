/* cli/walk.c — the files under the paths a user gives (see cli.h: cli_walker).
 *
 * Folders are walked recursively in sorted order; hidden entries (.git, .DS_Store) are skipped;
 * symbolic links are followed, but a folder already on the current path (a link loop), or already
 * entered through another link during the same PATH, is not entered again; sockets, FIFOs and
 * devices met in a folder are ignored. Memory: only the names of one folder per level of the walk
 * are held at a time.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"

static int cmp_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static int stopped(cli_walker *w) { return w->stop && w->stop(w->ud); }

static size_t dirid_slot(const cli_dirid *t, size_t cap, dev_t dev, ino_t ino)
{
    size_t h = ((size_t)ino * 0x9E3779B97F4A7C15u) ^ (size_t)dev;
    size_t i = h & (cap - 1);
    while (t[i].used && !(t[i].dev == dev && t[i].ino == ino))
        i = (i + 1) & (cap - 1);
    return i;
}

/* Records a folder entered through a symbolic link: 1 when it was already entered that way (two
 * links to one folder, nested, would otherwise walk it 2^depth times), 0 when new, -1 out of memory. */
static int seen_add(cli_walker *w, dev_t dev, ino_t ino)
{
    if ((w->nseen + 1) * 2 > w->capseen) {
        size_t nc = w->capseen ? w->capseen * 2 : 64;
        cli_dirid *nt = calloc(nc, sizeof *nt);
        if (!nt)
            return -1;
        for (size_t i = 0; i < w->capseen; i++)
            if (w->seen[i].used)
                nt[dirid_slot(nt, nc, w->seen[i].dev, w->seen[i].ino)] = w->seen[i];
        free(w->seen);
        w->seen = nt;
        w->capseen = nc;
    }
    size_t i = dirid_slot(w->seen, w->capseen, dev, ino);
    if (w->seen[i].used)
        return 1;
    w->seen[i] = (cli_dirid){dev, ino, 1};
    w->nseen++;
    return 0;
}

static void walk(cli_walker *w, const char *dir);

/* A path met in a folder: documents in, folders walked, special files ignored. */
static void do_entry(cli_walker *w, const char *path)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        int e = errno;
        struct stat lsb;
        if (lstat(path, &lsb) == 0 && S_ISLNK(lsb.st_mode))
            w->skip(w->ud, path, "broken symbolic link");
        else
            w->skip(w->ud, path, strerror(e));
        return;
    }
    if (S_ISDIR(sb.st_mode)) {
        for (int i = 0; i < w->depth; i++)
            if (w->anc[i].dev == sb.st_dev && w->anc[i].ino == sb.st_ino)
                return; /* a link back to a folder we are in: a loop */
        struct stat lsb;
        if (lstat(path, &lsb) == 0 && S_ISLNK(lsb.st_mode)) {
            int r = seen_add(w, sb.st_dev, sb.st_ino);
            if (r > 0)
                return; /* already walked through another link during this PATH */
            if (r < 0) {
                w->skip(w->ud, path, "out of memory");
                return;
            }
        }
        if (w->depth >= CLI_WALK_MAX_DEPTH) {
            w->skip(w->ud, path, "folders nested too deep");
            return;
        }
        w->anc[w->depth].dev = sb.st_dev;
        w->anc[w->depth].ino = sb.st_ino;
        w->depth++;
        walk(w, path);
        w->depth--;
    } else if (S_ISREG(sb.st_mode))
        w->file(w->ud, path);
}

static void walk(cli_walker *w, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        w->skip(w->ud, dir, strerror(errno));
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
        w->skip(w->ud, dir, "out of memory listing the folder");
    } else {
        if (n)
            qsort(names, n, sizeof *names, cmp_names);
        size_t dl = strlen(dir);
        int slash = dl && dir[dl - 1] == '/';
        for (size_t i = 0; i < n && !stopped(w); i++) {
            size_t len = dl + strlen(names[i]) + 2;
            char *p = malloc(len);
            if (!p) {
                w->skip(w->ud, names[i], "out of memory");
                continue;
            }
            snprintf(p, len, "%s%s%s", dir, slash ? "" : "/", names[i]);
            do_entry(w, p);
            free(p);
        }
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

int cli_walk(cli_walker *w, const char *path)
{
    struct stat sb;
    if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        free(w->seen); /* each PATH given is walked whole, even a folder given twice */
        w->seen = NULL;
        w->nseen = w->capseen = 0;
        w->depth = 1;
        w->anc[0].dev = sb.st_dev;
        w->anc[0].ino = sb.st_ino;
        walk(w, path);
        return 1;
    }
    w->file(w->ud, path);
    return 0;
}

void cli_walk_free(cli_walker *w)
{
    free(w->seen);
    w->seen = NULL;
    w->nseen = w->capseen = 0;
}
