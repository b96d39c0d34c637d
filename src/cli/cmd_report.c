/* cli/cmd_report.c — `dyad report [--pair A,B] [-o FILE.html]`: the report of dyad/present.h, written
 * to a file (through a temporary file renamed into place, so a reader never sees half of it) or to
 * standard output. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "dyad/present.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: dyad report [--pair A,B] [--db PATH] [-o FILE.html]\n"
            "Writes one self-contained HTML file about a pair of countries in the store: a chart of the\n"
            "events by year (PLOVER's quad classes, and the balance of cooperation and conflict), the\n"
            "chronology with its sources (each opens its sentence in its paragraph), the areas of the\n"
            "relationship (data/areas.txt), where the sources disagree, and the documents. It needs no\n"
            "network (no external script, font or image), prints well and reads on a phone.\n"
            "  --pair A,B   entries naming all these codes (IND,JPN); without it, the pair with the most\n"
            "               entries (the report says so)\n"
            "  -o FILE      write to FILE (default: standard output)\n"
            "Exit status: 0; 2 on a usage or store error.\n");
}

int cmd_report(int argc, char **argv)
{
    cli_common c = {0};
    const char *pair = NULL, *outp = NULL;
    for (int i = 0; i < argc; i++) {
        int r = cli_common_opt(&c, argc, argv, &i);
        if (r < 0)
            return EXIT_USAGE;
        if (r)
            continue;
        const char *a = argv[i];
        if ((!strcmp(a, "--pair") || !strcmp(a, "-o") || !strcmp(a, "--output")) && i + 1 < argc) {
            if (a[1] == 'o' || a[2] == 'o')
                outp = argv[++i];
            else
                pair = argv[++i];
        } else if (!strncmp(a, "--pair=", 7))
            pair = a + 7;
        else if (!strncmp(a, "--output=", 9))
            outp = a + 9;
        else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return EXIT_OK;
        } else {
            cli_err("report: unexpected argument %s (dyad report --help)", a);
            return EXIT_USAGE;
        }
    }
    dyad_ctx *ctx = cli_ctx(&c);
    if (!ctx)
        return EXIT_USAGE;
    const char *db = c.db ? c.db : "dyad.db";
    dyad_store *st = NULL;
    int status = EXIT_OK;
    char *tmp = NULL;
    FILE *out = stdout;
    if (dyad_store_open(ctx, db, DYAD_STORE_READONLY, &st) != DYAD_OK) {
        cli_err("%s", dyad_errmsg(ctx));
        dyad_ctx_free(ctx);
        return EXIT_USAGE;
    }
    if (outp && strcmp(outp, "-")) {
        size_t n = strlen(outp) + 32;
        tmp = malloc(n);
        if (!tmp) {
            cli_err("out of memory");
            status = EXIT_USAGE;
            goto done;
        }
        snprintf(tmp, n, "%s.tmp%ld", outp, (long)getpid());
        out = fopen(tmp, "w");
        if (!out) {
            cli_err("report: %s: %s", outp, strerror(errno));
            free(tmp);
            tmp = NULL;
            status = EXIT_USAGE;
            goto done;
        }
    }
    dyad_report_opts o = {pair, NULL, db};
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int err = dyad_report_write(ctx, st, &o, out);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (tmp) {
        if (fclose(out) && !err)
            err = DYAD_IO;
        if (!err && rename(tmp, outp) != 0) {
            cli_err("report: %s: %s", outp, strerror(errno));
            status = EXIT_USAGE;
        }
        if (err || status)
            unlink(tmp);
    }
    if (err) {
        cli_err("report: %s", *dyad_errmsg(ctx) ? dyad_errmsg(ctx) : dyad_strerror(err));
        status = EXIT_USAGE;
    } else if (tmp && !status && !c.quiet)
        fprintf(stderr, "report: wrote %s in %.2f s\n", outp,
                (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
done:
    free(tmp);
    dyad_store_close(st);
    dyad_ctx_free(ctx);
    return status;
}
