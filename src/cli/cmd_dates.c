/* cli/cmd_dates.c — `dyad dates FILE [--dct YYYY-MM-DD] [--plain] [--mdy|--dmy]`: the temporal
 * expressions of one document as JSON Lines (text, start, end, type, value, mod, anchor). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

typedef struct out {
    FILE *f;
    const char *text;
} out;

static int print_timex(void *ud, const dyad_timex *tx)
{
    out *o = ud;
    FILE *f = o->f;
    fputs("{\"text\":\"", f);
    cli_json_str(f, o->text + tx->start, tx->end - tx->start);
    fprintf(f, "\",\"start\":%zu,\"end\":%zu,\"type\":\"%s\",\"value\":", tx->start, tx->end,
            dyad_timex_type_name(tx->type));
    cli_json_strz(f, tx->value);
    if (tx->value_end) {
        fputs(",\"value_end\":", f);
        cli_json_strz(f, tx->value_end);
    }
    fputs(",\"mod\":", f);
    cli_json_strz(f, dyad_timex_mod_name(tx->mod));
    if (tx->quant) {
        fputs(",\"quant\":", f);
        cli_json_strz(f, tx->quant);
    }
    if (tx->freq) {
        fputs(",\"freq\":", f);
        cli_json_strz(f, tx->freq);
    }
    fprintf(f, ",\"anchor\":\"%s\"}\n", dyad_timex_anchor_name(tx->anchor));
    return 0;
}

int cmd_dates(int argc, char **argv)
{
    cli_common c = {0};
    const char *file = NULL, *dct_s = NULL;
    int plain = 0;
    unsigned flags = 0;
    for (int i = 0; i < argc; i++) {
        int r = cli_common_opt(&c, argc, argv, &i);
        if (r < 0)
            return EXIT_USAGE;
        if (r)
            continue;
        if (!strcmp(argv[i], "--plain"))
            plain = 1;
        else if (!strcmp(argv[i], "--mdy"))
            flags = DYAD_DATES_MDY;
        else if (!strcmp(argv[i], "--dmy"))
            flags = DYAD_DATES_DMY;
        else if (!strcmp(argv[i], "--dct") && i + 1 < argc)
            dct_s = argv[++i];
        else if (!strncmp(argv[i], "--dct=", 6))
            dct_s = argv[i] + 6;
        else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            printf("usage: dyad dates FILE [--dct YYYY-MM-DD] [--plain] [--mdy|--dmy]\n"
                   "  --dct D   the document date relative expressions are anchored to (default: the\n"
                   "            publication date found in the document's metadata)\n"
                   "  --plain   FILE is clean UTF-8 text; offsets are into it\n"
                   "  --mdy     read ambiguous 10/11/2014 month first (--dmy: day first, the default)\n");
            return EXIT_OK;
        } else if (argv[i][0] == '-' && argv[i][1])
            goto usage;
        else if (!file)
            file = argv[i];
        else
            goto usage;
    }
    if (!file)
        goto usage;
    dyad_ymd dct = {0, 0, 0};
    int have_dct = 0;
    if (dct_s) {
        if (dyad_ymd_parse(dct_s, strlen(dct_s), &dct) != DYAD_OK) {
            cli_err("--dct %s: not a date (YYYY, YYYY-MM or YYYY-MM-DD)", dct_s);
            return EXIT_USAGE;
        }
        have_dct = 1;
    }
    dyad_ctx *ctx = cli_ctx(&c);
    if (!ctx)
        return EXIT_USAGE;
    int status = EXIT_OK, err;
    dyad_doc *doc = NULL;
    char *buf = NULL;
    const char *text;
    size_t len = 0;
    if (plain) {
        buf = cli_read_file(file, &len);
        if (!buf) {
            cli_err("%s: %s", file, strerror(errno));
            status = EXIT_SOME; /* an input that failed, as without --plain (README: exit 1) */
            goto done;
        }
        text = buf;
    } else {
        err = dyad_run_file(ctx, file, DYAD_STAGE_META, NULL, &doc);
        if (err) {
            cli_err("%s", dyad_errmsg(ctx));
            status = EXIT_SOME;
            goto done;
        }
        text = dyad_doc_text(doc, &len);
        const dyad_meta *m = dyad_doc_meta(doc);
        if (!have_dct && m && m->date.value) {
            /* the publication date, at the precision stated: 2010-06-29, 2010-06 or 2010 */
            const char *v = m->date.value;
            size_t vl = strlen(v);
            if (vl > 10)
                vl = 10;
            if (dyad_ymd_parse(v, vl, &dct) == DYAD_OK || dyad_ymd_parse(v, vl >= 7 ? 7 : vl, &dct) == DYAD_OK ||
                dyad_ymd_parse(v, vl >= 4 ? 4 : vl, &dct) == DYAD_OK)
                have_dct = 1;
        }
    }
    out o = {stdout, text};
    err = dyad_dates(ctx, text, len, have_dct ? &dct : NULL, flags, print_timex, &o);
    if (err) {
        cli_err("%s: %s", file, dyad_errmsg(ctx));
        status = EXIT_SOME;
    }
    if (fflush(stdout) != 0) {
        cli_err("cannot write the output");
        status = EXIT_SOME;
    }
done:
    dyad_doc_free(doc);
    free(buf);
    dyad_ctx_free(ctx);
    return status;
usage:
    fprintf(stderr, "usage: dyad dates FILE [--dct YYYY-MM-DD] [--plain] [--mdy|--dmy] (dyad dates --help)\n");
    return EXIT_USAGE;
}
