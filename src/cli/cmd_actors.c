/* cli/cmd_actors.c — `dyad actors [PATH...]`: the actors named in documents, with their codes, how
 * they were named, and how often; `--mentions` prints every mention as JSON Lines. With no PATH, the
 * parties of the store's events (`--db`): who acts and is acted on, as the texts named them. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

/* Distinct forms kept per actor in the summary (the most frequent are shown). */
#define FORMS_MAX 64
#define FORM_BYTES 80

typedef struct form {
    char text[FORM_BYTES];
    const char *kind;
    long n;
} form;

typedef struct actor {
    char code[16];     /* a copy: the store's rows live only during their callback */
    long n;
    long docs;
    size_t last_doc;
    int64_t *seen;     /* store mode: the documents counted (an open-addressing set; 0 = empty) */
    size_t nseen, cap_seen;
    form forms[FORMS_MAX];
    int nforms;
} actor;

typedef struct state {
    dyad_ctx *ctx;
    int mentions, json;
    actor *a;
    size_t na, cap;
    size_t ndoc;
    int out_err;
} state;

static actor *find(state *S, const char *code)
{
    for (size_t i = 0; i < S->na; i++)
        if (!strcmp(S->a[i].code, code))
            return &S->a[i];
    if (S->na == S->cap) {
        size_t cap = S->cap ? S->cap * 2 : 64;
        actor *n = realloc(S->a, cap * sizeof *n);
        if (!n)
            return NULL;
        S->a = n;
        S->cap = cap;
    }
    actor *x = &S->a[S->na++];
    memset(x, 0, sizeof *x);
    snprintf(x->code, sizeof x->code, "%s", code);
    x->last_doc = (size_t)-1;
    return x;
}

/* Counts one mention of code named `text` (len bytes) as `kind`; returns its actor, NULL when out of
 * memory. The caller counts the documents. */
static actor *count(state *S, const char *code, const char *text, size_t len, const char *kind)
{
    actor *a = find(S, code);
    if (!a)
        return NULL;
    a->n++;
    if (!len)
        return a; /* a party the text named in no words ("Tokyo and Delhi agreed ..., and signed") */
    if (len >= FORM_BYTES)
        len = FORM_BYTES - 1;
    for (int i = 0; i < a->nforms; i++)
        if (!strncmp(a->forms[i].text, text, len) && !a->forms[i].text[len] && a->forms[i].kind == kind) {
            a->forms[i].n++;
            return a;
        }
    if (a->nforms == FORMS_MAX)
        return a;
    form *f = &a->forms[a->nforms++];
    memcpy(f->text, text, len);
    f->text[len] = 0;
    f->kind = kind;
    f->n = 1;
    return a;
}

static int on_doc(void *ud, dyad_doc *doc, const char *path)
{
    state *S = ud;
    size_t n, ns;
    const char *text = dyad_doc_text(doc, NULL);
    const dyad_mention *m = dyad_doc_mentions(doc, &n);
    const dyad_sentence *se = dyad_doc_sentences(doc, &ns);
    for (size_t i = 0; i < n; i++) {
        const dyad_mention *x = &m[i];
        if (S->mentions) {
            printf("{\"doc\":\"");
            cli_json_str(stdout, path, strlen(path));
            printf("\",\"text\":\"");
            cli_json_str(stdout, text + x->start, x->end - x->start);
            printf("\",\"start\":%zu,\"end\":%zu,\"kind\":\"%s\",\"codes\":[", x->start, x->end,
                   dyad_actor_kind_name(x->kind));
            for (int k = 0; k < x->ncodes; k++)
                printf("%s\"%s\"", k ? "," : "", x->codes[k]);
            printf("],\"sector\":");
            cli_json_strz(stdout, x->sector);
            printf(",\"place\":%s,\"sentence\":%zu", x->flags & DYAD_MF_PLACE ? "true" : "false", x->sentence);
            if (x->sentence < ns) {
                printf(",\"sentence_text\":\"");
                cli_json_str(stdout, text + se[x->sentence].start, se[x->sentence].end - se[x->sentence].start);
                printf("\"");
            }
            printf("}\n");
            continue;
        }
        if (x->flags & DYAD_MF_PLACE)
            continue;
        for (int k = 0; k < x->ncodes; k++) {
            actor *a = count(S, x->codes[k], text + x->start, x->end - x->start, dyad_actor_kind_name(x->kind));
            if (a && a->last_doc != S->ndoc) {
                a->docs++;
                a->last_doc = S->ndoc;
            }
        }
    }
    S->ndoc++;
    if (ferror(stdout)) {
        S->out_err = 1;
        return 1;
    }
    return 0;
}

/* Adds document id (> 0) to a's set; 1 when it was new, 0 when known, -1 out of memory. */
static int seen_add(actor *a, int64_t id)
{
    if (2 * (a->nseen + 1) > a->cap_seen) {
        size_t cap = a->cap_seen ? a->cap_seen * 2 : 16;
        int64_t *n = calloc(cap, sizeof *n);
        if (!n)
            return -1;
        for (size_t i = 0; i < a->cap_seen; i++)
            if (a->seen[i])
                for (size_t h = (size_t)a->seen[i] * 0x9E3779B97F4A7C15u % cap;; h = (h + 1) % cap)
                    if (!n[h]) {
                        n[h] = a->seen[i];
                        break;
                    }
        free(a->seen);
        a->seen = n;
        a->cap_seen = cap;
    }
    for (size_t h = (size_t)id * 0x9E3779B97F4A7C15u % a->cap_seen;; h = (h + 1) % a->cap_seen) {
        if (a->seen[h] == id)
            return 0;
        if (!a->seen[h]) {
            a->seen[h] = id;
            a->nseen++;
            return 1;
        }
    }
}

/* The store's events: each party's codes, named as the text named the party; rows come in date
 * order, so the documents an actor appears in are counted with a set. */
static int on_row(void *ud, const dyad_event_row *r)
{
    state *S = ud;
    for (int side = 0; side < 2; side++) {
        const char *const *codes = side ? r->target : r->source;
        int n = side ? r->ntarget : r->nsource;
        const char *text = side ? r->target_text : r->source_text;
        for (int k = 0; k < n; k++) {
            actor *a = count(S, codes[k], text ? text : "", text ? strlen(text) : 0, side ? "target" : "source");
            if (!a || seen_add(a, r->doc.id > 0 ? r->doc.id : 1) < 0)
                return DYAD_NOMEM;
        }
    }
    return 0;
}

static int from_store(state *S, const char *db)
{
    dyad_store *st = NULL;
    if (dyad_store_open(S->ctx, db, DYAD_STORE_READONLY, &st) != DYAD_OK) {
        cli_err("%s", dyad_errmsg(S->ctx));
        return -1;
    }
    int err = dyad_store_event_rows(st, NULL, on_row, S);
    for (size_t i = 0; i < S->na; i++)
        S->a[i].docs = (long)S->a[i].nseen;
    if (err != DYAD_OK)
        cli_err("%s: %s", db, dyad_errmsg(S->ctx));
    else if (dyad_store_schema(st) < 2)
        cli_err("%s: a store of dyad 0.1 holds no events (ingest again with this dyad)", db);
    dyad_store_close(st);
    return err == DYAD_OK ? 0 : -1;
}

static int by_count(const void *a, const void *b)
{
    const actor *x = a, *y = b;
    if (x->n != y->n)
        return x->n > y->n ? -1 : 1;
    return strcmp(x->code, y->code);
}

static int form_by_count(const void *a, const void *b)
{
    const form *x = a, *y = b;
    if (x->n != y->n)
        return x->n > y->n ? -1 : 1;
    return strcmp(x->text, y->text);
}

static void summary(state *S)
{
    if (S->na)
        qsort(S->a, S->na, sizeof *S->a, by_count);
    for (size_t i = 0; i < S->na; i++) {
        actor *a = &S->a[i];
        qsort(a->forms, (size_t)a->nforms, sizeof *a->forms, form_by_count);
        const char *name = dyad_actor_name(S->ctx, a->code);
        if (S->json) {
            printf("{\"code\":\"%s\",\"name\":", a->code);
            cli_json_strz(stdout, name);
            printf(",\"mentions\":%ld,\"docs\":%ld,\"forms\":[", a->n, a->docs);
            for (int k = 0; k < a->nforms; k++) {
                printf("%s{\"text\":\"", k ? "," : "");
                cli_json_str(stdout, a->forms[k].text, strlen(a->forms[k].text));
                printf("\",\"kind\":\"%s\",\"n\":%ld}", a->forms[k].kind, a->forms[k].n);
            }
            printf("]}\n");
        } else {
            printf("%-6s %-28s %5ld mentions in %ld document%s\n", a->code, name ? name : "", a->n, a->docs,
                   a->docs == 1 ? "" : "s");
            printf("       ");
            for (int k = 0; k < a->nforms && k < 12; k++)
                printf("%s%s (%s) %ld", k ? ", " : "", a->forms[k].text, a->forms[k].kind, a->forms[k].n);
            if (a->nforms > 12)
                printf(", ...");
            printf("\n");
        }
    }
}

static void usage(FILE *f)
{
    fprintf(f, "usage: dyad actors [PATH...] [--mentions] [--json] [--plain] [--dct DATE] [--dict DIR] [--db FILE]\n"
               "Lists the countries and groups named in the documents (folders are read recursively),\n"
               "most named first: code, name, mentions, documents, and how they were named (the text\n"
               "and the kind: name, adjective, capital, organisation, person, group, joint, pair).\n"
               "Capitals named as places (\"met in Delhi\") are not counted. With no PATH, the parties\n"
               "of the events in the store (--db, default dyad.db): each code with how the texts named\n"
               "it as source or target of an event, and in how many events.\n"
               "  --mentions  every mention as JSON Lines: doc, text, start, end (bytes in the clean\n"
               "              text), kind, codes, sector, place, sentence, sentence_text\n"
               "  --json      the summary as JSON Lines: code, name, mentions, docs, forms\n"
               "  --plain     the files are clean UTF-8 text (offsets into them)\n"
               "  --dct DATE  the document date (YYYY, YYYY-MM or YYYY-MM-DD) for office holders' terms\n"
               "  --dict DIR  dictionaries of your own, over the standard ones (README: Dictionaries)\n"
               "Exit status: 0, 1 when some document could not be read, 2 on a usage or dictionary error.\n");
}

int cmd_actors(int argc, char **argv)
{
    cli_common c = {0};
    cli_docopts o = {.until = DYAD_STAGE_ACTORS};
    state S = {0};
    char **paths = calloc((size_t)argc + 1, sizeof *paths);
    int np = 0;
    if (!paths)
        return EXIT_USAGE;
    for (int i = 0; i < argc; i++) {
        int r = cli_common_opt(&c, argc, argv, &i);
        if (r == 0)
            r = cli_doc_opt(&o, argc, argv, &i);
        if (r < 0)
            goto bad;
        if (r)
            continue;
        if (!strcmp(argv[i], "--mentions"))
            S.mentions = 1;
        else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            usage(stdout);
            free(paths);
            return EXIT_OK;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            cli_err("unknown option %s", argv[i]);
            goto bad;
        } else
            paths[np++] = argv[i];
    }
    if (!np && (S.mentions || o.plain)) {
        cli_err("--mentions and --plain read documents: give a PATH");
        goto bad;
    }
    S.json = c.json;
    S.ctx = cli_ctx(&c);
    if (!S.ctx)
        goto bad;
    if (!np) {
        int r = from_store(&S, c.db ? c.db : "dyad.db");
        if (!r && !S.out_err)
            summary(&S);
        for (size_t i = 0; i < S.na; i++)
            free(S.a[i].seen);
        free(S.a);
        dyad_ctx_free(S.ctx);
        free(paths);
        if (fflush(stdout) != 0) {
            cli_err("cannot write the output");
            return EXIT_SOME;
        }
        return r ? EXIT_SOME : EXIT_OK;
    }
    if (dyad_actors_load(S.ctx) != DYAD_OK) {
        cli_err("%s", dyad_errmsg(S.ctx));
        dyad_ctx_free(S.ctx);
        goto bad;
    }
    int failed = 0;
    int r = cli_each_doc(S.ctx, paths, np, &o, on_doc, &S, &failed);
    if (!S.mentions && !S.out_err)
        summary(&S);
    free(S.a);
    dyad_ctx_free(S.ctx);
    free(paths);
    if (fflush(stdout) != 0 || S.out_err) {
        cli_err("cannot write the output");
        return EXIT_SOME;
    }
    return r < 0 ? EXIT_USAGE : failed ? EXIT_SOME : EXIT_OK;
bad:
    free(paths);
    return EXIT_USAGE;
}
