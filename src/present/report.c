/* present/report.c — `dyad report`: one self-contained HTML file about a pair (dyad/present.h).
 * Sections: the chart, the chronology (each source opens its sentence in its paragraph), the areas,
 * the disagreements between sources, the documents. Everything is read in one read transaction. */
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"
#include "present/present_int.h"

#define AREA_LIST_MAX 300  /* entries listed under one area; the rest are counted (the chronology has them) */
#define DISAGREE_MAX 500   /* disagreements listed */

typedef struct brief {
    char *id, *date, *type, *label;
    uint64_t mask;
    int disagreement;
} brief;

typedef struct rep {
    dyad_ctx *ctx;
    dyad_store *st;
    FILE *f;
    const dyad_areas *areas;
    brief *b;
    size_t n, cap;
    int err;
} rep;

static char *dup0(const char *s) { return s ? strdup(s) : NULL; }

static int on_entry(void *ud, const dyad_entry_row *r)
{
    rep *p = ud;
    uint64_t mask = 0;
    pr_chron_row(p->f, p->ctx, r, PR_REPORT, p->areas, &mask);
    if (p->n == p->cap) {
        size_t c = p->cap ? p->cap * 2 : 256;
        brief *b = realloc(p->b, c * sizeof *b);
        if (!b)
            return p->err = dyad__fail(p->ctx, DYAD_NOMEM, "out of memory");
        p->b = b;
        p->cap = c;
    }
    brief *b = &p->b[p->n++];
    b->id = dup0(r->id);
    b->date = dup0(r->date);
    b->type = dup0(r->type);
    b->label = dup0(r->label);
    b->mask = mask;
    b->disagreement = r->disagreement;
    if (!b->id || !b->type || (r->date && !b->date) || (r->label && !b->label))
        return p->err = dyad__fail(p->ctx, DYAD_NOMEM, "out of memory");
    return 0;
}

static void brief_li(FILE *f, const brief *b)
{
    fputs("<li><a href=\"#e-", f);
    dyad_html_escz(f, b->id);
    fputs("\">", f);
    pr_date(f, b->date, "undated");
    fputs("</a> ", f);
    dyad_html_escz(f, b->type);
    if (b->label) {
        fputs(": ", f);
        dyad_html_escz(f, b->label);
    }
    fputs("</li>", f);
}

static void areas_section(rep *p)
{
    FILE *f = p->f;
    size_t na = dyad_areas_count(p->areas);
    fputs("<section id=\"areas\"><h2>Areas of the relationship</h2>\n", f);
    if (!p->n) {
        fputs("<p class=\"none\">No entries, so nothing to sort into areas.</p></section>\n", f);
        return;
    }
    fputs("<p class=\"meta\">An entry belongs to an area when its label or one of its sources has one of the area's "
          "words (the data file <code>areas.txt</code> lists them); an entry can be in several areas.</p>\n",
          f);
    for (size_t a = 0; a <= na; a++) {
        uint64_t bit = a < na ? (uint64_t)1 << a : 0;
        size_t count = 0;
        for (size_t i = 0; i < p->n; i++)
            if (a < na ? (p->b[i].mask & bit) != 0 : p->b[i].mask == 0)
                count++;
        if (a == na && !count)
            break;
        fprintf(f, "<h3 id=\"area-%zu\">", a);
        if (a < na)
            dyad_html_escz(f, dyad_areas_name(p->areas, a));
        else
            fputs("Other (no area's word)", f);
        fprintf(f, " <span class=\"n\">%zu %s</span></h3>\n", count, count == 1 ? "entry" : "entries");
        if (!count) {
            fputs("<p class=\"none\">No entry in this area.</p>\n", f);
            continue;
        }
        fputs("<ul class=\"area\">", f);
        size_t shown = 0;
        for (size_t i = 0; i < p->n && shown < AREA_LIST_MAX; i++)
            if (a < na ? (p->b[i].mask & bit) != 0 : p->b[i].mask == 0) {
                brief_li(f, &p->b[i]);
                shown++;
            }
        fputs("</ul>\n", f);
        if (count > shown)
            fprintf(f, "<p class=\"meta\">and %zu more (all are in the chronology).</p>\n", count - shown);
    }
    fputs("</section>\n", f);
}

typedef struct dis_ctx {
    FILE *f;
    int n;
} dis_ctx;

static int on_dis_source(void *ud, const dyad_source_row *s)
{
    dis_ctx *c = ud;
    fputs(c->n++ ? "; " : "", c->f);
    pr_doc_name(c->f, s->doc.title, s->doc.path);
    fputs(" gives <strong>", c->f);
    pr_date(c->f, s->date, "no date");
    fputs("</strong>", c->f);
    return 0;
}

static int disagreements_section(rep *p)
{
    FILE *f = p->f;
    size_t count = 0;
    for (size_t i = 0; i < p->n; i++)
        count += p->b[i].disagreement != 0;
    fputs("<section id=\"disagreements\"><h2>Where the sources disagree</h2>\n", f);
    if (!count) {
        fputs("<p class=\"none\">No disagreement: where several sources tell the same event, their dates agree.</p>"
              "</section>\n",
              f);
        return 0;
    }
    fprintf(f, "<p class=\"meta\">%zu %s whose sources give dates that cannot be the same day.</p><ul class=\"area\">",
            count, count == 1 ? "entry" : "entries");
    size_t shown = 0;
    int err = 0;
    for (size_t i = 0; i < p->n && shown < DISAGREE_MAX && !err; i++) {
        if (!p->b[i].disagreement)
            continue;
        shown++;
        fputs("<li><a href=\"#e-", f);
        dyad_html_escz(f, p->b[i].id);
        fputs("\">", f);
        dyad_html_escz(f, p->b[i].type);
        if (p->b[i].label) {
            fputs(": ", f);
            dyad_html_escz(f, p->b[i].label);
        }
        fputs("</a>: ", f);
        dis_ctx c = {f, 0};
        err = dyad_store_entry_sources(p->st, p->b[i].id, on_dis_source, &c);
        fputs(".</li>", f);
    }
    fputs("</ul>\n", f);
    if (count > shown)
        fprintf(f, "<p class=\"meta\">and %zu more (marked in the chronology).</p>\n", count - shown);
    fputs("</section>\n", f);
    return err;
}

typedef struct pairs {
    char best[256];
    int64_t best_n, total;
    int npairs;
} pairs;

static int on_pair(void *ud, const char *pair, int64_t n)
{
    pairs *p = ud;
    if (!p->npairs++) {
        snprintf(p->best, sizeof p->best, "%s", pair);
        p->best_n = n;
    }
    p->total += n;
    return 0;
}

int dyad_report_write(dyad_ctx *ctx, dyad_store *st, const dyad_report_opts *o, FILE *f)
{
    dyad_report_opts none = {0};
    if (!o)
        o = &none;
    rep p = {ctx, st, f, o->areas, NULL, 0, 0, 0};
    dyad_areas *own = NULL;
    dyad_chart *chart = NULL;
    int err = DYAD_OK;
    if (!p.areas) {
        if ((err = dyad_areas_load(ctx, &own)))
            return err;
        p.areas = own;
    }
    if ((err = dyad_store_read_begin(st)))
        goto done;
    dyad_store_filter flt;
    memset(&flt, 0, sizeof flt);
    char codes[256];
    pairs pr = {{0}, 0, 0, 0};
    if ((err = dyad_store_pairs(st, on_pair, &pr)))
        goto done;
    const char *pair = o->pair;
    if (!pair && pr.npairs)
        pair = pr.best;
    if (pair && dyad_store_filter_codes(&flt, pair, codes, sizeof codes)) {
        err = dyad__fail(ctx, DYAD_ARG, "--pair %s: a list of codes such as IND,JPN", pair);
        goto done;
    }
    int64_t ndocs = 0, nentries = 0;
    if ((err = dyad_store_doc_count(st, &ndocs)) || (err = dyad_store_timeline_count(st, &flt, &nentries)) ||
        (err = pr_chart_load(st, &flt, &chart)))
        goto done;

    /* title and what the report covers */
    char title[600];
    if (pair) {
        char names[512];
        pr_pair_text(ctx, pair, names, sizeof names);
        snprintf(title, sizeof title, "%s relations: dyad report", names);
    } else
        snprintf(title, sizeof title, "dyad report");
    pr_page_begin(f, title, PR_REPORT, NULL);
    fputs("<header class=\"top\"><div class=\"in\"><h1>", f);
    dyad_html_escz(f, title);
    fputs("</h1><p>", f);
    fprintf(f, "%lld timeline %s; the store holds %lld %s", (long long)nentries, nentries == 1 ? "entry" : "entries",
            (long long)ndocs, ndocs == 1 ? "document" : "documents");
    if (o->store_name) {
        fputs(", from the store <code>", f);
        dyad_html_escz(f, o->store_name);
        fputs("</code>", f);
    }
    fputs(".</p><nav class=\"toc\" aria-label=\"sections\"><a href=\"#chart\">Chart</a><a href=\"#chronology\">"
          "Chronology</a><a href=\"#areas\">Areas</a><a href=\"#disagreements\">Disagreements</a>"
          "<a href=\"#documents\">Documents</a></nav></div></header>\n<main>\n",
          f);
    if (dyad_store_schema(st) == 1)
        fputs("<p class=\"warn\">This store was made by dyad 0.1, which coded no events: it has documents but no "
              "timeline. Ingest the documents again with this dyad (<code>dyad ingest</code>) to code them.</p>\n",
              f);
    else if (!pr.npairs)
        fputs("<p class=\"warn\">The store has no timeline entries: no event between two countries was found in its "
              "documents.</p>\n",
              f);
    else if (!o->pair) {
        fputs("<p class=\"note\">No <code>--pair</code> was given: this report shows ", f);
        pr_pair_names(f, ctx, pair);
        fprintf(f, " (%s), the pair with the most entries (%lld of the store's %lld",
                pair, (long long)pr.best_n, (long long)pr.total);
        if (pr.npairs > 1)
            fprintf(f, "; %d other pairs", pr.npairs - 1);
        fputs("). Entries that name more countries besides these two are included.</p>\n", f);
    } else if (!nentries)
        fputs("<p class=\"warn\">No timeline entry names all of these countries.</p>\n", f);

    fputs("<section id=\"chart\"><h2>Events by year</h2>\n", f);
    dyad_chart_html(chart, f);
    fputs("</section>\n<section id=\"chronology\"><h2>Chronology</h2>\n", f);
    if (nentries) {
        fputs("<p class=\"meta\">Each entry is one event; its sources are the sentences that tell it. Open a source "
              "to read the sentence in its paragraph.</p>\n",
              f);
        pr_chron_begin(f);
        err = dyad_store_timeline_rows(st, &flt, on_entry, &p);
        pr_chron_end(f);
        if (err || p.err) {
            err = err ? err : p.err;
            goto done;
        }
    } else
        fputs("<p class=\"none\">No entries.</p>\n", f);
    fputs("</section>\n", f);
    areas_section(&p);
    if ((err = disagreements_section(&p)))
        goto done;
    fputs("<section id=\"documents\"><h2>Documents</h2>\n", f);
    if ((err = pr_docs_table(f, st, PR_REPORT, 0, 0)))
        goto done;
    fputs("</section>\n", f);
    pr_page_end(f, PR_REPORT);
    if (fflush(f) || ferror(f))
        err = dyad__fail(ctx, DYAD_IO, "cannot write the report");
done:
    dyad_store_read_end(st);
    for (size_t i = 0; i < p.n; i++) {
        free(p.b[i].id);
        free(p.b[i].date);
        free(p.b[i].type);
        free(p.b[i].label);
    }
    free(p.b);
    dyad_chart_free(chart);
    dyad_areas_free(own);
    return err;
}
