/* bench/bench_split.c — throughput of the sentence splitter.
 *
 * Usage: build/bench/bench_split FILE...
 * Splits each file's bytes as they are (like `dyad split --plain`), with one context, repeating
 * the whole set until at least MIN_SECONDS have passed, and prints one line:
 *   split: N sentences, X MB/s, Y sentences/s, peak RSS Z MB
 * where N is the number of sentences in one pass over the files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "dyad/dyad.h"

#define MIN_SECONDS 1.0 /* repeat short inputs so the timing is not noise */
#define MAX_BENCH_FILE ((size_t)1 << 30)

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int count(void *ud, size_t s, size_t e)
{
    (void)s;
    (void)e;
    (*(size_t *)ud)++;
    return 0;
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 20, n = 0;
    char *b = malloc(cap);
    size_t r;
    while (b && (r = fread(b + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) {
            char *nb = cap < MAX_BENCH_FILE ? realloc(b, cap * 2) : NULL;
            if (!nb) {
                free(b);
                b = NULL;
                break;
            }
            b = nb;
            cap *= 2;
        }
    }
    fclose(f);
    *len = n;
    return b;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_split FILE...\n");
        return 2;
    }
    int nf = argc - 1;
    char **data = calloc((size_t)nf, sizeof *data);
    size_t *lens = calloc((size_t)nf, sizeof *lens);
    if (!data || !lens)
        return 2;
    size_t total = 0;
    for (int i = 0; i < nf; i++) {
        data[i] = read_all(argv[i + 1], &lens[i]);
        if (!data[i]) {
            fprintf(stderr, "bench_split: %s: cannot read\n", argv[i + 1]);
            return 1;
        }
        total += lens[i];
    }
    dyad_ctx *ctx = dyad_ctx_new(NULL);
    if (!ctx)
        return 2;
    size_t sentences = 0, per_pass = 0;
    int passes = 0;
    double t0 = now(), dt;
    do {
        size_t n = 0;
        for (int i = 0; i < nf; i++)
            if (dyad_split(ctx, data[i], lens[i], count, &n) != 0) {
                fprintf(stderr, "bench_split: %s: %s\n", argv[i + 1], dyad_errmsg(ctx));
                return 1;
            }
        per_pass = n;
        sentences += n;
        passes++;
        dt = now() - t0;
    } while (dt < MIN_SECONDS);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("split: %zu sentences, %.1f MB/s, %.0f sentences/s, peak RSS %.1f MB\n", per_pass,
           (double)total * passes / 1e6 / dt, (double)sentences / dt, ru.ru_maxrss / 1024.0);
    dyad_ctx_free(ctx);
    for (int i = 0; i < nf; i++)
        free(data[i]);
    free(data);
    free(lens);
    return 0;
}
