/* cli/cmd_split.c — `dyad split FILE... [--plain] [--json]`: print the sentences of a document.
 *
 * Without --plain each FILE is read and cleaned like `dyad text` and its cleaned text is split;
 * with --plain the file's bytes are split as they are. Output: one sentence a line (white space
 * inside a sentence collapsed to one space), or with --json one JSON object a line,
 * {"start":N,"end":N,"text":"..."}, with byte offsets into the text that was split (the cleaned
 * text, or the file itself with --plain) and invalid UTF-8 replaced by U+FFFD in "text". With more
 * than one FILE, JSON objects also carry "file". */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

typedef struct out_state {
    FILE *f;
    const char *text;
    const char *file; /* NULL when there is one file */
    int json;
} out_state;

static int print_sentence(void *ud, size_t start, size_t end)
{
    out_state *o = ud;
    const char *s = o->text + start;
    size_t n = end - start;
    if (o->json) {
        fputc('{', o->f);
        if (o->file) {
            fputs("\"file\":", o->f);
            cli_json_strz(o->f, o->file);
            fputc(',', o->f);
        }
        fprintf(o->f, "\"start\":%zu,\"end\":%zu,\"text\":\"", start, end);
        cli_json_str(o->f, s, n);
        fputs("\"}\n", o->f);
    } else {
        /* one line: white space runs (line breaks included) become one space */
        int space = 0;
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)s[i];
            if (c <= 0x20 || c == 0x7f) {
                space = 1;
                continue;
            }
            if (space)
                fputc(' ', o->f);
            space = 0;
            fputc(c, o->f);
        }
        fputc('\n', o->f);
    }
    return ferror(o->f) ? 1 : 0;
}

int cmd_split(int argc, char **argv)
{
    cli_common c = {0};
    int plain = 0, nfiles = 0, failed = 0;
    char **files = calloc((size_t)argc + 1, sizeof *files);
    if (!files)
        return EXIT_USAGE;
    for (int i = 0; i < argc; i++) {
        int r = cli_common_opt(&c, argc, argv, &i);
        if (r < 0)
            goto usage;
        if (r)
            continue;
        if (!strcmp(argv[i], "--plain"))
            plain = 1;
        else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            printf("usage: dyad split FILE... [--plain] [--json] [--data DIR]\n"
                   "  print the sentences of each document, one a line\n"
                   "  --plain  split the file's bytes as they are (no reading or cleaning)\n"
                   "  --json   one JSON object a line: {\"start\":N,\"end\":N,\"text\":\"...\"}\n"
                   "           (byte offsets into the cleaned text, or into the file with --plain)\n");
            free(files);
            return EXIT_OK;
        } else if (argv[i][0] == '-' && argv[i][1])
            goto usage;
        else
            files[nfiles++] = argv[i];
    }
    if (!nfiles)
        goto usage;
    dyad_ctx *ctx = cli_ctx(&c);
    if (!ctx) {
        free(files);
        return EXIT_USAGE;
    }
    for (int i = 0; i < nfiles; i++) {
        out_state o = {stdout, NULL, nfiles > 1 ? files[i] : NULL, c.json};
        size_t len = 0;
        char *raw = NULL;
        dyad_doc *doc = NULL;
        if (plain) {
            raw = cli_read_file(files[i], &len);
            if (!raw) {
                cli_err("%s: %s", files[i], strerror(errno));
                failed++;
                continue;
            }
            o.text = raw;
        } else {
            int err = dyad_run_file(ctx, files[i], DYAD_STAGE_META, NULL, &doc);
            if (err) {
                cli_err("%s", dyad_errmsg(ctx));
                dyad_doc_free(doc);
                failed++;
                continue;
            }
            o.text = dyad_doc_text(doc, &len);
        }
        int r = dyad_split(ctx, o.text, len, print_sentence, &o);
        if (r && !ferror(stdout)) {
            cli_err("%s: %s", files[i], dyad_errmsg(ctx));
            failed++;
        }
        free(raw);
        dyad_doc_free(doc);
        if (ferror(stdout))
            break;
    }
    dyad_ctx_free(ctx);
    free(files);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_err("cannot write the output");
        return EXIT_SOME;
    }
    return failed ? EXIT_SOME : EXIT_OK;
usage:
    fprintf(stderr, "usage: dyad split FILE... [--plain] [--json] (dyad split --help)\n");
    free(files);
    return EXIT_USAGE;
}
