/* Unit tests for the plain-text, Markdown and PDF readers (and the encodings they rely on). */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/internal.h"
#include "t.h"

static dyad_ctx *ctx;

static dyad_doc *rd(const char *name, const char *s, size_t n, int *err)
{
    dyad_doc *d = NULL;
    *err = dyad_doc_read_mem(ctx, name, s, n, DYAD_FMT_AUTO, &d);
    return d;
}

static const dyad_block *blk(const dyad_doc *d, size_t i)
{
    static const dyad_block none = {.text = "(none)"};
    const dyad_block *b = dyad_doc_block(d, i);
    return b ? b : &none;
}

/* Finds the first block whose text contains s. */
static const dyad_block *find(const dyad_doc *d, const char *s)
{
    for (size_t i = 0; i < dyad_doc_nblocks(d); i++)
        if (strstr(dyad_doc_block(d, i)->text, s))
            return dyad_doc_block(d, i);
    return NULL;
}

static double secs(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- plain text ---- */

static void test_text(void)
{
    int err;
    const char *menu = "Home\nAbout\nResearch\nContact\n\n"
                       "Japan and India agreed on Monday to hold regular talks between their foreign\n"
                       "and defence ministers, a format that Japan uses with only a few close\n"
                       "partners. The first meeting is planned for the end of the year in New Del-\n"
                       "hi, officials said after the announcement.\n"
                       "\n"
                       "    The second paragraph is indented and short.\n"
                       "- a bulleted point\n"
                       "2. a numbered point\n"
                       "\fPage two starts after a form feed.\n";
    dyad_doc *d = rd("menu.txt", menu, strlen(menu), &err);
    T_INTEQ(err, DYAD_OK);
    if (!d)
        return;
    T_INTEQ(dyad_doc_format(d), DYAD_FMT_TEXT);
    /* menu lines stay separate blocks */
    T_STREQ(blk(d, 0)->text, "Home");
    T_STREQ(blk(d, 3)->text, "Contact");
    T_INTEQ(blk(d, 3)->line, 4);
    /* the hard-wrapped paragraph is one block, the line-end hyphen in "Del-hi" gone */
    const dyad_block *p = blk(d, 4);
    T_OK(strstr(p->text, "foreign and defence ministers") != NULL, "%s", p->text);
    T_OK(strstr(p->text, "New Delhi, officials said after the announcement.") != NULL, "%s", p->text);
    T_INTEQ(p->line, 6);
    T_OK(p->flags & DYAD_BF_BLANK_BEFORE, "flags %x", p->flags);
    const dyad_block *ind = find(d, "indented");
    T_OK(ind && (ind->flags & DYAD_BF_INDENTED), "indented flag");
    const dyad_block *li = find(d, "bulleted point");
    T_OK(li && li->kind == DYAD_BLOCK_ITEM && !strcmp(li->text, "a bulleted point"), "bullet item");
    li = find(d, "numbered point");
    T_OK(li && li->kind == DYAD_BLOCK_ITEM && !strcmp(li->text, "2. a numbered point"), "numbered item keeps its number");
    const dyad_block *pg = find(d, "Page two");
    T_OK(pg && (pg->flags & DYAD_BF_PAGE_BREAK), "form feed gives a page break");
    T_OK(pg && !strchr(pg->text, '\f'), "no form feed in the text");
    dyad_doc_free(d);

    /* Lines of very different widths are not joined: not hard-wrapped */
    const char *mixed = "A short title line\nBy A. Writer\n"
                        "This is a long paragraph written on one line, as web pages copied as text usually are, and it goes on well past any terminal width so that nobody would call it wrapped text at all.\n"
                        "Another long one-line paragraph follows directly, again far longer than any hard-wrapped line would be in a plain text file written with a fixed width.\n";
    d = rd("mixed.txt", mixed, strlen(mixed), &err);
    T_INTEQ(err, DYAD_OK);
    T_INTEQ(d ? dyad_doc_nblocks(d) : 0, 4);
    dyad_doc_free(d);

    /* Copied web text: one paragraph a line, all under the wrap limit but of spread widths (46 to
     * 118 code points); not hard-wrapped, so every line stays its own block */
    const char *spread = "Japan and India agree to study a second rail line.\n"
                         "The new line would link Delhi with Varanasi and use the same trains as the first.\n"
                         "Officials said the study would take about eighteen months to finish.\n"
                         "Japanese banks have lent money for projects in India for many years, from power plants to metros.\n"
                         "Both sides want to agree on the loan terms before the next annual summit, to be held in Tokyo next year.\n";
    d = rd("spread.txt", spread, strlen(spread), &err);
    T_INTEQ(err, DYAD_OK);
    T_INTEQ(d ? dyad_doc_nblocks(d) : 0, 5);
    dyad_doc_free(d);

    /* Hard-wrapped text without blank lines: a sentence ending where the next line's first word
     * would still have fitted ends the paragraph */
    const char *nb = "The first yen loan from Japan to India was signed in 1958, when Tokyo lent\n"
                     "money for power stations, railways and a steel plant, and Japanese loans\n"
                     "have gone on in most years since then.\n"
                     "The loans paused after the nuclear tests of 1998, when Japan froze new aid\n"
                     "for three years; it lifted the measures in 2001 once the two governments\n"
                     "had resumed their talks and agreed to review the whole relationship.\n";
    d = rd("nb.txt", nb, strlen(nb), &err);
    T_INTEQ(err, DYAD_OK);
    T_INTEQ(d ? dyad_doc_nblocks(d) : 0, 2);
    dyad_doc_free(d);

    /* lone CR line ends (old Mac files) */
    const char *cr = "Title line\r\rA paragraph here.\rSecond line of it.\r";
    d = rd("cr.txt", cr, strlen(cr), &err);
    T_INTEQ(err, DYAD_OK);
    if (d) {
        T_STREQ(blk(d, 0)->text, "Title line");
        T_INTEQ(blk(d, 1)->line, 3);
        T_INTEQ(blk(d, 2)->line, 4);
    }
    dyad_doc_free(d);

    /* CRLF line ends */
    const char *crlf = "First line\r\n\r\nSecond paragraph here.\r\n";
    d = rd("crlf.txt", crlf, strlen(crlf), &err);
    T_INTEQ(err, DYAD_OK);
    if (d) {
        T_STREQ(blk(d, 0)->text, "First line");
        T_STREQ(blk(d, 1)->text, "Second paragraph here.");
        T_INTEQ(blk(d, 1)->line, 3);
    }
    dyad_doc_free(d);
}

static void test_encodings(void)
{
    int err;
    /* Windows-1252: curly quotes, en dash, apostrophe in 0x80-0x9F */
    const char *w = "\x93Quoted\x94 \x96 Japan\x92s view.\n";
    dyad_doc *d = rd("w.txt", w, strlen(w), &err);
    T_INTEQ(err, DYAD_OK);
    if (d) {
        T_STREQ(dyad_doc_encoding(d), "WINDOWS-1252");
        T_STREQ(blk(d, 0)->text, "\xE2\x80\x9CQuoted\xE2\x80\x9D \xE2\x80\x93 Japan\xE2\x80\x99s view.");
    }
    dyad_doc_free(d);
    /* Latin-1: accented letters only */
    const char *l = "Caf\xe9 cr\xe8me, na\xefve.\n";
    d = rd("l.txt", l, strlen(l), &err);
    T_INTEQ(err, DYAD_OK);
    if (d) {
        T_STREQ(dyad_doc_encoding(d), "ISO-8859-1");
        T_STREQ(blk(d, 0)->text, "Caf\xC3\xA9 cr\xC3\xA8me, na\xC3\xAFve.");
    }
    dyad_doc_free(d);
    /* Invalid UTF-8 after valid multi-byte text: an error naming the file and the byte */
    const char *bad = "Valid \xE2\x80\x94 then \xC3\x28 broken.\n";
    d = rd("bad.txt", bad, strlen(bad), &err);
    T_INTEQ(err, DYAD_ENCODING);
    T_CHECK(d == NULL);
    T_OK(strstr(dyad_errmsg(ctx), "bad.txt: invalid UTF-8 at byte 15") != NULL, "%s", dyad_errmsg(ctx));
    /* Empty and blank */
    d = rd("empty.txt", "", 0, &err);
    T_INTEQ(err, DYAD_EMPTY);
    T_OK(strstr(dyad_errmsg(ctx), "empty.txt: file is empty") != NULL, "%s", dyad_errmsg(ctx));
    d = rd("blank.txt", " \n\t\n", 4, &err);
    T_INTEQ(err, DYAD_EMPTY);
    /* format sniffing on a tiny buffer that is not NUL-terminated (ASan checks the bounds) */
    char *tiny = malloc(2);
    if (tiny) {
        memcpy(tiny, " <", 2);
        d = rd("tiny", tiny, 2, &err);
        T_OK(err == DYAD_OK || err == DYAD_NOTEXT, "err %d", err);
        dyad_doc_free(d);
        free(tiny);
    }
    char *dash = malloc(4);
    if (dash) {
        memcpy(dash, "---\r", 4);
        d = rd("dash", dash, 4, &err);
        dyad_doc_free(d);
        free(dash);
        T_CHECK(1);
    }
    /* a BOM is skipped */
    d = rd("bom.txt", "\xEF\xBB\xBFHello there.\n", 16, &err);
    T_INTEQ(err, DYAD_OK);
    if (d)
        T_STREQ(blk(d, 0)->text, "Hello there.");
    dyad_doc_free(d);
}

/* md4c 0.4 is quadratic in the lines of one block holding brackets or bare URLs: a 200,000-line
 * paragraph of them took about 30 s. Long runs are cut into blocks of at most MD_RUN_LINES lines;
 * nothing is lost and line numbers still point into the source. */
static void test_md_long_block(void)
{
    size_t lines = 200000, cap = lines * 64 + 64, o = 0;
    char *s = malloc(cap);
    if (!s) {
        T_OK(0, "no memory for the long Markdown block test");
        return;
    }
    o += (size_t)snprintf(s + o, cap - o, "# Talks\n\n");
    for (size_t i = 0; i < lines; i++)
        o += (size_t)snprintf(s + o, cap - o, "Talks [x] at www.example.com/%zu then http://a.b\n", i % 10);
    o += (size_t)snprintf(s + o, cap - o, "\nLast paragraph here.\n");
    double t0 = secs();
    int err;
    dyad_doc *d = NULL;
    err = dyad_doc_read_mem(ctx, "long.md", s, o, DYAD_FMT_MARKDOWN, &d);
    double dt = secs() - t0;
    T_INTEQ(err, DYAD_OK);
    T_OK(dt < 10, "200,000-line Markdown paragraph took %.1f s", dt);
    if (d) {
        size_t talks = 0;
        for (size_t i = 0; i < dyad_doc_nblocks(d); i++)
            for (const char *p = dyad_doc_block(d, i)->text; (p = strstr(p, "Talks [x]")) != NULL; p++)
                talks++;
        T_INTEQ(talks, lines);
        const dyad_block *last = find(d, "Last paragraph here.");
        T_OK(last && last->line == lines + 4, "last paragraph at line %u", last ? last->line : 0);
    }
    dyad_doc_free(d);
    free(s);
}

static void test_big_line(void)
{
    /* One 50 MB line of words: one block, read and cleaned in bounded time. */
    size_t n = 50u << 20;
    char *s = malloc(n);
    if (!s) {
        T_OK(0, "no memory for the 50 MB test");
        return;
    }
    const char *w = "India and Japan agreed to deepen cooperation in 2010 and met again ";
    size_t k = strlen(w);
    for (size_t i = 0; i < n; i++)
        s[i] = w[i % k];
    double t0 = secs();
    int err;
    dyad_doc *d = rd("oneline.txt", s, n, &err);
    T_INTEQ(err, DYAD_OK);
    if (d) {
        T_INTEQ(dyad_doc_nblocks(d), 1);
        T_OK(blk(d, 0)->len > n - 100, "len %zu", blk(d, 0)->len);
        err = dyad_run(ctx, d, DYAD_STAGE_META, NULL);
        T_INTEQ(err, DYAD_OK);
        size_t tl = 0;
        dyad_doc_text(d, &tl);
        T_OK(tl > n - 100, "text %zu", tl);
    }
    double dt = secs() - t0;
    T_OK(dt < 60, "50 MB line took %.1f s", dt);
    dyad_doc_free(d);
    /* 1,000,000 short lines */
    size_t lines = 1000000;
    size_t o = 0;
    for (size_t i = 0; i < lines && o + 40 < n; i++)
        o += (size_t)snprintf(s + o, 40, "Line %zu of a menu\n", i % 1000);
    t0 = secs();
    d = rd("lines.txt", s, o, &err);
    T_INTEQ(err, DYAD_OK);
    T_INTEQ(d ? dyad_doc_nblocks(d) : 0, lines);
    if (d)
        dyad_run(ctx, d, DYAD_STAGE_META, NULL);
    dt = secs() - t0;
    T_OK(dt < 60, "1M lines took %.1f s", dt);
    dyad_doc_free(d);
    free(s);
}

/* ---- Markdown ---- */

static void test_markdown(void)
{
    int err;
    const char *md = "---\n"
                     "title: \"Field notes: India and Japan\"\n"
                     "author: R. Iyer\n"
                     "date: 2024-02-10\n"
                     "tags:\n  - india\n  - japan\n"
                     "---\n"
                     "\n"
                     "[[2024-02-10-Saturday|Saturday notes]] and [[Quad]] and [[27-03-2021\\|March day]] ![[chart.png]]\n"
                     "\n"
                     "# Main heading\n"
                     "\n"
                     "Some **bold** and *italic* text with a [link](https://example.org) and `code`. AT&amp;T &#8212; ok.\n"
                     "\n"
                     "## Second level\n"
                     "\n"
                     "- first item\n"
                     "- second item\n"
                     "  - nested item\n"
                     "\n"
                     "> A quoted line.\n"
                     "\n"
                     "| Year | Event |\n|---|---|\n| 1952 | Peace treaty |\n"
                     "\n"
                     "```\ncode line one\ncode line two\n```\n"
                     "\n"
                     "<div>raw html block</div>\n";
    dyad_doc *d = rd("note.md", md, strlen(md), &err);
    T_INTEQ(err, DYAD_OK);
    if (!d)
        return;
    T_INTEQ(dyad_doc_format(d), DYAD_FMT_MARKDOWN);
    const dyad_meta *m = dyad_doc_meta(d);
    T_STREQ(m->title.value, "Field notes: India and Japan");
    T_STREQ(m->title.source, "front-matter");
    T_STREQ(m->author.value, "R. Iyer");
    T_STREQ(m->date.value, "2024-02-10");
    T_CHECK(find(d, "title:") == NULL && find(d, "tags") == NULL);
    T_STREQ(blk(d, 0)->text, "Saturday notes and Quad and March day");
    T_OK(blk(d, 0)->link_bytes >= 20, "link bytes %u", blk(d, 0)->link_bytes);
    T_INTEQ(blk(d, 0)->line, 10);
    const dyad_block *h = find(d, "Main heading");
    T_OK(h && h->kind == DYAD_BLOCK_HEADING && h->level == 1, "h1");
    T_INTEQ(h ? h->line : 0, 12);
    const dyad_block *p = find(d, "Some bold");
    T_OK(p && !strcmp(p->text, "Some bold and italic text with a link and code. AT&T \xE2\x80\x94 ok."), "%s",
         p ? p->text : "");
    T_OK(p && p->link_bytes == 4, "link bytes %u", p ? p->link_bytes : 0);
    h = find(d, "Second level");
    T_OK(h && h->kind == DYAD_BLOCK_HEADING && h->level == 2, "h2");
    const dyad_block *li = find(d, "first item");
    T_OK(li && li->kind == DYAD_BLOCK_ITEM && li->level == 1, "item");
    li = find(d, "nested item");
    T_OK(li && li->kind == DYAD_BLOCK_ITEM && li->level == 2 && !strcmp(li->text, "nested item"), "nested item");
    const dyad_block *q = find(d, "quoted line");
    T_OK(q && q->kind == DYAD_BLOCK_QUOTE, "quote");
    const dyad_block *c = find(d, "Peace treaty");
    T_OK(c && c->kind == DYAD_BLOCK_CELL && !strcmp(c->text, "1952 | Peace treaty"), "table row");
    const dyad_block *pre = find(d, "code line one");
    T_OK(pre && pre->kind == DYAD_BLOCK_PRE, "code block");
    T_CHECK(find(d, "raw html") == NULL);
    T_CHECK(find(d, "[[") == NULL && find(d, "chart.png") == NULL && find(d, "**") == NULL);
    dyad_doc_free(d);

    /* Obsidian markup: callouts, hidden comments, highlights */
    const char *ob = "> [!note]- Remember\n> the ==2008== declaration %%check this%%came first.\n\nPlain ==marked== text.\n";
    d = rd("ob.md", ob, strlen(ob), &err);
    T_INTEQ(err, DYAD_OK);
    if (d) {
        T_STREQ(blk(d, 0)->text, "Remember the 2008 declaration came first.");
        T_STREQ(blk(d, 1)->text, "Plain marked text.");
    }
    dyad_doc_free(d);

    /* One-line JSON front matter in a .txt file: detected as Markdown from its content */
    const char *js = "---\n{\"dg-publish\":true,\"permalink\":\"/india-japan/\",\"title\":\"India - Japan\"}\n---\n\n"
                     "# India - Japan\n### History\n\nText about the two countries.\n";
    d = rd("002.txt", js, strlen(js), &err);
    T_INTEQ(err, DYAD_OK);
    if (d) {
        T_INTEQ(dyad_doc_format(d), DYAD_FMT_MARKDOWN);
        T_STREQ(dyad_doc_meta(d)->url.value, "/india-japan/");
        T_STREQ(dyad_doc_meta(d)->title.value, "India - Japan");
        T_CHECK(find(d, "dg-publish") == NULL);
        const dyad_block *h3 = find(d, "History");
        T_OK(h3 && h3->kind == DYAD_BLOCK_HEADING && h3->level == 3, "h3");
    }
    dyad_doc_free(d);

    /* Deep nesting and unclosed markup: no crash, bounded time */
    size_t n = 200000;
    char *deep = malloc(n * 2 + 32);
    if (deep) {
        size_t o = 0;
        for (size_t i = 0; i < n; i++)
            deep[o++] = '>';
        memcpy(deep + o, " deep quote\n", 12);
        o += 12;
        for (size_t i = 0; i < n / 2; i++) {
            deep[o++] = '[';
            deep[o++] = '*';
        }
        double t0 = secs();
        d = rd("deep.md", deep, o, &err);
        T_OK(err == DYAD_OK || err == DYAD_NOMEM || err == DYAD_LIMIT, "err %d", err);
        T_OK(secs() - t0 < 60, "deep Markdown took %.1f s", secs() - t0);
        dyad_doc_free(d);
        free(deep);
    }
}

/* ---- PDF ---- */

/* Writes a small valid PDF: pages of lines of Helvetica text. Caller frees. */
static char *make_pdf(const char *const *pages[], int npages, size_t *len)
{
    dyad__buf b;
    dyad__buf_init(&b, 0);
    size_t off[32];
    int nobj = 0;
    dyad__buf_adds(&b, "%PDF-1.4\n");
    off[++nobj] = b.len;
    dyad__buf_printf(&b, "%d 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n", nobj);
    off[++nobj] = b.len;
    dyad__buf_printf(&b, "%d 0 obj\n<< /Type /Pages /Kids [", nobj);
    for (int i = 0; i < npages; i++)
        dyad__buf_printf(&b, "%d 0 R ", 3 + 2 * i);
    dyad__buf_printf(&b, "] /Count %d >>\nendobj\n", npages);
    int font = 3 + 2 * npages;
    for (int i = 0; i < npages; i++) {
        off[++nobj] = b.len;
        dyad__buf_printf(&b, "%d 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>\nendobj\n",
                         nobj, font, nobj + 1);
        dyad__buf s;
        dyad__buf_init(&s, 0);
        dyad__buf_adds(&s, "BT /F1 11 Tf 14 TL 72 740 Td\n");
        for (const char *const *l = pages[i]; *l; l++)
            dyad__buf_printf(&s, "(%s) Tj T*\n", *l);
        dyad__buf_adds(&s, "ET");
        off[++nobj] = b.len;
        dyad__buf_printf(&b, "%d 0 obj\n<< /Length %zu >>\nstream\n%s\nendstream\nendobj\n", nobj, s.len, s.data);
        dyad__buf_free(&s);
    }
    off[++nobj] = b.len;
    dyad__buf_printf(&b, "%d 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n", nobj);
    size_t xref = b.len;
    dyad__buf_printf(&b, "xref\n0 %d\n0000000000 65535 f \n", nobj + 1);
    for (int i = 1; i <= nobj; i++)
        dyad__buf_printf(&b, "%010zu 00000 n \n", off[i]);
    dyad__buf_printf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", nobj + 1, xref);
    return dyad__buf_take(&b, len);
}

static int have_pdftotext(void)
{
    const char *path = getenv("PATH");
    if (!path)
        return 0;
    char dir[4096];
    while (*path) {
        size_t n = strcspn(path, ":");
        if (n && n < sizeof dir - 16) {
            memcpy(dir, path, n);
            strcpy(dir + n, "/pdftotext");
            if (access(dir, X_OK) == 0)
                return 1;
        }
        path += n + (path[n] == ':');
    }
    return 0;
}

static void test_pdf(void)
{
    static const char *const p1[] = {"BRIEFING ON INDIA AND JAPAN", "Policy Desk, 4 June 2021",
                                     "India and Japan signed a new agreement on digital cooperation and",
                                     "agreed to hold talks on semiconductors and the supply of rare ear-", NULL};
    static const char *const p2[] = {"BRIEFING ON INDIA AND JAPAN", "Policy Desk, 4 June 2021",
                                     "ths before the end of the year, officials said.", NULL};
    const char *const *pages[] = {p1, p2};
    size_t len = 0;
    char *pdf = make_pdf(pages, 2, &len);
    T_CHECK(pdf != NULL);
    if (!pdf)
        return;
    int err;
    dyad_doc *d = NULL;
    if (!have_pdftotext()) {
        printf("test_read: pdftotext not installed: PDF reading tests skipped (apt-get install poppler-utils)\n");
    } else {
        d = rd("brief.pdf", pdf, len, &err);
        T_INTEQ(err, DYAD_OK);
        if (d) {
            T_INTEQ(dyad_doc_format(d), DYAD_FMT_PDF);
            const dyad_block *pb = NULL;
            for (size_t i = 0; i < dyad_doc_nblocks(d); i++)
                if (dyad_doc_block(d, i)->flags & DYAD_BF_PAGE_BREAK)
                    pb = dyad_doc_block(d, i);
            T_OK(pb && !strcmp(pb->text, "BRIEFING ON INDIA AND JAPAN"), "page 2 starts with the header");
            err = dyad_run(ctx, d, DYAD_STAGE_META, NULL);
            T_INTEQ(err, DYAD_OK);
            const char *t = dyad_doc_text(d, NULL);
            T_OK(strstr(t, "rare earths before the end of the year") != NULL, "joined across the page: %s", t);
            const char *first = strstr(t, "BRIEFING ON INDIA");
            T_OK(first && !strstr(first + 1, "BRIEFING ON INDIA"), "running header once: %s", t);
            T_STREQ(dyad_doc_meta(d)->date.value, "2021-06-04");
        }
        dyad_doc_free(d);
        /* truncated: pdftotext fails, its first error line is in the message */
        d = rd("cut.pdf", pdf, 200, &err);
        T_INTEQ(err, DYAD_TOOL);
        T_CHECK(d == NULL);
        T_OK(strstr(dyad_errmsg(ctx), "cut.pdf: pdftotext failed") != NULL, "%s", dyad_errmsg(ctx));
        T_OK(strstr(dyad_errmsg(ctx), "Error") != NULL, "%s", dyad_errmsg(ctx));
    }
    /* pdftotext missing: a clear message */
    char *old = getenv("PATH") ? strdup(getenv("PATH")) : NULL;
    setenv("PATH", "/nonexistent-dyad-test", 1);
    d = rd("brief.pdf", pdf, len, &err);
    T_INTEQ(err, DYAD_NOTOOL);
    T_OK(strstr(dyad_errmsg(ctx), "brief.pdf: PDF needs pdftotext (apt-get install poppler-utils)") != NULL, "%s",
         dyad_errmsg(ctx));
    /* The temporary copy is gone from the folder while pdftotext runs (so a signal that kills us
     * mid-run cannot leave it behind), yet the tool still reads it. A stand-in pdftotext reports
     * the number of files in $TMPDIR and the first bytes of the file it was given. */
    char bin[] = "/tmp/dyad-test-bin-XXXXXX", tmp[] = "/tmp/dyad-test-tmp-XXXXXX";
    T_CHECK(mkdtemp(bin) != NULL && mkdtemp(tmp) != NULL);
    char tool[sizeof bin + 16];
    snprintf(tool, sizeof tool, "%s/pdftotext", bin);
    FILE *f = fopen(tool, "w");
    T_CHECK(f != NULL);
    if (f) {
        fputs("#!/bin/sh\nn=$(ls -A \"$TMPDIR\" | wc -l)\n"
              "echo \"India and Japan: $n files left, input starts $(head -c 5 \"$5\")\"\n", f);
        fclose(f);
        chmod(tool, 0755);
        char *oldtmp = getenv("TMPDIR") ? strdup(getenv("TMPDIR")) : NULL;
        char path[sizeof bin + 32];
        snprintf(path, sizeof path, "%s:/usr/bin:/bin", bin);
        setenv("PATH", path, 1);
        setenv("TMPDIR", tmp, 1);
        d = rd("brief.pdf", pdf, len, &err);
        T_INTEQ(err, DYAD_OK);
        T_OK(d && find(d, "0 files left, input starts %PDF-"), "%s", d ? blk(d, 0)->text : dyad_errmsg(ctx));
        dyad_doc_free(d);
        T_OK(rmdir(tmp) == 0, "the temporary folder is empty afterwards");
        if (oldtmp) {
            setenv("TMPDIR", oldtmp, 1);
            free(oldtmp);
        } else
            unsetenv("TMPDIR");
        unlink(tool);
    }
    rmdir(bin);
    if (old) {
        setenv("PATH", old, 1);
        free(old);
    }
    free(pdf);
}

/* ---- YAML front matter: the named limits of read/frontmatter.c, each hit ---- */

/* Reads "---\n" yaml "\n---\n\nSome text.\n" as Markdown; caller frees. */
static dyad_doc *fm(const char *yaml, size_t yn, double *took)
{
    dyad__buf b;
    dyad__buf_init(&b, 0);
    dyad__buf_adds(&b, "---\n");
    dyad__buf_add(&b, yaml, yn);
    dyad__buf_adds(&b, "\n---\n\nSome text about India and Japan.\n");
    int err = DYAD_NOMEM;
    double t0 = secs();
    dyad_doc *d = b.err ? NULL : rd("fm.md", b.data, b.len, &err);
    if (took)
        *took = secs() - t0;
    T_INTEQ(err, DYAD_OK);
    T_CHECK(!d || find(d, "Some text") != NULL);
    dyad__buf_free(&b);
    return d;
}

static const char *fm_err(const dyad_doc *d)
{
    const char *e = d ? dyad_doc_front_matter_error(d) : NULL;
    return e ? e : "";
}

static void test_front_matter_limits(void)
{
    dyad__buf y;
    dyad__buf_init(&y, 0);
    double took;

    /* FM_DEPTH_MAX: 30,000 '[' (60 KB) would take libyaml seconds (quadratic); we stop at 16 */
    dyad__buf_adds(&y, "title: Kept\ndeep: ");
    for (int i = 0; i < 30000; i++)
        dyad__buf_addc(&y, '[');
    for (int i = 0; i < 30000; i++)
        dyad__buf_addc(&y, ']');
    dyad_doc *d = fm(y.data, y.len, &took);
    T_STREQ(d ? dyad_doc_meta(d)->title.value : NULL, "Kept");
    T_OK(strstr(fm_err(d), "nested deeper than 16 levels") != NULL, "%s", fm_err(d));
    T_OK(took < 2.0, "deep flow nesting took %.2f s", took);
    dyad_doc_free(d);
    /* 15 levels under the top mapping are read */
    dyad__buf_reset(&y);
    dyad__buf_adds(&y, "tags: [[[[[[[[[[[[[[[deep]]]]]]]]]]]]]]]");
    d = fm(y.data, y.len, NULL);
    size_t nt = 0;
    const char *const *tags = d ? dyad_doc_tags(d, &nt) : NULL;
    T_INTEQ(nt, 1);
    T_STREQ(nt ? tags[0] : NULL, "deep");
    T_STREQ(fm_err(d), "");
    dyad_doc_free(d);

    /* FM_MAX: front matter of more than 64 KiB is no front matter (its lines stay text) */
    dyad__buf_reset(&y);
    dyad__buf_adds(&y, "title: Too long\n");
    while (y.len < (64u << 10))
        dyad__buf_adds(&y, "note: padding for the size limit\n");
    d = fm(y.data, y.len, NULL);
    T_CHECK(d && dyad_doc_meta(d)->title.value == NULL);
    T_OK(strstr(fm_err(d), "no closing '---' line within 64 KiB") != NULL, "%s", fm_err(d));
    dyad_doc_free(d);

    /* FM_VALUE_MAX: a value of 2048 bytes is kept, one of 2049 (or a 50,000-byte scalar) is not */
    for (int n = 2048; n <= 2049; n++) {
        dyad__buf_reset(&y);
        dyad__buf_adds(&y, "title: ");
        for (int i = 0; i < n; i++)
            dyad__buf_addc(&y, 'x');
        dyad__buf_adds(&y, "\ndescription: \"");
        for (int i = 0; i < 50000; i++)
            dyad__buf_addc(&y, 'y');
        dyad__buf_adds(&y, "\"\nauthor: K. Rao");
        d = fm(y.data, y.len, NULL);
        const dyad_meta *m = d ? dyad_doc_meta(d) : NULL;
        T_OK(m && (n == 2048 ? m->title.value && strlen(m->title.value) == 2048 : m->title.value == NULL),
             "title of %d bytes", n);
        T_CHECK(m && m->description.value == NULL);
        T_STREQ(m ? m->author.value : NULL, "K. Rao");
        dyad_doc_free(d);
    }

    /* FM_ALIAS_ITEMS_MAX: 64 aliases of a 64-item list copy 4096 strings (read); 65 stop the reading */
    for (int n = 64; n <= 65; n++) {
        dyad__buf_reset(&y);
        dyad__buf_adds(&y, "a: &a [");
        for (int i = 0; i < 64; i++)
            dyad__buf_printf(&y, "%sx%d", i ? ", " : "", i);
        dyad__buf_adds(&y, "]\nb: [");
        for (int i = 0; i < n; i++)
            dyad__buf_printf(&y, "%s*a", i ? ", " : "");
        dyad__buf_adds(&y, "]\ntitle: After the aliases");
        d = fm(y.data, y.len, NULL);
        const char *t = d ? dyad_doc_meta(d)->title.value : NULL;
        if (n == 64) {
            T_STREQ(t, "After the aliases");
            T_STREQ(fm_err(d), "");
        } else {
            T_CHECK(t == NULL);
            T_OK(strstr(fm_err(d), "aliases expand to more than 4096 values") != NULL, "%s", fm_err(d));
        }
        dyad_doc_free(d);
    }

    /* FM_ANCHORS_MAX: 64 anchors are remembered, the 65th is not */
    dyad__buf_reset(&y);
    for (int i = 0; i < 65; i++)
        dyad__buf_printf(&y, "k%d: &n%d v%d\n", i, i, i);
    dyad__buf_adds(&y, "title: *n63\nauthor: *n64\n");
    d = fm(y.data, y.len, NULL);
    T_STREQ(d ? dyad_doc_meta(d)->title.value : NULL, "v63");
    T_CHECK(d && dyad_doc_meta(d)->author.value == NULL);
    dyad_doc_free(d);

    /* DYAD__TAGS_MAX and DYAD__TAG_BYTES: 64 tags kept, a tag of 101 bytes dropped */
    dyad__buf_reset(&y);
    dyad__buf_adds(&y, "keywords: [");
    for (int i = 0; i < 101; i++)
        dyad__buf_addc(&y, 't');
    dyad__buf_adds(&y, ", short]\ntags:");
    for (int i = 0; i < 70; i++)
        dyad__buf_printf(&y, "\n  - tag%d", i);
    d = fm(y.data, y.len, NULL);
    tags = d ? dyad_doc_tags(d, &nt) : NULL;
    T_INTEQ(nt, 64);
    T_STREQ(nt ? tags[0] : NULL, "short");
    T_STREQ(nt ? tags[63] : NULL, "tag62");
    dyad_doc_free(d);

    /* Noise that must never crash or hang: every prefix of a front matter full of YAML syntax */
    static const char noisy[] = "title: &t \"A \\u2019 b\"\ntags: [a, {b: c}, *t, [d, e]]\n? [complex, key]\n"
                                ": value\nlit: |\n  x\n  y\nfold: >-\n  z\nbad: \"\\q\" x\n\t- tab\n";
    for (size_t n = 0; n <= sizeof noisy - 1; n++) {
        d = fm(noisy, n, NULL);
        dyad_doc_free(d);
    }
    dyad__buf_free(&y);
}

int main(void)
{
    ctx = dyad_ctx_new(NULL);
    if (!ctx)
        return 1;
    test_text();
    test_encodings();
    test_markdown();
    test_pdf();
    test_big_line();
    test_md_long_block();
    test_front_matter_limits();
    dyad_ctx_free(ctx);
    T_DONE();
}
