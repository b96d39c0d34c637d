/* bench/bench_events.c — throughput of the event coder alone: the actors and events stages.
 *
 * Usage: build/bench/bench_events FILE...
 * Each file is clean text (like `dyad events --plain`), cut into documents at blank-line runs of
 * about 8 KB; the documents are split and dated outside the timed loop (document date 2010-06-29),
 * then the actors and events stages run over all of them, repeated until at least MIN_SECONDS have
 * passed. Prints one line:
 *   coder: N sentences, X sentences/s, Y MB/s, peak RSS Z MB (E events)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "dyad/dyad.h"

#define DOC_BYTES 8192

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_events FILE...\n");
        return 2;
    }
    dyad_ctx *ctx = dyad_ctx_new(NULL);
    dyad_doc **docs = NULL;
    size_t ndocs = 0, cap = 0, sentences = 0, bytes = 0;
    dyad_run_opts o;
    memset(&o, 0, sizeof o);
    o.dct = (dyad_ymd){2010, 6, 29};
    for (int f = 1; f < argc; f++) {
        size_t len;
        char *t = bench_read(argv[f], &len);
        if (!t) {
            fprintf(stderr, "bench_events: %s: cannot read\n", argv[f]);
            return 1;
        }
        for (size_t a = 0; a < len;) {
            size_t b = a + DOC_BYTES < len ? a + DOC_BYTES : len;
            while (b < len && !(t[b - 1] == '\n' && t[b] == '\n'))
                b++;
            if (ndocs == cap) {
                cap = cap ? cap * 2 : 256;
                docs = realloc(docs, cap * sizeof *docs);
                if (!docs)
                    return 2;
            }
            dyad_doc *d = NULL;
            if (dyad_doc_from_text(ctx, argv[f], t + a, b - a, &d) || dyad_run(ctx, d, DYAD_STAGE_DATE, &o)) {
                fprintf(stderr, "bench_events: %s\n", dyad_errmsg(ctx));
                return 1;
            }
            size_t ns;
            dyad_doc_sentences(d, &ns);
            sentences += ns;
            bytes += b - a;
            docs[ndocs++] = d;
            a = b;
        }
        free(t);
    }
    size_t passes = 0, events = 0;
    double t0 = bench_now(), dt;
    do {
        for (size_t i = 0; i < ndocs; i++) {
            if (dyad_actors_doc(ctx, docs[i]) || dyad_events_doc(ctx, docs[i])) {
                fprintf(stderr, "bench_events: %s\n", dyad_errmsg(ctx));
                return 1;
            }
            size_t n;
            dyad_doc_events(docs[i], &n);
            events += n;
        }
        passes++;
        dt = bench_now() - t0;
    } while (dt < MIN_SECONDS);
    printf("coder (actors + events): %zu sentences, %.0f sentences/s, %.1f MB/s, peak RSS %.1f MB (%zu events)\n",
           sentences, (double)sentences * passes / dt, (double)bytes * passes / 1e6 / dt, bench_peak_mb(),
           events / passes);
    for (size_t i = 0; i < ndocs; i++)
        dyad_doc_free(docs[i]);
    free(docs);
    dyad_ctx_free(ctx);
    return 0;
}
