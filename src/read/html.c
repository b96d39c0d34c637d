/* read/html.c — the HTML reader: character set, libxml2 parse, metadata, main-content extraction.
 *
 * Steps (each linear in the input):
 *  1. charset: BOM, else <meta charset> / http-equiv / XML declaration (html_pre.c), decoded to UTF-8
 *     by dyad__decode; a page that is not valid in its charset is repaired, not refused.
 *  2. pre-pass (html_pre.c): comments, scripts, styles, SVG... removed, attributes trimmed, nesting
 *     bounded, JSON-LD collected.
 *  3. libxml2's HTML parser (SAX, UTF-8, no network) builds a compact tree: nodes in document order
 *     in one array, so a node's subtree is the index range [i, end) and every pass is a loop.
 *  4. metadata from <title>, <meta>, JSON-LD, <time>, <link rel=canonical>, <html lang>, the
 *     byline, in the order data/html-meta.txt gives.
 *  5. the article: containers scored as Mozilla Readability does (paragraph text length, commas,
 *     class/id hints from data/html-hints.txt, link density); then, beyond Readability, the choice
 *     moves down into a child holding most of the paragraph text (page wrappers lifted by a class
 *     name) and takes in siblings holding a good share of it (features split into sections); then
 *     link lists, forms, share widgets, captions and bylines inside it are removed (Readability's
 *     "clean conditionally"), never the container of nearly all the paragraph text. Up to three
 *     attempts with looser rules when the first keeps too little text; and when what the page shows
 *     holds nothing to keep while it hides most of its text (an open consent layer marks the page
 *     aria-hidden), the same again as if nothing were hidden.
 *  6. blocks: every text block of the body in order, with kind, level, link bytes and section
 *     flags; blocks outside the article carry drop = DYAD_DROP_OUTSIDE, others say why they went:
 *     mostly-link blocks (NAV), the headline repeating the title and the byline (META), headings
 *     left with nothing under them (OTHER), dialogs such as cookie consent (BOILERPLATE).
 */
#include <errno.h>
#include <iconv.h>
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "read/html_priv.h"

/* Tree depth kept: elements opened deeper are folded into their ancestor (the pre-pass already
 * bounds the parser's depth at HTML_MAX_DEPTH; the parser may add a few implied elements). */
#define HTML_TREE_MAX 512
/* Nodes (elements and text runs) kept from one page: about 130 bytes each with the per-attempt
 * arrays, so the tree stays under ~300 MB whatever the input. The largest page of the extraction
 * benchmark (1.5 MB) has a few thousand; a page with more than the limit (tens of MB of tiny
 * elements) is read up to that point. */
#define HTML_MAX_NODES (2u << 20)
/* <meta> tags, <time> elements kept for metadata. */
#define HTML_MAX_METAS 256
#define HTML_MAX_TIMES 32
/* Readability's numbers: text shorter than this is not scored; ancestors scored per paragraph. */
#define SCORE_MIN_CHARS 25
#define SCORE_LEVELS 5
/* An attempt keeping less text than this is retried with looser rules. */
#define RETRY_CHARS 500
/* The article container moves down to a child holding this share of its paragraph text. */
#define DESCEND_SHARE 0.8
/* A sibling of the article with this much paragraph text, and at least 1/SIBLING_SHARE_DIV of the
 * article's, is part of it. */
#define SIBLING_MIN_PCH 200
#define SIBLING_SHARE_DIV 4
/* Table cells shorter than this (and holding no block) are joined into one block per row. */
#define CELL_INLINE_CHARS 200
/* Byline elements tried for the author, and the most nodes one may hold. */
#define BYLINE_TRIES 8
#define BYLINE_MAX_NODES 64
/* Longest text of an element whose class says caption or credit that is removed as such. */
#define CAPTION_MAX_CHARS 300
/* A page whose shown text holds no paragraph to score (or whose best attempt keeps fewer than
 * HIDDEN_FEW_CHARS), and whose hidden text (hidden, aria-hidden, display:none) is at least
 * HIDDEN_MIN_BYTES and more than HIDDEN_SHARE times its shown text, is read again as if nothing were
 * hidden; that reading wins when it keeps more than HIDDEN_SHARE times as much text. A short article
 * beside hidden tab panels stays as it is. */
#define HIDDEN_FEW_CHARS 200
#define HIDDEN_MIN_BYTES 500
#define HIDDEN_SHARE 2
/* A block of the article with more than this many tenths of its text in links is dropped. */
#define LINK_BLOCK_TENTHS 7

/* ---- tags ---- */
enum {
    T_OTHER = 0, T_A, T_ADDRESS, T_ARTICLE, T_ASIDE, T_B, T_BLOCKQUOTE, T_BODY, T_BR, T_CAPTION, T_CENTER,
    T_CODE, T_DD, T_DETAILS, T_DIALOG, T_DIV, T_DL, T_DT, T_EM, T_FIELDSET, T_FIGCAPTION, T_FIGURE, T_FOOTER,
    T_FORM, T_H1, T_H2, T_H3, T_H4, T_H5, T_H6, T_HEAD, T_HEADER, T_HGROUP, T_HR, T_HTML, T_I, T_IMG,
    T_INPUT, T_LABEL, T_LEGEND, T_LI, T_LINK, T_MAIN, T_MENU, T_META, T_NAV, T_OL, T_OPTION, T_P,
    T_PICTURE, T_PRE, T_SECTION, T_SPAN, T_STRONG, T_SUMMARY, T_TABLE, T_TBODY, T_TD, T_TFOOT, T_TH,
    T_THEAD, T_TIME, T_TITLE, T_TR, T_UL, T_EMBED, T_COUNT
};

static const struct { const char *name; unsigned char tag; } tag_table[] = { /* sorted by name */
    {"a", T_A}, {"address", T_ADDRESS}, {"article", T_ARTICLE}, {"aside", T_ASIDE}, {"b", T_B},
    {"blockquote", T_BLOCKQUOTE}, {"body", T_BODY}, {"br", T_BR}, {"caption", T_CAPTION}, {"center", T_CENTER},
    {"code", T_CODE}, {"dd", T_DD}, {"details", T_DETAILS}, {"dialog", T_DIALOG}, {"div", T_DIV}, {"dl", T_DL},
    {"dt", T_DT}, {"em", T_EM}, {"embed", T_EMBED}, {"fieldset", T_FIELDSET}, {"figcaption", T_FIGCAPTION},
    {"figure", T_FIGURE}, {"footer", T_FOOTER}, {"form", T_FORM}, {"h1", T_H1}, {"h2", T_H2}, {"h3", T_H3},
    {"h4", T_H4}, {"h5", T_H5}, {"h6", T_H6}, {"head", T_HEAD}, {"header", T_HEADER}, {"hgroup", T_HGROUP},
    {"hr", T_HR}, {"html", T_HTML}, {"i", T_I}, {"img", T_IMG}, {"input", T_INPUT}, {"label", T_LABEL},
    {"legend", T_LEGEND}, {"li", T_LI}, {"link", T_LINK}, {"main", T_MAIN}, {"menu", T_MENU}, {"meta", T_META},
    {"nav", T_NAV}, {"ol", T_OL}, {"option", T_OPTION}, {"p", T_P}, {"picture", T_PICTURE}, {"pre", T_PRE},
    {"section", T_SECTION}, {"span", T_SPAN}, {"strong", T_STRONG}, {"summary", T_SUMMARY}, {"table", T_TABLE},
    {"tbody", T_TBODY}, {"td", T_TD}, {"tfoot", T_TFOOT}, {"th", T_TH}, {"thead", T_THEAD}, {"time", T_TIME},
    {"title", T_TITLE}, {"tr", T_TR}, {"ul", T_UL},
};

static unsigned char tag_of(const char *name)
{
    size_t lo = 0, hi = sizeof tag_table / sizeof tag_table[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(name, tag_table[mid].name);
        if (!c)
            return tag_table[mid].tag;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return T_OTHER;
}

static int is_block(unsigned t)
{
    switch (t) {
    case T_ADDRESS: case T_ARTICLE: case T_ASIDE: case T_BLOCKQUOTE: case T_BODY: case T_CAPTION: case T_CENTER:
    case T_DD: case T_DETAILS: case T_DIALOG: case T_DIV: case T_DL: case T_DT: case T_FIELDSET:
    case T_FIGCAPTION: case T_FIGURE: case T_FOOTER: case T_FORM: case T_H1: case T_H2: case T_H3: case T_H4:
    case T_H5: case T_H6: case T_HEADER: case T_HGROUP: case T_HR: case T_HTML: case T_LEGEND: case T_LI:
    case T_MAIN: case T_MENU: case T_NAV: case T_OL: case T_OPTION: case T_P: case T_PRE: case T_SECTION:
    case T_SUMMARY: case T_TABLE: case T_TBODY: case T_TD: case T_TFOOT: case T_TH: case T_THEAD: case T_TR:
    case T_UL:
        return 1;
    default:
        return 0;
    }
}

static int is_heading(unsigned t) { return t >= T_H1 && t <= T_H6; }

/* ---- compiled data files (one per context) ---- */
enum { HC_UNLIKELY = 1, HC_MAYBE = 2, HC_POS = 4, HC_NEG = 8, HC_SHARE = 16, HC_BYLINE = 32, HC_CAPTION = 64 };

#define HINT_BUCKETS 1024
#define HINT_MAX_PATS 60000 /* bucket offsets are 16-bit */
#define HINT_KEY(a, b) ((((unsigned)(unsigned char)(a) << 5) ^ (unsigned char)(b)) & (HINT_BUCKETS - 1))

typedef struct hint_pat {
    const char *s;
    uint8_t n, cat, exact;
} hint_pat;

typedef struct meta_src {
    int field;          /* index into the field table below */
    const char *name;   /* lower-case meta name, or "@title", "@json-ld", ... */
    size_t n;
} meta_src;

typedef struct html_cfg {
    hint_pat *pats;
    size_t npats;
    /* Substring patterns sorted by the hash of their first two bytes: those of hash h are
     * pats[bucket[h] .. bucket[h+1]); exact-word patterns come after them, from nexact_at. */
    uint16_t bucket[HINT_BUCKETS + 1];
    size_t nexact_at;
    meta_src *srcs;
    size_t nsrcs;
} html_cfg;

static const char *const field_names[] = {"title", "date", "updated", "author", "publisher", "description",
                                          "url", "language"};
#define NFIELDS 8

static void cfg_free(void *p)
{
    html_cfg *c = p;
    if (!c)
        return;
    free(c->pats);
    free(c->srcs);
    free(c);
}

static unsigned pat_key(const hint_pat *p) { return p->exact ? HINT_BUCKETS : HINT_KEY(p->s[0], p->s[1]); }

static int pat_cmp(const void *a, const void *b)
{
    unsigned x = pat_key(a), y = pat_key(b);
    return x < y ? -1 : x > y;
}

static void *cfg_make(const dyad_ctx *ctx)
{
    html_cfg *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    size_t len;
    const char *data = dyad__data(ctx, "html-hints.txt", &len);
    dyad__lineiter it;
    const char *e;
    size_t el, cap = 0;
    if (data) {
        dyad__lines_init(&it, data, len);
        while (dyad__lines_next(&it, &e, &el))
            cap++;
        c->pats = calloc(cap + 1, sizeof *c->pats);
        if (!c->pats)
            goto fail;
        dyad__lines_init(&it, data, len);
        while (dyad__lines_next(&it, &e, &el)) {
            static const struct { const char *s; uint8_t cat; } secs[] = {
                {"unlikely", HC_UNLIKELY}, {"maybe", HC_MAYBE}, {"positive", HC_POS},
                {"negative", HC_NEG}, {"share", HC_SHARE}, {"byline", HC_BYLINE},
                {"caption", HC_CAPTION}};
            uint8_t cat = 0;
            for (size_t i = 0; i < sizeof secs / sizeof secs[0]; i++)
                if (dyad__lines_section_is(&it, secs[i].s))
                    cat = secs[i].cat;
            int exact = el > 1 && e[0] == '=';
            if (exact) {
                e++;
                el--;
            }
            if (!cat || el < 2 || el > 64)
                continue;
            if (c->npats >= HINT_MAX_PATS)
                break;
            hint_pat *p = &c->pats[c->npats++];
            p->s = e;
            p->n = (uint8_t)el;
            p->cat = cat;
            p->exact = (uint8_t)exact;
        }
        qsort(c->pats, c->npats, sizeof *c->pats, pat_cmp);
    }
    {
        size_t i = 0;
        for (unsigned b = 0; b <= HINT_BUCKETS; b++) {
            while (i < c->npats && pat_key(&c->pats[i]) < b)
                i++;
            c->bucket[b] = (uint16_t)i;
        }
        c->nexact_at = c->bucket[HINT_BUCKETS];
    }
    data = dyad__data(ctx, "html-meta.txt", &len);
    if (data) {
        cap = 0;
        dyad__lines_init(&it, data, len);
        while (dyad__lines_next(&it, &e, &el))
            cap++;
        c->srcs = calloc(cap + 1, sizeof *c->srcs);
        if (!c->srcs)
            goto fail;
        dyad__lines_init(&it, data, len);
        while (dyad__lines_next(&it, &e, &el)) {
            int f = -1;
            for (int i = 0; i < NFIELDS; i++)
                if (dyad__lines_section_is(&it, field_names[i]))
                    f = i;
            if (f < 0)
                continue;
            meta_src *s = &c->srcs[c->nsrcs++];
            s->field = f;
            s->name = e;
            s->n = el;
        }
    }
    return c;
fail:
    cfg_free(c);
    return NULL;
}

/* ---- the tree ---- */
enum {
    NF_TEXT = 1 << 0,     /* a text node */
    NF_LINK = 1 << 1,     /* text inside <a> */
    NF_HIDDEN = 1 << 2,   /* hidden, aria-hidden, display:none */
    NF_NAVROLE = 1 << 3,  /* nav, role=navigation/menu */
    NF_ASIDE = 1 << 4,    /* aside, role=complementary */
    NF_FOOTER = 1 << 5,   /* footer, role=contentinfo */
    NF_HEADER = 1 << 6,   /* header, role=banner */
    NF_DIALOG = 1 << 7,   /* dialog, role=dialog/alert */
    NF_BYLINE = 1 << 8,   /* rel=author, itemprop=author, byline class */
    NF_REMOVED = 1 << 9,  /* per attempt: not a candidate, not article text */
    NF_CLEANED = 1 << 10, /* per attempt: removed from inside the article */
    NF_KEPT = 1 << 11,    /* per attempt: a root of the article */
    NF_INHEAD = 1 << 12,  /* inside <head> */
    NF_FIGURE = 1 << 13,  /* inside <figure> */
    NF_PUBTIME = 1 << 14, /* <time pubdate> or itemprop=datePublished */
    NF_HASBLK = 1 << 15,  /* has a block element inside */
};

typedef struct agg {
    uint32_t chars, lchars, commas, np, nimg, nli, ninput, hchars;
} agg;

typedef struct hnode {
    uint32_t parent, next, first, last, end;
    uint32_t line;
    uint32_t toff, tlen;  /* text nodes: span in the text buffer */
    uint32_t cls;         /* hash of the class attribute (0 none) */
    uint16_t f;
    uint8_t tag, hint;    /* hint: HC_* bits of class and id */
    int8_t weight;        /* class/id weight: +-25 per attribute */
    uint8_t scored;
    uint8_t script_link;  /* <a href="javascript:...">: its text is not link text */
    agg a;                /* whole subtree, removed parts excluded */
    uint32_t ichars, icommas; /* text directly inside (not in a nested block) */
    uint16_t nbr;             /* <br> directly inside */
    uint32_t pch;             /* text of the paragraphs (scored units) in the subtree */
    float score;
} hnode;

typedef struct meta_kv {
    const char *key, *val;
} meta_kv;

typedef struct time_el {
    uint32_t node;
    const char *dt;
} time_el;

#define HINT_CACHE 1024

typedef struct hp {
    dyad_doc *doc;
    const html_cfg *cfg;
    htmlParserCtxtPtr ctxt;
    hnode *nodes;
    uint32_t n, cap;
    dyad__buf text, title, scratch;
    uint32_t cur, depth, skipped;
    int in_title, in_head, a_depth, figure_depth;
    int err;
    int full; /* HTML_MAX_NODES reached */
    meta_kv metas[HTML_MAX_METAS];
    int nmetas;
    time_el times[HTML_MAX_TIMES];
    int ntimes;
    const char *canonical, *lang;
    uint32_t body;
    struct { uint64_t key; uint8_t val; } cache[HINT_CACHE];
    struct { const void *name; uint8_t tag; } tcache[64]; /* parser names are interned: by pointer */
} hp;

static unsigned tag_cached(hp *P, const xmlChar *name)
{
    size_t h = ((uintptr_t)name >> 3) & 63;
    if (P->tcache[h].name == name)
        return P->tcache[h].tag;
    unsigned t = tag_of((const char *)name);
    P->tcache[h].name = name;
    P->tcache[h].tag = (uint8_t)t;
    return t;
}

static uint32_t new_node(hp *P)
{
    if (P->n >= HTML_MAX_NODES) {
        /* the rest of a gigantic page is not read: stop the parser, keep what we have */
        if (P->ctxt)
            xmlStopParser(P->ctxt);
        P->full = 1;
        return 0;
    }
    if (P->n == P->cap) {
        uint32_t ncap = P->cap ? P->cap * 2 : 1024;
        if (ncap > HTML_MAX_NODES)
            ncap = HTML_MAX_NODES;
        hnode *nn = realloc(P->nodes, (size_t)ncap * sizeof *nn);
        if (!nn) {
            P->err = DYAD_NOMEM;
            return 0;
        }
        P->nodes = nn;
        P->cap = ncap;
    }
    uint32_t i = P->n++;
    hnode *x = &P->nodes[i];
    memset(x, 0, sizeof *x);
    x->parent = P->cur;
    x->line = P->ctxt ? (uint32_t)xmlSAX2GetLineNumber(P->ctxt) : 0;
    if (i) {
        hnode *par = &P->nodes[P->cur];
        if (par->last)
            P->nodes[par->last].next = i;
        else
            par->first = i;
        par->last = i;
    }
    return i;
}

/* HC_* bits of a class or id value, lower-cased into tmp; cached by hash. */
static uint8_t hints_of(hp *P, const char *v)
{
    size_t n = strlen(v);
    if (!n)
        return 0;
    uint64_t h = dyad__hash(v, n) | 1;
    size_t slot = (size_t)(h % HINT_CACHE);
    if (P->cache[slot].key == h)
        return P->cache[slot].val;
    char buf[256];
    if (n >= sizeof buf)
        n = sizeof buf - 1;
    for (size_t i = 0; i < n; i++)
        buf[i] = (char)((v[i] >= 'A' && v[i] <= 'Z') ? v[i] | 0x20 : v[i]);
    buf[n] = 0;
    const html_cfg *c = P->cfg;
    uint8_t m = 0;
    if (c) {
        for (size_t i = 0; i < n; i++) {
            unsigned key = HINT_KEY(buf[i], buf[i + 1]);
            for (uint16_t k = c->bucket[key]; k < c->bucket[key + 1]; k++) {
                const hint_pat *p = &c->pats[k];
                if (!(m & p->cat) && p->n <= n - i && !memcmp(buf + i, p->s, p->n))
                    m |= p->cat;
            }
            /* exact words: at the start of each word */
            if (i == 0 || buf[i - 1] == ' ' || buf[i - 1] == '\t') {
                size_t w = i;
                while (w < n && buf[w] != ' ' && buf[w] != '\t')
                    w++;
                for (size_t k = c->nexact_at; k < c->npats; k++) {
                    const hint_pat *p = &c->pats[k];
                    if (p->n == w - i && !memcmp(buf + i, p->s, p->n))
                        m |= p->cat;
                }
            }
        }
    }
    P->cache[slot].key = h;
    P->cache[slot].val = m;
    return m;
}

static int8_t weight_of(uint8_t m)
{
    int w = 0;
    if (m & HC_NEG)
        w -= 25;
    if (m & HC_POS)
        w += 25;
    return (int8_t)w;
}

static const char *arena_lower(hp *P, const char *s)
{
    size_t n = strlen(s);
    char *d = dyad__arena_alloc(&P->doc->arena, n + 1);
    if (!d)
        return NULL;
    for (size_t i = 0; i < n; i++)
        d[i] = (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] | 0x20 : s[i]);
    d[n] = 0;
    return d;
}

static int ieq(const char *a, const char *b) { return a && !strcasecmp(a, b); }

static void sax_start(void *ud, const xmlChar *xname, const xmlChar **atts)
{
    hp *P = ud;
    if (P->err)
        return;
    unsigned tag = tag_cached(P, xname);
    if (tag == T_HEAD)
        P->in_head++;
    if (tag == T_TITLE && P->in_head)
        P->in_title++;
    if (P->depth >= HTML_TREE_MAX || (P->ctxt && P->ctxt->nameNr > 4 * HTML_MAX_DEPTH)) {
        P->skipped++;
        return;
    }
    const char *cls = NULL, *id = NULL, *role = NULL, *itemprop = NULL, *mname = NULL, *content = NULL,
               *rel = NULL, *href = NULL, *datetime = NULL, *lang = NULL;
    int hidden = 0, pubdate = 0;
    for (const xmlChar **a = atts; a && a[0]; a += 2) {
        const char *k = (const char *)a[0], *v = a[1] ? (const char *)a[1] : "";
        switch (k[0]) {
        case 'c':
            if (!strcmp(k, "class")) cls = v;
            else if (!strcmp(k, "content")) content = v;
            break;
        case 'i':
            if (!strcmp(k, "id")) id = v;
            else if (!strcmp(k, "itemprop")) itemprop = v;
            break;
        case 'r':
            if (!strcmp(k, "role")) role = v;
            else if (!strcmp(k, "rel")) rel = v;
            break;
        case 'n': if (!strcmp(k, "name")) mname = v; break;
        case 'p':
            if (!strcmp(k, "property")) mname = mname ? mname : v;
            else if (!strcmp(k, "pubdate")) pubdate = 1;
            break;
        case 'h':
            if (!strcmp(k, "hidden")) hidden = 1;
            else if (!strcmp(k, "href")) href = v;
            break;
        case 'a': if (!strcmp(k, "aria-hidden") && ieq(v, "true")) hidden = 1; break;
        case 'd': if (!strcmp(k, "datetime")) datetime = v; break;
        case 'l': if (!strcmp(k, "lang")) lang = v; break;
        default: break;
        }
    }
    /* metadata carried by attributes */
    if (tag == T_META) {
        const char *key = mname ? mname : itemprop;
        if (key && content && P->nmetas < HTML_MAX_METAS) {
            meta_kv *m = &P->metas[P->nmetas];
            m->key = arena_lower(P, key);
            m->val = dyad__arena_strdup(&P->doc->arena, content);
            if (m->key && m->val)
                P->nmetas++;
        }
        if (itemprop && content && mname && P->nmetas < HTML_MAX_METAS) {
            meta_kv *m = &P->metas[P->nmetas];
            m->key = arena_lower(P, itemprop);
            m->val = dyad__arena_strdup(&P->doc->arena, content);
            if (m->key && m->val)
                P->nmetas++;
        }
    } else if (tag == T_LINK) {
        if (rel && href && !P->canonical && ieq(rel, "canonical"))
            P->canonical = dyad__arena_strdup(&P->doc->arena, href);
    } else if (tag == T_HTML) {
        if (lang && !P->lang)
            P->lang = dyad__arena_strdup(&P->doc->arena, lang);
    }
    uint32_t i = new_node(P);
    if (P->err)
        return;
    if (P->full) {
        P->skipped++;
        return;
    }
    hnode *x = &P->nodes[i];
    x->tag = (uint8_t)tag;
    if (P->in_head)
        x->f |= NF_INHEAD;
    if (hidden)
        x->f |= NF_HIDDEN;
    if (P->figure_depth)
        x->f |= NF_FIGURE;
    uint8_t hc = cls ? hints_of(P, cls) : 0, hi = id ? hints_of(P, id) : 0;
    x->hint = hc | hi;
    x->weight = (int8_t)(weight_of(hc) + weight_of(hi));
    if (cls && *cls)
        x->cls = (uint32_t)dyad__hash(cls, strlen(cls)) | 1;
    if (tag == T_NAV || ieq(role, "navigation") || ieq(role, "menu") || ieq(role, "menubar"))
        x->f |= NF_NAVROLE;
    if (tag == T_ASIDE || ieq(role, "complementary"))
        x->f |= NF_ASIDE;
    if (tag == T_FOOTER || ieq(role, "contentinfo"))
        x->f |= NF_FOOTER;
    if (tag == T_HEADER || ieq(role, "banner"))
        x->f |= NF_HEADER;
    if (tag == T_DIALOG || ieq(role, "dialog") || ieq(role, "alert") || ieq(role, "alertdialog"))
        x->f |= NF_DIALOG;
    if ((rel && ieq(rel, "author")) || (itemprop && ieq(itemprop, "author")) || (x->hint & HC_BYLINE))
        x->f |= NF_BYLINE;
    if (tag == T_TIME && datetime && P->ntimes < HTML_MAX_TIMES) {
        time_el *t = &P->times[P->ntimes];
        t->node = i;
        t->dt = dyad__arena_strdup(&P->doc->arena, datetime);
        if (t->dt)
            P->ntimes++;
        if (pubdate || (itemprop && ieq(itemprop, "datePublished")))
            x->f |= NF_PUBTIME;
    }
    if (tag == T_BODY && !P->body)
        P->body = i;
    /* an anchor whose target is a script is a button, not a link to elsewhere: its text is text (as
     * in Readability); anchors without href stay links (saved pages often lose their targets) */
    if (tag == T_A && href && !strncasecmp(href, "javascript:", 11))
        x->script_link = 1;
    else if (tag == T_A)
        P->a_depth++;
    if (tag == T_FIGURE)
        P->figure_depth++;
    P->cur = i;
    P->depth++;
}

static void sax_end(void *ud, const xmlChar *xname)
{
    hp *P = ud;
    unsigned tag = tag_cached(P, xname);
    if (tag == T_HEAD && P->in_head)
        P->in_head--;
    if (tag == T_TITLE && P->in_title)
        P->in_title--;
    if (P->err)
        return;
    if (P->skipped) {
        P->skipped--;
        return;
    }
    if (!P->cur)
        return;
    hnode *x = &P->nodes[P->cur];
    if (x->tag == T_A && !x->script_link && P->a_depth)
        P->a_depth--;
    if (x->tag == T_FIGURE && P->figure_depth)
        P->figure_depth--;
    x->end = P->n;
    P->cur = x->parent;
    P->depth--;
}

/* libxml2 reports some errors (encoding conversion, I/O) through its per-thread generic error
 * function, which prints to stderr by default. The library must not print: while we parse, that
 * function is a no-op, and the caller's is put back afterwards. */
static void quiet_error(void *ud, const char *msg, ...) { (void)ud; (void)msg; }

static void sax_text(void *ud, const xmlChar *ch, int len)
{
    hp *P = ud;
    if (P->err || len <= 0)
        return;
    if (P->in_title) {
        dyad__buf_add(&P->title, ch, (size_t)len);
        return;
    }
    if (P->in_head)
        return;
    hnode *par = &P->nodes[P->cur];
    uint16_t lf = P->a_depth ? NF_LINK : 0;
    if (par->last && par->last == P->n - 1 && (P->nodes[par->last].f & NF_TEXT) &&
        (P->nodes[par->last].f & NF_LINK) == lf && P->nodes[par->last].toff + P->nodes[par->last].tlen == P->text.len) {
        dyad__buf_add(&P->text, ch, (size_t)len);
        P->nodes[par->last].tlen += (uint32_t)len;
        return;
    }
    if (P->text.len > UINT32_MAX - (size_t)len) {
        P->err = DYAD_LIMIT;
        return;
    }
    uint32_t i = new_node(P);
    if (P->err || P->full)
        return;
    hnode *x = &P->nodes[i];
    x->f = NF_TEXT | lf;
    x->toff = (uint32_t)P->text.len;
    x->tlen = (uint32_t)len;
    x->end = i + 1;
    dyad__buf_add(&P->text, ch, (size_t)len);
}

/* ---- aggregates ---- */

/* Text length as Readability counts it (characters, white space runs as one), and commas. */
static void measure(const char *s, size_t n, uint32_t *chars, uint32_t *commas)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t c = 0, k = 0;
    int sp = 1;
    for (size_t i = 0; i < n; i++) {
        unsigned char b = u[i];
        if (b == ' ' || b == '\n' || b == '\t' || b == '\r') {
            if (!sp)
                c++;
            sp = 1;
            continue;
        }
        sp = 0;
        if ((b & 0xC0) != 0x80)
            c++;
        if (b == ',')
            k++;
        else if (b == 0xEF && i + 2 < n && u[i + 1] == 0xBC && u[i + 2] == 0x8C) /* U+FF0C fullwidth comma */
            k++;
        else if (b == 0xE3 && i + 2 < n && u[i + 1] == 0x80 && u[i + 2] == 0x81) /* U+3001 ideographic comma */
            k++;
        else if (b == 0xD8 && i + 1 < n && u[i + 1] == 0x8C) /* U+060C Arabic comma */
            k++;
    }
    if (sp && c)
        c--;
    *chars = c;
    *commas = k;
}

static void agg_add(agg *a, const agg *b)
{
    a->chars += b->chars;
    a->lchars += b->lchars;
    a->commas += b->commas;
    a->np += b->np;
    a->nimg += b->nimg;
    a->nli += b->nli;
    a->ninput += b->ninput;
    a->hchars += b->hchars;
}

static void agg_sub(agg *a, const agg *b)
{
    a->chars -= b->chars < a->chars ? b->chars : a->chars;
    a->lchars -= b->lchars < a->lchars ? b->lchars : a->lchars;
    a->commas -= b->commas < a->commas ? b->commas : a->commas;
    a->np -= b->np < a->np ? b->np : a->np;
    a->nimg -= b->nimg < a->nimg ? b->nimg : a->nimg;
    a->nli -= b->nli < a->nli ? b->nli : a->nli;
    a->ninput -= b->ninput < a->ninput ? b->ninput : a->ninput;
    a->hchars -= b->hchars < a->hchars ? b->hchars : a->hchars;
}

/* Is x a paragraph for scoring: a block (not a heading, list item, body) with enough text of its own? */
static int is_unit(const hnode *x)
{
    return !(x->f & NF_TEXT) && is_block(x->tag) && !is_heading(x->tag) && x->tag != T_LI && x->tag != T_BODY &&
           x->tag != T_HTML && x->ichars >= SCORE_MIN_CHARS;
}

/* Recomputes every node's aggregates from its descendants, skipping NF_REMOVED subtrees. Nodes are
 * in document order, so children come after parents: one backward loop. */
static void aggregate(hp *P)
{
    hnode *N = P->nodes;
    for (uint32_t i = 0; i < P->n; i++) {
        if (N[i].f & NF_TEXT)
            continue;
        memset(&N[i].a, 0, sizeof N[i].a);
        N[i].ichars = N[i].icommas = 0;
        N[i].nbr = 0;
        N[i].pch = 0;
    }
    for (uint32_t i = P->n; i-- > 1;) {
        hnode *x = &N[i];
        hnode *par = &N[x->parent];
        if (x->f & (NF_REMOVED | NF_HIDDEN))
            continue;
        if (x->f & NF_TEXT) {
            agg t = {0};
            uint32_t c, k;
            measure(P->text.data + x->toff, x->tlen, &c, &k);
            t.chars = c;
            t.commas = k;
            if (x->f & NF_LINK)
                t.lchars = c;
            x->a = t;
            agg_add(&par->a, &t);
            par->ichars += c;
            par->icommas += k;
            continue;
        }
        /* text broken by <br><br> counts as paragraphs, as Readability's br-to-p rewrite makes them */
        if (x->tag != T_P && is_block(x->tag) && x->ichars >= SCORE_MIN_CHARS)
            x->a.np += 1u + x->nbr / 2u;
        switch (x->tag) {
        case T_BR: if (par->nbr < UINT16_MAX) par->nbr++; break;
        case T_P: x->a.np++; break;
        case T_IMG: case T_PICTURE: x->a.nimg++; break;
        case T_LI: x->a.nli++; break;
        case T_INPUT: x->a.ninput++; break;
        default: break;
        }
        if (is_heading(x->tag))
            x->a.hchars = x->a.chars;
        if (is_unit(x))
            x->pch += x->ichars;
        par->pch += x->pch;
        agg_add(&par->a, &x->a);
        if (!is_block(x->tag)) { /* inline: its direct text is its parent's direct text */
            par->ichars += x->ichars;
            par->icommas += x->icommas;
            par->nbr = (uint16_t)(par->nbr + x->nbr < UINT16_MAX ? par->nbr + x->nbr : UINT16_MAX);
        }
    }
}

static double link_density(const hnode *x)
{
    return x->a.chars ? (double)x->a.lchars / x->a.chars : 0.0;
}

/* ---- choosing the article ---- */
enum { FL_STRIP_UNLIKELY = 1, FL_WEIGHT = 2, FL_CLEAN = 4 };

static int tag_base_score(unsigned t)
{
    switch (t) {
    case T_DIV: return 5;
    case T_PRE: case T_TD: case T_BLOCKQUOTE: return 3;
    case T_ADDRESS: case T_OL: case T_UL: case T_DL: case T_DD: case T_DT: case T_LI: case T_FORM: return -3;
    case T_H1: case T_H2: case T_H3: case T_H4: case T_H5: case T_H6: case T_TH: return -5;
    default: return 0;
    }
}

static void init_score(hnode *x, int flags)
{
    if (x->scored)
        return;
    x->scored = 1;
    x->score = (float)(tag_base_score(x->tag) + ((flags & FL_WEIGHT) ? x->weight : 0));
}

/* Marks what is not a candidate for this attempt (forward pass: parents first). */
static void mark_removed(hp *P, int flags)
{
    hnode *N = P->nodes;
    for (uint32_t i = 1; i < P->n; i++) {
        hnode *x = &N[i];
        x->f &= (uint16_t)~(NF_REMOVED | NF_CLEANED | NF_KEPT);
        x->scored = 0;
        x->score = 0;
        if (x->f & NF_TEXT)
            continue;
        int rm = 0;
        if (x->f & (NF_INHEAD | NF_NAVROLE | NF_ASIDE | NF_DIALOG))
            rm = 1;
        else if ((x->f & (NF_FOOTER | NF_HEADER)) && !(x->hint & HC_MAYBE))
            rm = 1;
        else if ((flags & FL_STRIP_UNLIKELY) && (x->hint & HC_UNLIKELY) && !(x->hint & HC_MAYBE) &&
                 x->tag != T_BODY && x->tag != T_A && x->tag != T_HTML && x->tag != T_MAIN &&
                 x->tag != T_ARTICLE)
            rm = 1;
        if (rm)
            x->f |= NF_REMOVED;
    }
}

/* Readability's grabArticle on the tree: returns the top candidate (0 when none). */
static uint32_t pick_top(hp *P, int flags)
{
    hnode *N = P->nodes;
    /* score paragraphs into their ancestors */
    for (uint32_t i = 1; i < P->n; i++) {
        hnode *x = &N[i];
        if (x->f & (NF_REMOVED | NF_HIDDEN)) {
            i = x->end > i ? x->end - 1 : i; /* skip the subtree */
            continue;
        }
        if (!is_unit(x))
            continue;
        double s = 1.0 + x->icommas + fmin(floor(x->ichars / 100.0), 3.0);
        uint32_t anc = x->parent;
        for (int lvl = 0; lvl < SCORE_LEVELS && anc && N[anc].tag != T_HTML; lvl++) {
            init_score(&N[anc], flags);
            double div = lvl == 0 ? 1 : lvl == 1 ? 2 : lvl * 3;
            N[anc].score += (float)(s / div);
            anc = N[anc].parent;
        }
        /* a paragraph-less container (div of text) is its own candidate too */
        if (x->tag != T_P && x->tag != T_PRE && x->tag != T_TD) {
            init_score(x, flags);
            x->score += (float)s;
        }
    }
    uint32_t top = 0;
    double best = -1e30;
    uint32_t alt[5] = {0};
    double altsc[5] = {0};
    for (uint32_t i = 1; i < P->n; i++) {
        hnode *x = &N[i];
        if (!x->scored)
            continue;
        x->score = (float)(x->score * (1.0 - link_density(x)));
        if (x->score > best) {
            best = x->score;
            top = i;
        }
        for (int k = 0; k < 5; k++)
            if (!alt[k] || x->score > altsc[k]) {
                for (int j = 4; j > k; j--) {
                    alt[j] = alt[j - 1];
                    altsc[j] = altsc[j - 1];
                }
                alt[k] = i;
                altsc[k] = x->score;
                break;
            }
    }
    if (!top)
        return 0;
    /* Several strong candidates under one ancestor: the ancestor is the article. */
    int nalt = 0;
    uint32_t alts[4];
    for (int k = 1; k < 5; k++)
        if (alt[k] && altsc[k] >= 0.75 * best)
            alts[nalt++] = alt[k];
    if (nalt >= 3) {
        uint32_t anc = N[top].parent;
        while (anc && N[anc].tag != T_BODY && N[anc].tag != T_HTML) {
            int contained = 0;
            for (int k = 0; k < nalt; k++)
                if (alts[k] >= anc && alts[k] < N[anc].end)
                    contained++;
            if (contained >= 3) {
                top = anc;
                init_score(&N[top], flags);
                break;
            }
            anc = N[anc].parent;
        }
    }
    /* Climb while the parent scores better (text split over sibling containers). */
    {
        uint32_t par = N[top].parent;
        double last = N[top].score, threshold = last / 3;
        while (par && N[par].tag != T_BODY && N[par].tag != T_HTML) {
            if (!N[par].scored) {
                par = N[par].parent;
                continue;
            }
            double ps = N[par].score;
            if (ps < threshold)
                break;
            if (ps > last) {
                top = par;
                break;
            }
            last = ps;
            par = N[par].parent;
        }
    }
    /* Descend while one child holds nearly all the paragraph text (the best container was a
     * page wrapper lifted by its class name or by a few stray paragraphs). */
    for (;;) {
        uint32_t bestc = 0;
        for (uint32_t c = N[top].first; c; c = N[c].next)
            if (!(N[c].f & (NF_TEXT | NF_REMOVED | NF_HIDDEN)) && (!bestc || N[c].pch > N[bestc].pch))
                bestc = c;
        /* only into a container of blocks: a lone paragraph would lose the lists and tables */
        if (!bestc || !is_block(N[bestc].tag) || !(N[bestc].f & NF_HASBLK) || N[bestc].tag == T_P ||
            (double)N[bestc].pch < DESCEND_SHARE * N[top].pch)
            break;
        init_score(&N[bestc], flags);
        top = bestc;
    }
    /* An only child is replaced by its parent. */
    while (N[top].parent && N[N[top].parent].tag != T_BODY && N[N[top].parent].tag != T_HTML) {
        uint32_t par = N[top].parent;
        uint32_t kids = 0;
        for (uint32_t c = N[par].first; c && kids < 2; c = N[c].next)
            if (!(N[c].f & NF_TEXT) || N[c].a.chars)
                kids++;
        if (kids != 1)
            break;
        init_score(&N[par], flags);
        if (N[par].score < N[top].score)
            N[par].score = N[top].score;
        top = par;
    }
    return top;
}

/* Does text end like a sentence (for short sibling paragraphs)? */
static int ends_sentence(hp *P, uint32_t i)
{
    hnode *N = P->nodes;
    for (uint32_t j = N[i].end; j-- > i;) {
        if (!(N[j].f & NF_TEXT) || !N[j].tlen)
            continue;
        const char *s = P->text.data + N[j].toff;
        size_t n = N[j].tlen;
        while (n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\t' || s[n - 1] == '\r'))
            n--;
        if (!n)
            continue;
        unsigned char c = (unsigned char)s[n - 1];
        if (c == '.' || c == '!' || c == '?' || c == ':' || c == '"' || c == ')')
            return 1;
        /* U+3002 ideographic full stop, U+FF01, U+FF1F */
        if (n >= 3 && (unsigned char)s[n - 3] == 0xE3 && (unsigned char)s[n - 2] == 0x80 && c == 0x82)
            return 1;
        if (n >= 3 && (unsigned char)s[n - 3] == 0xEF && (unsigned char)s[n - 2] == 0xBC && (c == 0x81 || c == 0x9F))
            return 1;
        if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 && (c == 0x9D || c == 0x99))
            return 1; /* closing quotes */
        return 0;
    }
    return 0;
}

/* Marks the article roots (top and qualifying siblings). */
static void pick_siblings(hp *P, uint32_t top)
{
    hnode *N = P->nodes;
    N[top].f |= NF_KEPT;
    uint32_t par = N[top].parent;
    if (!par)
        return;
    double threshold = fmax(10.0, N[top].score * 0.2);
    for (uint32_t s = N[par].first; s; s = N[s].next) {
        if (s == top || (N[s].f & (NF_TEXT | NF_REMOVED | NF_HIDDEN)))
            continue;
        double bonus = (N[s].cls && N[s].cls == N[top].cls) ? N[top].score * 0.2 : 0;
        int add = 0;
        if (N[s].scored && N[s].score + bonus >= threshold)
            add = 1;
        /* a sibling holding a good share of paragraph text with few links: the article went on
         * in another container (sections of a long feature) */
        else if (N[s].pch >= SIBLING_MIN_PCH && N[s].pch * SIBLING_SHARE_DIV >= N[top].pch && link_density(&N[s]) < 0.25)
            add = 1;
        else if (N[s].tag == T_P) {
            double ld = link_density(&N[s]);
            uint32_t len = N[s].a.chars;
            if (len > 80 && ld < 0.25)
                add = 1;
            else if (len < 80 && len > 0 && ld == 0 && ends_sentence(P, s))
                add = 1;
        }
        if (add)
            N[s].f |= NF_KEPT;
    }
}

/* Readability's prepArticle: remove link lists, forms, share widgets, bylines... from inside the
 * article. Backward over the article's nodes so children are judged before parents; what a removed
 * child held is subtracted from its ancestors on the way up (acc). */
static void clean_article(hp *P, uint32_t root, int flags, agg *acc)
{
    hnode *N = P->nodes;
    uint32_t end = N[root].end;
    for (uint32_t i = root; i < end; i++)
        memset(&acc[i - root], 0, sizeof *acc);
    for (uint32_t i = end; i-- > root;) {
        hnode *x = &N[i];
        if (x->f & (NF_TEXT | NF_REMOVED | NF_HIDDEN))
            continue;
        agg eff = x->a;
        agg_sub(&eff, &acc[i - root]);
        int rm = 0;
        unsigned t = x->tag;
        if (i != root) {
            if (x->f & NF_BYLINE && eff.chars < 100)
                rm = 1;
            else if ((x->hint & HC_SHARE) && eff.chars < 500)
                rm = 1;
            else if (t == T_FIGCAPTION || ((x->hint & HC_CAPTION) && eff.chars < CAPTION_MAX_CHARS))
                rm = 1;
            else if ((t == T_H1 || t == T_H2) && x->weight < 0 && (flags & FL_WEIGHT))
                rm = 1;
            else if (is_heading(t) && eff.chars && (double)eff.lchars / eff.chars > 0.5 && eff.chars < 100)
                rm = 1;
            else if ((flags & FL_CLEAN) &&
                     (t == T_FORM || t == T_FIELDSET || t == T_TABLE || t == T_UL || t == T_DIV ||
                      t == T_SECTION || t == T_OL)) {
                int weight = (flags & FL_WEIGHT) ? x->weight : 0;
                double score = x->scored ? x->score : 0;
                int is_list = t == T_UL || t == T_OL;
                double ld = eff.chars ? (double)eff.lchars / eff.chars : 0;
                if (weight + score < 0)
                    rm = 1;
                else if (eff.commas < 10) {
                    double p = eff.np, img = eff.nimg, li = (double)eff.nli - 100, input = eff.ninput;
                    double hd = eff.chars ? (double)eff.hchars / eff.chars : 0;
                    int fig = (x->f & NF_FIGURE) != 0;
                    if ((img > 1 && p / img < 0.5 && !fig) || (!is_list && li > p) || input > floor(p / 3) ||
                        (!is_list && hd < 0.9 && eff.chars < 25 && (img == 0 || img > 2) && !fig) ||
                        (!is_list && weight < 25 && ld > 0.2) || (weight >= 25 && ld > 0.5))
                        rm = 1;
                    /* a list of links (menu, "related stories") */
                    if (is_list && ld > 0.5 && eff.chars)
                        rm = 1;
                    /* never the container of most of the article's paragraphs (a gallery post) */
                    if (rm && x->pch * 2 > N[root].pch && ld < 0.2)
                        rm = 0;
                }
                /* ... nor, for its links or a low score, the one holding nearly all of them unless
                 * its class speaks against it: removing it would leave the article empty (a match
                 * report linking every name it gives, a forum's list of posts) */
                if (rm && weight >= 0 && x->pch >= SIBLING_MIN_PCH && (double)x->pch >= DESCEND_SHARE * N[root].pch &&
                    ld < 0.5)
                    rm = 0;
            }
        }
        if (rm) {
            x->f |= NF_CLEANED;
            if (x->parent >= root && x->parent < end)
                agg_add(&acc[x->parent - root], &eff);
        } else if (x->parent >= root && x->parent < end && i != root) {
            agg_add(&acc[x->parent - root], &acc[i - root]);
        }
    }
}

/* ---- emitting blocks ---- */

typedef struct emitter {
    hp *P;
    dyad__buf *b;
    uint32_t link, line, pending_space;
    int brs;
    int err;
    const char *titles[3];
    int title_dropped;
} emitter;

static void put_text(emitter *E, const char *s, size_t n, int link)
{
    dyad__buf *b = E->b;
    size_t before = b->len;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
            E->pending_space = 1;
            continue;
        }
        if (E->pending_space && b->len) {
            dyad__buf_addc(b, ' ');
            if (link && before == b->len - 1)
                before++; /* the space before a link is not link text */
        }
        E->pending_space = 0;
        size_t j = i;
        while (j < n && s[j] != ' ' && s[j] != '\n' && s[j] != '\t' && s[j] != '\r' && s[j] != '\f')
            j++;
        dyad__buf_add(b, s + i, j - i);
        i = j - 1;
    }
    if (link)
        E->link += (uint32_t)(b->len - before);
}

/* Loose comparison of a heading with a title: letters and digits only, case folded for ASCII. */
static int same_text(const char *a, size_t an, const char *b, size_t bn, int prefix)
{
    size_t i = 0, j = 0;
    for (;;) {
        while (i < an && ((unsigned char)a[i] < 0x80 && !((a[i] | 0x20) >= 'a' && (a[i] | 0x20) <= 'z') &&
                          !(a[i] >= '0' && a[i] <= '9')))
            i++;
        while (j < bn && ((unsigned char)b[j] < 0x80 && !((b[j] | 0x20) >= 'a' && (b[j] | 0x20) <= 'z') &&
                          !(b[j] >= '0' && b[j] <= '9')))
            j++;
        if (i == an)
            return j == bn || prefix;
        if (j == bn)
            return 0;
        char x = a[i], y = b[j];
        if ((unsigned char)x < 0x80)
            x = (char)(x | ((x >= 'A' && x <= 'Z') ? 0x20 : 0));
        if ((unsigned char)y < 0x80)
            y = (char)(y | ((y >= 'A' && y <= 'Z') ? 0x20 : 0));
        if (x != y)
            return 0;
        i++;
        j++;
    }
}

/* A short table cell with no block inside (a data table): its text joins its row's block. Long
 * cells (the article column of a layout table) stay blocks of their own. */
static int inline_cell(const hnode *x)
{
    return (x->tag == T_TD || x->tag == T_TH) && !(x->f & NF_HASBLK) && x->a.chars < CELL_INLINE_CHARS &&
           !(x->f & (NF_KEPT | NF_CLEANED | NF_REMOVED | NF_BYLINE));
}

/* Does entering x open a block context of its own (so leaving it closes one)? */
static int pushes(const hnode *x)
{
    return (is_block(x->tag) && !inline_cell(x)) || (x->f & (NF_KEPT | NF_CLEANED | NF_REMOVED | NF_BYLINE));
}

typedef struct ctxinfo {
    unsigned kind;
    int level;
    uint32_t flags;
    dyad_drop drop;
} ctxinfo;

static void flush(emitter *E, const ctxinfo *c)
{
    dyad__buf *b = E->b;
    E->pending_space = 0;
    E->brs = 0;
    if (!b->len || E->err) {
        dyad__buf_reset(b);
        E->link = 0;
        return;
    }
    if (b->err) {
        E->err = b->err;
        return;
    }
    dyad_drop drop = c->drop;
    /* a block of the article that is mostly link text: "Read more: ...", related-story lists */
    if (!drop && E->link * 10 > b->len * LINK_BLOCK_TENTHS)
        drop = DYAD_DROP_NAV;
    /* the headline, as a heading or a styled paragraph, repeats the title: it is metadata */
    int heading = c->kind == DYAD_BLOCK_HEADING;
    if ((heading || c->kind == DYAD_BLOCK_PARA) && !drop && !E->title_dropped && b->len < 512) {
        for (int k = 0; k < 3; k++) {
            const char *t = E->titles[k];
            if (t && (same_text(b->data, b->len, t, strlen(t), 0) ||
                      (heading && k == 2 && b->len >= 10 && same_text(b->data, b->len, t, strlen(t), 1)))) {
                drop = DYAD_DROP_META;
                E->title_dropped = 1;
                break;
            }
        }
    }
    uint32_t link = E->link > b->len ? (uint32_t)b->len : E->link;
    /* NULL: nothing visible was left (only invisible characters), or out of memory, which the
     * arena reports again on the next allocation */
    dyad_block *blk = dyad__doc_add_block(E->P->doc, (dyad_block_kind)c->kind, c->level, b->data, b->len,
                                          E->line, link, c->flags);
    if (blk) {
        blk->drop = drop;
        if (blk->link_bytes > blk->len)
            blk->link_bytes = (uint32_t)blk->len;
    }
    dyad__buf_reset(b);
    E->link = 0;
}

static int emit_blocks(hp *P, const char *titles[3])
{
    hnode *N = P->nodes;
    emitter E = {0};
    E.P = P;
    E.b = &P->scratch;
    memcpy(E.titles, titles, sizeof E.titles);
    dyad__buf_reset(E.b);
    /* open block contexts; the tree is at most HTML_TREE_MAX deep */
    ctxinfo stack[HTML_TREE_MAX + 2];
    int sp = 0;
    stack[0] = (ctxinfo){DYAD_BLOCK_PARA, 0, 0, DYAD_DROP_OUTSIDE};
    int nav = 0, header = 0, footer = 0, aside = 0, form = 0, kept = 0, cleaned = 0, removed = 0, lists = 0,
        quote = 0, pre = 0, byline = 0, dialog = 0;
    uint32_t root = P->body ? P->body : 0;
    uint32_t i = root;
    if (!P->n)
        return DYAD_OK;
#define CUR_FLAGS()                                                                                   \
    ((nav ? DYAD_BF_IN_NAV : 0u) | (header ? DYAD_BF_IN_HEADER : 0u) | (footer ? DYAD_BF_IN_FOOTER : 0u) | \
     (aside ? DYAD_BF_IN_ASIDE : 0u) | (form ? DYAD_BF_IN_FORM : 0u) | (kept ? DYAD_BF_MAIN : 0u))
    for (;;) {
        hnode *x = &N[i];
        int descend = 0;
        if (x->f & NF_TEXT) {
            if (!E.b->len && !E.pending_space)
                E.line = x->line;
            if (x->tlen) {
                if (!E.b->len)
                    E.line = x->line;
                size_t before = E.b->len;
                put_text(&E, P->text.data + x->toff, x->tlen, (x->f & NF_LINK) != 0);
                if (E.b->len != before)
                    E.brs = 0;
            }
        } else if (!(x->f & (NF_HIDDEN | NF_INHEAD))) {
            unsigned t = x->tag;
            if (t == T_BR) {
                if (++E.brs >= 2 && E.b->len)
                    flush(&E, &stack[sp]);
                else
                    E.pending_space = 1;
            } else if (t == T_IMG || t == T_HR) {
                if (t == T_HR && E.b->len)
                    flush(&E, &stack[sp]);
            } else {
                descend = 1;
                if (x->f & NF_NAVROLE) nav++;
                if (x->f & NF_HEADER) header++;
                if (x->f & NF_FOOTER) footer++;
                if (x->f & NF_ASIDE) aside++;
                if (t == T_FORM || t == T_FIELDSET) form++;
                if (x->f & NF_KEPT) kept++;
                if (x->f & NF_CLEANED) cleaned++;
                if (x->f & NF_REMOVED) removed++;
                if (x->f & NF_BYLINE) byline++;
                if (x->f & NF_DIALOG) dialog++;
                if (t == T_UL || t == T_OL) lists++;
                if (t == T_BLOCKQUOTE) quote++;
                if (t == T_PRE) pre++;
                if (inline_cell(x) && E.b->len) {
                    dyad__buf_add(E.b, " | ", 3); /* cells of a simple row make one block */
                    E.pending_space = 0;
                }
                if (pushes(x) && is_block(t) && !inline_cell(x) && sp < HTML_TREE_MAX) {
                    if (E.b->len)
                        flush(&E, &stack[sp]);
                    ctxinfo c = stack[sp];
                    if (is_heading(t)) {
                        c.kind = DYAD_BLOCK_HEADING;
                        c.level = t - T_H1 + 1;
                    } else if (t == T_LI || t == T_DD || t == T_DT) {
                        c.kind = DYAD_BLOCK_ITEM;
                        c.level = lists ? lists : 1;
                    } else if (t == T_TD || t == T_TH || t == T_TR) {
                        c.kind = DYAD_BLOCK_CELL;
                        c.level = 0;
                    } else if (t == T_FIGCAPTION || t == T_CAPTION) {
                        c.kind = DYAD_BLOCK_CAPTION;
                        c.level = 0;
                    } else if (pre) {
                        c.kind = DYAD_BLOCK_PRE;
                        c.level = 0;
                    } else if (quote) {
                        c.kind = DYAD_BLOCK_QUOTE;
                        c.level = 0;
                    } else if (c.kind != DYAD_BLOCK_HEADING && c.kind != DYAD_BLOCK_ITEM && c.kind != DYAD_BLOCK_CELL &&
                               c.kind != DYAD_BLOCK_CAPTION) {
                        c.kind = DYAD_BLOCK_PARA;
                        c.level = 0;
                    }
                    c.flags = CUR_FLAGS();
                    /* a dialog (cookie consent, newsletter pop-up) is a banner wherever it sits */
                    c.drop = dialog ? DYAD_DROP_BOILERPLATE
                           : !kept ? DYAD_DROP_OUTSIDE
                           : byline ? DYAD_DROP_META
                           : (cleaned || removed) ? ((nav || (x->hint & HC_SHARE)) ? DYAD_DROP_NAV : DYAD_DROP_OTHER)
                           : DYAD_DROP_NONE;
                    stack[++sp] = c;
                } else if (pushes(x)) {
                    /* an inline element that changes the drop state: its text is a block of its own */
                    if (E.b->len)
                        flush(&E, &stack[sp]);
                    if (sp < HTML_TREE_MAX) {
                        ctxinfo c = stack[sp];
                        c.flags = CUR_FLAGS();
                        c.drop = dialog ? DYAD_DROP_BOILERPLATE : !kept ? DYAD_DROP_OUTSIDE : byline ? DYAD_DROP_META
                               : (cleaned || removed) ? DYAD_DROP_OTHER : DYAD_DROP_NONE;
                        stack[++sp] = c;
                    }
                }
            }
        }
        if (descend && x->first) {
            i = x->first;
            continue;
        }
        /* leave nodes until one has a next sibling */
        for (;;) {
            hnode *y = &N[i];
            if (!(y->f & NF_TEXT) && !(y->f & (NF_HIDDEN | NF_INHEAD)) && y->tag != T_BR && y->tag != T_IMG &&
                y->tag != T_HR) {
                unsigned t = y->tag;
                int pushed = pushes(y);
                if (pushed && sp > 0) {
                    if (E.b->len)
                        flush(&E, &stack[sp]);
                    sp--;
                }
                if (y->f & NF_NAVROLE) nav--;
                if (y->f & NF_HEADER) header--;
                if (y->f & NF_FOOTER) footer--;
                if (y->f & NF_ASIDE) aside--;
                if (t == T_FORM || t == T_FIELDSET) form--;
                if (y->f & NF_KEPT) kept--;
                if (y->f & NF_CLEANED) cleaned--;
                if (y->f & NF_REMOVED) removed--;
                if (y->f & NF_BYLINE) byline--;
                if (y->f & NF_DIALOG) dialog--;
                if (t == T_UL || t == T_OL) lists--;
                if (t == T_BLOCKQUOTE) quote--;
                if (t == T_PRE) pre--;
            }
            if (i == root)
                goto done;
            if (y->next) {
                i = y->next;
                break;
            }
            i = y->parent;
        }
    }
done:
    if (E.b->len)
        flush(&E, &stack[sp]);
#undef CUR_FLAGS
    if (!E.err && E.b->err)
        E.err = E.b->err;
    return E.err;
}

/* A kept heading with nothing kept under it (the next kept block is a heading of the same or a
 * higher level, or there is none): the section it named was dropped ("Related stories"). */
static void drop_orphan_headings(dyad_doc *doc)
{
    int next_is_heading = 1, next_level = 0; /* the end of the article counts as a level-0 heading */
    size_t body = 0;
    for (size_t i = 0; i < doc->nblocks; i++)
        body += !doc->blocks[i].drop && doc->blocks[i].kind != DYAD_BLOCK_HEADING;
    if (!body)
        return; /* a page of headings only keeps them */
    for (size_t i = doc->nblocks; i-- > 0;) {
        dyad_block *b = &doc->blocks[i];
        if (b->drop)
            continue;
        if (b->kind == DYAD_BLOCK_HEADING) {
            if (next_is_heading && next_level <= b->level) {
                b->drop = DYAD_DROP_OTHER;
                continue;
            }
            next_is_heading = 1;
            next_level = b->level;
        } else {
            next_is_heading = 0;
        }
    }
}

/* ---- metadata ---- */

static const char *meta_lookup(hp *P, const char *name, size_t n)
{
    for (int i = 0; i < P->nmetas; i++)
        if (strlen(P->metas[i].key) == n && !memcmp(P->metas[i].key, name, n) && P->metas[i].val[0])
            return P->metas[i].val;
    return NULL;
}

/* Text of a node's subtree (collapsed), into scratch; NULL when longer than max chars. */
static const char *node_text(hp *P, uint32_t node, size_t max, size_t *len)
{
    hnode *N = P->nodes;
    dyad__buf *b = &P->scratch;
    dyad__buf_reset(b);
    uint32_t last = N[node].end < P->n ? N[node].end : P->n;
    if (last - node > BYLINE_MAX_NODES)
        return NULL; /* a byline is a line, not a subtree of hundreds of elements */
    for (uint32_t j = node; j < last; j++)
        if ((N[j].f & NF_TEXT) && !(N[j].f & NF_HIDDEN)) {
            dyad__buf_add(b, P->text.data + N[j].toff, N[j].tlen);
            dyad__buf_addc(b, ' ');
            if (b->len > max * 4)
                return NULL;
        }
    if (b->err)
        return NULL;
    size_t n;
    char *c = dyad__collapse(&P->doc->arena, b->data, b->len, &n);
    if (!c || !n || n > max)
        return NULL;
    *len = n;
    return c;
}

static int is_url(const char *s) { return !strncasecmp(s, "http:", 5) || !strncasecmp(s, "https:", 6) || s[0] == '/'; }

/* Strips "By " from a byline ("By Jane Doe" -> "Jane Doe"). */
static const char *strip_by(const char *s)
{
    if (!strncasecmp(s, "by ", 3))
        return s + 3;
    return s;
}

static void set_field(hp *P, int f, const char *v, const char *source)
{
    dyad_doc *doc = P->doc;
    /* in the order of field_names[] */
    dyad_field *fields[NFIELDS] = {&doc->meta.title, &doc->meta.date, &doc->meta.updated, &doc->meta.author,
                                   &doc->meta.publisher, &doc->meta.description, &doc->meta.url,
                                   &doc->meta.language};
    dyad_field *fld = fields[f];
    if (fld->value || !v || !*v)
        return;
    if (f == 1 || f == 2) { /* dates */
        char iso[16];
        size_t k = dyad__html_date(doc->ctx, v, strlen(v), iso);
        if (!k)
            return;
        dyad__meta_set(doc, fld, iso, k, source);
        return;
    }
    if (f == 3 && is_url(v))
        return;
    dyad__meta_set(doc, fld, v, strlen(v), source);
}

static void fill_meta(hp *P, const html_ld *ld, uint32_t top, const char *byline)
{
    const html_cfg *c = P->cfg;
    hnode *N = P->nodes;
    const char *title = P->title.len ? P->title.data : NULL;
    /* a <time> in the article: marked pubdate first, else the first one near the article */
    const char *time_dt = NULL;
    for (int k = 0; k < P->ntimes && !time_dt; k++)
        if (N[P->times[k].node].f & NF_PUBTIME)
            time_dt = P->times[k].dt;
    if (!time_dt && top) {
        uint32_t scope = top;
        for (int up = 0; up < 3 && N[scope].parent && N[scope].tag != T_ARTICLE; up++)
            scope = N[scope].parent;
        for (int k = 0; k < P->ntimes && !time_dt; k++)
            if (P->times[k].node >= scope && P->times[k].node < N[scope].end)
                time_dt = P->times[k].dt;
    }
    char src[96];
    for (size_t s = 0; c && s < c->nsrcs; s++) {
        const meta_src *m = &c->srcs[s];
        const char *v = NULL, *source = NULL;
        if (m->n && m->name[0] == '@') {
            if (m->n == 6 && !memcmp(m->name, "@title", 6)) {
                v = title;
                source = "html title";
            } else if (m->n == 8 && !memcmp(m->name, "@json-ld", 8)) {
                static const char *const ldsrc[NFIELDS] = {"json-ld headline", "json-ld datePublished",
                                                           "json-ld dateModified", "json-ld author",
                                                           "json-ld publisher", "json-ld description", NULL, NULL};
                const char *vals[NFIELDS] = {ld->headline, ld->date, ld->modified, ld->author, ld->publisher,
                                             ld->description, NULL, NULL};
                v = vals[m->field];
                source = ldsrc[m->field];
            } else if (m->n == 5 && !memcmp(m->name, "@time", 5)) {
                v = time_dt;
                source = "html time";
            } else if (m->n == 10 && !memcmp(m->name, "@canonical", 10)) {
                v = P->canonical;
                source = "link canonical";
            } else if (m->n == 5 && !memcmp(m->name, "@lang", 5)) {
                v = P->lang;
                source = "html lang";
            } else if (m->n == 7 && !memcmp(m->name, "@byline", 7)) {
                v = byline;
                source = "byline";
            }
        } else {
            v = meta_lookup(P, m->name, m->n);
            int k = snprintf(src, sizeof src, "meta %.*s", (int)(m->n > 80 ? 80 : m->n), m->name);
            (void)k;
            source = src;
        }
        if (v && source)
            set_field(P, m->field, v, source);
    }
}

/* ---- the reader ---- */

/* Does the text hold a byte >= 0x80? */
static int memchr_high(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n; i++)
        if (u[i] >= 0x80)
            return 1;
    return 0;
}

/* Converts from a declared charset with iconv, each undecodable byte becoming U+FFFD. Returns 1 and
 * sets *out (arena) on success, 0 when iconv does not know the charset or memory runs out. */
static int lossy_convert(dyad_doc *doc, const char *charset, const char *in, size_t len, const char **out,
                         size_t *outlen)
{
    if (!strcasecmp(charset, "utf-8") || !strcasecmp(charset, "utf8"))
        return 0;
    iconv_t cd = iconv_open("UTF-8", charset);
    if (cd == (iconv_t)-1)
        return 0;
    if (len > (SIZE_MAX - 16) / 4) {
        iconv_close(cd);
        return 0;
    }
    size_t cap = len * 4 + 16;
    char *dst = dyad__arena_alloc(&doc->arena, cap + 1);
    if (!dst) {
        iconv_close(cd);
        return 0;
    }
    char *ip = (char *)in, *op = dst;
    size_t il = len, ol = cap;
    while (il) {
        if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1)
            break;
        if (errno == E2BIG || ol < 3)
            break;
        /* EILSEQ or EINVAL (truncated at the end): one replacement character, skip one byte */
        memcpy(op, "\xEF\xBF\xBD", 3);
        op += 3;
        ol -= 3;
        ip++;
        il--;
        iconv(cd, NULL, NULL, NULL, NULL);
    }
    iconv(cd, NULL, NULL, &op, &ol);
    iconv_close(cd);
    *op = 0;
    *out = dst;
    *outlen = (size_t)(op - dst);
    char *name = dyad__arena_strdup(&doc->arena, charset);
    if (name)
        for (char *c = name; *c; c++)
            if (*c >= 'a' && *c <= 'z')
                *c = (char)(*c - 32);
    doc->encoding = name ? name : "UTF-8";
    return 1;
}

static void hp_free(hp *P)
{
    free(P->nodes);
    dyad__buf_free(&P->text);
    dyad__buf_free(&P->title);
    dyad__buf_free(&P->scratch);
}

/* Kept text of one attempt, in characters. */
static uint32_t kept_chars(hp *P)
{
    hnode *N = P->nodes;
    uint32_t total = 0;
    for (uint32_t i = 1; i < P->n; i++) {
        if (!(N[i].f & NF_KEPT))
            continue;
        /* text of the root minus cleaned parts */
        uint32_t t = 0;
        for (uint32_t j = i; j < N[i].end; j++) {
            if (N[j].f & (NF_CLEANED | NF_REMOVED | NF_HIDDEN)) {
                j = N[j].end > j ? N[j].end - 1 : j;
                continue;
            }
            if (N[j].f & NF_TEXT)
                t += N[j].a.chars;
        }
        total += t;
        i = N[i].end > i ? N[i].end - 1 : i;
    }
    return total;
}

int dyad__read_html(dyad_doc *doc, const char *bytes, size_t len)
{
    int err = DYAD_OK;
    hp *P = NULL;
    html_pre pre;
    memset(&pre, 0, sizeof pre);
    dyad__buf_init(&pre.out, 0);
    agg *acc = NULL;
    uint16_t *saved = NULL;

    /* 1. character set */
    char label[64];
    const char *charset = dyad__html_sniff_charset(bytes, len, label, sizeof label) ? label : NULL;
    /* A page that could declare its charset in ASCII is not UTF-16: the HTML standard reads such a
     * declaration as UTF-8 (a real UTF-16 page has a BOM, which dyad__decode honours first). The
     * same holds for the other encodings with no ASCII bytes (UTF-32, UCS-2, UCS-4). */
    if (charset && (!strncasecmp(charset, "utf-16", 6) || !strncasecmp(charset, "utf-32", 6) ||
                    !strncasecmp(charset, "ucs-2", 5) || !strncasecmp(charset, "ucs-4", 5) ||
                    !strncasecmp(charset, "utf16", 5) || !strncasecmp(charset, "utf32", 5)))
        charset = "UTF-8";
    /* Valid UTF-8 with multi-byte characters is UTF-8 whatever the page declares: text in a legacy
     * charset is almost never valid UTF-8 by chance, while pages re-saved as UTF-8 often keep their
     * old declaration. (Pure ASCII keeps the declaration: ISO-2022-JP is 7-bit.) */
    if (charset && strcasecmp(charset, "utf-8") && memchr_high(bytes, len) && dyad__utf8_check(bytes, len) == len)
        charset = "UTF-8";
    const char *utf8 = NULL;
    size_t ulen = 0;
    err = dyad__decode(doc, bytes, len, charset, &utf8, &ulen);
    if (err == DYAD_ENCODING) {
        /* A web page with bytes its charset does not allow: browsers show U+FFFD and go on, and so
         * do we (the pre-pass repairs the UTF-8). Clear the message the decoder left. */
        dyad__buf_reset(&doc->ctx->err);
        err = DYAD_OK;
        if (!(charset && lossy_convert(doc, charset, bytes, len, &utf8, &ulen))) {
            utf8 = bytes;
            ulen = len;
            doc->encoding = "UTF-8";
        }
    }
    if (err)
        goto done;
    /* doc->source is not set: utf8 may point into the caller's buffer, which the doc outlives */

    /* 2. pre-pass */
    dyad__html_prepass(&pre, utf8, ulen);
    if (pre.out.err) {
        err = dyad__fail(doc->ctx, pre.out.err, "%s: %s", doc->path,
                         pre.out.err == DYAD_NOMEM ? "out of memory" : "page too large to parse");
        goto done;
    }
    if (pre.out.len > INT32_MAX) {
        err = dyad__fail(doc->ctx, DYAD_TOOBIG, "%s: page too large for the HTML parser", doc->path);
        goto done;
    }

    /* 3. parse */
    P = calloc(1, sizeof *P);
    if (!P) {
        err = dyad__fail(doc->ctx, DYAD_NOMEM, "%s: out of memory", doc->path);
        goto done;
    }
    P->doc = doc;
    P->cfg = dyad__slot(doc->ctx, DYAD__SLOT_HTML, cfg_make, cfg_free);
    dyad__buf_init(&P->text, 0);
    dyad__buf_init(&P->title, 1 << 16);
    dyad__buf_init(&P->scratch, 0);
    new_node(P); /* node 0: the document */
    P->nodes[0].tag = T_OTHER;
    if (P->err) {
        err = dyad__fail(doc->ctx, P->err, "%s: out of memory", doc->path);
        goto done;
    }
    if (pre.out.len) {
        htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(pre.out.data, (int)pre.out.len);
        if (!ctxt) {
            err = dyad__fail(doc->ctx, DYAD_NOMEM, "%s: cannot create the HTML parser", doc->path);
            goto done;
        }
        htmlSAXHandler *sax = (htmlSAXHandler *)ctxt->sax;
        memset(sax, 0, sizeof *sax);
        sax->startElement = sax_start;
        sax->endElement = sax_end;
        sax->characters = sax_text;
        sax->ignorableWhitespace = sax_text;
        sax->cdataBlock = NULL;
        ctxt->userData = P;
        htmlCtxtUseOptions(ctxt, HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                     HTML_PARSE_RECOVER | HTML_PARSE_IGNORE_ENC);
        xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
        P->ctxt = ctxt;
        xmlGenericErrorFunc saved_fn = xmlGenericError;
        void *saved_ctx = xmlGenericErrorContext;
        xmlSetGenericErrorFunc(NULL, quiet_error);
        htmlParseDocument(ctxt);
        xmlSetGenericErrorFunc(saved_ctx, saved_fn);
        P->ctxt = NULL;
        ctxt->sax = NULL;
        xmlFree(sax);
        htmlFreeParserCtxt(ctxt);
    }
    if (P->err || P->text.err) {
        int e = P->err ? P->err : P->text.err;
        err = dyad__fail(doc->ctx, e, "%s: %s", doc->path, e == DYAD_NOMEM ? "out of memory" : "page too large to parse");
        goto done;
    }
    /* close what the parser left open */
    for (uint32_t i = P->n; i-- > 0;) {
        hnode *x = &P->nodes[i];
        if (x->end <= i)
            x->end = P->n;
    }
    for (uint32_t i = P->n; i-- > 1;) {
        hnode *x = &P->nodes[i];
        if (x->end > P->nodes[x->parent].end)
            P->nodes[x->parent].end = x->end;
    }
    /* which elements hold blocks */
    for (uint32_t i = P->n; i-- > 1;) {
        hnode *x = &P->nodes[i];
        if (!(x->f & NF_TEXT) && (is_block(x->tag) || (x->f & NF_HASBLK)) && x->tag != T_BR)
            P->nodes[x->parent].f |= NF_HASBLK;
    }
    /* a hidden <html> or <body> is a loading trick (scripts reveal the page), not hidden text */
    for (uint32_t i = P->body; i; i = P->nodes[i].parent)
        P->nodes[i].f &= (uint16_t)~NF_HIDDEN;
    /* hidden and in-head propagate to descendants */
    for (uint32_t i = 1; i < P->n; i++) {
        hnode *x = &P->nodes[i];
        x->f |= P->nodes[x->parent].f & (NF_HIDDEN | NF_INHEAD);
    }

    /* 4. JSON-LD */
    html_ld ld;
    memset(&ld, 0, sizeof ld);
    for (int k = 0; k < pre.njsonld; k++)
        dyad__html_jsonld(doc, pre.jsonld[k].p, pre.jsonld[k].n, &ld);

    /* 5. the article: up to three attempts, looser each time; keep the one with the most text */
    static const int attempts[] = {FL_STRIP_UNLIKELY | FL_WEIGHT | FL_CLEAN, FL_WEIGHT | FL_CLEAN, FL_CLEAN};
    acc = malloc((size_t)P->n * sizeof *acc);
    saved = malloc((size_t)P->n * sizeof *saved);
    if (!acc || !saved) {
        err = dyad__fail(doc->ctx, DYAD_NOMEM, "%s: out of memory", doc->path);
        goto done;
    }
    uint32_t best_chars = 0, best_top = 0, top = 0, shown_best = 0;
    int have_best = 0, scored_top = 0;
    for (int pass = 0; pass < 2; pass++) {
        if (pass) {
            /* Little was found in what the page shows, and it hides most of its text: a script was
             * to reveal it, or a consent layer marks the page aria-hidden while it is open (a saved
             * page keeps that state). Pages hide menus, tabs and pop-ups, seldom most of what they
             * say: read it again as if nothing were hidden, and keep it if it finds much more. */
            uint64_t shown = 0, hidden = 0;
            for (uint32_t i = 1; i < P->n; i++)
                if ((P->nodes[i].f & (NF_TEXT | NF_INHEAD)) == NF_TEXT)
                    *((P->nodes[i].f & NF_HIDDEN) ? &hidden : &shown) += P->nodes[i].tlen;
            if ((scored_top && best_chars >= HIDDEN_FEW_CHARS) || best_chars >= RETRY_CHARS ||
                hidden < HIDDEN_MIN_BYTES || hidden <= HIDDEN_SHARE * shown)
                break;
            shown_best = best_chars;
            for (uint32_t i = 1; i < P->n; i++)
                P->nodes[i].f &= (uint16_t)~NF_HIDDEN;
        }
        for (size_t a = 0; a < sizeof attempts / sizeof attempts[0]; a++) {
            int flags = attempts[a];
            mark_removed(P, flags);
            aggregate(P);
            top = pick_top(P, flags);
            scored_top |= top != 0;
            if (!top)
                top = P->body;
            if (!top)
                break;
            pick_siblings(P, top);
            for (uint32_t s = P->nodes[P->nodes[top].parent].first; s && P->nodes[top].parent; s = P->nodes[s].next)
                if (P->nodes[s].f & NF_KEPT)
                    clean_article(P, s, flags, acc);
            if (!P->nodes[top].parent)
                clean_article(P, top, flags, acc);
            uint32_t kc = kept_chars(P);
            /* the page read as if nothing were hidden must find much more to be believed */
            if (!have_best || (kc > best_chars && (!pass || kc > HIDDEN_SHARE * shown_best))) {
                have_best = 1;
                best_chars = kc;
                best_top = top;
                for (uint32_t i = 0; i < P->n; i++)
                    saved[i] = P->nodes[i].f;
            }
            if (kc >= RETRY_CHARS)
                break;
        }
        if (have_best) /* the hidden state of the best attempt too */
            for (uint32_t i = 0; i < P->n; i++)
                P->nodes[i].f = saved[i];
    }
    top = best_top;

    /* byline text: the first byline element of the page short enough to be one */
    const char *byline = NULL;
    int tries = 0;
    for (uint32_t i = 1; i < P->n && !byline && tries < BYLINE_TRIES; i++) {
        if (!(P->nodes[i].f & NF_BYLINE) || (P->nodes[i].f & (NF_HIDDEN | NF_INHEAD)))
            continue;
        tries++;
        size_t bl;
        const char *t = node_text(P, i, 100, &bl);
        if (t)
            byline = strip_by(t);
    }
    fill_meta(P, &ld, top, byline);

    /* 6. blocks */
    const char *titles[3] = {doc->meta.title.value, ld.headline, P->title.len ? P->title.data : NULL};
    err = emit_blocks(P, titles);
    if (!err)
        drop_orphan_headings(doc);
    if (err)
        err = dyad__fail(doc->ctx, err, "%s: %s", doc->path, err == DYAD_NOMEM ? "out of memory" : "too much text");
done:
    free(acc);
    free(saved);
    if (P) {
        hp_free(P);
        free(P);
    }
    dyad__buf_free(&pre.out);
    return err;
}
