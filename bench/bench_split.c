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

#include "bench.h"
#include "dyad/dyad.h"


static int count(void *ud, size_t s, size_t e)
{
    (void)s;
    (void)e;
    (*(size_t *)ud)++;
    return 0;
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
        data[i] = bench_read(argv[i + 1], &lens[i]);
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
    double t0 = bench_now(), dt;
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
        dt = bench_now() - t0;
    } while (dt < MIN_SECONDS);
    printf("split: %zu sentences, %.1f MB/s, %.0f sentences/s, peak RSS %.1f MB\n", per_pass,
           (double)total * passes / 1e6 / dt, (double)sentences / dt, bench_peak_mb());
    dyad_ctx_free(ctx);
    for (int i = 0; i < nf; i++)
        free(data[i]);
    free(data);
    free(lens);
    return 0;
}
