/* cli/cmd_docs.c — `dyad docs`: what the store holds. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

typedef struct tally {
    int json, tty;
    long docs;
    long long sentences;
} tally;

/* Control characters from a document never reach the terminal. */
static void put_clean(const char *s)
{
    for (; s && *s; s++)
        fputc((unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s, stdout);
}

static void jfield(const char *key, const char *v)
{
    printf(",\"%s\":", key);
    cli_json_strz(stdout, v);
}

static int on_doc(void *ud, const dyad_docrow *r)
{
    tally *t = ud;
    t->docs++;
    t->sentences += r->nsentences;
    if (t->json) {
        printf("{\"doc\":%lld", (long long)r->id);
        jfield("path", r->path);
        jfield("format", r->format);
        jfield("encoding", r->encoding);
        jfield("title", r->title);
        jfield("author", r->author);
        jfield("publisher", r->publisher);
        jfield("date", r->date);
        jfield("date_source", r->date_source);
        jfield("updated", r->updated);
        printf(",\"bytes\":%lld,\"blocks\":%lld,\"sentences\":%lld", (long long)r->bytes, (long long)r->nblocks,
               (long long)r->nsentences);
        jfield("sha256", r->hash);
        jfield("ingested", r->ingested);
        printf(",\"tags\":%s", r->tags ? r->tags : "null"); /* JSON checked by the store */
        fputs("}\n", stdout);
        return 0;
    }
    printf("%-10s  %-8s  %6lld  ", r->date ? r->date : "-", r->format, (long long)r->nsentences);
    put_clean(cli_shown_path(r->path));
    if (r->title) {
        fputs("  ", stdout);
        if (t->tty)
            fputs("\033[1m", stdout);
        put_clean(r->title);
        if (t->tty)
            fputs("\033[0m", stdout);
    }
    fputc('\n', stdout);
    return 0;
}

int cmd_docs(int argc, char **argv)
{
    cli_common c = {0};
    int check = 0;
    for (int i = 0; i < argc; i++) {
        int r = cli_common_opt(&c, argc, argv, &i);
        if (r < 0)
            return EXIT_USAGE;
        if (r)
            continue;
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            printf("usage: dyad docs [--json] [--check] [--db PATH]\n"
                   "Lists the documents in the store, by path: date, format, sentences, path, title.\n"
                   "  --json   one JSON object a line: doc, path, format, encoding, title, author, publisher,\n"
                   "           date, date_source, updated, bytes, blocks, sentences, sha256, ingested,\n"
                   "           tags (an array; null for a document stored before dyad read tags)\n"
                   "  --check  first verify the store (SQLite integrity, the full-text index against\n"
                   "           the sentences, the counts); exit 2 with the problem when it fails\n"
                   "A count follows on stderr.\n");
            return EXIT_OK;
        }
        if (!strcmp(argv[i], "--check")) {
            check = 1;
            continue;
        }
        cli_err("docs: unexpected argument '%s' (dyad docs --help)", argv[i]);
        return EXIT_USAGE;
    }
    dyad_ctx *ctx = cli_ctx(&c);
    if (!ctx)
        return EXIT_USAGE;
    dyad_store *st = NULL;
    int status = EXIT_USAGE;
    const char *db = c.db ? c.db : "dyad.db";
    /* --check wants the store writable for the index check (nothing is written); else read-only. */
    int writable = check && dyad_store_open(ctx, db, 0, &st) == DYAD_OK;
    if (!writable && dyad_store_open(ctx, db, DYAD_STORE_READONLY, &st) != DYAD_OK) {
        cli_err("%s", dyad_errmsg(ctx));
        goto done;
    }
    if (check) {
        if (dyad_store_verify(st) != DYAD_OK) {
            cli_err("%s", dyad_errmsg(ctx));
            goto done;
        }
        if (!c.quiet) /* FTS5 checks its index only on a store opened for writing: say so */
            fprintf(stderr, "store check passed%s\n",
                    writable ? "" : " (full-text index not checked: the store is read-only)");
    }
    tally t = {.json = c.json, .tty = isatty(1)};
    if (dyad_store_docs(st, on_doc, &t) != DYAD_OK) {
        cli_err("docs: %s", dyad_errmsg(ctx));
        goto done;
    }
    if (fflush(stdout) != 0) {
        cli_err("docs: cannot write the output");
        goto done;
    }
    if (!c.json && !c.quiet)
        fprintf(stderr, "%ld documents, %lld sentences\n", t.docs, t.sentences);
    status = EXIT_OK;
done:
    dyad_store_close(st);
    dyad_ctx_free(ctx);
    return status;
}
