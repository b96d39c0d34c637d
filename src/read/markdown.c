/* read/markdown.c — Markdown (CommonMark + tables, strikethrough, task lists, wikilinks) through md4c.
 *
 * Front matter (YAML between "---" lines, or one JSON object such as {"dg-publish":true,...}) is
 * read as metadata by read/frontmatter.c and never becomes text. md4c reports blocks and spans
 * through callbacks; we gather the text of each leaf block (paragraph, heading, list item, code block, table row) with
 * the markup gone: links and wikilinks keep their label ([[target|label]] -> label, [[target]] ->
 * target), images and embeds (![[file.png]]) drop out, entities are decoded. Link text is counted
 * in dyad_block.link_bytes for the cleaner.
 */
#include <md4c.h>
#include <stdlib.h>
#include <string.h>

#include "read/reader.h"

/* Longest "![[embed]]" removed from the text. */
#define MD_EMBED_MAX 1024
/* md4c 0.4 takes time quadratic in the lines of one block that holds brackets or bare URLs (each
 * "[x]" or "http://" is resolved by walking the block's lines). A run of this many non-blank lines
 * holding such a mark gets a blank line after it, so no block is longer; real paragraphs are far
 * shorter, and only a table of more rows with links in it is cut in two. */
#define MD_RUN_LINES 1000

typedef struct mdr {
    dyad_doc *doc;
    const char *src;
    size_t len;
    const size_t *lines; /* byte offsets where lines 2, 3, ... start */
    size_t nlines;
    uint32_t line0;      /* lines taken by the front matter */
    dyad__buf text;      /* the current block's text */
    uint32_t link_bytes;
    uint32_t block_line;
    int leaf;            /* MD_BLOCKTYPE of the open leaf block, or -1 (text directly in a list item) */
    int heading_level;
    int quote_depth, list_depth;
    int in_link, in_image, skip_html;
    int embed_depth;     /* inside ![[...]] */
    size_t wiki_at;      /* text length where the open wikilink began */
    int err;
} mdr;

static uint32_t line_of(const mdr *m, const char *p)
{
    if (p < m->src || p > m->src + m->len)
        return 0;
    size_t off = (size_t)(p - m->src), lo = 0, hi = m->nlines;
    while (lo < hi) { /* number of line starts <= off */
        size_t mid = (lo + hi) / 2;
        if (m->lines[mid] <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (uint32_t)(lo + 1) + m->line0;
}

/* Removes Obsidian embeds "![[file.png]]" that md4c left as literal text. */
static void drop_embeds(dyad__buf *b)
{
    size_t o = 0, i = 0;
    while (i < b->len) {
        if (i + 3 <= b->len && !memcmp(b->data + i, "![[", 3)) {
            size_t lim = b->len - i < MD_EMBED_MAX ? b->len - i : MD_EMBED_MAX;
            const char *e = memmem(b->data + i + 3, lim - 3, "]]", 2);
            if (e) {
                i = (size_t)(e + 2 - b->data);
                continue;
            }
        }
        b->data[o++] = b->data[i++];
    }
    b->len = o;
    b->data[o] = 0;
}

/* Obsidian markup md4c does not know, in prose blocks: a callout's "[!note]" at the start of a
 * quote, "%%hidden comments%%", "==highlights==" (the marks only). */
static void obsidian(dyad__buf *b, dyad_block_kind kind)
{
    char *t = b->data;
    size_t n = b->len, o = 0, i = 0;
    if (kind == DYAD_BLOCK_QUOTE && n > 3 && t[0] == '[' && t[1] == '!') {
        const char *e = memchr(t, ']', n < 64 ? n : 64);
        if (e) {
            i = (size_t)(e - t) + 1;
            while (i < n && (t[i] == '-' || t[i] == '+'))
                i++;
        }
    }
    size_t marks = 0;
    for (size_t k = i; k + 1 < n; k++)
        if (t[k] == '=' && t[k + 1] == '=') {
            marks++;
            k++;
        }
    int strip_marks = marks >= 2 && marks % 2 == 0;
    while (i < n) {
        if (i + 1 < n && t[i] == '%' && t[i + 1] == '%') {
            const char *e = i + 2 < n ? memmem(t + i + 2, n - i - 2, "%%", 2) : NULL;
            if (e) {
                i = (size_t)(e - t) + 2;
                continue;
            }
        }
        if (strip_marks && i + 1 < n && t[i] == '=' && t[i + 1] == '=') {
            i += 2;
            continue;
        }
        t[o++] = t[i++];
    }
    b->len = o;
    t[o] = 0;
}

static void flush(mdr *m, dyad_block_kind kind, int level)
{
    if (m->err)
        return;
    if (m->text.len && !m->text.err && memmem(m->text.data, m->text.len, "![[", 3))
        drop_embeds(&m->text);
    if (m->text.len && !m->text.err && kind != DYAD_BLOCK_PRE)
        obsidian(&m->text, kind);
    if (m->text.err) {
        m->err = dyad__fail(m->doc->ctx, m->text.err == DYAD_NOMEM ? DYAD_NOMEM : DYAD_LIMIT,
                            "%s: block at line %u too large", m->doc->path, m->block_line);
        return;
    }
    if (m->text.len) {
        size_t before = m->doc->nblocks;
        dyad__doc_add_block(m->doc, kind, level, m->text.data, m->text.len, m->block_line, m->link_bytes, 0);
        if (m->doc->nblocks == before) {
            for (size_t i = 0; i < m->text.len; i++)
                if ((unsigned char)m->text.data[i] > 0x20 && (unsigned char)m->text.data[i] < 0x7F) {
                    m->err = dyad__fail(m->doc->ctx, DYAD_NOMEM, "%s: out of memory", m->doc->path);
                    break;
                }
        }
    }
    dyad__buf_reset(&m->text);
    m->link_bytes = 0;
    m->block_line = 0;
}

/* The kind of a paragraph-like leaf from its containers. */
static void flush_para(mdr *m)
{
    if (m->list_depth)
        flush(m, DYAD_BLOCK_ITEM, m->list_depth);
    else if (m->quote_depth)
        flush(m, DYAD_BLOCK_QUOTE, 0);
    else
        flush(m, DYAD_BLOCK_PARA, 0);
}

static int enter_block(MD_BLOCKTYPE t, void *detail, void *ud)
{
    mdr *m = ud;
    switch (t) {
    case MD_BLOCK_QUOTE:
        flush_para(m);
        m->quote_depth++;
        break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
        flush_para(m);
        m->list_depth++;
        break;
    case MD_BLOCK_LI:
        flush_para(m);
        m->leaf = -1;
        break;
    case MD_BLOCK_H:
        flush_para(m);
        m->leaf = MD_BLOCK_H;
        m->heading_level = (int)((MD_BLOCK_H_DETAIL *)detail)->level;
        break;
    case MD_BLOCK_P:
    case MD_BLOCK_CODE:
    case MD_BLOCK_TR:
        flush_para(m);
        m->leaf = (int)t;
        break;
    case MD_BLOCK_HTML:
        flush_para(m);
        m->leaf = (int)t;
        m->skip_html = 1;
        break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
        if (m->text.len)
            dyad__buf_adds(&m->text, " | ");
        break;
    default:
        break;
    }
    return m->err;
}

static int leave_block(MD_BLOCKTYPE t, void *detail, void *ud)
{
    mdr *m = ud;
    (void)detail;
    switch (t) {
    case MD_BLOCK_QUOTE:
        flush_para(m);
        if (m->quote_depth)
            m->quote_depth--;
        break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
        flush_para(m);
        if (m->list_depth)
            m->list_depth--;
        break;
    case MD_BLOCK_LI:
        flush_para(m);
        break;
    case MD_BLOCK_H:
        flush(m, DYAD_BLOCK_HEADING, m->heading_level);
        m->leaf = -1;
        break;
    case MD_BLOCK_P:
        flush_para(m);
        m->leaf = -1;
        break;
    case MD_BLOCK_CODE:
        flush(m, DYAD_BLOCK_PRE, 0);
        m->leaf = -1;
        break;
    case MD_BLOCK_TR:
        flush(m, DYAD_BLOCK_CELL, 0);
        m->leaf = -1;
        break;
    case MD_BLOCK_HTML:
        dyad__buf_reset(&m->text);
        m->link_bytes = 0;
        m->skip_html = 0;
        m->leaf = -1;
        break;
    default:
        break;
    }
    return m->err;
}

static int enter_span(MD_SPANTYPE t, void *detail, void *ud)
{
    mdr *m = ud;
    (void)detail;
    if (t == MD_SPAN_A)
        m->in_link++;
    else if (t == MD_SPAN_IMG)
        m->in_image++;
    else if (t == MD_SPAN_WIKILINK) {
        /* Obsidian embeds: "!" right before the wikilink */
        if (m->text.len && m->text.data[m->text.len - 1] == '!') {
            m->text.len--;
            m->text.data[m->text.len] = 0;
            m->embed_depth++;
        }
        m->wiki_at = m->text.len;
        m->in_link++;
    }
    return 0;
}

static int leave_span(MD_SPANTYPE t, void *detail, void *ud)
{
    mdr *m = ud;
    (void)detail;
    if (t == MD_SPAN_A && m->in_link)
        m->in_link--;
    else if (t == MD_SPAN_IMG && m->in_image)
        m->in_image--;
    else if (t == MD_SPAN_WIKILINK) {
        /* [[target\|label]] (the pipe escaped, as inside Obsidian tables): keep the label */
        if (m->wiki_at <= m->text.len && !m->text.err) {
            char *w = m->text.data + m->wiki_at;
            size_t wn = m->text.len - m->wiki_at;
            char *bar = wn >= 2 ? memmem(w, wn, "\\|", 2) : NULL;
            if (bar) {
                size_t cut = (size_t)(bar + 2 - w);
                memmove(w, w + cut, wn - cut);
                m->text.len -= cut;
                m->text.data[m->text.len] = 0;
                m->link_bytes = m->link_bytes >= cut ? m->link_bytes - (uint32_t)cut : 0;
            }
        }
        if (m->in_link)
            m->in_link--;
        if (m->embed_depth)
            m->embed_depth--;
    }
    return 0;
}

/* Decodes an entity ("&amp;", "&#8217;", "&#x2019;") into out; returns bytes written (0: unknown). */
static size_t entity(const char *s, size_t n, char *out)
{
    if (n < 3 || s[0] != '&' || s[n - 1] != ';')
        return 0;
    if (s[1] == '#') {
        long v = 0;
        int hex = n > 3 && (s[2] == 'x' || s[2] == 'X');
        for (size_t i = hex ? 3 : 2; i + 1 < n; i++) {
            char c = s[i];
            int d = c >= '0' && c <= '9' ? c - '0' : hex && (c | 32) >= 'a' && (c | 32) <= 'f' ? (c | 32) - 'a' + 10 : -1;
            if (d < 0 || v > 0x10FFFF)
                return 0;
            v = v * (hex ? 16 : 10) + d;
        }
        if (v <= 0 || v > 0x10FFFF)
            v = 0xFFFD;
        return dyad__utf8_encode((int32_t)v, out);
    }
    static const struct { const char *name; int32_t cp; } ents[] = {
        {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}, {"nbsp", 0xA0},
        {"mdash", 0x2014}, {"ndash", 0x2013}, {"hellip", 0x2026}, {"rsquo", 0x2019}, {"lsquo", 0x2018},
        {"rdquo", 0x201D}, {"ldquo", 0x201C}, {"copy", 0xA9}, {"eacute", 0xE9}, {"middot", 0xB7},
    };
    for (size_t i = 0; i < sizeof ents / sizeof ents[0]; i++) {
        size_t k = strlen(ents[i].name);
        if (k == n - 2 && !memcmp(s + 1, ents[i].name, k))
            return dyad__utf8_encode(ents[i].cp, out);
    }
    return 0;
}

static int on_text(MD_TEXTTYPE t, const MD_CHAR *s, MD_SIZE n, void *ud)
{
    mdr *m = ud;
    if (m->skip_html || m->in_image || m->embed_depth || t == MD_TEXT_HTML)
        return 0;
    if (!m->block_line)
        m->block_line = line_of(m, s);
    size_t before = m->text.len;
    switch (t) {
    case MD_TEXT_NULLCHAR:
        dyad__buf_adds(&m->text, "\xEF\xBF\xBD");
        break;
    case MD_TEXT_BR:
    case MD_TEXT_SOFTBR:
        dyad__buf_addc(&m->text, m->leaf == MD_BLOCK_CODE ? '\n' : ' ');
        break;
    case MD_TEXT_ENTITY: {
        char out[8];
        size_t k = entity(s, n, out);
        if (k)
            dyad__buf_add(&m->text, out, k);
        else
            dyad__buf_add(&m->text, s, n);
        break;
    }
    default:
        dyad__buf_add(&m->text, s, n);
        break;
    }
    if (m->in_link)
        m->link_bytes += (uint32_t)(m->text.len - before);
    return 0;
}

/* Copies s into out (when out is not NULL) with a blank line after every MD_RUN_LINES lines of a
 * run of non-blank lines that holds a link-like mark; returns the length of the copy. When lines is
 * not NULL, it gets the offsets in the copy where the lines after each '\n' of s start (inserted
 * lines are not counted, so line numbers still point into the source). */
static size_t break_runs(const char *s, size_t len, char *out, size_t *lines)
{
    size_t o = 0, k = 0, run = 0;
    int blank = 1, mark = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (out)
            out[o] = c;
        o++;
        if (!(c == '\n' || (c == '\r' && (i + 1 == len || s[i + 1] != '\n')))) {
            if (c != ' ' && c != '\t' && c != '\r')
                blank = 0;
            if (c == '[' || (c == ':' && len - i > 2 && s[i + 1] == '/' && s[i + 2] == '/') ||
                (c == 'w' && len - i > 3 && !memcmp(s + i, "www.", 4)))
                mark = 1;
            continue;
        }
        if (blank) {
            run = 0;
            mark = 0;
        } else if (++run >= MD_RUN_LINES && mark) {
            if (out)
                out[o] = c; /* the same line end again: an empty line */
            o++;
            run = 0;
            mark = 0;
        }
        if (c == '\n' && lines)
            lines[k++] = o;
        blank = 1;
    }
    return o;
}

int dyad__read_markdown(dyad_doc *doc, const char *s, size_t len)
{
    uint32_t fm_lines = 0;
    size_t skip = dyad__front_matter(doc, s, len, &fm_lines);
    s += skip;
    len -= skip;
    if (len > (size_t)0xFFFFFFFFu)
        return dyad__fail(doc->ctx, DYAD_TOOBIG, "%s: Markdown text larger than 4 GB", doc->path);
    mdr m;
    memset(&m, 0, sizeof m);
    m.doc = doc;
    m.src = s;
    m.len = len;
    m.line0 = fm_lines;
    m.leaf = -1;
    size_t nl = 0;
    for (size_t i = 0; i < len; i++)
        nl += s[i] == '\n';
    size_t *lines = malloc((nl ? nl : 1) * sizeof *lines);
    if (!lines)
        return dyad__fail(doc->ctx, DYAD_NOMEM, "%s: out of memory", doc->path);
    char *copy = NULL;
    size_t clen = break_runs(s, len, NULL, lines);
    if (clen != len) {
        copy = clen <= (size_t)0xFFFFFFFFu ? malloc(clen) : NULL;
        if (!copy) {
            free(lines);
            return dyad__fail(doc->ctx, clen <= (size_t)0xFFFFFFFFu ? DYAD_NOMEM : DYAD_TOOBIG,
                              "%s: Markdown text too large", doc->path);
        }
        break_runs(s, len, copy, NULL);
        s = copy;
        len = clen;
        m.src = s;
        m.len = len;
    }
    m.lines = lines;
    m.nlines = nl;
    dyad__buf_init(&m.text, 0);
    MD_PARSER p;
    memset(&p, 0, sizeof p);
    p.flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_TASKLISTS | MD_FLAG_WIKILINKS |
              MD_FLAG_PERMISSIVEURLAUTOLINKS | MD_FLAG_PERMISSIVEWWWAUTOLINKS;
    p.enter_block = enter_block;
    p.leave_block = leave_block;
    p.enter_span = enter_span;
    p.leave_span = leave_span;
    p.text = on_text;
    int r = len ? md_parse(s, (MD_SIZE)len, &p, &m) : 0;
    if (!m.err)
        flush_para(&m);
    int err = m.err;
    if (!err && r != 0)
        err = dyad__fail(doc->ctx, DYAD_NOMEM, "%s: the Markdown parser failed (out of memory)", doc->path);
    dyad__buf_free(&m.text);
    free(lines);
    free(copy);
    return err;
}
