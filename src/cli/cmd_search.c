/* cli/cmd_search.c — `dyad search QUERY`: best-ranked sentences from the store, with their context. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

#define QUERY_ARG_MAX 4096 /* bytes of query gathered from the arguments */

typedef struct out {
    int json, tty, n;
} out;

/* Text for a terminal or a pipe: control characters (which could drive the terminal) become
 * spaces; \x01 and \x02 mark matches, shown bold on a terminal and dropped elsewhere. */
static void put_text(const char *s, int tty)
{
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == 1) {
            if (tty)
                fputs("\033[1m", stdout);
        } else if (ch == 2) {
            if (tty)
                fputs("\033[0m", stdout);
        } else if (ch < 0x20 || ch == 0x7f)
            fputc(' ', stdout);
        else
            fputc(ch, stdout);
    }
}

/* A sentence of context: indented two more than the hit, dimmed on a terminal, one line. */
static void context(const char *s, int indent, int tty)
{
    printf("%*s", indent + 2, "");
    if (tty)
        fputs("\033[2m", stdout);
    put_text(s, 0);
    if (tty)
        fputs("\033[0m", stdout);
    fputc('\n', stdout);
}

static int on_hit(void *ud, const dyad_hit *h)
{
    out *o = ud;
    o->n++;
    if (o->json) {
        printf("{\"doc\":%lld,\"path\":", (long long)h->doc_id);
        cli_json_strz(stdout, h->path);
        fputs(",\"title\":", stdout);
        cli_json_strz(stdout, h->title);
        fputs(",\"date\":", stdout);
        cli_json_strz(stdout, h->date);
        fputs(",\"sentence\":", stdout);
        cli_json_strz(stdout, h->sentence);
        fputs(",\"before\":", stdout);
        cli_json_strz(stdout, h->before);
        fputs(",\"after\":", stdout);
        cli_json_strz(stdout, h->after);
        printf(",\"score\":%.6f,\"sentence_id\":%lld,\"block\":%lld,\"start\":%lld,\"end\":%lld,\"matches\":[",
               -h->score, (long long)h->sentence_id, (long long)h->block, (long long)h->start, (long long)h->end);
        /* Byte spans of the matches in the sentence, from the \x01...\x02 marks. */
        long long off = 0, open = -1;
        int first = 1;
        for (const char *p = h->highlighted; *p; p++) {
            if (*p == 1)
                open = off;
            else if (*p == 2) {
                if (open >= 0)
                    printf("%s[%lld,%lld]", first ? "" : ",", open, off);
                first = 0;
                open = -1;
            } else
                off++;
        }
        fputs("]}\n", stdout);
        return 0;
    }
    /* The hit in reading order between its neighbours, which are indented further (and dimmed on
     * a terminal): "N. " starts the hit's line, so a reader or grep finds the hits by number;
     * a blank line separates the hits. */
    char num[16];
    int w = snprintf(num, sizeof num, "%d. ", o->n);
    if (o->n > 1)
        fputc('\n', stdout); /* a blank line between hits */
    if (h->before)
        context(h->before, w, o->tty);
    fputs(num, stdout);
    put_text(h->highlighted, o->tty);
    fputc('\n', stdout);
    if (h->after)
        context(h->after, w, o->tty);
    printf("%*s", w, "");
    if (o->tty)
        fputs("\033[2m", stdout);
    fputs("-- ", stdout);
    if (h->title) {
        put_text(h->title, 0);
        fputs(", ", stdout);
    }
    if (h->date) {
        put_text(h->date, 0);
        fputs(", ", stdout);
    }
    put_text(cli_shown_path(h->path), 0);
    if (o->tty)
        fputs("\033[0m", stdout);
    fputc('\n', stdout);
    return 0;
}

static void usage(FILE *f)
{
    fprintf(f,
            "usage: dyad search QUERY... [-n N] [--json] [--raw] [--bm25] [--db PATH]\n"
            "Prints the sentences that best match QUERY, each between the sentences before and after it\n"
            "(indented, dimmed on a terminal) and with its document's title, date and path; the matches\n"
            "are bold on a terminal. Ranking: BM25 times a length prior, so that sentences with content\n"
            "come before bare headings of two or three words that merely hold the words.\n"
            "The query is made safe before it reaches SQLite's FTS5, so no input is a syntax error:\n"
            "  words            all must occur (AND); stemmed: loan finds loans, signed finds signing\n"
            "  \"two words\"      a phrase; an unbalanced quote runs to the end of the query\n"
            "  word*            words starting with 'word' (compared with stems: cooper* finds\n"
            "                   cooperation, whose stem is cooper; cooperat* does not)\n"
            "  a OR b           either (upper-case OR between two terms)\n"
            "  -word, NOT word  sentences without the word\n"
            "  punctuation      is part of the term (\"U.S.\" finds U.S.); a term without a letter or\n"
            "                   digit (a lone - or &&) is ignored; AND is the default and ignored\n"
            "  -n N      at most N sentences (default 10)\n"
            "  --json    one JSON object a line: doc, path, title, date, sentence, before and after\n"
            "            (the sentences around it, null at the document's ends), score (higher is\n"
            "            better: BM25 times the prior), sentence_id, block, start, end (bytes in the\n"
            "            document's clean text), matches (byte spans in the sentence)\n"
            "  --bm25    rank by BM25 alone, as before the length prior (for comparisons)\n"
            "  --raw     pass QUERY to FTS5 as written (NEAR, column filters, ^...); errors are reported\n"
            "Exit status: 0 something found, 1 nothing found, 2 bad usage, no store or a store error.\n");
}

int cmd_search(int argc, char **argv)
{
    cli_common c = {0};
    char query[QUERY_ARG_MAX + 1];
    size_t qlen = 0;
    int limit = 10, raw = 0, bm25 = 0, nwords = 0;
    query[0] = 0;
    for (int i = 0; i < argc; i++) {
        int r = cli_common_opt(&c, argc, argv, &i);
        if (r < 0)
            return EXIT_USAGE;
        if (r)
            continue;
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return EXIT_OK;
        } else if (!strcmp(a, "-n") || (a[0] == '-' && a[1] == 'n' && a[2] >= '0' && a[2] <= '9') ||
                   !strncmp(a, "--limit=", 8)) {
            const char *v = !strcmp(a, "-n") ? (i + 1 < argc ? argv[++i] : NULL)
                                             : a[1] == 'n' ? a + 2 : a + 8;
            char *end = NULL;
            long n = v ? strtol(v, &end, 10) : 0;
            if (!v || !*v || *end || n < 1 || n > 10000) {
                cli_err("search: -n wants a number from 1 to 10000");
                return EXIT_USAGE;
            }
            limit = (int)n;
        } else if (!strcmp(a, "--raw"))
            raw = 1;
        else if (!strcmp(a, "--bm25"))
            bm25 = 1;
        else {
            /* Every other argument is part of the query, even one that starts with '-' (an
             * exclusion) or is a lone '-' or 'AND': the query translation makes it safe. */
            size_t n = strlen(a);
            if (qlen + n + 1 > QUERY_ARG_MAX) {
                cli_err("search: query longer than %d bytes", QUERY_ARG_MAX);
                return EXIT_USAGE;
            }
            if (qlen)
                query[qlen++] = ' ';
            memcpy(query + qlen, a, n);
            qlen += n;
            query[qlen] = 0;
            nwords++;
        }
    }
    if (!nwords) {
        usage(stderr);
        return EXIT_USAGE;
    }
    dyad_ctx *ctx = cli_ctx(&c);
    if (!ctx)
        return EXIT_USAGE;
    dyad_store *st = NULL;
    int status = EXIT_USAGE;
    if (dyad_store_open(ctx, c.db ? c.db : "dyad.db", DYAD_STORE_READONLY, &st) != DYAD_OK) {
        cli_err("%s", dyad_errmsg(ctx));
        goto done;
    }
    out o = {.json = c.json, .tty = isatty(1)};
    int err = dyad_store_search(st, query, (raw ? DYAD_SEARCH_RAW : 0) | (bm25 ? DYAD_SEARCH_BM25 : 0), limit,
                                on_hit, &o);
    if (err) {
        cli_err("search: %s", dyad_errmsg(ctx));
        goto done;
    }
    if (fflush(stdout) != 0) {
        cli_err("search: cannot write the output");
        goto done;
    }
    status = o.n ? EXIT_OK : EXIT_SOME;
    if (!o.n && !c.json && !c.quiet)
        fprintf(stderr, "no sentence matches %s\n", query);
done:
    dyad_store_close(st);
    dyad_ctx_free(ctx);
    return status;
}
