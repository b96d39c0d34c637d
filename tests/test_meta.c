/* Unit tests for the metadata stage: title, author, publisher, dates, each with its source. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyad/dyad.h"
#include "t.h"

static dyad_ctx *ctx;
static dyad_doc *doc;

static const dyad_meta *meta_of(const char *name, const char *s)
{
    dyad_doc_free(doc);
    doc = NULL;
    int err = dyad_doc_read_mem(ctx, name, s, strlen(s), DYAD_FMT_AUTO, &doc);
    if (!err)
        err = dyad_run(ctx, doc, DYAD_STAGE_META, NULL);
    T_OK(err == DYAD_OK, "%s: %s", name, dyad_errmsg(ctx));
    static const dyad_meta none;
    return doc ? dyad_doc_meta(doc) : &none;
}

#define BODY                                                                                              \
    "Japan and India agreed to expand their cooperation on maritime security and on the supply of "   \
    "defence equipment, officials of both governments said after the meeting in the capital.\n\n"    \
    "The talks covered the situation in the region, joint exercises of the two navies and the plans " \
    "for a new round of the dialogue between their foreign and defence ministers next year.\n\n"

int main(void)
{
    ctx = dyad_ctx_new(NULL);
    if (!ctx)
        return 1;
    const dyad_meta *m;

    /* A web page's text: code prefix on the title, the author's name under it, a dateline, a
     * "last updated" line that must not become the date, a copyright line naming the publisher. */
    m = meta_of("page.txt", "Home\nAbout\nResearch\nPublications\nEvents\n\n"
                            "PB2291 | Sea Lanes and Strategy: India and Japan\nMeera K. Nair\n\n3 August 2015\n\n" BODY
                            "Last updated on 11/09/2016\n\nCopyright \xC2\xA9 Centre for Ocean Studies. All rights reserved.\n");
    T_STREQ(m->title.value, "Sea Lanes and Strategy: India and Japan");
    T_STREQ(m->title.source, "first line");
    T_STREQ(m->author.value, "Meera K. Nair");
    T_STREQ(m->author.source, "name under title");
    T_STREQ(m->date.value, "2015-08-03");
    T_STREQ(m->date.source, "dateline");
    T_STREQ(m->updated.value, "2016-09-11");
    T_STREQ(m->publisher.value, "Centre for Ocean Studies");
    T_STREQ(m->publisher.source, "copyright line");

    /* An all-capitals title page: "BY" alone, the name below it with a role; an ordinal date. */
    m = meta_of("report.txt", "INSTITUTE FOR\nSTRATEGIC AFFAIRS\n\nNR/12/23\n\nTHE INDIAN OCEAN AND JAPAN\n\nBY\n\n"
                              "PROF ANJALI RAO, VISITING FELLOW, ISA\n\n2ND OCTOBER 2023\n\n" BODY);
    T_STREQ(m->author.value, "Prof Anjali Rao");
    T_STREQ(m->author.source, "byline");
    T_STREQ(m->date.value, "2023-10-02");
    T_STREQ(m->title.value, "THE INDIAN OCEAN AND JAPAN");

    /* "By X" on one line; a month-precision date at the bottom only. */
    m = meta_of("news.txt", "Japan Backs Rail Corridor\nBy Arjun Mehta and Yuki Sato\n\n" BODY "May 2022\n");
    T_STREQ(m->title.value, "Japan Backs Rail Corridor");
    T_STREQ(m->author.value, "Arjun Mehta and Yuki Sato");
    T_STREQ(m->date.value, "2022-05");
    T_STREQ(m->date.source, "dateline");

    /* A year alone is no dateline; a date inside prose is not one either. */
    m = meta_of("year.txt", "Notes on the Metro\n\n2019\n\n" BODY "The line opened on 24 December 2002 after years of work by many engineers from the two countries involved.\n");
    T_CHECK(m->date.value == NULL);
    T_CHECK(m->updated.value == NULL);

    /* Only an update date: the publication date stays unknown. */
    m = meta_of("upd.txt", "A Page About Ports\n\n" BODY "Page last updated: 5 March 2020\n");
    T_CHECK(m->date.value == NULL);
    T_STREQ(m->updated.value, "2020-03-05");

    /* Markdown: front matter wins over the text; its dates are normalised to ISO 8601. */
    m = meta_of("n.md", "---\ntitle: From the front matter\nauthor: [A. Writer, B. Writer]\ndate: March 5, 2024\n"
                        "modified: 2024-04-01T10:00:00Z\n---\n\n# A different heading\n\nBy Someone Else\n\n" BODY);
    T_STREQ(m->title.value, "From the front matter");
    T_STREQ(m->title.source, "front-matter");
    T_STREQ(m->author.value, "A. Writer");
    T_STREQ(m->date.value, "2024-03-05");
    T_STREQ(m->date.source, "front-matter");
    T_STREQ(m->updated.value, "2024-04-01");

    /* Markdown without a title in front matter: the first heading. */
    m = meta_of("h.md", "Some intro line.\n\n## First Heading Here\n\n" BODY);
    T_STREQ(m->title.value, "First Heading Here");
    T_STREQ(m->title.source, "first heading");

    /* A heading that is only a date is a dateline, not the title, in any format that has headings. */
    m = meta_of("d.md", "### [2015-12-12]\n\n## Talks in Tokyo\n\n" BODY);
    T_STREQ(m->title.value, "Talks in Tokyo");
    T_STREQ(m->date.value, "2015-12-12");
    T_STREQ(m->date.source, "dateline");
    m = meta_of("d.html", "<html><body><article><h2>Saturday, 12 December 2015</h2><h1>Talks in Tokyo</h1><p>"
                          "Japan and India agreed to expand their cooperation on maritime security and on the supply "
                          "of defence equipment, officials of both governments said after the meeting.</p>"
                          "</article></body></html>");
    T_STREQ(m->title.value, "Talks in Tokyo");
    T_STREQ(m->date.value, "2015-12-12");
    m = meta_of("y.md", "## 2015\n\n" BODY);
    T_CHECK(m->title.value == NULL); /* a year alone is no title (and too weak for a dateline) */
    T_CHECK(m->date.value == NULL);
    m = meta_of("t.md", "## Talks of 12 December 2015\n\n" BODY); /* a title that holds a date stays one */
    T_STREQ(m->title.value, "Talks of 12 December 2015");

    /* "A talk by X" is a byline; "Published by X" and an organisation under the title are not. */
    m = meta_of("talk.txt", "Sea Power in Asia\nA TALK BY CAPT (RETD) VIKRAM SINGH\n\n" BODY);
    T_STREQ(m->author.value, "Capt (Retd) Vikram Singh");
    m = meta_of("pub.txt", "Sea Power in Asia\nPublished by Harbour Books\n\n" BODY);
    T_CHECK(m->author.value == NULL);
    m = meta_of("org.txt", "Sea Power in Asia\nHarbour Technological University\n\n" BODY);
    T_CHECK(m->author.value == NULL);

    /* Plain text with nothing title-like: no title invented from prose. */
    m = meta_of("prose.txt", BODY);
    T_CHECK(m->title.value == NULL);
    T_CHECK(m->author.value == NULL);

    /* Authors as pages state them in meta tags and front matter are tidied like bylines. */
    static const struct { const char *given, *want; } authors[] = {
        {"By Jamelle Bouie", "Jamelle Bouie"},
        {"By TOM KRISHER, AP Auto Writer", "Tom Krisher"},
        {"Bryan DeArdo @BryanDeArdo Nov 18, 2019 at 9:24 pm ET", "Bryan DeArdo"},
        {"Carlos Nadalim 27/09/2018 Comente!", "Carlos Nadalim"},
        {"Meg Kinnard and Errin Haines", "Meg Kinnard and Errin Haines"},
        {"Jane Doe, John Roe", "Jane Doe, John Roe"},
        {"Reuters", "Reuters"},
        {"C. Raja Mohan", "C. Raja Mohan"},
    };
    for (size_t i = 0; i < sizeof authors / sizeof authors[0]; i++) {
        char page[1024];
        snprintf(page, sizeof page, "---\ntitle: Sea lanes\nauthor: %s\n---\n\n" BODY, authors[i].given);
        m = meta_of("note.md", page);
        T_STREQ(m->author.value, authors[i].want);
        T_STREQ(m->author.source, "front-matter");
    }

    dyad_doc_free(doc);
    dyad_ctx_free(ctx);
    T_DONE();
}
