/* present/html.c — the style sheet and the HTML pieces the report and the server's pages share. */
#include <stdlib.h>
#include <string.h>

#include "present/present_int.h"

/* One style sheet for screens from a phone (360 px) up, and for print. No web fonts: system ones. */
static const char css[] =
    ":root{--fg:#1d1d1f;--mu:#5f6368;--bg:#fff;--ln:#d9d9de;--ac:#1a5fb4;--mk:#fff3b0;--tg:#ffd166}\n"
    "*{box-sizing:border-box}\n"
    "html{-webkit-text-size-adjust:100%;text-size-adjust:100%}\n"
    "body{margin:0;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif;color:var(--fg);"
    "background:var(--bg)}\n"
    "header.top{background:#f4f5f7;border-bottom:1px solid var(--ln)}\n"
    "header.top .in,main,footer{max-width:68rem;margin:0 auto;padding:0 1rem}\n"
    "header.top .in{padding-top:.8rem;padding-bottom:.6rem}\n"
    "header.top h1{font-size:1.5rem;line-height:1.25;margin:.2rem 0}\n"
    "header.top p{margin:.2rem 0;color:var(--mu)}\n"
    "nav{display:flex;flex-wrap:wrap;gap:.3rem 1rem;margin:.4rem 0 0}\n"
    "nav a{color:var(--ac);text-decoration:none;font-weight:600}\n"
    "nav a[aria-current]{color:var(--fg);border-bottom:2px solid var(--ac)}\n"
    "nav.toc a{font-weight:500}\n"
    "main{padding-top:.5rem;padding-bottom:2rem}\n"
    "h2{font-size:1.25rem;margin:1.8rem 0 .6rem;padding-bottom:.2rem;border-bottom:1px solid var(--ln)}\n"
    "h3{font-size:1.05rem;margin:1.2rem 0 .4rem}\n"
    "a{color:var(--ac)}\n"
    "p,li,td,th,summary,blockquote{overflow-wrap:break-word}\n"
    ".meta,code,.path{overflow-wrap:anywhere}\n"
    ".none{color:var(--mu);font-style:italic}\n"
    ".note{background:#eef4fb;border-left:4px solid var(--ac);padding:.5rem .8rem;margin:.8rem 0}\n"
    ".warn{background:#fff4e5;border-left:4px solid #e67e00;padding:.5rem .8rem;margin:.8rem 0}\n"
    ".n{color:var(--mu);font-weight:400}\n"
    "figure.chart{margin:.5rem 0}\n"
    "figure.chart svg{display:block;width:100%;height:auto}\n"
    "figure.chart svg.chart-narrow{display:none}\n"
    "figcaption{color:var(--mu);font-size:.9rem}\n"
    "ul.legend{list-style:none;padding:0;margin:.3rem 0;display:flex;flex-wrap:wrap;gap:.2rem 1.2rem;font-size:.9rem}\n"
    ".sw{display:inline-block;width:.9em;height:.9em;margin-right:.35em;vertical-align:-.1em;border-radius:2px}\n"
    ".q1{background:#9ecae1}.q2{background:#2171b5}.q3{background:#fdae6b}.q4{background:#cb181d}\n"
    "table{border-collapse:collapse;width:100%;font-size:.95rem}\n"
    "th,td{text-align:left;vertical-align:top;padding:.4rem .5rem;border-bottom:1px solid var(--ln)}\n"
    "th{background:#f4f5f7;font-weight:600}\n"
    "td.num,th.num{text-align:right;white-space:nowrap}\n"
    ".wide{overflow-x:auto}\n"
    "table.chron{table-layout:fixed}\n"
    "table.chron th.c-date{width:12%}table.chron th.c-parties{width:14%}table.chron th.c-event{width:24%}\n"
    "table.chron td.date{font-variant-numeric:tabular-nums}\n"
    "table.docs td.nw{white-space:nowrap}\n"
    "table.chron .type{font-weight:600}\n"
    "table.chron .label{display:block}\n"
    ".status{font-size:.8rem;border:1px solid var(--ln);border-radius:3px;padding:0 .3em;color:var(--mu)}\n"
    ".dis{display:block;font-size:.8rem;color:#a33}\n"
    "ol.srcs{margin:0;padding-left:1.2rem}\n"
    "ol.srcs li{margin:.1rem 0}\n"
    "details summary{cursor:pointer}\n"
    "details.src[open]{margin-bottom:.4rem}\n"
    ".ctx{margin:.3rem 0;padding:.4rem .6rem;background:#fafafa;border-left:3px solid var(--ln);font-size:.92rem}\n"
    "mark{background:var(--mk);padding:0 .1em}\n"
    "mark.ev{background:var(--mk);border-bottom:2px solid #e0a800}\n"
    "mark.ev b.tr{background:var(--tg)}\n"
    ".from{font-size:.85rem;color:var(--mu);margin:0}\n"
    "ul.area{padding-left:1.2rem}\n"
    "ul.area li{margin:.15rem 0}\n"
    "form.f{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end;margin:.6rem 0}\n"
    "form.f label{display:flex;flex-direction:column;font-size:.85rem;color:var(--mu)}\n"
    "form.f input,form.f select,form.f button{font:inherit;padding:.35rem .5rem;border:1px solid #b9bcc3;"
    "border-radius:4px;max-width:100%}\n"
    "form.f input[type=search]{min-width:14rem;flex:1}\n"
    "form.f label.grow{flex:1}\n"
    "form.f button{background:var(--ac);color:#fff;border-color:var(--ac);cursor:pointer}\n"
    "ol.hits{padding-left:1.4rem}\n"
    "ol.hits li{margin:.6rem 0}\n"
    ".meta{color:var(--mu);font-size:.9rem}\n"
    "article.doc p,article.doc li{max-width:42rem}\n"
    "article.doc h2,article.doc h3{border:0}\n"
    ".pager{display:flex;gap:1rem;margin:1rem 0}\n"
    "footer{color:var(--mu);font-size:.85rem;padding-bottom:2rem}\n"
    "@media (max-width:640px){\n"
    " body{font-size:15px}\n"
    " header.top h1{font-size:1.25rem}\n"
    " table.chron thead,table.docs thead{display:none}\n"
    " table.chron,table.chron tbody,table.chron tr,table.chron td,table.docs,table.docs tbody,table.docs tr,"
    "table.docs td{display:block;width:100%}\n"
    " table.chron tr,table.docs tr{border-bottom:1px solid var(--ln);padding:.4rem 0}\n"
    " table.chron td,table.docs td{border:0;padding:.1rem 0}\n"
    " table.chron td.date{font-weight:700}\n"
    " table.docs td.nw{white-space:normal}\n"
    " table.docs td[data-l]::before{content:attr(data-l) ': ';color:var(--mu)}\n"
    " td.num{text-align:left}\n"
    " form.f input[type=search]{min-width:0;width:100%}\n"
    " figure.chart svg.chart-wide{display:none}\n"
    " figure.chart svg.chart-narrow{display:block}\n"
    "}\n"
    "@media print{\n"
    " body{font-size:10.5pt}\n"
    " header.top{background:none;border:0}\n"
    " nav,form.f,.pager,.noprint{display:none}\n"
    " a{color:inherit;text-decoration:none}\n"
    " h2{break-after:avoid}\n"
    " figure,table.docs tr,.ctx{break-inside:avoid}\n"
    " th,td{padding:.3rem .3rem}\n"
    " table.chron td.date{white-space:nowrap}\n"
    " *{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
    " .ctx{background:none}\n"
    " figure.chart svg.chart-wide{display:block}\n"
    " figure.chart svg.chart-narrow{display:none}\n"
    "}\n";

const char *dyad_present_css(void) { return css; }

void pr_page_begin(FILE *f, const char *title, pr_where w, const char *nav)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
          "<meta name=\"generator\" content=\"dyad " DYAD_VERSION "\">",
          f);
    if (w == PR_REPORT)
        fputs("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
              "script-src 'unsafe-inline'; img-src data:\">",
              f);
    fputs("<title>", f);
    dyad_html_escz(f, title);
    fputs("</title>", f);
    if (w == PR_REPORT) {
        fputs("<style>\n", f);
        fputs(css, f);
        fputs("</style>", f);
    } else
        fputs("<link rel=\"stylesheet\" href=\"/static/style.css\">", f);
    fputs("</head><body>\n", f);
    if (w == PR_SERVER) {
        static const char *const items[][2] = {
            {"search", "/"}, {"timeline", "/timeline"}, {"docs", "/docs"}, {"report", "/report"}};
        static const char *const names[] = {"Search", "Timeline", "Documents", "Report"};
        fputs("<header class=\"top\"><div class=\"in\"><nav aria-label=\"dyad\">", f);
        for (size_t i = 0; i < 4; i++)
            fprintf(f, "<a href=\"%s\"%s>%s</a>", items[i][1],
                    nav && !strcmp(nav, items[i][0]) ? " aria-current=\"page\"" : "", names[i]);
        fputs("</nav></div></header>\n", f);
    }
}

void pr_page_end(FILE *f, pr_where w)
{
    fprintf(f, "</main><footer><p>Made by dyad %s%s.</p></footer>\n", DYAD_VERSION,
            w == PR_SERVER ? " serve, read-only" : " report, from the store as it was when written");
    if (w == PR_REPORT) /* not needed to read the page: opens every source's context before printing */
        fputs("<script>addEventListener('beforeprint',function(){document.querySelectorAll('details')"
              ".forEach(function(d){d.open=true})})</script>\n",
              f);
    fputs("</body></html>\n", f);
}

void pr_pair_text(dyad_ctx *ctx, const char *codes, char *out, size_t cap)
{
    const char *p = codes ? codes : "";
    size_t o = 0;
    out[0] = 0;
    while (*p && o + 1 < cap) {
        const char *c = strchr(p, ',');
        size_t n = c ? (size_t)(c - p) : strlen(p);
        char code[32];
        snprintf(code, sizeof code, "%.*s", (int)(n < 31 ? n : 31), p);
        const char *name = ctx && code[0] ? dyad_actor_name(ctx, code) : NULL;
        int w = snprintf(out + o, cap - o, "%s%s", o ? "–" : "", name ? name : code);
        if (w < 0 || (size_t)w >= cap - o)
            break;
        o += (size_t)w;
        p += n;
        if (*p == ',')
            p++;
    }
}

void pr_pair_names(FILE *f, dyad_ctx *ctx, const char *codes)
{
    char buf[512];
    pr_pair_text(ctx, codes, buf, sizeof buf);
    dyad_html_escz(f, buf);
}

void pr_date(FILE *f, const char *date, const char *none)
{
    if (date && *date)
        dyad_html_escz(f, date);
    else
        fputs(none, f);
}

void pr_doc_name(FILE *f, const char *title, const char *path)
{
    if (title && *title) {
        dyad_html_escz(f, title);
        return;
    }
    const char *slash = path ? strrchr(path, '/') : NULL;
    dyad_html_escz(f, slash ? slash + 1 : path ? path : "(no name)");
}

#define CONTEXT_BEFORE 500 /* bytes of the paragraph shown before the sentence */
#define CONTEXT_AFTER 500  /* and after */

/* Moves i back (dir -1) or forward to the start of a UTF-8 character. */
static size_t utf8_back(const char *s, size_t i)
{
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return i;
}

void pr_context(FILE *f, const char *block, int64_t bstart, const char *sentence, int64_t start, int64_t end)
{
    size_t bl = block ? strlen(block) : 0;
    if (!block || start < bstart || end - bstart > (int64_t)bl || end < start) {
        fputs("<mark>", f);
        dyad_html_escz(f, sentence);
        fputs("</mark>", f);
        return;
    }
    size_t s = (size_t)(start - bstart), e = (size_t)(end - bstart);
    size_t a = s > CONTEXT_BEFORE ? utf8_back(block, s - CONTEXT_BEFORE) : 0;
    size_t b = bl - e > CONTEXT_AFTER ? utf8_back(block, e + CONTEXT_AFTER) : bl;
    if (a > 0)
        fputs("…", f);
    dyad_html_esc(f, block + a, s - a);
    fputs("<mark>", f);
    dyad_html_esc(f, block + s, e - s);
    fputs("</mark>", f);
    dyad_html_esc(f, block + e, b - e);
    if (b < bl)
        fputs("…", f);
}

void pr_chron_begin(FILE *f)
{
    fputs("<div class=\"chron-wrap\"><table class=\"chron\"><thead><tr><th class=\"c-date\">Date</th><th "
          "class=\"c-parties\">Parties</th><th class=\"c-event\">Event</th><th>Sources</th></tr></thead><tbody>\n",
          f);
}

void pr_chron_end(FILE *f) { fputs("</tbody></table></div>\n", f); }

typedef struct src_ctx {
    FILE *f;
    pr_where w;
    const dyad_areas *areas;
    uint64_t mask;
    int n;
    int many_dates;
} src_ctx;

static void chron_source(src_ctx *c, const dyad_source_row *s)
{
    FILE *f = c->f;
    c->mask |= dyad_areas_match(c->areas, s->sentence, strlen(s->sentence));
    c->n++;
    fputs("<li><details class=\"src\"><summary>", f);
    pr_doc_name(f, s->doc.title, s->doc.path);
    if (s->date && c->many_dates) {
        fputs(" <span class=\"n\">(says ", f);
        dyad_html_escz(f, s->date);
        fputs(")</span>", f);
    } else if (s->doc.date) {
        fputs(" <span class=\"n\">(", f);
        dyad_html_escz(f, s->doc.date);
        fputs(")</span>", f);
    }
    fputs("</summary><p class=\"ctx\">", f);
    pr_context(f, s->block, s->block_start, s->sentence, s->start, s->end);
    fputs("</p><p class=\"from\">", f);
    if (c->w == PR_REPORT)
        fprintf(f, "From <a href=\"#doc-%lld\">", (long long)s->doc.id);
    else
        fprintf(f, "From <a href=\"/docs/%lld#s-%lld\">", (long long)s->doc.id, (long long)s->start);
    pr_doc_name(f, s->doc.title, s->doc.path);
    fputs("</a></p></details></li>", f);
}

void pr_codes_join(const char *const *codes, int n, char *buf, size_t cap)
{
    size_t o = 0;
    buf[0] = 0;
    for (int i = 0; i < n && o < cap; i++)
        o += (size_t)snprintf(buf + o, cap - o, "%s%s", i ? "," : "", codes[i]);
}

void pr_chron_row(FILE *f, dyad_ctx *ctx, const dyad_entry_row *r, pr_where w, const dyad_areas *areas, uint64_t *mask)
{
    fputs("<tr class=\"entry\" id=\"e-", f);
    dyad_html_escz(f, r->id);
    fprintf(f, "\" data-quad=\"%d\"><td class=\"date\">", r->quad);
    pr_date(f, r->date, "undated");
    if (r->disagreement) {
        fputs("<span class=\"dis\">sources disagree: ", f);
        for (int i = 0; i < r->ndates; i++) {
            fputs(i ? ", " : "", f);
            dyad_html_escz(f, r->dates[i]);
        }
        fputs("</span>", f);
    }
    fputs("</td><td class=\"parties\">", f);
    char actors[256];
    pr_codes_join(r->actors, r->nactors, actors, sizeof actors);
    pr_pair_names(f, ctx, actors);
    fprintf(f, "</td><td><span class=\"sw q%d\" title=\"%s\"></span><span class=\"type\">", r->quad >= 1 && r->quad <= 4 ? r->quad : 0,
            dyad_quad_label(r->quad));
    dyad_html_escz(f, r->type);
    fputs("</span>", f);
    if (r->mode) {
        fputs(" <span class=\"n\">(", f);
        dyad_html_escz(f, r->mode);
        fputs(")</span>", f);
    }
    if (r->status && strcmp(r->status, "happened")) {
        fputs(" <span class=\"status\">", f);
        dyad_html_escz(f, r->status);
        fputs("</span>", f);
    }
    if (r->label) {
        fputs("<span class=\"label\">", f);
        dyad_html_escz(f, r->label);
        fputs("</span>", f);
    }
    fputs("</td><td><ol class=\"srcs\">", f);
    src_ctx c = {f, w, areas, 0, 0, r->disagreement};
    if (r->label)
        c.mask = dyad_areas_match(areas, r->label, strlen(r->label));
    for (size_t i = 0; i < r->nsources; i++)
        chron_source(&c, &r->sources[i]);
    fputs("</ol>", f);
    if (!c.n)
        fputs("<span class=\"none\">no source left in the store</span>", f);
    if (r->mentions > c.n)
        fprintf(f, "<span class=\"n\">%lld mentions in all</span>", (long long)r->mentions);
    fputs("</td></tr>\n", f);
    if (mask)
        *mask = c.mask;
}

typedef struct docs_ctx {
    FILE *f;
    pr_where w;
    int n;
} docs_ctx;

/* Only http and https links are made links (a javascript: URL in a document stays text). */
static int safe_url(const char *u)
{
    return u && (!strncmp(u, "https://", 8) || !strncmp(u, "http://", 7));
}

static int on_doc(void *ud, const dyad_docinfo *d)
{
    docs_ctx *c = ud;
    FILE *f = c->f;
    const dyad_docrow *r = &d->row;
    c->n++;
    fprintf(f, "<tr id=\"doc-%lld\"><td data-l=\"Title\">", (long long)r->id);
    if (c->w == PR_SERVER)
        fprintf(f, "<a href=\"/docs/%lld\">", (long long)r->id);
    pr_doc_name(f, r->title, r->path);
    if (c->w == PR_SERVER)
        fputs("</a>", f);
    if (c->w == PR_REPORT && safe_url(d->url)) {
        fputs(" <a class=\"n\" href=\"", f);
        dyad_html_escz(f, d->url);
        fputs("\">(link)</a>", f);
    }
    fputs("<div class=\"meta\">", f);
    dyad_html_escz(f, r->path);
    fputs("</div></td><td data-l=\"Publisher\">", f);
    pr_date(f, r->publisher, "<span class=\"none\">unknown</span>");
    fputs("</td><td class=\"nw\" data-l=\"Date\">", f);
    pr_date(f, r->date, "<span class=\"none\">unknown</span>");
    fputs("</td><td class=\"nw\" data-l=\"Format\">", f);
    dyad_html_escz(f, r->format);
    fputs("</td><td class=\"num\" data-l=\"Kept\">", f);
    if (r->bytes > 0) { /* text converted to UTF-8 can outgrow its file: shown as 100% */
        double share = 100.0 * (double)d->text_bytes / (double)r->bytes;
        fprintf(f, "%.0f%% <span class=\"n\">(%lld of %lld bytes)</span>", share > 100 ? 100 : share,
                (long long)d->text_bytes, (long long)r->bytes);
    }
    else
        fputs("–", f);
    fprintf(f, "</td><td class=\"num\" data-l=\"Events\">%lld</td></tr>\n", (long long)d->nevents);
    return 0;
}

int pr_docs_table(FILE *f, dyad_store *st, pr_where w, int64_t offset, int64_t limit)
{
    fputs("<div class=\"docs-wrap\"><table class=\"docs\"><thead><tr><th>Title</th><th>Publisher</th><th>Date</th>"
          "<th>Format</th><th class=\"num\">Kept as main text</th><th class=\"num\">Events</th></tr></thead><tbody>\n",
          f);
    docs_ctx c = {f, w, 0};
    int err = dyad_store_docinfo(st, 0, offset, limit, on_doc, &c);
    fputs("</tbody></table></div>\n", f);
    if (!c.n)
        fputs("<p class=\"none\">The store holds no document.</p>\n", f);
    else
        fputs("<p class=\"meta\">Kept as main text: the bytes of clean text dyad kept, as a share of the file's "
              "bytes (for HTML and PDF the file also holds markup, so the share is lower; text converted to UTF-8 from another "
              "encoding can take more bytes than its file, shown as 100%).</p>\n",
              f);
    return err;
}

typedef struct chart_ctx {
    dyad_chart *c;
    int err;
} chart_ctx;

static int on_year(void *ud, int year, int quad, int64_t n)
{
    chart_ctx *c = ud;
    if (dyad_chart_add(c->c, year, quad, n))
        c->err = DYAD_NOMEM;
    return c->err;
}

int pr_chart_load(dyad_store *st, const dyad_store_filter *flt, dyad_chart **out)
{
    *out = dyad_chart_new();
    if (!*out)
        return DYAD_NOMEM;
    chart_ctx c = {*out, 0};
    int err = dyad_store_timeline_years(st, flt, on_year, &c);
    return err ? err : c.err;
}
