/* core/ctx.c — the context: options, error messages, data files, per-stage caches. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/internal.h"

static const char *const err_msgs[] = {
#define X(name, msg) msg,
    DYAD_ERRORS(X)
#undef X
};
static const char *const err_names[] = {
#define X(name, msg) #name,
    DYAD_ERRORS(X)
#undef X
};

const char *dyad_strerror(dyad_err err)
{
    return (unsigned)err < DYAD_ERR_COUNT ? err_msgs[err] : "unknown error";
}

const char *dyad_errname(dyad_err err)
{
    return (unsigned)err < DYAD_ERR_COUNT ? err_names[err] : "UNKNOWN";
}

int dyad__fail(const dyad_ctx *cctx, int err, const char *fmt, ...)
{
    dyad_ctx *ctx = (dyad_ctx *)cctx;
    if (!ctx)
        return err;
    dyad__buf_reset(&ctx->err);
    va_list ap;
    va_start(ap, fmt);
    dyad__buf_vprintf(&ctx->err, fmt, ap);
    va_end(ap);
    return err;
}

const char *dyad_errmsg(const dyad_ctx *ctx)
{
    return ctx && ctx->err.len ? ctx->err.data : "";
}

static int is_dir(const char *p)
{
    struct stat st;
    return p && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The data folder: the option, $DYAD_DATA, then beside the executable (../share/dyad, ../data). */
static char *find_data_dir(const dyad_opts *o)
{
    if (o->data_dir)
        return strdup(o->data_dir);
    const char *env = getenv("DYAD_DATA");
    if (env && *env)
        return strdup(env);
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return NULL;
    exe[n] = 0;
    char *slash = strrchr(exe, '/');
    if (!slash)
        return NULL;
    *slash = 0;
    static const char *const rel[] = {"/../share/dyad", "/../data", "/../../data"};
    for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
        char cand[PATH_MAX + 32];
        snprintf(cand, sizeof cand, "%s%s", exe, rel[i]);
        char probe[PATH_MAX + 64];
        snprintf(probe, sizeof probe, "%s/boilerplate.txt", cand);
        if (access(probe, R_OK) == 0) {
            char *r = realpath(cand, NULL);
            return r ? r : strdup(cand);
        }
    }
    return NULL;
}

dyad_ctx *dyad_ctx_new(const dyad_opts *opts)
{
    dyad_ctx *ctx = calloc(1, sizeof *ctx);
    if (!ctx)
        return NULL;
    if (opts)
        ctx->opts = *opts;
    if (!ctx->opts.max_file)
        ctx->opts.max_file = DYAD_DEFAULT_MAX_FILE;
    dyad__buf_init(&ctx->err, 4096);
    ctx->data_dir = find_data_dir(&ctx->opts);
    if (ctx->data_dir && !is_dir(ctx->data_dir)) {
        dyad__fail(ctx, DYAD_NOTFOUND, "%s: data folder not found; using the built-in data", ctx->data_dir);
        free(ctx->data_dir);
        ctx->data_dir = NULL;
    }
    ctx->opts.data_dir = ctx->data_dir;
    if (ctx->opts.dict_dir) {
        ctx->dict_dir = strdup(ctx->opts.dict_dir);
        ctx->opts.dict_dir = ctx->dict_dir;
    }
    return ctx;
}

void dyad_ctx_free(dyad_ctx *ctx)
{
    if (!ctx)
        return;
    for (int i = 0; i < DYAD__SLOT_COUNT; i++)
        if (ctx->slots[i] && ctx->slot_free[i])
            ctx->slot_free[i](ctx->slots[i]);
    for (size_t i = 0; i < ctx->nfiles; i++) {
        if (ctx->files[i].owned)
            free((char *)ctx->files[i].data);
        free(ctx->files[i].name);
        free(ctx->files[i].path);
    }
    free(ctx->dict_dir);
    dyad__buf_free(&ctx->err);
    free(ctx->data_dir);
    free(ctx);
}

const char *dyad_data_source(const dyad_ctx *ctx)
{
    return ctx->data_dir ? ctx->data_dir : "built-in";
}

void *dyad__slot(const dyad_ctx *cctx, dyad__slot_id id, void *(*make)(const dyad_ctx *), void (*destroy)(void *))
{
    dyad_ctx *ctx = (dyad_ctx *)cctx;
    if (!ctx->slots[id]) {
        ctx->slots[id] = make(ctx);
        ctx->slot_free[id] = destroy;
    }
    return ctx->slots[id];
}

/* Data files are small (kilobytes); one larger than this is a mistake, not data. */
#define DATA_FILE_MAX ((size_t)16 << 20)

static char *read_small_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    dyad__buf b;
    dyad__buf_init(&b, DATA_FILE_MAX);
    char tmp[16384];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
        dyad__buf_add(&b, tmp, n);
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        dyad__buf_free(&b);
        return NULL;
    }
    return dyad__buf_take(&b, len);
}

const char *dyad__data(const dyad_ctx *cctx, const char *name, size_t *len)
{
    dyad_ctx *ctx = (dyad_ctx *)cctx;
    for (size_t i = 0; i < ctx->nfiles; i++)
        if (strcmp(ctx->files[i].name, name) == 0) {
            if (len)
                *len = ctx->files[i].len;
            return ctx->files[i].data;
        }
    if (ctx->nfiles == sizeof ctx->files / sizeof ctx->files[0])
        return NULL;
    dyad__datafile f = {0};
    const char *dirs[2] = {ctx->dict_dir, ctx->data_dir};
    for (int k = 0; k < 2 && !f.data; k++) {
        if (!dirs[k])
            continue;
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/%s", dirs[k], name);
        size_t n = 0;
        char *d = read_small_file(path, &n);
        if (d) {
            f.data = d;
            f.len = n;
            f.owned = 1;
            f.path = strdup(path);
        }
    }
    if (!f.data)
        for (const dyad__builtin *b = dyad__builtin_data; b->name; b++)
            if (strcmp(b->name, name) == 0) {
                f.data = b->data;
                f.len = b->len;
                break;
            }
    if (!f.data)
        return NULL;
    f.name = strdup(name);
    if (!f.name) {
        if (f.owned)
            free((char *)f.data);
        free(f.path);
        return NULL;
    }
    ctx->files[ctx->nfiles++] = f;
    if (len)
        *len = f.len;
    return f.data;
}

const char *dyad_data_file(dyad_ctx *ctx, const char *name, size_t *len)
{
    if (!ctx || !name || !*name || strchr(name, '/'))
        return NULL;
    return dyad__data(ctx, name, len);
}

const char *dyad_data_file_where(const dyad_ctx *ctx, const char *name) { return dyad__data_where(ctx, name); }

const char *dyad__data_where(const dyad_ctx *ctx, const char *name)
{
    for (size_t i = 0; i < ctx->nfiles; i++)
        if (strcmp(ctx->files[i].name, name) == 0)
            return ctx->files[i].path ? ctx->files[i].path : "built-in";
    return name;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

size_t dyad__dict_extra(const dyad_ctx *ctx, const char *prefix, char **names, size_t max)
{
    if (!ctx->dict_dir)
        return 0;
    DIR *d = opendir(ctx->dict_dir);
    if (!d)
        return 0;
    size_t n = 0, pl = strlen(prefix);
    struct dirent *e;
    while ((e = readdir(d)) && n < max) {
        size_t l = strlen(e->d_name);
        if (l > pl + 4 && !strncmp(e->d_name, prefix, pl) && !strcmp(e->d_name + l - 4, ".txt")) {
            names[n] = strdup(e->d_name);
            if (names[n])
                n++;
        }
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_str);
    return n;
}
