/* present/chart.c — the SVG chart of timeline entries per year (dyad/present.h says what it shows).
 * Drawn in a fixed coordinate system (viewBox) that the page scales to its width; labels get larger
 * and fewer on a narrow screen through a media query inside the SVG. Colours are attributes, so the
 * chart keeps them where style sheets are stripped (some mail readers) and when printed. */
#include <stdlib.h>
#include <string.h>

#include "dyad/present.h"
#include "dyad/dyad.h"

typedef struct ycount {
    int year;           /* 0: undated */
    int64_t n[5];       /* by quad 1..4 */
} ycount;

struct dyad_chart {
    ycount *y;          /* sorted by year */
    size_t n, cap;
};

static const char *const quad_fill[5] = {"#999999", "#9ecae1", "#2171b5", "#fdae6b", "#cb181d"};
static const char *const quad_names[5] = {"unknown", "verbal cooperation", "material cooperation", "verbal conflict",
                                          "material conflict"};

const char *dyad_quad_label(int quad) { return quad >= 1 && quad <= 4 ? quad_names[quad] : quad_names[0]; }

dyad_chart *dyad_chart_new(void) { return calloc(1, sizeof(dyad_chart)); }

void dyad_chart_free(dyad_chart *c)
{
    if (c) {
        free(c->y);
        free(c);
    }
}

int dyad_chart_add(dyad_chart *c, int year, int quad, int64_t n)
{
    if (quad < 1 || quad > 4 || n <= 0)
        return DYAD_OK;
    if (year < 1 || year > 9999)
        year = 0;
    size_t lo = 0, hi = c->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->y[mid].year < year)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == c->n || c->y[lo].year != year) {
        if (c->n == c->cap) {
            size_t cap = c->cap ? c->cap * 2 : 32;
            ycount *y = realloc(c->y, cap * sizeof *y);
            if (!y)
                return DYAD_NOMEM;
            c->y = y;
            c->cap = cap;
        }
        memmove(&c->y[lo + 1], &c->y[lo], (c->n - lo) * sizeof *c->y);
        memset(&c->y[lo], 0, sizeof *c->y);
        c->y[lo].year = year;
        c->n++;
    }
    c->y[lo].n[quad] += n;
    return DYAD_OK;
}

static int64_t ysum(const ycount *y) { return y->n[1] + y->n[2] + y->n[3] + y->n[4]; }

int64_t dyad_chart_total(const dyad_chart *c)
{
    int64_t t = 0;
    for (size_t i = 0; c && i < c->n; i++)
        t += ysum(&c->y[i]);
    return t;
}

/* The smallest 1, 2 or 5 times a power of ten that is at least x. */
static int64_t nice(double x)
{
    int64_t p = 1;
    for (;;) {
        if (x <= (double)p)
            return p;
        if (x <= (double)(2 * p))
            return 2 * p;
        if (x <= (double)(5 * p))
            return 5 * p;
        if (p > INT64_MAX / 20)
            return p * 10;
        p *= 10;
    }
}

/* The drawing's geometry: one for wide screens and print, one for phones (taller, larger type). */
typedef struct geom {
    const char *cls;
    double W, L, R, T, H, XL, BH, B;
    int font;          /* type size in the drawing's units */
    double label_gap;  /* least room between two year labels */
} geom;

static const geom wide = {"wide", 720, 46, 16, 24, 210, 30, 64, 8, 12, 46};
static const geom narrow = {"narrow", 400, 38, 20, 28, 250, 34, 70, 8, 17, 58};

static void legend(FILE *f)
{
    fputs("<ul class=\"legend\">", f);
    for (int q = 1; q <= 4; q++)
        fprintf(f, "<li><span class=\"sw\" style=\"background:%s\"></span>%s</li>", quad_fill[q], quad_names[q]);
    fputs("</ul>\n", f);
}

static void balance_text(FILE *f, const ycount *y)
{
    int64_t co = y->n[1] + y->n[2], cf = y->n[3] + y->n[4];
    if (co + cf == 0)
        fputs("–", f);
    else
        fprintf(f, "%+.2f", (double)(co - cf) / (double)(co + cf));
}

/* The columns: dated years (every year of the span, or only those with entries when the span is
 * long), then the undated column after a gap. */
typedef struct cols {
    int miny, maxy, continuous;
    size_t ndated, ncols;
    const ycount *undated;
    int64_t top, step;     /* the count axis: top of the scale, tick step */
} cols;

static void columns(const dyad_chart *c, cols *k)
{
    memset(k, 0, sizeof *k);
    int64_t maxd = 0;
    for (size_t i = 0; i < c->n; i++) {
        int64_t n = ysum(&c->y[i]);
        if (!n)
            continue;
        if (!c->y[i].year) {
            k->undated = &c->y[i];
            continue;
        }
        if (!k->miny)
            k->miny = c->y[i].year;
        k->maxy = c->y[i].year;
        k->ndated++;
        if (n > maxd)
            maxd = n;
    }
    k->continuous = k->ndated && k->maxy - k->miny + 1 <= 120;
    k->ncols = k->continuous ? (size_t)(k->maxy - k->miny + 1) : k->ndated;
    /* the scale follows the dated years; a taller undated column is cut, with its number on it */
    int64_t maxn = maxd ? maxd : ysum(k->undated);
    k->step = nice((double)maxn / 4.0);
    if (k->step < 1)
        k->step = 1;
    k->top = ((maxn + k->step - 1) / k->step) * k->step;
}

static void draw(const dyad_chart *c, const cols *k, FILE *f, const geom *g)
{
    double W = g->W, L = g->L, R = g->R, T = g->T, H = g->H, XL = g->XL, BH = g->BH, B = g->B;
    double slots = (double)k->ncols + (k->undated ? (k->ncols ? 1.6 : 1.0) : 0.0);
    double colw = (W - L - R) / slots;
    double barw = colw * 0.8 < 0.6 ? colw : colw * 0.8;
    int64_t top = k->top, step = k->step;
    double ht = T + H + XL + BH + B + 16;
    double base = T + H, bmid = T + H + XL + 16 + BH / 2;
    int fs = g->font;

    fprintf(f,
            "<svg class=\"chart-%s\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"Timeline entries per year "
            "by PLOVER quad class, %lld in all, and the balance of cooperation and conflict each year\" "
            "xmlns=\"http://www.w3.org/2000/svg\" font-family=\"system-ui, sans-serif\" font-size=\"%d\">",
            g->cls, W, ht, (long long)dyad_chart_total(c), fs);
    for (int64_t v = 0; v <= top; v += step) {
        double y = base - H * (double)v / (double)top;
        fprintf(f, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1\"/>", L, W - R,
                y, y, v ? "#e3e3e3" : "#888");
        fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" fill=\"#555\">%lld</text>", L - 5,
                y + fs * 0.35, (long long)v);
    }
    int every = 1;
    static const int steps[] = {1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000};
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        every = steps[i];
        if (colw * every >= g->label_gap)
            break;
    }
    fprintf(f,
            "<text x=\"%.1f\" y=\"%.1f\" fill=\"#555\">balance: cooperation up, conflict down</text>"
            "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#888\" stroke-width=\"1\"/>"
            "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" fill=\"#555\">+1</text>"
            "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" fill=\"#555\">0</text>"
            "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" fill=\"#555\">−1</text>",
            L, bmid - BH / 2 - 6, L, W - R, bmid, bmid, L - 5, bmid - BH / 2 + fs * 0.7, L - 5, bmid + fs * 0.35,
            L - 5, bmid + BH / 2);
    size_t ci = 0;
    for (size_t col = 0; col < k->ncols; col++) {
        const ycount *y = NULL;
        int year;
        if (k->continuous) {
            year = k->miny + (int)col;
            while (ci < c->n && c->y[ci].year < year)
                ci++;
            if (ci < c->n && c->y[ci].year == year)
                y = &c->y[ci];
        } else {
            while (ci < c->n && (!c->y[ci].year || !ysum(&c->y[ci])))
                ci++;
            if (ci >= c->n)
                break;
            y = &c->y[ci++];
            year = y->year;
        }
        double x = L + colw * (double)col + (colw - barw) / 2;
        if (y) {
            double yy = base;
            for (int q = 1; q <= 4; q++) {
                if (!y->n[q])
                    continue;
                double h = H * (double)y->n[q] / (double)top;
                yy -= h;
                fprintf(f,
                        "<rect class=\"seg\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\" "
                        "data-year=\"%d\" data-quad=\"%d\" data-n=\"%lld\"><title>%d: %lld %s</title></rect>",
                        x, yy, barw, h, quad_fill[q], year, q, (long long)y->n[q], year, (long long)y->n[q],
                        quad_names[q]);
            }
            int64_t co = y->n[1] + y->n[2], cf = y->n[3] + y->n[4];
            if (co + cf) {
                double b = (double)(co - cf) / (double)(co + cf);
                double h = b * BH / 2;
                fprintf(f,
                        "<rect class=\"bal\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\">"
                        "<title>%d: balance %+.2f (%lld cooperation, %lld conflict)</title></rect>",
                        x, h >= 0 ? bmid - (h < 1 ? 1 : h) : bmid, barw, h >= 0 ? (h < 1 ? 1 : h) : -h,
                        b >= 0 ? quad_fill[2] : quad_fill[4], year, b, (long long)co, (long long)cf);
            }
        }
        double nd = k->undated ? L + colw * (slots - 1) + colw / 2 : W * 2; /* the n.d. label's middle */
        if ((k->continuous ? year % every == 0 : col % (size_t)every == 0) && nd - (x + barw / 2) >= g->label_gap * 0.8)
            fprintf(f, "<text x=\"%.2f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#333\">%d</text>", x + barw / 2,
                    base + fs + 6, year);
    }
    if (k->undated) {
        const ycount *u = k->undated;
        double x = L + colw * (slots - 1) + (colw - barw) / 2;
        double yy = base;
        int cut = ysum(u) > top;
        for (int q = 1; q <= 4; q++) {
            if (!u->n[q])
                continue;
            double h = H * (double)u->n[q] / (double)top;
            if (yy - h < base - H)
                h = yy - (base - H);
            yy -= h;
            fprintf(f,
                    "<rect class=\"seg\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\" "
                    "data-year=\"0\" data-quad=\"%d\" data-n=\"%lld\" opacity=\"0.55\"><title>undated: %lld %s</title>"
                    "</rect>",
                    x, yy, barw, h, quad_fill[q], q, (long long)u->n[q], (long long)u->n[q], quad_names[q]);
        }
        if (cut) /* a break across the column: it is taller than drawn */
            fprintf(f, "<path d=\"M%.2f %.2f l%.2f -6 l0 5 l%.2f 6 z\" fill=\"#fff\"/>", x - 1, base - H + 16,
                    barw + 2, -(barw + 2));
        fprintf(f, "<text x=\"%.2f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#333\">%lld</text>", x + barw / 2,
                (cut ? base - H : yy) - 4, (long long)ysum(u));
        fprintf(f, "<text x=\"%.2f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#333\">n.d.</text>", x + barw / 2,
                base + fs + 6);
    }
    fputs("</svg>", f);
}

void dyad_chart_html(const dyad_chart *c, FILE *f)
{
    int64_t total = dyad_chart_total(c);
    if (!total) {
        fputs("<p class=\"none\">No entries to chart.</p>\n", f);
        return;
    }
    cols k;
    columns(c, &k);
    fputs("<figure class=\"chart\">", f);
    draw(c, &k, f, &wide);
    draw(c, &k, f, &narrow);
    fprintf(f, "<figcaption>Timeline entries per year, %lld in all%s%s. Each entry is one event, however many "
               "sources tell it.</figcaption></figure>\n",
            (long long)total, k.continuous || !k.ndated ? "" : "; only years with entries are shown (the span is long)",
            k.undated ? "; <q>n.d.</q>: entries whose sources give no date" : "");
    legend(f);
    /* the same figures as a table */
    fputs("<details class=\"figures\"><summary>The figures</summary><div class=\"wide\"><table><thead><tr><th>Year</th>",
          f);
    for (int q = 1; q <= 4; q++)
        fprintf(f, "<th>%s</th>", quad_names[q]);
    fputs("<th>All</th><th>Balance</th></tr></thead><tbody>", f);
    for (size_t i = 0; i <= c->n; i++) {
        const ycount *y = i < c->n ? &c->y[i] : k.undated;
        if (i < c->n && !c->y[i].year)
            continue; /* undated last */
        if (!y || !ysum(y))
            continue;
        if (y->year)
            fprintf(f, "<tr><td>%d</td>", y->year);
        else
            fputs("<tr><td>undated</td>", f);
        for (int q = 1; q <= 4; q++)
            fprintf(f, "<td>%lld</td>", (long long)y->n[q]);
        fprintf(f, "<td>%lld</td><td>", (long long)ysum(y));
        balance_text(f, y);
        fputs("</td></tr>", f);
    }
    fputs("</tbody></table></div></details>\n", f);
}
