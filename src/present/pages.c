/* present/pages.c — the server's pages and JSON API over a store (dyad/present.h lists them; the
 * README documents the API). A request is answered from one read transaction into a memory stream;
 * the HTTP layer (cli/cmd_serve.c) only checks the request and sends what this returns. */
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"
#include "present/present_int.h"

#define PAGE_ENTRIES 100  /* chronology rows on one page of /timeline */
#define PAGE_HITS 20      /* search hits on one page by default */
#define API_DEFAULT 50    /* rows of one API page by default */
#define DOC_EVENTS_MAX 20000 /* events marked in one document page */

typedef struct req {
    dyad_ctx *ctx;
    dyad_store *st;
    const dyad_request *rq;
    dyad_response *r;
    FILE *f;
    int api;
    char msg[512];     /* a 400's message */
} req;

static const char *arg(const req *q, const char *name)
{
    const char *v = q->rq->arg ? q->rq->arg(q->rq->ud, name) : NULL;
    return v && *v ? v : NULL;
}

/* A bad request: sets 400 and the message (plain text, escaped where written). Returns 1. */
static int bad(req *q, const char *name, const char *msg)
{
    q->r->status = 400;
    snprintf(q->msg, sizeof q->msg, "%s%s%s", name ? name : "", name ? ": " : "", msg);
    return 1;
}

/* A number argument: digits only, min..max; absent: def. Returns 1 (and a 400) when bad. */
static int int_arg(req *q, const char *name, int64_t def, int64_t min, int64_t max, int64_t *out)
{
    const char *v = arg(q, name);
    *out = def;
    if (!v)
        return 0;
    int64_t n = 0;
    size_t len = strlen(v);
    if (len > 10)
        return bad(q, name, "a number too large");
    for (size_t i = 0; i < len; i++) {
        if (v[i] < '0' || v[i] > '9')
            return bad(q, name, "not a number");
        n = n * 10 + (v[i] - '0');
    }
    if (n < min || n > max) {
        snprintf(q->msg, sizeof q->msg, "%s: must be from %lld to %lld", name, (long long)min, (long long)max);
        q->r->status = 400;
        return 1;
    }
    *out = n;
    return 0;
}

/* pair, from, to, type, doc into f (codes into buf). Returns 1 on a bad argument. */
static int filter_args(req *q, dyad_store_filter *f, char *buf, size_t cap)
{
    memset(f, 0, sizeof *f);
    const char *pair = arg(q, "pair");
    if (pair && dyad_store_filter_codes(f, pair, buf, cap))
        return bad(q, "pair", "a list of codes such as IND,JPN");
    int64_t v;
    if (int_arg(q, "from", 0, 1, 9999, &v))
        return 1;
    f->from = (int)v;
    if (int_arg(q, "to", 0, 1, 9999, &v))
        return 1;
    f->to = (int)v;
    const char *type = arg(q, "type");
    if (type) {
        int t = dyad_event_type_parse(type);
        if (t < 0)
            return bad(q, "type", "not a PLOVER type (AGREE, CONSULT, SUPPORT, ...)");
        f->type = dyad_event_type_name((dyad_event_type)t);
    }
    if (int_arg(q, "doc", 0, 1, INT64_MAX / 2, &f->doc))
        return 1;
    return 0;
}

static int page_args(req *q, int64_t def, int64_t max, int64_t *offset, int64_t *limit)
{
    return int_arg(q, "limit", def, 1, max, limit) || int_arg(q, "offset", 0, 0, DYAD_PRESENT_MAX_OFFSET, offset);
}

/* ---- JSON pieces ---- */

static void jkey(FILE *f, const char *k, int *first)
{
    fprintf(f, "%s\"%s\":", *first ? "" : ",", k);
    *first = 0;
}

static void jstr(FILE *f, const char *k, const char *v, int *first)
{
    jkey(f, k, first);
    dyad_json_strz(f, v);
}

static void jint(FILE *f, const char *k, int64_t v, int *first)
{
    jkey(f, k, first);
    fprintf(f, "%lld", (long long)v);
}

/* codes[0..n) (or dates) as a JSON array of strings. */
static void jarr(FILE *f, const char *k, const char *const *v, int n, int *first)
{
    jkey(f, k, first);
    fputc('[', f);
    for (int i = 0; i < n; i++) {
        fputs(i ? "," : "", f);
        dyad_json_strz(f, v[i]);
    }
    fputc(']', f);
}

static void jpage(FILE *f, int64_t total, int64_t offset, int64_t limit, int64_t got, int *first)
{
    if (total >= 0)
        jint(f, "total", total, first);
    jint(f, "offset", offset, first);
    jint(f, "limit", limit, first);
    jkey(f, "next", first);
    if ((total >= 0 && offset + got < total) || (total < 0 && got == limit))
        fprintf(f, "%lld", (long long)(offset + got));
    else
        fputs("null", f);
}

/* ---- /api/timeline ---- */

typedef struct rows {
    req *q;
    int64_t n;
    int err;
} rows;

static void api_source(FILE *f, const dyad_source_row *s, int n)
{
    int first = 1;
    fputs(n ? ",{" : "{", f);
    jint(f, "doc", s->doc.id, &first);
    jstr(f, "path", s->doc.path, &first);
    jstr(f, "title", s->doc.title, &first);
    jstr(f, "sentence", s->sentence, &first);
    jint(f, "start", s->start, &first);
    jint(f, "end", s->end, &first);
    jstr(f, "date", s->date, &first);
    jkey(f, "url", &first);
    fprintf(f, "\"/docs/%lld#s-%lld\"}", (long long)s->doc.id, (long long)s->start);
}

static int api_entry(void *ud, const dyad_entry_row *r)
{
    rows *w = ud;
    FILE *f = w->q->f;
    int first = 1;
    fputs(w->n++ ? ",\n{" : "\n{", f);
    jstr(f, "id", r->id, &first);
    jstr(f, "date", r->date, &first);
    jarr(f, "dates", r->dates, r->ndates, &first);
    jkey(f, "disagreement", &first);
    fputs(r->disagreement ? "true" : "false", f);
    jarr(f, "actors", r->actors, r->nactors, &first);
    jstr(f, "type", r->type, &first);
    jint(f, "quad", r->quad, &first);
    jstr(f, "mode", r->mode, &first);
    jstr(f, "status", r->status, &first);
    jstr(f, "label", r->label, &first);
    jint(f, "mentions", r->mentions, &first);
    jint(f, "ndocs", r->ndocs, &first);
    jkey(f, "sources", &first);
    fputc('[', f);
    for (size_t i = 0; i < r->nsources; i++)
        api_source(f, &r->sources[i], (int)i);
    fputs("]}", f);
    return 0;
}

static int api_timeline(req *q)
{
    dyad_store_filter flt;
    char codes[256];
    int64_t offset, limit, total;
    if (filter_args(q, &flt, codes, sizeof codes) || page_args(q, API_DEFAULT, DYAD_PRESENT_MAX_LIMIT, &offset, &limit))
        return DYAD_OK;
    int err = dyad_store_timeline_count(q->st, &flt, &total);
    if (err)
        return err;
    flt.offset = offset;
    flt.limit = limit;
    FILE *f = q->f;
    int first = 1;
    fputc('{', f);
    rows w = {q, 0, 0};
    jkey(f, "entries", &first);
    fputc('[', f);
    err = dyad_store_timeline_rows(q->st, &flt, api_entry, &w);
    fputs("],", f);
    first = 1;
    jpage(f, total, offset, limit, w.n, &first);
    fputs("}\n", f);
    return err;
}

/* ---- /api/events ---- */

static void event_json(FILE *f, const dyad_event_row *e)
{
    int first = 1;
    fputc('{', f);
    jint(f, "id", e->id, &first);
    jint(f, "doc", e->doc.id, &first);
    jstr(f, "path", e->doc.path, &first);
    jstr(f, "title", e->doc.title, &first);
    jstr(f, "type", e->type, &first);
    jint(f, "quad", e->quad, &first);
    jstr(f, "mode", e->mode, &first);
    jstr(f, "status", e->status, &first);
    jstr(f, "date", e->date, &first);
    jstr(f, "date_source", e->date_source, &first);
    jarr(f, "actors", e->actors, e->nactors, &first);
    jarr(f, "source", e->source, e->nsource, &first);
    jarr(f, "target", e->target, e->ntarget, &first);
    jstr(f, "source_text", e->source_text, &first);
    jstr(f, "target_text", e->target_text, &first);
    jstr(f, "label", e->label, &first);
    jstr(f, "sentence", e->text, &first);
    jint(f, "start", e->start, &first);
    jint(f, "end", e->end, &first);
    jint(f, "trigger_start", e->trigger_start, &first);
    jint(f, "trigger_end", e->trigger_end, &first);
    fputc('}', f);
}

static int api_event(void *ud, const dyad_event_row *e)
{
    rows *w = ud;
    fputs(w->n++ ? ",\n" : "\n", w->q->f);
    event_json(w->q->f, e);
    return 0;
}

static int api_events(req *q)
{
    dyad_store_filter flt;
    char codes[256];
    int64_t offset, limit, total;
    if (filter_args(q, &flt, codes, sizeof codes) || page_args(q, API_DEFAULT, DYAD_PRESENT_MAX_LIMIT, &offset, &limit))
        return DYAD_OK;
    int err = dyad_store_event_count(q->st, &flt, &total);
    if (err)
        return err;
    flt.offset = offset;
    flt.limit = limit;
    FILE *f = q->f;
    fputs("{\"events\":[", f);
    rows w = {q, 0, 0};
    err = dyad_store_event_rows(q->st, &flt, api_event, &w);
    fputs("],", f);
    int first = 1;
    jpage(f, total, offset, limit, w.n, &first);
    fputs("}\n", f);
    return err;
}

/* ---- search ---- */

typedef struct hits {
    req *q;
    int64_t skip, n;
} hits;

/* The highlighted sentence: \x01 and \x02 around matches become <mark>. */
static void html_highlight(FILE *f, const char *s)
{
    const char *p = s;
    while (*p) {
        size_t n = strcspn(p, "\x01\x02");
        dyad_html_esc(f, p, n);
        p += n;
        if (*p == '\x01')
            fputs("<mark>", f);
        else if (*p == '\x02')
            fputs("</mark>", f);
        if (*p)
            p++;
    }
}

static int api_hit(void *ud, const dyad_hit *h)
{
    hits *w = ud;
    if (w->skip > 0) {
        w->skip--;
        return 0;
    }
    FILE *f = w->q->f;
    int first = 1;
    fputs(w->n++ ? ",\n{" : "\n{", f);
    jint(f, "doc", h->doc_id, &first);
    jstr(f, "path", h->path, &first);
    jstr(f, "title", h->title, &first);
    jstr(f, "date", h->date, &first);
    jstr(f, "sentence", h->sentence, &first);
    jint(f, "start", h->start, &first);
    jint(f, "end", h->end, &first);
    jint(f, "block", h->block, &first);
    jkey(f, "score", &first);
    fprintf(f, "%.4f", h->score);
    jkey(f, "url", &first);
    fprintf(f, "\"/docs/%lld?s=%lld&e=%lld#b-%lld\"}", (long long)h->doc_id, (long long)h->start, (long long)h->end,
            (long long)h->block);
    return 0;
}

static int page_hit(void *ud, const dyad_hit *h)
{
    hits *w = ud;
    if (w->skip > 0) {
        w->skip--;
        return 0;
    }
    FILE *f = w->q->f;
    w->n++;
    fprintf(f, "<li class=\"hit\"><a href=\"/docs/%lld?s=%lld&amp;e=%lld#b-%lld\">", (long long)h->doc_id,
            (long long)h->start, (long long)h->end, (long long)h->block);
    html_highlight(f, h->highlighted);
    fputs("</a><div class=\"meta\">", f);
    pr_doc_name(f, h->title, h->path);
    if (h->date) {
        fputs(" · ", f);
        dyad_html_escz(f, h->date);
    }
    fputs("</div></li>\n", f);
    return 0;
}

/* Checks q; returns 1 (with a 400) when it is not a query we can run. */
static int check_q(req *q, const char *s)
{
    size_t n = strlen(s);
    if (n > DYAD_PRESENT_MAX_QUERY)
        return bad(q, "q", "longer than the limit (512 bytes)");
    if (dyad__utf8_check(s, n) != n)
        return bad(q, "q", "not valid UTF-8");
    const char *why;
    if (dyad_store_query_check(s, &why) != DYAD_OK)
        return bad(q, "q", why);
    return 0;
}

static int run_search(req *q, const char *s, int64_t offset, int64_t limit, dyad_hit_fn fn, hits *w)
{
    if (offset + limit > DYAD_PRESENT_MAX_SEARCH_DEPTH) {
        bad(q, "offset + limit", "at most 1000 (search results are ranked as a whole)");
        return DYAD_OK;
    }
    w->skip = offset;
    int err = dyad_store_search(q->st, s, 0, (int)(offset + limit), fn, w);
    if (err == DYAD_ARG) { /* nothing to search for, or too long: the user's, not ours */
        snprintf(q->msg, sizeof q->msg, "q: %s", dyad_errmsg(q->ctx));
        q->r->status = 400;
        return DYAD_OK;
    }
    return err;
}

static int api_search(req *q)
{
    const char *s = arg(q, "q");
    int64_t offset, limit;
    if (!s)
        return bad(q, "q", "missing (/api/search?q=WORDS)"), DYAD_OK;
    if (check_q(q, s) || page_args(q, PAGE_HITS, DYAD_PRESENT_MAX_SEARCH, &offset, &limit))
        return DYAD_OK;
    FILE *f = q->f;
    fputs("{\"hits\":[", f);
    hits w = {q, 0, 0};
    int err = run_search(q, s, offset, limit, api_hit, &w);
    if (err || q->r->status != 200)
        return err;
    fputs("],", f);
    int first = 1;
    jstr(f, "query", s, &first);
    jpage(f, -1, offset, limit, w.n, &first);
    fputs("}\n", f);
    return DYAD_OK;
}

static void search_form(FILE *f, const char *s)
{
    fputs("<form class=\"f\" action=\"/search\" method=\"get\" role=\"search\"><label class=\"grow\">Search the "
          "sentences<input type=\"search\" name=\"q\" value=\"",
          f);
    dyad_html_escz(f, s);
    fputs("\" placeholder=\"nuclear agreement\" maxlength=\"512\" autofocus></label><button type=\"submit\">Search"
          "</button></form>\n",
          f);
}

static void pager(FILE *f, const char *base, const char *extra, int64_t offset, int64_t limit, int64_t got,
                  int64_t total)
{
    int prev = offset > 0, next = total >= 0 ? offset + got < total : got == limit;
    if (!prev && !next)
        return;
    fputs("<nav class=\"pager\" aria-label=\"pages\">", f);
    if (prev) {
        fprintf(f, "<a href=\"%s?", base);
        fputs(extra, f);
        fprintf(f, "offset=%lld\">← previous</a>", (long long)(offset > limit ? offset - limit : 0));
    }
    if (next) {
        fprintf(f, "<a href=\"%s?", base);
        fputs(extra, f);
        fprintf(f, "offset=%lld\">next →</a>", (long long)(offset + got));
    }
    fputs("</nav>\n", f);
}

static int page_search(req *q)
{
    const char *s = arg(q, "q");
    int64_t offset, limit;
    FILE *f = q->f;
    if (s && check_q(q, s))
        return DYAD_OK;
    if (page_args(q, PAGE_HITS, DYAD_PRESENT_MAX_SEARCH, &offset, &limit))
        return DYAD_OK;
    pr_page_begin(f, s ? s : "Search", PR_SERVER, "search");
    fputs("<main><h1>Search</h1>\n", f);
    search_form(f, s);
    if (!s) {
        int64_t n = 0;
        int err = dyad_store_doc_count(q->st, &n);
        if (err)
            return err;
        fprintf(f, "<p class=\"meta\">Words are found in any form (<q>loan</q> finds <q>loans</q>); "
                   "<q>\"a phrase\"</q>, <q>word*</q>, <q>a OR b</q> and <q>-word</q> work too. The store holds "
                   "%lld %s.</p>\n",
                (long long)n, n == 1 ? "document" : "documents");
        pr_page_end(f, PR_SERVER);
        return DYAD_OK;
    }
    fputs("<ol class=\"hits\" start=\"", f);
    fprintf(f, "%lld\">\n", (long long)offset + 1);
    hits w = {q, 0, 0};
    int err = run_search(q, s, offset, limit, page_hit, &w);
    if (err || q->r->status != 200)
        return err;
    fputs("</ol>\n", f);
    if (!w.n)
        fputs("<p class=\"none\">No sentence matches.</p>\n", f);
    char *extra = NULL;
    size_t el = 0;
    FILE *m = open_memstream(&extra, &el);
    if (!m)
        return DYAD_NOMEM;
    fputs("q=", m);
    dyad_url_esc(m, s);
    fputs("&amp;", m);
    fclose(m);
    pager(f, "/search", extra, offset, limit, w.n, -1);
    free(extra);
    pr_page_end(f, PR_SERVER);
    return DYAD_OK;
}

/* ---- the timeline page ---- */

typedef struct tl_page {
    req *q;
    int64_t n;
} tl_page;

static int on_tl_row(void *ud, const dyad_entry_row *r)
{
    tl_page *p = ud;
    p->n++;
    pr_chron_row(p->q->f, p->q->ctx, r, PR_SERVER, p->q->rq->areas, NULL);
    return 0;
}

typedef struct pair_opts {
    FILE *f;
    const char *sel;
} pair_opts;

static int on_pair_opt(void *ud, const char *pair, int64_t n)
{
    pair_opts *p = ud;
    fputs("<option value=\"", p->f);
    dyad_html_escz(p->f, pair);
    fprintf(p->f, "\"%s>", p->sel && !strcmp(p->sel, pair) ? " selected" : "");
    dyad_html_escz(p->f, pair);
    fprintf(p->f, " (%lld)</option>", (long long)n);
    return 0;
}

static int page_timeline(req *q)
{
    dyad_store_filter flt;
    char codes[256];
    int64_t offset, limit, total;
    if (filter_args(q, &flt, codes, sizeof codes) || page_args(q, PAGE_ENTRIES, DYAD_PRESENT_MAX_LIMIT, &offset, &limit))
        return DYAD_OK;
    int err = dyad_store_timeline_count(q->st, &flt, &total);
    if (err)
        return err;
    FILE *f = q->f;
    pr_page_begin(f, "Timeline", PR_SERVER, "timeline");
    fputs("<main><h1>Timeline</h1>\n<form class=\"f\" action=\"/timeline\" method=\"get\"><label>Pair<select "
          "name=\"pair\"><option value=\"\">every pair</option>",
          f);
    /* the selected pair, sorted as the store keeps pairs */
    char sel[256] = "";
    for (int i = 0; i < flt.ncodes; i++)
        snprintf(sel + strlen(sel), sizeof sel - strlen(sel), "%s%s", i ? "," : "", flt.codes[i]);
    pair_opts po = {f, sel};
    if ((err = dyad_store_pairs(q->st, on_pair_opt, &po)))
        return err;
    char yf[8] = "", yt[8] = "";
    if (flt.from)
        snprintf(yf, sizeof yf, "%d", flt.from);
    if (flt.to)
        snprintf(yt, sizeof yt, "%d", flt.to);
    fprintf(f, "</select></label><label>From<input name=\"from\" inputmode=\"numeric\" size=\"5\" value=\"%s\">"
               "</label><label>To<input name=\"to\" inputmode=\"numeric\" size=\"5\" value=\"%s\"></label>"
               "<label>Type<select name=\"type\"><option value=\"\">every type</option>",
            yf, yt);
    for (int t = 0; t < DYAD_EV_COUNT; t++) {
        const char *nm = dyad_event_type_name((dyad_event_type)t);
        fprintf(f, "<option%s>%s</option>", flt.type && !strcmp(flt.type, nm) ? " selected" : "", nm);
    }
    fputs("</select></label><button type=\"submit\">Show</button></form>\n", f);
    if (dyad_store_schema(q->st) == 1)
        fputs("<p class=\"warn\">This store was made by dyad 0.1, which coded no events: there is no timeline. "
              "Ingest the documents again with this dyad to code them.</p>\n",
              f);
    dyad_chart *chart = NULL;
    if ((err = pr_chart_load(q->st, &flt, &chart))) {
        dyad_chart_free(chart);
        return err;
    }
    fprintf(f, "<p class=\"meta\">%lld %s", (long long)total, total == 1 ? "entry" : "entries");
    if (flt.ncodes || flt.from || flt.to || flt.type)
        fputs(" match the filters", f);
    fputs(".</p>\n", f);
    dyad_chart_html(chart, f);
    dyad_chart_free(chart);
    if (!total) {
        fputs("<p class=\"none\">No entries", f);
        if (flt.ncodes || flt.from || flt.to || flt.type)
            fputs(" for these filters; widen the years or choose every pair or type", f);
        fputs(".</p>\n", f);
        pr_page_end(f, PR_SERVER);
        return DYAD_OK;
    }
    flt.offset = offset;
    flt.limit = limit;
    pr_chron_begin(f);
    tl_page p = {q, 0};
    err = dyad_store_timeline_rows(q->st, &flt, on_tl_row, &p);
    pr_chron_end(f);
    if (err)
        return err;
    char *extra = NULL;
    size_t el = 0;
    FILE *m = open_memstream(&extra, &el);
    if (!m)
        return DYAD_NOMEM;
    if (sel[0]) {
        fputs("pair=", m);
        dyad_url_esc(m, sel);
        fputs("&amp;", m);
    }
    if (flt.from)
        fprintf(m, "from=%d&amp;", flt.from);
    if (flt.to)
        fprintf(m, "to=%d&amp;", flt.to);
    if (flt.type)
        fprintf(m, "type=%s&amp;", flt.type);
    if (limit != PAGE_ENTRIES)
        fprintf(m, "limit=%lld&amp;", (long long)limit);
    fclose(m);
    pager(f, "/timeline", extra, offset, limit, p.n, total);
    free(extra);
    pr_page_end(f, PR_SERVER);
    return DYAD_OK;
}

/* ---- documents ---- */

static void doc_json_fields(FILE *f, const dyad_docinfo *d, int *first)
{
    const dyad_docrow *r = &d->row;
    jint(f, "id", r->id, first);
    jstr(f, "path", r->path, first);
    jstr(f, "title", r->title, first);
    jstr(f, "author", r->author, first);
    jstr(f, "publisher", r->publisher, first);
    jstr(f, "date", r->date, first);
    jstr(f, "date_source", r->date_source, first);
    jstr(f, "updated", r->updated, first);
    jstr(f, "format", r->format, first);
    jstr(f, "encoding", r->encoding, first);
    jstr(f, "language", d->language, first);
    jstr(f, "url", d->url, first);
    jint(f, "bytes", r->bytes, first);
    jint(f, "text_bytes", d->text_bytes, first);
    jint(f, "blocks", r->nblocks, first);
    jint(f, "sentences", r->nsentences, first);
    jint(f, "events", d->nevents, first);
    jstr(f, "sha256", r->hash, first);
    jstr(f, "ingested", r->ingested, first);
}

static int api_doc_row(void *ud, const dyad_docinfo *d)
{
    rows *w = ud;
    int first = 1;
    fputs(w->n++ ? ",\n{" : "\n{", w->q->f);
    doc_json_fields(w->q->f, d, &first);
    fputc('}', w->q->f);
    return 0;
}

static int api_docs(req *q)
{
    int64_t offset, limit, total;
    if (page_args(q, API_DEFAULT, DYAD_PRESENT_MAX_LIMIT, &offset, &limit))
        return DYAD_OK;
    int err = dyad_store_doc_count(q->st, &total);
    if (err)
        return err;
    fputs("{\"docs\":[", q->f);
    rows w = {q, 0, 0};
    err = dyad_store_docinfo(q->st, 0, offset, limit, api_doc_row, &w);
    fputs("],", q->f);
    int first = 1;
    jpage(q->f, total, offset, limit, w.n, &first);
    fputs("}\n", q->f);
    return err;
}

/* One document: its row, then its text and events, for the API or the page. */
typedef struct mark {
    int64_t start, end, tstart, tend;
    char *type, *label;
    int quad;
} mark;

typedef struct docview {
    req *q;
    dyad_docinfo info;     /* strings copied below */
    char *strs[16];
    int found;
    mark *m;
    size_t nm, cap;
    int64_t shown;         /* bytes of text written */
    int cut;
    int64_t hl_s, hl_e;    /* a search hit to mark (?s=&e=), or -1 */
    size_t mi;             /* first mark not yet past */
    int nblocks;
} docview;

static int keep_doc(void *ud, const dyad_docinfo *d)
{
    docview *v = ud;
    v->found = 1;
    v->info = *d;
    const char **fields[] = {&v->info.row.path,  &v->info.row.format,   &v->info.row.encoding, &v->info.row.hash,
                             &v->info.row.title, &v->info.row.author,   &v->info.row.publisher, &v->info.row.date,
                             &v->info.row.updated, &v->info.row.date_source, &v->info.row.ingested, &v->info.language,
                             &v->info.url,       &v->info.description};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        if (*fields[i]) {
            v->strs[i] = strdup(*fields[i]);
            if (!v->strs[i])
                return DYAD_NOMEM;
            *fields[i] = v->strs[i];
        }
    }
    return 0;
}

static int keep_event(void *ud, const dyad_event_row *e)
{
    docview *v = ud;
    if (v->nm >= DOC_EVENTS_MAX)
        return 0;
    if (v->nm == v->cap) {
        size_t c = v->cap ? v->cap * 2 : 64;
        mark *m = realloc(v->m, c * sizeof *m);
        if (!m)
            return DYAD_NOMEM;
        v->m = m;
        v->cap = c;
    }
    mark *m = &v->m[v->nm++];
    m->start = e->start;
    m->end = e->end;
    m->tstart = e->trigger_start;
    m->tend = e->trigger_end;
    m->quad = e->quad;
    m->type = strdup(e->type);
    m->label = e->label ? strdup(e->label) : NULL;
    if (!m->type || (e->label && !m->label))
        return DYAD_NOMEM;
    return 0;
}

static void docview_free(docview *v)
{
    for (size_t i = 0; i < 16; i++)
        free(v->strs[i]);
    for (size_t i = 0; i < v->nm; i++) {
        free(v->m[i].type);
        free(v->m[i].label);
    }
    free(v->m);
}

static int load_doc(req *q, int64_t id, docview *v)
{
    int err = dyad_store_docinfo(q->st, id, 0, 1, keep_doc, v);
    if (err == DYAD_NOTFOUND) {
        q->r->status = 404;
        snprintf(q->msg, sizeof q->msg, "no document %lld in the store", (long long)id);
        return DYAD_OK;
    }
    if (err)
        return err;
    dyad_store_filter flt;
    memset(&flt, 0, sizeof flt);
    flt.doc = id;
    return dyad_store_event_rows(q->st, &flt, keep_event, v);
}

static int api_text_block(void *ud, const dyad_blockrow *b)
{
    docview *v = ud;
    if (v->cut)
        return 0;
    int64_t n = (int64_t)strlen(b->text);
    if (v->shown + n > DYAD_PRESENT_MAX_DOC_TEXT) {
        v->cut = 1;
        return 0;
    }
    if (v->nblocks++)
        fputs("\\n\\n", v->q->f);
    dyad_json_esc(v->q->f, b->text, (size_t)n);
    v->shown += n + 2;
    return 0;
}

static int api_doc_event(void *ud, const dyad_event_row *e)
{
    rows *w = ud;
    fputs(w->n++ ? ",\n" : "\n", w->q->f);
    event_json(w->q->f, e);
    return 0;
}

static int api_doc(req *q, int64_t id)
{
    docview v;
    memset(&v, 0, sizeof v);
    v.q = q;
    int err = dyad_store_docinfo(q->st, id, 0, 1, keep_doc, &v);
    if (err == DYAD_NOTFOUND) {
        q->r->status = 404;
        snprintf(q->msg, sizeof q->msg, "no document %lld in the store", (long long)id);
        docview_free(&v);
        return DYAD_OK;
    }
    FILE *f = q->f;
    int first = 1;
    if (!err) {
        fputc('{', f);
        doc_json_fields(f, &v.info, &first);
        jstr(f, "description", v.info.description, &first);
        jkey(f, "text", &first);
        fputc('"', f);
        err = dyad_store_blocks(q->st, id, api_text_block, &v);
        fputc('"', f);
        jkey(f, "truncated", &first);
        fputs(v.cut ? "true" : "false", f);
        jkey(f, "events", &first);
        fputc('[', f);
        dyad_store_filter flt;
        memset(&flt, 0, sizeof flt);
        flt.doc = id;
        rows w = {q, 0, 0};
        if (!err)
            err = dyad_store_event_rows(q->st, &flt, api_doc_event, &w);
        fputs("]}\n", f);
    }
    docview_free(&v);
    return err;
}

static int cmp_mark(const void *a, const void *b)
{
    const mark *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->tstart < y->tstart ? -1 : x->tstart > y->tstart;
}

/* Writes text[a..b) (offsets in the clean text; the block starts at bs) with the triggers of marks
 * m[0..n) that fall inside in <b class="tr">. */
static void with_triggers(FILE *f, const char *text, int64_t bs, int64_t a, int64_t b, const mark *m, size_t n)
{
    int64_t at = a;
    for (size_t i = 0; i < n; i++) {
        int64_t ts = m[i].tstart, te = m[i].tend;
        if (ts < at || te > b || te <= ts)
            continue; /* outside, or overlapping one already marked */
        dyad_html_esc(f, text + (at - bs), (size_t)(ts - at));
        fputs("<b class=\"tr\">", f);
        dyad_html_esc(f, text + (ts - bs), (size_t)(te - ts));
        fputs("</b>", f);
        at = te;
    }
    dyad_html_esc(f, text + (at - bs), (size_t)(b - at));
}

static int page_block(void *ud, const dyad_blockrow *b)
{
    docview *v = ud;
    FILE *f = v->q->f;
    if (v->cut)
        return 0;
    int64_t len = (int64_t)strlen(b->text);
    if (v->shown + len > DYAD_PRESENT_MAX_DOC_TEXT) {
        v->cut = 1;
        return 0;
    }
    v->shown += len;
    int64_t bs = b->start, be = b->start + len;
    const char *tag = "p";
    char h[4] = "h3";
    if (!strcmp(b->kind, "heading")) {
        h[1] = (char)('0' + (b->level >= 1 && b->level <= 3 ? b->level + 1 : 4));
        tag = h;
    } else if (!strcmp(b->kind, "quote"))
        tag = "blockquote";
    fprintf(f, "<%s id=\"b-%lld\">", tag, (long long)b->seq);
    /* the event sentences in this block (marks are sorted by start), and a search hit */
    int64_t at = bs;
    while (v->mi < v->nm && v->m[v->mi].end <= bs)
        v->mi++;
    size_t i = v->mi;
    int hl = v->hl_s >= bs && v->hl_e <= be && v->hl_e > v->hl_s;
    while (at < be) {
        /* the next sentence to mark: an event sentence or the hit, whichever starts first */
        int64_t ns = be, ne = be;
        int is_hit = 0;
        while (i < v->nm && (v->m[i].start < at || v->m[i].end > be))
            i++;
        if (i < v->nm && v->m[i].start < be) {
            ns = v->m[i].start;
            ne = v->m[i].end;
        }
        /* the hit is also an event sentence: the hit's mark holds the event's */
        int hit_ev = hl && v->hl_s == ns && v->hl_e == ne && ns < be;
        if (hl && v->hl_s >= at && v->hl_s < ns) {
            ns = v->hl_s;
            ne = v->hl_e;
            is_hit = 1;
        }
        if (ns >= be)
            break;
        dyad_html_esc(f, b->text + (at - bs), (size_t)(ns - at));
        if (hit_ev) {
            fprintf(f, "<mark class=\"hit\" id=\"hit\">");
            hl = 0;
        }
        if (is_hit) {
            fprintf(f, "<mark class=\"hit\" id=\"hit\">");
            dyad_html_esc(f, b->text + (ns - bs), (size_t)(ne - ns));
            fputs("</mark>", f);
            hl = 0;
        } else {
            size_t j = i;
            while (j < v->nm && v->m[j].start == ns)
                j++;
            fprintf(f, "<mark class=\"ev\" id=\"s-%lld\" data-events=\"%zu\" title=\"", (long long)ns, j - i);
            for (size_t k = i; k < j; k++) {
                fputs(k > i ? "; " : "", f);
                dyad_html_escz(f, v->m[k].type);
                if (v->m[k].label) {
                    fputs(": ", f);
                    dyad_html_escz(f, v->m[k].label);
                }
            }
            fputs("\">", f);
            with_triggers(f, b->text, bs, ns, ne, &v->m[i], j - i);
            fputs("</mark>", f);
            if (hit_ev)
                fputs("</mark>", f);
            i = j;
        }
        at = ne;
    }
    if (at < be)
        dyad_html_esc(f, b->text + (at - bs), (size_t)(be - at));
    fprintf(f, "</%s>\n", tag);
    return 0;
}

static int page_doc(req *q, int64_t id)
{
    docview v;
    memset(&v, 0, sizeof v);
    v.q = q;
    v.hl_s = v.hl_e = -1;
    int64_t s, e;
    if (int_arg(q, "s", -1, 0, INT64_MAX / 2, &s) || int_arg(q, "e", -1, 0, INT64_MAX / 2, &e))
        return DYAD_OK;
    v.hl_s = s;
    v.hl_e = e;
    int err = load_doc(q, id, &v);
    if (err || q->r->status != 200) {
        docview_free(&v);
        return err;
    }
    if (v.nm) /* qsort wants an array, even of none */
        qsort(v.m, v.nm, sizeof *v.m, cmp_mark);
    FILE *f = q->f;
    const dyad_docrow *r = &v.info.row;
    char title[512];
    snprintf(title, sizeof title, "%s", r->title ? r->title : r->path);
    pr_page_begin(f, title, PR_SERVER, "docs");
    fputs("<main><article class=\"doc\"><h1>", f);
    pr_doc_name(f, r->title, r->path);
    fputs("</h1><p class=\"meta\">", f);
    if (r->publisher) {
        dyad_html_escz(f, r->publisher);
        fputs(" · ", f);
    }
    pr_date(f, r->date, "no date");
    fputs(" · ", f);
    dyad_html_escz(f, r->format);
    fputs(" · <span class=\"path\">", f);
    dyad_html_escz(f, r->path);
    fputs("</span>", f);
    if (v.info.url && (!strncmp(v.info.url, "http://", 7) || !strncmp(v.info.url, "https://", 8))) {
        fputs(" · <a href=\"", f);
        dyad_html_escz(f, v.info.url);
        fputs("\" rel=\"noreferrer noopener\">original</a>", f);
    }
    fprintf(f, "</p>\n<p class=\"meta\">%lld %s coded; the sentences that tell them are <mark class=\"ev\">marked"
               "</mark>, their trigger words <mark class=\"ev\"><b class=\"tr\">in bold</b></mark>.</p>\n",
            (long long)v.nm, v.nm == 1 ? "event" : "events");
    if (dyad_store_schema(q->st) == 1)
        fputs("<p class=\"warn\">This store was made by dyad 0.1: no events were coded.</p>\n", f);
    else if (!v.nm)
        fputs("<p class=\"none\">No event between two countries was found in this document.</p>\n", f);
    else {
        fputs("<details><summary>The events</summary><ul class=\"area\">", f);
        for (size_t i = 0; i < v.nm; i++) {
            fprintf(f, "<li><a href=\"#s-%lld\"><span class=\"sw q%d\"></span>", (long long)v.m[i].start,
                    v.m[i].quad);
            dyad_html_escz(f, v.m[i].type);
            fputs("</a>", f);
            if (v.m[i].label) {
                fputs(": ", f);
                dyad_html_escz(f, v.m[i].label);
            }
            fputs("</li>", f);
        }
        fputs("</ul></details>\n", f);
    }
    fputs("<div class=\"text\">\n", f);
    err = dyad_store_blocks(q->st, id, page_block, &v);
    fputs("</div>\n", f);
    if (v.cut)
        fputs("<p class=\"warn\">The text is cut here: the page shows at most 4 MiB of a document.</p>\n", f);
    if (!r->nblocks)
        fputs("<p class=\"none\">No text was kept from this document.</p>\n", f);
    fputs("</article>\n", f);
    pr_page_end(f, PR_SERVER);
    docview_free(&v);
    return err;
}

static int page_docs(req *q)
{
    int64_t offset, limit, total;
    if (page_args(q, PAGE_ENTRIES, DYAD_PRESENT_MAX_LIMIT, &offset, &limit))
        return DYAD_OK;
    int err = dyad_store_doc_count(q->st, &total);
    if (err)
        return err;
    pr_page_begin(q->f, "Documents", PR_SERVER, "docs");
    fprintf(q->f, "<main><h1>Documents</h1><p class=\"meta\">%lld in the store.</p>\n", (long long)total);
    if ((err = pr_docs_table(q->f, q->st, PR_SERVER, offset, limit)))
        return err;
    pager(q->f, "/docs", "", offset, limit, total - offset < limit ? total - offset : limit, total);
    pr_page_end(q->f, PR_SERVER);
    return DYAD_OK;
}

static int page_home(req *q)
{
    int64_t ndocs, nentries, nevents;
    dyad_store_filter none;
    memset(&none, 0, sizeof none);
    int err;
    if ((err = dyad_store_doc_count(q->st, &ndocs)) || (err = dyad_store_timeline_count(q->st, &none, &nentries)) ||
        (err = dyad_store_event_count(q->st, &none, &nevents)))
        return err;
    FILE *f = q->f;
    pr_page_begin(f, "dyad", PR_SERVER, "search");
    fputs("<main><h1>dyad</h1>\n", f);
    search_form(f, NULL);
    fprintf(f, "<p>The store holds <a href=\"/docs\">%lld %s</a>, %lld %s and <a href=\"/timeline\">%lld timeline "
               "%s</a>.",
            (long long)ndocs, ndocs == 1 ? "document" : "documents", (long long)nevents,
            nevents == 1 ? "coded event" : "coded events", (long long)nentries, nentries == 1 ? "entry" : "entries");
    if (dyad_store_schema(q->st) == 1)
        fputs(" It was made by dyad 0.1, which coded no events.", f);
    fputs("</p>\n<p class=\"meta\">The <a href=\"/report\">report</a> is the page <code>dyad report</code> writes, "
          "for the pair with the most entries (<code>/report?pair=IND,JPN</code> for another).</p>\n",
          f);
    pr_page_end(f, PR_SERVER);
    return DYAD_OK;
}

static int page_report(req *q)
{
    const char *pair = arg(q, "pair");
    dyad_store_filter flt;
    char codes[256];
    memset(&flt, 0, sizeof flt);
    if (pair && dyad_store_filter_codes(&flt, pair, codes, sizeof codes))
        return bad(q, "pair", "a list of codes such as IND,JPN"), DYAD_OK;
    dyad_report_opts o = {pair, q->rq->areas, NULL};
    int err = dyad_report_write(q->ctx, q->st, &o, q->f);
    return err == DYAD_IO ? DYAD_OK : err; /* IO: the memory stream; fclose tells */
}

/* "/docs/123" -> 123 (digits only, no leading zero games beyond 18 digits); 0 when not a number. */
static int64_t path_id(const char *s)
{
    size_t n = strlen(s);
    if (!n || n > 18)
        return 0;
    int64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static void error_body(req *q)
{
    FILE *f = q->f;
    const char *what = q->r->status == 404 ? "Not found" : q->r->status == 400 ? "Bad request" : "Server error";
    if (q->api) {
        fputs("{\"error\":", f);
        dyad_json_strz(f, q->msg[0] ? q->msg : what);
        fprintf(f, ",\"status\":%d}\n", q->r->status);
        return;
    }
    pr_page_begin(f, what, PR_SERVER, NULL);
    fprintf(f, "<main><h1>%s</h1><p>", what);
    dyad_html_escz(f, q->msg[0] ? q->msg : what);
    fputs("</p>\n", f);
    pr_page_end(f, PR_SERVER);
}

int dyad_present_get(dyad_ctx *ctx, dyad_store *st, const dyad_request *rq, dyad_response *r)
{
    memset(r, 0, sizeof *r);
    r->status = 200;
    req q;
    memset(&q, 0, sizeof q);
    q.ctx = ctx;
    q.st = st;
    q.rq = rq;
    q.r = r;
    const char *p = rq->path ? rq->path : "/";
    q.api = !strncmp(p, "/api/", 5);
    r->type = q.api ? "application/json; charset=utf-8" : "text/html; charset=utf-8";
    if (!strcmp(p, "/static/style.css")) {
        r->type = "text/css; charset=utf-8";
        r->len = strlen(dyad_present_css());
        r->body = malloc(r->len + 1);
        if (!r->body)
            return DYAD_NOMEM;
        memcpy(r->body, dyad_present_css(), r->len + 1);
        return DYAD_OK;
    }
    char *body = NULL;
    size_t len = 0;
    q.f = open_memstream(&body, &len);
    if (!q.f)
        return DYAD_NOMEM;
    int err = dyad_store_read_begin(st);
    if (!err) {
        if (!strcmp(p, "/"))
            err = page_home(&q);
        else if (!strcmp(p, "/search"))
            err = page_search(&q);
        else if (!strcmp(p, "/timeline"))
            err = page_timeline(&q);
        else if (!strcmp(p, "/docs"))
            err = page_docs(&q);
        else if (!strncmp(p, "/docs/", 6) && path_id(p + 6))
            err = page_doc(&q, path_id(p + 6));
        else if (!strcmp(p, "/report"))
            err = page_report(&q);
        else if (!strcmp(p, "/api/timeline"))
            err = api_timeline(&q);
        else if (!strcmp(p, "/api/events"))
            err = api_events(&q);
        else if (!strcmp(p, "/api/search"))
            err = api_search(&q);
        else if (!strcmp(p, "/api/docs"))
            err = api_docs(&q);
        else if (!strncmp(p, "/api/docs/", 10) && path_id(p + 10))
            err = api_doc(&q, path_id(p + 10));
        else {
            r->status = 404;
            snprintf(q.msg, sizeof q.msg, "no such page");
        }
    }
    dyad_store_read_end(st);
    if (err == DYAD_NOMEM) {
        fclose(q.f);
        free(body);
        return DYAD_NOMEM;
    }
    if (err) {
        r->status = 500;
        snprintf(q.msg, sizeof q.msg, "%s", dyad_errmsg(ctx));
    }
    if (r->status != 200) { /* start again with only the error */
        fclose(q.f);
        free(body);
        body = NULL;
        len = 0;
        q.f = open_memstream(&body, &len);
        if (!q.f)
            return DYAD_NOMEM;
        error_body(&q);
    }
    if (fclose(q.f)) {
        free(body);
        return DYAD_NOMEM;
    }
    r->body = body;
    r->len = len;
    return DYAD_OK;
}
