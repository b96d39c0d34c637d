/* bench/bench.h — what the benchmark programs share: a clock, a whole-file reader, peak memory. */
#ifndef DYAD_BENCH_H
#define DYAD_BENCH_H

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#define MIN_SECONDS 1.0                 /* repeat short inputs so the timing is not noise */
#define MAX_BENCH_FILE ((size_t)1 << 30) /* a bench input larger than this is refused */

static inline double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Peak resident memory of this process so far, in MB. */
static inline double bench_peak_mb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss / 1024.0;
}

/* Reads a whole file; NULL on failure. The caller frees. */
static inline char *bench_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 20, n = 0, r;
    char *b = malloc(cap);
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

#endif
