/* tests/test_present.c — the presentation stage's pieces: HTML, JSON and URL escaping (hostile
 * text: tags, quotes, control characters, bad UTF-8), the areas file (whole words, prefixes,
 * phrases across hyphens), and the chart (every entry counted once, the undated column, nothing to
 * chart, a year of ten thousand entries). */
#include <stdlib.h>
#include <string.h>

#include "dyad/dyad.h"
#include "dyad/present.h"
#include "t.h"

typedef void (*esc_fn)(FILE *, const char *, size_t);

static char *run(esc_fn fn, const char *s, size_t n)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    fn(f, s, n);
    fclose(f);
    return out;
}

static void url_wrap(FILE *f, const char *s, size_t n)
{
    (void)n;
    dyad_url_esc(f, s);
}

static char *chart_html(dyad_chart *c)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    dyad_chart_html(c, f);
    fclose(f);
    return out;
}

/* Sum of data-n="..." in s. */
static long long sum_n(const char *s, const char *cls)
{
    long long t = 0;
    const char *svg = strstr(s, cls);
    const char *end = svg ? strstr(svg, "</svg>") : NULL;
    for (const char *p = svg; p && (p = strstr(p, "data-n=\"")) && p < end; p += 8)
        t += atoll(p + 8);
    return t;
}

int main(void)
{
    char *o;
    /* HTML: a document's hostile text stays text */
    o = run(dyad_html_esc, "<script>alert(1)</script></svg>", 32);
    T_STREQ(o, "&lt;script&gt;alert(1)&lt;/script&gt;&lt;/svg&gt;");
    free(o);
    o = run(dyad_html_esc, "a \"b\" & 'c'", 11);
    T_STREQ(o, "a &quot;b&quot; &amp; &#39;c&#39;");
    free(o);
    o = run(dyad_html_esc, "x\x01y\x7fz\tw\n", 8);
    T_STREQ(o, "xyz\tw\n");
    free(o);
    o = run(dyad_html_esc, "bad \xff\xfe and overlong \xc0\xae end", 26);
    T_STREQ(o, "bad \xEF\xBF\xBD\xEF\xBF\xBD and overlong \xEF\xBF\xBD\xEF\xBF\xBD end");
    free(o);
    o = run(dyad_html_esc, "Pokhr\xc4\x81n \xe2\x80\x94 \xe6\x97\xa5\xe6\x9c\xac", 19);
    T_STREQ(o, "Pokhr\xc4\x81n \xe2\x80\x94 \xe6\x97\xa5\xe6\x9c\xac");
    free(o);
    o = run(dyad_html_esc, "cut \xe6\x97", 6); /* a character cut at the end */
    T_STREQ(o, "cut \xEF\xBF\xBD\xEF\xBF\xBD");
    free(o);
    o = run(dyad_html_esc, "a\0b", 3); /* NUL inside a length-given string is dropped, not an end */
    T_STREQ(o, "ab");
    free(o);

    /* JSON */
    o = run(dyad_json_esc, "say \"hi\"\\ </script>\n\x01", 21);
    T_STREQ(o, "say \\\"hi\\\"\\\\ \\u003c/script\\u003e\\n\\u0001");
    free(o);
    o = run(dyad_json_esc, "\xff ok \xe2\x80\x99", 8);
    T_STREQ(o, "\\ufffd ok \xe2\x80\x99");
    free(o);

    /* URL components */
    o = run(url_wrap, "IND,JPN & a b/ü", 0);
    T_STREQ(o, "IND%2CJPN%20%26%20a%20b%2F%C3%BC");
    free(o);

    /* areas: the built-in file */
    dyad_ctx *ctx = dyad_ctx_new(NULL);
    dyad_areas *a = NULL;
    T_INTEQ(dyad_areas_load(ctx, &a), DYAD_OK);
    T_CHECK(dyad_areas_count(a) == 6);
    T_STREQ(dyad_areas_name(a, 0), "defence and security");
    T_STREQ(dyad_areas_name(a, 1), "nuclear and energy");
    int def = 0, nuc = 1, trade = 2, infra = 3;
    const char *s1 = "Japan denounced the nuclear tests";
    T_CHECK(dyad_areas_match(a, s1, strlen(s1)) == (1u << nuc));
    const char *s2 = "The defence ministers met"; /* prefix word defen* */
    T_CHECK(dyad_areas_match(a, s2, strlen(s2)) & (1u << def));
    const char *s3 = "Gasparov and Oilers"; /* whole words only: gas, oil do not match */
    T_CHECK(dyad_areas_match(a, s3, strlen(s3)) == 0);
    const char *s4 = "the bullet-train line"; /* phrase across a hyphen */
    T_CHECK(dyad_areas_match(a, s4, strlen(s4)) & (1u << infra));
    const char *s5 = "NUCLEAR’s yen loans"; /* case, and a curly apostrophe ends a word */
    uint64_t m5 = dyad_areas_match(a, s5, strlen(s5));
    T_CHECK((m5 & (1u << nuc)) && (m5 & (1u << trade)));
    T_CHECK(dyad_areas_match(a, "", 0) == 0);
    T_CHECK(dyad_areas_match(a, NULL, 5) == 0);
    dyad_areas_free(a);
    dyad_ctx_free(ctx);

    /* the chart */
    dyad_chart *c = dyad_chart_new();
    o = chart_html(c);
    T_CHECK(strstr(o, "No entries to chart") != NULL);
    free(o);
    dyad_chart_add(c, 1998, 4, 2);
    dyad_chart_add(c, 1998, 3, 1);
    dyad_chart_add(c, 2008, 1, 3);
    dyad_chart_add(c, 0, 2, 5);
    dyad_chart_add(c, 12345, 2, 1); /* out of range: counted as undated */
    dyad_chart_add(c, 2008, 9, 7);  /* not a quad class: ignored */
    T_INTEQ(dyad_chart_total(c), 12);
    o = chart_html(c);
    T_INTEQ(sum_n(o, "chart-wide"), 12);
    T_INTEQ(sum_n(o, "chart-narrow"), 12);
    T_CHECK(strstr(o, "n.d.") != NULL);
    T_CHECK(strstr(o, "balance -1.00") != NULL && strstr(o, "balance +1.00") != NULL);
    T_CHECK(strstr(o, "<script") == NULL);
    free(o);
    dyad_chart_free(c);
    /* one year of ten thousand entries, and a span too long to draw year by year */
    c = dyad_chart_new();
    dyad_chart_add(c, 2020, 1, 10000);
    dyad_chart_add(c, 1500, 3, 1);
    o = chart_html(c);
    T_INTEQ(sum_n(o, "chart-wide"), 10001);
    T_CHECK(strstr(o, "only years with entries are shown") != NULL);
    T_CHECK(strlen(o) < 20000);
    free(o);
    dyad_chart_free(c);
    T_DONE();
}
