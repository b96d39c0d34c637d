/* Unit tests for the cleaner: each rule with the reason it records, the HTML contract, the phrase
 * list read from a data folder, the text output, and linear cost on large inputs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/internal.h"
#include "t.h"

static dyad_ctx *ctx;

static dyad_doc *cleaned(const char *name, const char *s, int *err)
{
    dyad_doc *d = NULL;
    *err = dyad_doc_read_mem(ctx, name, s, strlen(s), DYAD_FMT_AUTO, &d);
    if (!*err)
        *err = dyad_clean(ctx, d);
    return d;
}

/* The drop reason of the first block containing s, or -1 when there is none. */
static int why(const dyad_doc *d, const char *s)
{
    for (size_t i = 0; d && i < dyad_doc_nblocks(d); i++)
        if (strstr(dyad_doc_block(d, i)->text, s))
            return (int)dyad_doc_block(d, i)->drop;
    return -1;
}

/* The drop reason of the first block starting with s, or -1. */
static int why_start(const dyad_doc *d, const char *s)
{
    for (size_t i = 0; d && i < dyad_doc_nblocks(d); i++)
        if (!strncmp(dyad_doc_block(d, i)->text, s, strlen(s)))
            return (int)dyad_doc_block(d, i)->drop;
    return -1;
}

static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p++)
        n++;
    return n;
}

static const char *PARA1 = "India and Japan held their first meeting of foreign and defence ministers in New Delhi in "
                           "November 2019, a format that Japan uses with only a few of its closest partners.";
static const char *PARA2 = "The two sides discussed maritime security, the supply of defence equipment and the "
                           "situation in the region, and they agreed to meet again in Tokyo within two years.";
static const char *PARA3 = "Officials said that the talks had been frank and that both governments wanted the "
                           "dialogue to become a regular part of the relationship between the two countries.";

static void test_web_text(void)
{
    char s[8192];
    snprintf(s, sizeof s,
             "Home\nAbout Us\nResearch Programmes\nPublications\nEvents\nContact\n\n"
             "Ministers Meet in Delhi\nR. K. Menon\n\n5 December 2019\n\n"
             "%s\n\nWhat Was Agreed\n\n%s\n\n%s\n\n"
             "%s\n\n%s\n\n"
             "Connect with Us\nfacebook\ntwitter\nlinkedin\nyoutube\n\n"
             "Tel: +65 6790 6982\n\n"
             "Enjoying this article? Subscribe for full access.\n\n"
             "This site uses cookies to offer you a better browsing experience.\n",
             PARA1, PARA2, PARA3, PARA2, PARA3);
    int err;
    dyad_doc *d = cleaned("page.txt", s, &err);
    T_INTEQ(err, DYAD_OK);
    if (!d)
        return;
    T_INTEQ(why(d, "Research Programmes"), DYAD_DROP_NAV);
    T_INTEQ(why(d, "Ministers Meet in Delhi"), DYAD_DROP_NONE);
    T_INTEQ(why(d, "R. K. Menon"), DYAD_DROP_NONE);
    T_INTEQ(why(d, "5 December 2019"), DYAD_DROP_NONE);
    T_INTEQ(why(d, "What Was Agreed"), DYAD_DROP_NONE); /* a heading inside the article */
    T_INTEQ(why(d, "youtube"), DYAD_DROP_NAV);
    T_INTEQ(why(d, "Tel: +65"), DYAD_DROP_BOILERPLATE);
    T_INTEQ(why(d, "Enjoying this article"), DYAD_DROP_BOILERPLATE);
    T_INTEQ(why(d, "uses cookies"), DYAD_DROP_BOILERPLATE);
    const char *t = dyad_doc_text(d, NULL);
    T_INTEQ(count(t, "they agreed to meet again"), 1); /* the repeat is gone */
    T_INTEQ(count(t, "frank"), 1);
    /* the text: kept blocks, one blank line between, a final newline */
    T_OK(!strncmp(t, "Ministers Meet in Delhi\n\nR. K. Menon\n\n5 December 2019\n\nIndia and Japan", 70), "%.80s", t);
    size_t n = strlen(t);
    T_OK(n > 2 && t[n - 1] == '\n' && t[n - 2] != '\n', "ends with one newline");
    T_CHECK(strstr(t, "\n\n\n") == NULL);
    /* every dropped block has a reason */
    for (size_t i = 0; i < dyad_doc_nblocks(d); i++) {
        const dyad_block *b = dyad_doc_block(d, i);
        T_OK(b->drop >= DYAD_DROP_NONE && b->drop <= DYAD_DROP_OTHER, "reason %d", b->drop);
    }
    dyad_doc_free(d);
}

static void test_pages(void)
{
    /* Running headers next to form feeds, a footer with page numbers, a paragraph cut by a page
     * break with a hyphen, and one cut without. */
    char s[8192];
    snprintf(s, sizeof s,
             "JOURNAL OF ASIAN AFFAIRS\nVol. 3\n\n%s Japan has also lent money for the metro and for the high-speed line between Mumbai and Ahme-\n\n"
             "Page 1\n\fJOURNAL OF ASIAN AFFAIRS\nVol. 3\n\ndabad, which should open in stages. The line uses Japanese trains and signalling and it is the largest single project of its kind\n\n"
             "Page 2\n\fJOURNAL OF ASIAN AFFAIRS\nVol. 3\n\nin India so far.\n\n%s\n\nPage 3\n",
             PARA1, PARA3);
    int err;
    dyad_doc *d = cleaned("pages.txt", s, &err);
    T_INTEQ(err, DYAD_OK);
    if (!d)
        return;
    const char *t = dyad_doc_text(d, NULL);
    T_OK(strstr(t, "between Mumbai and Ahmedabad, which should open") != NULL, "hyphen join: %s", t);
    T_OK(strstr(t, "of its kind in India so far.") != NULL, "page join: %s", t);
    T_OK(count(t, "JOURNAL OF ASIAN AFFAIRS") <= 1, "running header printed %d times", count(t, "JOURNAL OF ASIAN AFFAIRS"));
    T_INTEQ(count(t, "Page "), 0);
    T_INTEQ(why(d, "Page 2"), DYAD_DROP_RUNNING);
    T_INTEQ(why_start(d, "in India so far"), DYAD_DROP_JOINED);
    T_INTEQ(why_start(d, "dabad"), DYAD_DROP_JOINED);
    dyad_doc_free(d);
}

static void test_markdown_rules(void)
{
    /* Markdown: lists and short headings stay; link lists and phrase-list lines go. */
    char s[4096];
    snprintf(s, sizeof s,
             "# Notes\n\n%s\n\n## Points\n\n- Short point\n- Another one\n\n## Points\n\n"
             "[One](a) [Two](b)\n\n[Three](c) [Four](d)\n\n[Five](e) [Six](f)\n\nShare this article\n",
             PARA1);
    int err;
    dyad_doc *d = cleaned("n.md", s, &err);
    T_INTEQ(err, DYAD_OK);
    if (!d)
        return;
    T_INTEQ(why(d, "Short point"), DYAD_DROP_NONE);
    T_INTEQ(why(d, "Notes"), DYAD_DROP_NONE);
    T_INTEQ(count(dyad_doc_text(d, NULL), "Points"), 2); /* short repeats are left alone in Markdown */
    T_INTEQ(why(d, "Three Four"), DYAD_DROP_NAV);
    T_INTEQ(why(d, "Share this article"), DYAD_DROP_BOILERPLATE);
    dyad_doc_free(d);
}

static void test_html_contract(void)
{
    /* An HTML doc as the HTML reader leaves it: its decisions stand; only phrase-list lines are
     * dropped; no repeats, no region, no menu runs. */
    dyad_doc *d = dyad__doc_new(ctx, "page.html");
    if (!d)
        return;
    d->format = DYAD_FMT_HTML;
    dyad_block *b = dyad__doc_add_block(d, DYAD_BLOCK_PARA, 0, "Site menu", 9, 1, 9, DYAD_BF_IN_NAV);
    if (b)
        b->drop = DYAD_DROP_OUTSIDE;
    dyad__doc_add_block(d, DYAD_BLOCK_HEADING, 1, "Short", 5, 2, 0, DYAD_BF_MAIN);
    dyad__doc_add_block(d, DYAD_BLOCK_PARA, 0, PARA1, strlen(PARA1), 3, 0, DYAD_BF_MAIN);
    dyad__doc_add_block(d, DYAD_BLOCK_PARA, 0, "Sign up for our weekly newsletter", 33, 4, 0, DYAD_BF_MAIN);
    dyad__doc_add_block(d, DYAD_BLOCK_PARA, 0, "Yes", 3, 5, 0, DYAD_BF_MAIN);
    dyad__doc_add_block(d, DYAD_BLOCK_PARA, 0, "Yes", 3, 6, 0, DYAD_BF_MAIN);
    dyad__doc_add_block(d, DYAD_BLOCK_PARA, 0, PARA1, strlen(PARA1), 7, 0, DYAD_BF_MAIN);
    int err = dyad_clean(ctx, d);
    T_INTEQ(err, DYAD_OK);
    T_INTEQ(d->nblocks, 7);
    if (d->nblocks == 7) {
        T_INTEQ(d->blocks[0].drop, DYAD_DROP_OUTSIDE);
        T_INTEQ(d->blocks[1].drop, DYAD_DROP_NONE);
        T_INTEQ(d->blocks[2].drop, DYAD_DROP_NONE);
        T_INTEQ(d->blocks[3].drop, DYAD_DROP_BOILERPLATE);
        T_INTEQ(d->blocks[4].drop, DYAD_DROP_NONE);
        T_INTEQ(d->blocks[5].drop, DYAD_DROP_NONE); /* repeats are the page's own */
        T_INTEQ(d->blocks[6].drop, DYAD_DROP_NONE);
    }
    dyad_doc_free(d);
}

/* Adds a block to an HTML doc as the reader would leave it. */
static dyad_block *html_block(dyad_doc *d, dyad_block_kind kind, const char *text, uint32_t link, uint32_t flags,
                              dyad_drop drop)
{
    dyad_block *b = dyad__doc_add_block(d, kind, kind == DYAD_BLOCK_HEADING ? 2 : 0, text, strlen(text),
                                        (uint32_t)d->nblocks + 1, link, flags);
    if (b)
        b->drop = drop;
    return b;
}

static void test_html_fallback(void)
{
    /* The reader's choice holds no prose (a heading), the article sits in blocks it left out: the
     * run with the most prose comes back, with the heading above it; navigation, link lines and the
     * footer stay out. */
    static const char *const P[] = {
        "Der FC Bayern hat das Spitzenspiel bei Borussia Dortmund mit 3:1 gewonnen und die Tabellenführung ausgebaut.",
        "Harry Kane traf zweimal für die Münchner, Jamal Musiala erzielte nach der Pause das dritte Tor.",
        "Trainer Thomas Tuchel lobte nach dem Spiel die Moral seiner Mannschaft und die Leistung der Abwehr.",
    };
    dyad_doc *d = dyad__doc_new(ctx, "spiel.html");
    if (!d)
        return;
    d->format = DYAD_FMT_HTML;
    html_block(d, DYAD_BLOCK_PARA, "Startseite Fußball Bundesliga", 30, DYAD_BF_IN_NAV, DYAD_DROP_OUTSIDE);
    html_block(d, DYAD_BLOCK_HEADING, "Bayern siegt in Dortmund", 0, 0, DYAD_DROP_OUTSIDE);
    for (int k = 0; k < 3; k++)
        html_block(d, DYAD_BLOCK_PARA, P[k], 20, DYAD_BF_MAIN, DYAD_DROP_OTHER);
    html_block(d, DYAD_BLOCK_PARA, "Mehr zum Thema: Kane trifft doppelt", 30, DYAD_BF_MAIN, DYAD_DROP_OTHER);
    html_block(d, DYAD_BLOCK_PARA, "Das Impressum und die Datenschutzerklärung dieser Seite finden Sie unten, wie immer.",
               0, DYAD_BF_IN_FOOTER, DYAD_DROP_OUTSIDE);
    html_block(d, DYAD_BLOCK_HEADING, "Sport", 0, DYAD_BF_MAIN, DYAD_DROP_NONE);
    int err = dyad_clean(ctx, d);
    T_INTEQ(err, DYAD_OK);
    if (d->nblocks == 8) {
        T_INTEQ(d->blocks[0].drop, DYAD_DROP_OUTSIDE);
        T_INTEQ(d->blocks[1].drop, DYAD_DROP_NONE);
        for (int k = 2; k < 5; k++)
            T_INTEQ(d->blocks[k].drop, DYAD_DROP_NONE);
        T_INTEQ(d->blocks[5].drop, DYAD_DROP_OTHER);
        T_INTEQ(d->blocks[6].drop, DYAD_DROP_OUTSIDE);
        T_INTEQ(d->blocks[7].drop, DYAD_DROP_NONE);
    } else
        T_INTEQ(d->nblocks, 8);
    dyad_doc_free(d);

    /* A login form: nothing to fall back on, and its leftovers go: no text left. */
    d = dyad__doc_new(ctx, "login.html");
    if (!d)
        return;
    d->format = DYAD_FMT_HTML;
    html_block(d, DYAD_BLOCK_HEADING, "Ihr Kundenkonto", 0, DYAD_BF_MAIN, DYAD_DROP_NONE);
    html_block(d, DYAD_BLOCK_PARA, "E-Mail-Adresse Passwort", 0, DYAD_BF_MAIN | DYAD_BF_IN_FORM, DYAD_DROP_NONE);
    html_block(d, DYAD_BLOCK_PARA, "Passwort vergessen?", 19, DYAD_BF_MAIN | DYAD_BF_IN_FORM, DYAD_DROP_NONE);
    html_block(d, DYAD_BLOCK_PARA, "Impressum Datenschutz", 21, DYAD_BF_IN_FOOTER, DYAD_DROP_OUTSIDE);
    err = dyad_clean(ctx, d);
    T_INTEQ(err, DYAD_NOTEXT);
    T_INTEQ(d->nblocks, 4);
    if (d->nblocks == 4) {
        T_INTEQ(d->blocks[0].drop, DYAD_DROP_SHORT); /* a heading over a form */
        T_INTEQ(d->blocks[1].drop, DYAD_DROP_SHORT);
        T_INTEQ(d->blocks[2].drop, DYAD_DROP_SHORT);
    }
    T_STREQ(dyad_doc_text(d, NULL), "");
    dyad_doc_free(d);
}

static void test_languages(void)
{
    /* The phrase lists in other languages, whatever the case of the letters */
    static const char *const junk[] = {
        "Newsletter abonnieren", "Lesen Sie auch: Merkel trifft Modi in Berlin", "Mehr zum Thema",
        "Artículos relacionados", "© RIPRODUZIONE RISERVATA", "ЧИТАЙТЕ ТАКЖЕ: Индия закупит самолёты",
        "責任編輯：王小明", "À lire aussi : la visite de Modi à Paris", "関連記事", "Leia também: Índia e Japão",
    };
    for (size_t k = 0; k < sizeof junk / sizeof junk[0]; k++) {
        char s[1024];
        snprintf(s, sizeof s, "%s\n\n%s\n\n%s\n", PARA1, junk[k], PARA2);
        int err;
        dyad_doc *d = cleaned("page.txt", s, &err);
        T_INTEQ(err, DYAD_OK);
        T_OK(why(d, junk[k]) == DYAD_DROP_BOILERPLATE, "%s: %d", junk[k], why(d, junk[k]));
        dyad_doc_free(d);
    }
    /* Prose in scripts without case or stop-word lists, and sentences ending in quotes of other
     * languages, is kept next to a menu that goes */
    static const char *const prose[] = {
        "وقعت الهند واليابان يوم الاثنين اتفاقية جديدة للتعاون في مجال السكك الحديدية عالية السرعة، وذلك خلال زيارة رئيس الوزراء.",
        "भारत और जापान ने सोमवार को मुंबई और अहमदाबाद के बीच पहली तेज़ रफ़्तार रेल लाइन बनाने के समझौते पर हस्ताक्षर किए।",
        "Der Minister sagte am Montag in Berlin, die Gespräche mit Indien seien „offen und freundlich“ gewesen, und kündigte einen Besuch an.“",
    };
    for (size_t k = 0; k < sizeof prose / sizeof prose[0]; k++) {
        char s[2048];
        snprintf(s, sizeof s, "Home\nNews\nSport\nKultur\nWetter\n\n%s\n\n%s\n", prose[k], PARA1);
        int err;
        dyad_doc *d = cleaned("page.txt", s, &err);
        T_INTEQ(err, DYAD_OK);
        T_OK(why(d, prose[k]) == DYAD_DROP_NONE, "prose %zu: %d", k, why(d, prose[k]));
        T_OK(why(d, "Kultur") == DYAD_DROP_NAV, "menu with prose %zu: %d", k, why(d, "Kultur"));
        dyad_doc_free(d);
    }
    /* a page all in Hindi: both paragraphs are the article (the danda ends a sentence) */
    int err;
    dyad_doc *d = cleaned("hi.txt",
                          "होम\nदेश\nविदेश\nखेल\n\n"
                          "भारत और जापान ने सोमवार को मुंबई और अहमदाबाद के बीच पहली तेज़ रफ़्तार रेल लाइन बनाने के समझौते पर "
                          "हस्ताक्षर किए, अधिकारियों ने बताया।\n\n"
                          "जापान इस परियोजना के लिए कम ब्याज पर ऋण देगा और निर्माण का काम अगले साल शुरू होगा।\n",
                          &err);
    T_INTEQ(err, DYAD_OK);
    T_INTEQ(why(d, "जापान इस परियोजना"), DYAD_DROP_NONE);
    T_INTEQ(why(d, "विदेश"), DYAD_DROP_NAV);
    dyad_doc_free(d);
}

static void test_notext(void)
{
    int err;
    dyad_doc *d = cleaned("prompts.txt", "Subscribe now\n\nSign up for our newsletter\n", &err);
    T_INTEQ(err, DYAD_NOTEXT);
    T_OK(strstr(dyad_errmsg(ctx), "prompts.txt: no text left after cleaning") != NULL, "%s", dyad_errmsg(ctx));
    T_STREQ(d ? dyad_doc_text(d, NULL) : "", "");
    dyad_doc_free(d);
    /* a short note with no prose at all is kept as it is */
    d = cleaned("list.txt", "Buy rice\nCall the embassy\n", &err);
    T_INTEQ(err, DYAD_OK);
    T_STREQ(d ? dyad_doc_text(d, NULL) : "", "Buy rice\n\nCall the embassy\n");
    dyad_doc_free(d);
}

static void test_data_folder(void)
{
    /* The phrase list is read from the data folder: a phrase added there takes effect. */
    char dir[] = "/tmp/dyad-test-data-XXXXXX";
    if (!mkdtemp(dir)) {
        T_OK(0, "mkdtemp");
        return;
    }
    char path[256];
    snprintf(path, sizeof path, "%s/boilerplate.txt", dir);
    FILE *f = fopen(path, "w");
    if (f) {
        fputs("# test list\n[contains]\nbrought to you by\n[starts]\nadvert:\n[exact]\nmore\n", f);
        fclose(f);
    }
    dyad_opts o = {.data_dir = dir};
    dyad_ctx *c2 = dyad_ctx_new(&o);
    char s[2048];
    snprintf(s, sizeof s, "%s\n\nThis page is brought to you by Acme.\n\nAdvert: buy now\n\nMore\n\n%s\n", PARA1, PARA2);
    dyad_doc *d = NULL;
    int err = dyad_doc_read_mem(c2, "x.txt", s, strlen(s), DYAD_FMT_AUTO, &d);
    if (!err)
        err = dyad_clean(c2, d);
    T_INTEQ(err, DYAD_OK);
    T_INTEQ(why(d, "brought to you"), DYAD_DROP_BOILERPLATE);
    T_INTEQ(why(d, "Advert: buy"), DYAD_DROP_BOILERPLATE);
    T_INTEQ(why(d, "More"), DYAD_DROP_BOILERPLATE);
    T_INTEQ(why(d, "India and Japan held"), DYAD_DROP_NONE);
    dyad_doc_free(d);
    dyad_ctx_free(c2);
    unlink(path);
    rmdir(dir);
}

static void test_scale(void)
{
    /* 200,000 paragraphs, many repeated: cleaning time grows linearly (compare 1x and 4x). */
    double t[2];
    for (int k = 0; k < 2; k++) {
        size_t paras = k ? 200000 : 50000;
        dyad__buf b;
        dyad__buf_init(&b, 0);
        for (size_t i = 0; i < paras; i++)
            dyad__buf_printf(&b, "Paragraph %zu says that India and Japan met again and agreed on point %zu of the plan.\n\n",
                             i % 5000, i % 7000);
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        dyad_doc *d = NULL;
        int err = dyad_doc_read_mem(ctx, "big.txt", b.data, b.len, DYAD_FMT_AUTO, &d);
        if (!err)
            err = dyad_clean(ctx, d);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        T_INTEQ(err, DYAD_OK);
        t[k] = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
        dyad_doc_free(d);
        dyad__buf_free(&b);
    }
    T_OK(t[1] < t[0] * 12 + 0.5, "4x the input took %.2f s vs %.2f s: not linear", t[1], t[0]);

    /* One sentence cut by 100,000 page breaks: a single chain of joins, built in linear time. */
    for (int k = 0; k < 2; k++) {
        size_t pages = k ? 100000 : 25000;
        dyad__buf b;
        dyad__buf_init(&b, 0);
        dyad__buf_adds(&b, "The talks between the two delegations went on through the night and\n");
        for (size_t i = 0; i < pages; i++) /* each page different: "...plans for baa", "...for caa" */
            dyad__buf_printf(&b, "\fand the officials of both countries kept on talking about the plans for %c%c%c%c\n",
                             'a' + (int)(i % 26), 'a' + (int)(i / 26 % 26), 'a' + (int)(i / 676 % 26),
                             'a' + (int)(i / 17576 % 26));
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        dyad_doc *d = NULL;
        int err = dyad_doc_read_mem(ctx, "chain.txt", b.data, b.len, DYAD_FMT_TEXT, &d);
        if (!err)
            err = dyad_clean(ctx, d);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        T_INTEQ(err, DYAD_OK);
        if (d && k) {
            T_INTEQ(why_start(d, "and the officials"), DYAD_DROP_JOINED);
            size_t tl = 0;
            dyad_doc_text(d, &tl);
            T_OK(tl + pages + 100 > b.len, "joined text %zu of %zu bytes", tl, b.len);
        }
        t[k] = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
        dyad_doc_free(d);
        dyad__buf_free(&b);
    }
    T_OK(t[1] < t[0] * 12 + 0.5, "4x the pages took %.2f s vs %.2f s: not linear", t[1], t[0]);
}

static void test_pages_without_form_feeds(void)
{
    /* Two pages, no form feed: the header repeats only once more, right where a paragraph stops in
     * mid-sentence; the continuation starts with a capital ("Japan") after "of". Page numbers go. */
    char s[8192];
    snprintf(s, sizeof s,
             "MARITIME BRIEF: INDIA AND JAPAN\n\n%s In 2023 the defence minister held talks with the Prime Minister of\n\n"
             "- 1 -\n\nMARITIME BRIEF: INDIA AND JAPAN\n\nJapan in Tokyo, and both sides agreed to study new patrol vessels together.\n\n%s\n\nPage 2 of 2\n",
             PARA1, PARA2);
    int err;
    dyad_doc *d = cleaned("brief.txt", s, &err);
    T_INTEQ(err, DYAD_OK);
    if (!d)
        return;
    const char *t = dyad_doc_text(d, NULL);
    T_OK(strstr(t, "the Prime Minister of Japan in Tokyo") != NULL, "capital join: %s", t);
    T_INTEQ(count(t, "MARITIME BRIEF"), 1);
    T_INTEQ(why_start(d, "1 -"), DYAD_DROP_RUNNING); /* read as a list item "1 -" */
    T_INTEQ(why(d, "Page 2 of 2"), DYAD_DROP_RUNNING);
    dyad_doc_free(d);
}

static void test_teasers_and_comments(void)
{
    /* Copied web text: three "related stories" (headline, short summary, time) and a commenter's
     * line with a date after the article. */
    char s[8192];
    snprintf(s, sizeof s,
             "%s\n%s\n%s\nMore stories\nTokyo Operator Wins Metro Contract In Chennai\nThe company will advise on signalling for the second phase of the line.\n"
             "2 hours ago\nQuad Ministers Meet In Tokyo Ahead Of Summit\nThe four foreign ministers discussed maritime security and critical minerals.\n"
             "5 hours ago\nIndian Students In Japan Reach A Record Number\nMore than ten thousand Indian students now study at Japanese universities.\n1 day ago\n",
             PARA1, PARA2, PARA3);
    int err;
    dyad_doc *d = cleaned("teasers.txt", s, &err);
    T_INTEQ(err, DYAD_OK);
    if (d) {
        const char *t = dyad_doc_text(d, NULL);
        T_OK(strstr(t, "Quad Ministers") == NULL, "teasers kept: %s", t);
        T_OK(strstr(t, "regular part of the relationship") != NULL, "article lost: %s", t);
        dyad_doc_free(d);
    }
    snprintf(s, sizeof s, "%s\n%s\n%s\nAsha R on 12 March 2025 at 9:14 am said:\n%s\n", PARA1, PARA2, PARA3,
             "I think the ministers should have met much earlier than this, since the region has changed a great deal in the last decade.");
    d = cleaned("comments.txt", s, &err);
    T_INTEQ(err, DYAD_OK);
    if (d) {
        T_INTEQ(why(d, "I think the ministers"), DYAD_DROP_OUTSIDE);
        T_INTEQ(why(d, "regular part of the relationship"), DYAD_DROP_NONE);
        dyad_doc_free(d);
    }
}

static void test_markdown_note_links(void)
{
    /* A note: the link line at the top is navigation; a list of the note's own wikilinks and a
     * "See also" line stay; separators left by removed embeds go. */
    char s[4096];
    snprintf(s, sizeof s,
             "[[2024-03-09|Saturday]] \xC2\xB7 [[Quad]]\n\n# Tokyo visit\n\n%s\n\nTo read:\n\n- [[JICA loans]]\n- [[Quad summit]]\n- [[Act East]]\n\n"
             "See also: [[Malabar exercise]], [[Indo-Pacific]]\n\nThe metro loan \xC2\xB7 ![[map.png]]\n",
             PARA1);
    int err;
    dyad_doc *d = cleaned("note.md", s, &err);
    T_INTEQ(err, DYAD_OK);
    if (!d)
        return;
    const char *t = dyad_doc_text(d, NULL);
    T_INTEQ(why(d, "Saturday"), DYAD_DROP_NAV);
    T_INTEQ(why(d, "JICA loans"), DYAD_DROP_NONE);
    T_INTEQ(why(d, "Malabar exercise"), DYAD_DROP_NONE);
    T_OK(strstr(t, "The metro loan\n") != NULL, "separator left: %s", t);
    dyad_doc_free(d);
}

static void test_hardwrap_paragraphs(void)
{
    /* Hard-wrapped text with no blank line between paragraphs: a line that ends a sentence with room
     * left for the next line's first word ends a paragraph. */
    const char *s = "The first yen loan from Japan to India was signed in 1958, when Tokyo lent\n"
                    "money for power stations, railways and a steel plant, and Japanese loans\n"
                    "have gone on in most years since then.\n"
                    "The loans paused after the nuclear tests of 1998, when Japan froze new aid\n"
                    "for three years; it lifted the measures in 2001 once the two governments\n"
                    "had resumed their talks and agreed to review the whole relationship.\n";
    int err;
    dyad_doc *d = cleaned("wrap.txt", s, &err);
    T_INTEQ(err, DYAD_OK);
    if (!d)
        return;
    T_INTEQ((int)dyad_doc_nblocks(d), 2);
    T_INTEQ(why_start(d, "The loans paused"), DYAD_DROP_NONE);
    dyad_doc_free(d);
}

int main(void)
{
    ctx = dyad_ctx_new(NULL);
    if (!ctx)
        return 1;
    test_web_text();
    test_pages();
    test_markdown_rules();
    test_pages_without_form_feeds();
    test_teasers_and_comments();
    test_markdown_note_links();
    test_hardwrap_paragraphs();
    test_html_contract();
    test_html_fallback();
    test_languages();
    test_notext();
    test_data_folder();
    test_scale();
    dyad_ctx_free(ctx);
    T_DONE();
}
