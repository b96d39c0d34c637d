/* bench/bench_dates.c — throughput of the temporal tagger alone.
 *
 * Usage: build/bench/bench_dates FILE...
 * Tags each file's bytes as they are (like `dyad dates --plain`, DCT 2010-06-29 so that relative
 * expressions are resolved), with one context, repeating the whole set until at least MIN_SECONDS
 * have passed, and prints one line:
 *   dates: N sentences, X MB/s, Y sentences/s, peak RSS Z MB (T expressions)
 * N is the number of sentences in one pass, counted by dyad_split outside the timed loop. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "dyad/dyad.h"


static int count_sentence(void *ud, size_t s, size_t e)
{
    (void)s;
    (void)e;
    (*(size_t *)ud)++;
    return 0;
}

static int count_timex(void *ud, const dyad_timex *tx)
{
    (void)tx;
    (*(size_t *)ud)++;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_dates FILE...\n");
        return 2;
    }
    int nf = argc - 1, status = 0;
    char **data = calloc((size_t)nf, sizeof *data);
    size_t *lens = calloc((size_t)nf, sizeof *lens);
    dyad_ctx *ctx = dyad_ctx_new(NULL);
    if (!data || !lens || !ctx) {
        fprintf(stderr, "bench_dates: out of memory\n");
        return 2;
    }
    size_t total = 0, sentences = 0, found = 0, passes = 0;
    for (int i = 0; i < nf; i++) {
        data[i] = bench_read(argv[i + 1], &lens[i]);
        if (!data[i]) {
            fprintf(stderr, "bench_dates: %s: cannot read\n", argv[i + 1]);
            status = 1;
            goto done;
        }
        total += lens[i];
        dyad_split(ctx, data[i], lens[i], count_sentence, &sentences);
    }
    dyad_ymd dct = {2010, 6, 29};
    /* warm the context's word list outside the timing */
    dyad_dates(ctx, "in 2010", 7, &dct, 0, count_timex, &found);
    found = 0;
    double t0 = bench_now(), dt;
    do {
        for (int i = 0; i < nf; i++)
            if (dyad_dates(ctx, data[i], lens[i], &dct, 0, count_timex, &found) != 0) {
                fprintf(stderr, "bench_dates: %s: %s\n", argv[i + 1], dyad_errmsg(ctx));
                status = 1;
                goto done;
            }
        passes++;
        dt = bench_now() - t0;
    } while (dt < MIN_SECONDS);
    printf("dates: %zu sentences, %.1f MB/s, %.0f sentences/s, peak RSS %.1f MB (%zu expressions)\n", sentences,
           (double)total * passes / 1e6 / dt, (double)sentences * passes / dt, bench_peak_mb(), found / passes);
done:
    for (int i = 0; i < nf; i++)
        free(data[i]);
    free(data);
    free(lens);
    dyad_ctx_free(ctx);
    return status;
}
