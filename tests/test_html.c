/* Unit tests for the HTML reader (src/read/html*.c): character sets, metadata with sources, JSON-LD,
 * main-content extraction, block kinds and flags, and hostile pages (deep nesting, scripts only,
 * invalid UTF-8). The reader is tested alone (no cleaner), so what it keeps is what it decided. */
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "read/html_priv.h"
#include "t.h"

static dyad_ctx *ctx;

static dyad_doc *rd(const char *html, size_t len)
{
    dyad_doc *d = NULL;
    int err = dyad_doc_read_mem(ctx, "t.html", html, len, DYAD_FMT_HTML, &d);
    T_OK(err == DYAD_OK, "read failed: %d %s", err, dyad_errmsg(ctx));
    return err ? NULL : d;
}

static dyad_doc *rds(const char *html) { return rd(html, strlen(html)); }

/* The kept text, blocks joined by '|'. Caller frees. */
static char *kept(const dyad_doc *d)
{
    size_t cap = 1, n = 0;
    for (size_t i = 0; i < dyad_doc_nblocks(d); i++)
        cap += dyad_doc_block(d, i)->len + 1;
    char *s = malloc(cap);
    for (size_t i = 0; i < dyad_doc_nblocks(d); i++) {
        const dyad_block *b = dyad_doc_block(d, i);
        if (b->drop)
            continue;
        if (n)
            s[n++] = '|';
        memcpy(s + n, b->text, b->len);
        n += b->len;
    }
    s[n] = 0;
    return s;
}

/* The first block (kept or not) whose text contains needle. */
static const dyad_block *find(const dyad_doc *d, const char *needle)
{
    for (size_t i = 0; i < dyad_doc_nblocks(d); i++)
        if (strstr(dyad_doc_block(d, i)->text, needle))
            return dyad_doc_block(d, i);
    return NULL;
}

/* Converts UTF-8 text into another charset with iconv. Caller frees. */
static char *to_charset(const char *utf8, const char *cs, size_t *outlen)
{
    iconv_t cd = iconv_open(cs, "UTF-8");
    if (cd == (iconv_t)-1)
        return NULL;
    size_t inl = strlen(utf8), cap = inl * 2 + 16, outl = cap;
    char *out = malloc(cap), *o = out, *in = (char *)utf8;
    size_t r = iconv(cd, &in, &inl, &o, &outl);
    iconv_close(cd);
    if (r == (size_t)-1) {
        free(out);
        return NULL;
    }
    *outlen = cap - outl;
    return out;
}

static const char *ARTICLE_JA =
    "<p>日本とインドは二〇〇〇年に「グローバル・パートナーシップ」を結び、両国の協力は経済、安全保障、文化の各分野で広がっている。</p>"
    "<p>新幹線の技術を使ったムンバイとアーメダバードを結ぶ高速鉄道の計画は、両国の協力を象徴する事業として知られている。</p>";

static void test_charsets(void)
{
    /* Shift_JIS declared with <meta charset> */
    char page[4096];
    snprintf(page, sizeof page, "<!DOCTYPE html><html><head><meta charset=\"Shift_JIS\"><title>日印関係</title></head>"
             "<body><article>%s</article></body></html>", ARTICLE_JA);
    size_t n;
    char *sj = to_charset(page, "SHIFT_JIS", &n);
    T_OK(sj != NULL, "iconv cannot make Shift_JIS");
    if (sj) {
        dyad_doc *d = rd(sj, n);
        if (d) {
            T_STREQ(dyad_doc_encoding(d), "SHIFT_JIS");
            T_STREQ(dyad_doc_meta(d)->title.value, "日印関係");
            const dyad_block *b = find(d, "グローバル・パートナーシップ");
            T_OK(b && !b->drop, "Japanese paragraph missing or dropped");
            T_OK(find(d, "ムンバイとアーメダバード") != NULL, "second paragraph");
            dyad_doc_free(d);
        }
        free(sj);
    }
    /* EUC-JP declared with http-equiv */
    snprintf(page, sizeof page, "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=EUC-JP\">"
             "</head><body><div class=\"content\">%s</div></body></html>", ARTICLE_JA);
    char *ej = to_charset(page, "EUC-JP", &n);
    T_OK(ej != NULL, "iconv cannot make EUC-JP");
    if (ej) {
        dyad_doc *d = rd(ej, n);
        if (d) {
            T_STREQ(dyad_doc_encoding(d), "EUC-JP");
            const dyad_block *b = find(d, "高速鉄道の計画");
            T_OK(b && !b->drop, "EUC-JP paragraph missing or dropped");
            dyad_doc_free(d);
        }
        free(ej);
    }
    /* XML declaration naming the encoding */
    snprintf(page, sizeof page, "<?xml version=\"1.0\" encoding=\"euc-jp\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">"
             "<body><p>%s</p></body></html>", "東京とデリーの首脳会談は毎年開かれ、両国の首相が協力の進み具合を確かめている。");
    ej = to_charset(page, "EUC-JP", &n);
    if (ej) {
        dyad_doc *d = rd(ej, n);
        if (d) {
            T_STREQ(dyad_doc_encoding(d), "EUC-JP");
            T_OK(find(d, "首脳会談") != NULL, "XML-declared EUC-JP");
            dyad_doc_free(d);
        }
        free(ej);
    }
    /* Windows-1252 declared as ISO-8859-1 (as browsers do), curly quotes at 0x93/0x94 */
    const char *w = "<html><head><meta charset=\"iso-8859-1\"></head><body><p>The minister said \x93we are partners\x94 "
                    "in Tokyo, caf\xE9 talks went well, and the two sides agreed on the next steps.</p></body></html>";
    dyad_doc *d = rds(w);
    if (d) {
        T_STREQ(dyad_doc_encoding(d), "WINDOWS-1252");
        T_OK(find(d, "\xE2\x80\x9Cwe are partners\xE2\x80\x9D") != NULL, "curly quotes from Windows-1252");
        T_OK(find(d, "caf\xC3\xA9") != NULL, "e acute from Windows-1252");
        dyad_doc_free(d);
    }
    /* UTF-8 BOM wins over a wrong declaration */
    const char *bom = "\xEF\xBB\xBF<html><head><meta charset=\"shift_jis\"></head><body><p>Caf\xC3\xA9 and na\xC3\xAFve "
                      "words stay as they are, because the byte order mark says UTF-8.</p></body></html>";
    d = rds(bom);
    if (d) {
        T_STREQ(dyad_doc_encoding(d), "UTF-8");
        T_OK(find(d, "Caf\xC3\xA9 and na\xC3\xAFve") != NULL, "BOM UTF-8 text");
        dyad_doc_free(d);
    }
    /* an ASCII page declaring UTF-16 is read as UTF-8, as browsers do */
    d = rds("<html><head><meta charset=\"utf-16\"></head><body><p>Plain ASCII text that says it is UTF-16, "
            "which cannot be true for a page whose declaration could be read as ASCII.</p></body></html>");
    if (d) {
        T_STREQ(dyad_doc_encoding(d), "UTF-8");
        T_OK(find(d, "Plain ASCII text") != NULL, "utf-16 declaration ignored");
        dyad_doc_free(d);
    }
    /* the same for the other encodings without ASCII bytes (UTF-32, UCS-2, UCS-4) */
    static const char *const wide[] = {"utf-32", "UTF-32LE", "ucs-2", "ucs-4"};
    for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++) {
        char pg[512];
        snprintf(pg, sizeof pg, "<html><head><meta charset=\"%s\"></head><body><p>Plain ASCII text that says it "
                 "is %s, which cannot be true for a page whose declaration could be read.</p></body></html>",
                 wide[i], wide[i]);
        d = rds(pg);
        T_OK(d != NULL, "%s: %s", wide[i], dyad_errmsg(ctx));
        if (d) {
            T_STREQ(dyad_doc_encoding(d), "UTF-8");
            T_OK(find(d, "Plain ASCII text") != NULL, "%s declaration ignored", wide[i]);
            dyad_doc_free(d);
        }
    }
    /* a page re-saved as UTF-8 that still declares windows-1251 */
    d = rds("<html><head><meta charset=\"windows-1251\"></head><body><p>Переговоры в Дели и Токио, как сообщили "
            "официальные лица, продолжатся в следующем году.</p></body></html>");
    if (d) {
        T_STREQ(dyad_doc_encoding(d), "UTF-8");
        T_OK(find(d, "Переговоры в Дели") != NULL, "valid UTF-8 wins over a legacy declaration");
        dyad_doc_free(d);
    }
    /* the sniffer alone */
    char label[64];
    T_CHECK(dyad__html_sniff_charset("<meta charset='EUC-JP'>", 23, label, sizeof label) == 1);
    T_STREQ(label, "EUC-JP");
    const char *he = "<META HTTP-EQUIV=\"content-type\" CONTENT=\"text/html;charset=windows-1251\">";
    T_CHECK(dyad__html_sniff_charset(he, strlen(he), label, sizeof label) == 1);
    T_STREQ(label, "windows-1251");
    T_CHECK(dyad__html_sniff_charset("<p>no charset here</p>", 22, label, sizeof label) == 0);
}

static void test_invalid_utf8(void)
{
    /* declared UTF-8, one bad byte among valid multi-byte text: repaired with U+FFFD, not refused */
    const char *a = "<html><head><meta charset=\"utf-8\"></head><body><p>Caf\xC3\xA9 diplomacy between Delhi and "
                    "Tokyo \xFF continued through the year, with several visits.</p></body></html>";
    dyad_doc *d = rds(a);
    if (d) {
        const dyad_block *b = find(d, "diplomacy between Delhi");
        T_OK(b != NULL, "text of a page with a bad byte");
        T_OK(b && strstr(b->text, "\xEF\xBF\xBD") != NULL, "bad byte becomes U+FFFD");
        T_OK(b && strstr(b->text, "Caf\xC3\xA9") != NULL, "valid UTF-8 kept");
        T_STREQ(dyad_doc_encoding(d), "UTF-8");
        dyad_doc_free(d);
    }
    T_STREQ(dyad_errmsg(ctx), ""); /* repaired: no error message left behind */
    /* no declaration, the same damage */
    const char *b2 = "<html><body><p>Na\xC3\xAFve \xC3 readers of this page see a replacement character "
                     "and the rest of the paragraph.</p></body></html>";
    d = rds(b2);
    if (d) {
        T_OK(find(d, "rest of the paragraph") != NULL, "undeclared damaged UTF-8 still read");
        dyad_doc_free(d);
    }
    /* no declaration, no multi-byte UTF-8 at all: Latin-1 / Windows-1252 */
    const char *c = "<html><body><p>R\xE9sum\xE9 of the \xE9t\xE9 meetings between the two governments.</p></body></html>";
    d = rds(c);
    if (d) {
        T_OK(find(d, "R\xC3\xA9sum\xC3\xA9") != NULL, "Latin-1 detected");
        dyad_doc_free(d);
    }
    /* declared Shift_JIS but with bytes Shift_JIS does not allow: converted, bad bytes replaced */
    size_t n;
    char *sj = to_charset("<html><head><meta charset=\"shift_jis\"></head><body><p>日本とインドの対話は続いている。"
                          "</p></body></html>", "SHIFT_JIS", &n);
    if (sj) {
        char *bad = malloc(n + 2);
        memcpy(bad, sj, n);
        /* an invalid lead byte (0xFD is unassigned in Shift_JIS) before the closing tags */
        char *p = strstr(bad, "</p>");
        if (p) {
            memmove(p + 1, p, (size_t)(bad + n - p));
            *p = (char)0xFD;
            dyad_doc *e = rd(bad, n + 1);
            if (e) {
                T_OK(find(e, "インドの対話") != NULL, "Shift_JIS text around an invalid byte");
                dyad_doc_free(e);
            }
        }
        free(bad);
        free(sj);
    }
    /* control characters and U+FFFF are not XML characters: the parser must still see the text */
    const char *ctl = "<p>Before\x01\x02 after the controls and \xEF\xBF\xBF a non-character, the text goes on "
                      "for a while longer.</p>";
    d = rds(ctl);
    if (d) {
        T_OK(find(d, "after the controls") && find(d, "goes on"), "text around control characters");
        dyad_doc_free(d);
    }
}

static void test_meta(void)
{
    const char *page =
        "<!DOCTYPE html><html lang=\"en-GB\"><head>"
        "<title>Delhi and Tokyo sign a rail pact - The Example Times</title>"
        "<meta property=\"og:title\" content=\"Delhi and Tokyo sign a rail pact\">"
        "<meta name=\"twitter:title\" content=\"Twitter title\">"
        "<meta property=\"article:published_time\" content=\"2019-11-19T10:04:00+05:30\">"
        "<meta property=\"article:modified_time\" content=\"2019-11-20T08:00:00Z\">"
        "<meta name=\"author\" content=\"Asha Rao\">"
        "<meta property=\"article:author\" content=\"https://www.facebook.com/someone\">"
        "<meta property=\"og:site_name\" content=\"The Example Times\">"
        "<meta name=\"description\" content=\"  The two governments   agreed on a high-speed line. \">"
        "<link rel=\"canonical\" href=\"https://example.com/rail-pact\">"
        "</head><body><article><h1>Delhi and Tokyo sign a rail pact</h1>"
        "<p>The governments of India and Japan signed an agreement on Tuesday to build a high-speed line, "
        "officials said, after two years of talks.</p>"
        "<p>The line will link two western cities, cutting the journey from seven hours to about two, "
        "according to the plan, which both cabinets approved.</p></article></body></html>";
    dyad_doc *d = rds(page);
    if (!d)
        return;
    const dyad_meta *m = dyad_doc_meta(d);
    T_STREQ(m->title.value, "Delhi and Tokyo sign a rail pact");
    T_STREQ(m->title.source, "meta og:title");
    T_STREQ(m->date.value, "2019-11-19");
    T_STREQ(m->date.source, "meta article:published_time");
    T_STREQ(m->updated.value, "2019-11-20");
    T_STREQ(m->updated.source, "meta article:modified_time");
    T_STREQ(m->author.value, "Asha Rao");
    T_STREQ(m->author.source, "meta author");
    T_STREQ(m->publisher.value, "The Example Times");
    T_STREQ(m->publisher.source, "meta og:site_name");
    T_STREQ(m->description.value, "The two governments agreed on a high-speed line.");
    T_STREQ(m->language.value, "en-GB");
    T_STREQ(m->language.source, "html lang");
    T_STREQ(m->url.value, "https://example.com/rail-pact");
    T_STREQ(m->url.source, "link canonical");
    /* the headline repeating the title is metadata, not article text */
    const dyad_block *h = find(d, "sign a rail pact");
    T_OK(h && h->kind == DYAD_BLOCK_HEADING && h->drop == DYAD_DROP_META, "title heading dropped as meta");
    dyad_doc_free(d);

    /* JSON-LD only, nested author and publisher objects, an @graph, escapes */
    const char *ld =
        "<html><head><title>Page</title><script type=\"application/ld+json\">"
        "{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":\"WebSite\",\"url\":\"https://x.example\"},"
        "{\"@type\":\"NewsArticle\",\"headline\":\"Ports deal \\u201cdone\\u201d\",\"datePublished\":\"2021-03\","
        "\"dateModified\":\"2021-04-02T00:00:00Z\",\"author\":[{\"@type\":\"Person\",\"name\":\"Kenji Sato\"},"
        "{\"@type\":\"Person\",\"name\":\"Second\"}],\"publisher\":{\"@type\":\"Organization\",\"name\":\"Harbour News\","
        "\"logo\":{\"url\":\"l.png\"}}}]}</script></head><body><p>Body text that is long enough to be an article "
        "paragraph, with a comma, and more words.</p></body></html>";
    d = rds(ld);
    if (!d)
        return;
    m = dyad_doc_meta(d);
    T_STREQ(m->title.value, "Ports deal \xE2\x80\x9C" "done\xE2\x80\x9D");
    T_STREQ(m->title.source, "json-ld headline");
    T_STREQ(m->date.value, "2021-03");
    T_STREQ(m->date.source, "json-ld datePublished");
    T_STREQ(m->updated.value, "2021-04-02");
    T_STREQ(m->author.value, "Kenji Sato");
    T_STREQ(m->author.source, "json-ld author");
    T_STREQ(m->publisher.value, "Harbour News");
    T_STREQ(m->publisher.source, "json-ld publisher");
    dyad_doc_free(d);

    /* <time datetime> in the article, a byline, a date in words, html title as the last resort */
    const char *tm =
        "<html><head><title>A visit to Kyoto</title><meta name=\"date\" content=\"not a date\"></head><body>"
        "<nav><a href=\"/\">Home</a> <time datetime=\"2001-01-01\">old</time></nav>"
        "<article><p class=\"byline\">By Meera Iyer</p><time datetime=\"2018-10-29T09:00\">29 October 2018</time>"
        "<p>The prime minister arrived in Kyoto for the annual summit, the thirteenth of its kind, and was met "
        "at the station by the governor.</p><p>Talks covered trade, defence and a new fund for start-ups, "
        "officials from both sides said afterwards.</p></article></body></html>";
    d = rds(tm);
    if (!d)
        return;
    m = dyad_doc_meta(d);
    T_STREQ(m->title.value, "A visit to Kyoto");
    T_STREQ(m->title.source, "html title");
    T_STREQ(m->date.value, "2018-10-29");
    T_STREQ(m->date.source, "html time");
    T_STREQ(m->author.value, "Meera Iyer");
    T_STREQ(m->author.source, "byline");
    const dyad_block *by = find(d, "Meera Iyer");
    T_OK(by && by->drop, "byline is not article text");
    dyad_doc_free(d);

    /* date normalisation */
    char iso[16];
    T_INTEQ(dyad__html_date(ctx, "2019-11-19T10:04:00Z", 20, iso), 10);
    T_STREQ(iso, "2019-11-19");
    T_INTEQ(dyad__html_date(ctx, "2024-03", 7, iso), 7);
    T_STREQ(iso, "2024-03");
    T_INTEQ(dyad__html_date(ctx, "2010", 4, iso), 4);
    T_STREQ(iso, "2010");
    T_INTEQ(dyad__html_date(ctx, "20100629", 8, iso), 10);
    T_STREQ(iso, "2010-06-29");
    const char *rfc = "Tue, 19 Nov 2019 10:04:00 GMT";
    T_OK(dyad__html_date(ctx, rfc, strlen(rfc), iso) && !strcmp(iso, "2019-11-19"), "RFC 1123: %s", iso);
    const char *us = "November 5, 2019";
    T_OK(dyad__html_date(ctx, us, strlen(us), iso) && !strcmp(iso, "2019-11-05"), "US words: %s", iso);
    const char *mo = "Sept. 2017";
    T_OK(dyad__html_date(ctx, mo, strlen(mo), iso) && !strcmp(iso, "2017-09"), "month and year: %s", iso);
    T_INTEQ(dyad__html_date(ctx, "yesterday", 9, iso), 0);
    T_INTEQ(dyad__html_date(ctx, "2019-13-40", 10, iso), 0);
}

static void test_extraction(void)
{
    const char *page =
        "<html><head><title>Trade talks</title></head><body>"
        "<header><div class=\"logo\">Example News</div><nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/w\">World"
        "</a></li><li><a href=\"/b\">Business</a></li><li><a href=\"/s\">Sport</a></li></ul></nav></header>"
        "<div id=\"cookie-banner\">We use cookies to improve your experience. <a href=\"/c\">Accept</a></div>"
        "<div class=\"layout\"><main><div class=\"article-body\">"
        "<h2>Background</h2>"
        "<p>India and Japan have held annual summits since 2006, and trade between them has more than doubled "
        "in that time, according to figures from both governments.</p>"
        "<p>This year the talks focused on semiconductors, clean energy and the supply of rare earths, which "
        "both countries import in large amounts.</p>"
        "<ul><li>A joint fund for start-ups in clean energy, worth several billion yen.</li>"
        "<li>Training places for engineers, in both countries, over five years.</li></ul>"
        "<blockquote><p>We are partners in a region that matters to the whole world, said one minister.</p></blockquote>"
        "<p>Read more: <a href=\"/x\">Earlier summits and what they agreed, in a long list of links</a></p>"
        "<p>Officials said the next meeting would be held in Delhi, probably in the autumn, once the dates are set.</p>"
        "</div></main>"
        "<aside class=\"sidebar\"><h3>Most read</h3><ul><li><a href=\"/1\">Story one about something else</a></li>"
        "<li><a href=\"/2\">Story two about another thing</a></li></ul></aside></div>"
        "<footer><p>Copyright 2024 Example News. All rights reserved.</p><a href=\"/privacy\">Privacy</a></footer>"
        "<form><label>Subscribe to our newsletter</label><input type=\"email\"><button>Sign up</button></form>"
        "</body></html>";
    dyad_doc *d = rds(page);
    if (!d)
        return;
    char *k = kept(d);
    T_OK(strstr(k, "annual summits since 2006") != NULL, "first paragraph kept: %s", k);
    T_OK(strstr(k, "next meeting would be held in Delhi") != NULL, "last paragraph kept");
    T_OK(strstr(k, "joint fund for start-ups") != NULL, "list item kept");
    T_OK(strstr(k, "partners in a region") != NULL, "quote kept");
    T_OK(strstr(k, "Background") != NULL, "heading kept");
    T_OK(strstr(k, "Home") == NULL && strstr(k, "Business") == NULL, "nav dropped: %s", k);
    T_OK(strstr(k, "cookies") == NULL, "cookie banner dropped");
    T_OK(strstr(k, "Most read") == NULL && strstr(k, "Story one") == NULL, "aside dropped");
    T_OK(strstr(k, "Copyright") == NULL, "footer dropped");
    T_OK(strstr(k, "newsletter") == NULL && strstr(k, "Sign up") == NULL, "form dropped");
    T_OK(strstr(k, "Earlier summits") == NULL, "link-only paragraph dropped");
    free(k);
    const dyad_block *b = find(d, "Background");
    T_OK(b && b->kind == DYAD_BLOCK_HEADING && b->level == 2, "h2 is a level-2 heading");
    b = find(d, "joint fund");
    T_OK(b && b->kind == DYAD_BLOCK_ITEM && b->level == 1, "li is an item of level 1");
    b = find(d, "partners in a region");
    T_OK(b && b->kind == DYAD_BLOCK_QUOTE, "blockquote paragraph is a quote");
    b = find(d, "annual summits");
    T_OK(b && (b->flags & DYAD_BF_MAIN) && b->link_bytes == 0, "article paragraph flags");
    b = find(d, "Business");
    T_OK(b && (b->flags & DYAD_BF_IN_NAV) && (b->flags & DYAD_BF_IN_HEADER) && b->drop, "nav flags");
    T_OK(b && b->link_bytes == b->len, "menu item is all link");
    b = find(d, "Story two");
    T_OK(b && (b->flags & DYAD_BF_IN_ASIDE) && b->drop, "aside flags");
    b = find(d, "Copyright");
    T_OK(b && (b->flags & DYAD_BF_IN_FOOTER) && b->drop == DYAD_DROP_OUTSIDE, "footer flags");
    b = find(d, "Earlier summits");
    T_OK(b && b->link_bytes > b->len / 2 && b->drop == DYAD_DROP_NAV, "link paragraph: %u of %zu",
         b ? b->link_bytes : 0, b ? b->len : 0);
    dyad_doc_free(d);

    /* hidden text never appears; <br><br> separates paragraphs; entities decoded */
    const char *h = "<body><div class=\"post\">First part of a long paragraph about the port project, which "
                    "opened in May &amp; runs well.<br><br>Second part, after two line breaks, about the budget "
                    "and the timetable for the works.<span style=\"display: none\">HIDDEN TEXT</span>"
                    "<div hidden>HIDDEN TOO</div><div aria-hidden=\"true\">HIDDEN THREE</div></div></body>";
    d = rds(h);
    if (d) {
        k = kept(d);
        T_OK(strstr(k, "HIDDEN") == NULL, "hidden text not emitted: %s", k);
        T_OK(strstr(k, "May & runs well.|Second part") != NULL, "br br splits, entity decoded: %s", k);
        free(k);
        dyad_doc_free(d);
    }

    /* a heading whose section was all dropped goes too; one with text under it stays */
    const char *orph = "<body><div class=\"entry\"><h2>The summit</h2><p>Leaders met in Tokyo on Monday, and agreed "
                       "on a programme of visits, exchanges and joint research over the next five years.</p>"
                       "<p>The next summit will be in Delhi, officials said, without giving a date for it.</p>"
                       "<h3>Related stories</h3><ul><li><a href=\"/1\">An older story about trade</a></li>"
                       "<li><a href=\"/2\">Another older story about ports</a></li></ul></div></body>";
    d = rds(orph);
    if (d) {
        k = kept(d);
        T_OK(strstr(k, "The summit|Leaders met") != NULL, "heading with text kept: %s", k);
        T_OK(strstr(k, "Related stories") == NULL, "orphan heading dropped: %s", k);
        free(k);
        dyad_doc_free(d);
    }

    /* a data table: one block per row; a layout table: the long cell is a block of its own */
    const char *tab = "<body><div class=\"article\"><p>The figures below are rounded, and the last year is provisional, "
                      "as the customs offices of both countries say.</p><table><tr><th>Year</th><th>Trade</th></tr>"
                      "<tr><td>2019</td><td>17.7</td></tr><tr><td>2020</td><td>15.9</td></tr><tr><td>2021</td><td>20.6</td></tr>"
                      "</table></div></body>";
    d = rds(tab);
    if (d) {
        const dyad_block *row = find(d, "2019");
        T_OK(row && !strcmp(row->text, "2019 | 17.7") && row->kind == DYAD_BLOCK_CELL && !row->drop, "data row: %s",
             row ? row->text : "(none)");
        dyad_doc_free(d);
    }
    const char *lay = "<body><table><tr><td><a href=\"/\">Home</a><br><a href=\"/n\">News</a><br><a href=\"/c\">Contact"
                      "</a></td><td>The old site keeps its article in a table cell, as many pages from the early web do, "
                      "with line breaks for paragraphs and no other markup at all.<br><br>The second paragraph of the "
                      "article follows after two line breaks, and it is as long as the first one, or longer.</td></tr>"
                      "</table></body>";
    d = rds(lay);
    if (d) {
        k = kept(d);
        T_OK(strstr(k, "Home") == NULL, "menu cell not joined to the article: %s", k);
        T_OK(strstr(k, "early web do") && strstr(k, "The second paragraph"), "article cell kept: %s", k);
        free(k);
        dyad_doc_free(d);
    }

    /* a page with no article: no crash, nothing much kept */
    const char *none = "<html><body><ul><li><a href=\"/a\">A</a></li><li><a href=\"/b\">B</a></li></ul></body></html>";
    d = rds(none);
    if (d) {
        T_CHECK(dyad_doc_nblocks(d) <= 2);
        dyad_doc_free(d);
    }
    /* a fragment without html or body */
    d = rds("<p>Just a paragraph of a fragment, with enough words in it to be scored as text.</p><p>And one more.</p>");
    if (d) {
        k = kept(d);
        T_OK(strstr(k, "Just a paragraph") != NULL, "fragment text: %s", k);
        free(k);
        dyad_doc_free(d);
    }
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *repeat(const char *pre, const char *open, size_t n, const char *mid, const char *close, size_t *len)
{
    size_t lo = strlen(open), lc = close ? strlen(close) : 0, lp = strlen(pre), lm = strlen(mid);
    char *s = malloc(lp + n * (lo + lc) + lm + 1), *p = s;
    memcpy(p, pre, lp);
    p += lp;
    for (size_t i = 0; i < n; i++, p += lo)
        memcpy(p, open, lo);
    memcpy(p, mid, lm);
    p += lm;
    for (size_t i = 0; close && i < n; i++, p += lc)
        memcpy(p, close, lc);
    *p = 0;
    *len = (size_t)(p - s);
    return s;
}

static void test_hostile(void)
{
    static const struct { const char *open, *mid, *close; } cases[] = {
        {"<div>", "deep text at the bottom of the nesting, long enough to count.", "</div>"},
        {"<div>", "unmatched end tags follow, each would scan the whole stack.", "</span>"},
        {"<b><i>", "inline nesting without any end tags at all, for a change.", NULL},
        {"<table><tr><td>", "table cells nested inside table cells without end.", NULL},
        {"<p><span>", "paragraphs that close each other, spans that do not.", NULL},
        {"<ul><li>", "lists nested inside list items, to the bottom.", "</li></ul>"},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        size_t len;
        char *s = repeat("<html><body>", cases[c].open, 100000, cases[c].mid, cases[c].close, &len);
        double t0 = now();
        dyad_doc *d = rd(s, len);
        double dt = now() - t0;
        T_OK(dt < 5.0, "case %zu: 100,000-deep nesting took %.2f s", c, dt);
        if (d) {
            const char *needle = cases[c].mid;
            char word[16];
            memcpy(word, needle, 10);
            word[10] = 0;
            T_OK(find(d, word) != NULL, "case %zu: text at the bottom of deep nesting is read", c);
            dyad_doc_free(d);
        }
        free(s);
    }
    /* many elements whose content is skipped, never closed: linear, and the text after them kept */
    {
        size_t blen;
        char *b = repeat("<html><body><p>", "<button>press ", 200000, "text after the buttons", NULL, &blen);
        double t1 = now();
        dyad_doc *e = rd(b, blen);
        T_OK(now() - t1 < 5.0, "200,000 unclosed buttons took %.2f s", now() - t1);
        if (e) {
            T_OK(find(e, "text after the buttons") != NULL, "text after unclosed buttons");
            dyad_doc_free(e);
        }
        free(b);
        b = repeat("<html><body><p>before</p>", "<script src=\"a.js\"/>", 3, "var x = '<p>code</p>';</script><p>after</p>",
                   NULL, &blen);
        e = rd(b, blen);
        if (e) {
            T_OK(find(e, "code") == NULL && find(e, "after") != NULL, "<script/> runs to </script> as in browsers");
            dyad_doc_free(e);
        }
        free(b);
    }
    /* only scripts and styles */
    const char *scripts = "<html><head><script>var a = '<p>not text</p>';</script><style>p{}</style></head>"
                          "<body><script type=\"text/javascript\">document.write('<div>x</div>');</script>"
                          "<noscript>Please enable JavaScript</noscript></body></html>";
    dyad_doc *d = rds(scripts);
    if (d) {
        T_INTEQ(dyad_doc_nblocks(d), 0);
        dyad_doc_free(d);
    }
    /* unterminated constructs at the end of input */
    static const char *const cut[] = {"<p>text <!-- comment never ends", "<p>text <script>never ends",
                                      "<p>text <a href=\"never ends", "<p>text <", "<p>text </", "<p>text <!",
                                      "<title>never ends", "<p>a &#x110000; &#0; &#xD800; &bogus; b</p>",
                                      "<svg><p>inside svg</p>", "<</<<>><!--><!--->x"};
    for (size_t i = 0; i < sizeof cut / sizeof cut[0]; i++) {
        dyad_doc *e = NULL;
        int err = dyad_doc_read_mem(ctx, "cut.html", cut[i], strlen(cut[i]), DYAD_FMT_HTML, &e);
        T_OK(err == DYAD_OK, "truncated input %zu: %d", i, err);
        dyad_doc_free(e);
    }
    /* more nodes than HTML_MAX_NODES: read up to the limit, no error, memory bounded */
    {
        size_t blen;
        char *big = repeat("<html><body><p>", "<i>x</i> ", 1200000, "end of the page", NULL, &blen);
        dyad_doc *e = rd(big, blen);
        if (e) {
            T_OK(dyad_doc_nblocks(e) >= 1, "a page past the node limit still gives its text");
            dyad_doc_free(e);
        }
        free(big);
    }
    /* a long page of many paragraphs: linear time */
    size_t len;
    char *many = repeat("<html><body><div>", "<p>Paragraph of text, with a comma, about trade and ports.</p>", 200000,
                        "", NULL, &len);
    double t0 = now();
    d = rd(many, len);
    double dt = now() - t0;
    T_OK(dt < 10.0, "200,000 paragraphs took %.2f s", dt);
    if (d) {
        T_OK(dyad_doc_nblocks(d) == 200000, "200,000 blocks, got %zu", dyad_doc_nblocks(d));
        dyad_doc_free(d);
    }
    free(many);
}

static void test_jsonld_hostile(void)
{
    /* deep and broken JSON: no crash, bounded */
    size_t len;
    char *deep = repeat("", "[{\"a\":", 50000, "\"x\"", NULL, &len);
    dyad_doc *d = rds("<p>x</p>");
    if (d) {
        html_ld ld;
        memset(&ld, 0, sizeof ld);
        dyad__html_jsonld(d, deep, len, &ld);
        dyad__html_jsonld(d, "{\"headline\":\"unterminated", 25, &ld);
        T_STREQ(ld.headline, "unterminated");
        dyad__html_jsonld(d, "}}]]{\"headline\":\"late\"", 22, &ld);
        T_STREQ(ld.headline, "unterminated");
        dyad_doc_free(d);
    }
    free(deep);
}

int main(void)
{
    ctx = dyad_ctx_new(NULL);
    if (!ctx)
        return 1;
    test_charsets();
    test_invalid_utf8();
    test_meta();
    test_extraction();
    test_hostile();
    test_jsonld_hostile();
    dyad_ctx_free(ctx);
    T_DONE();
}
