/* Unit tests for the core: buffer, arena, string set, UTF-8, SHA-256, data files, errors. */
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"
#include "t.h"

int main(void)
{
    /* buffer: sticky errors and the cap */
    dyad__buf b;
    dyad__buf_init(&b, 16);
    dyad__buf_adds(&b, "hello");
    T_STREQ(b.data, "hello");
    dyad__buf_adds(&b, " world, too long");
    T_INTEQ(b.err, DYAD_LIMIT);
    dyad__buf_adds(&b, "x");
    T_INTEQ(b.len, 5);
    T_CHECK(dyad__buf_take(&b, NULL) == NULL);
    dyad__buf_init(&b, 0);
    dyad__buf_json(&b, "a\"b\\\n\x01\xff", 7);
    T_STREQ(b.data, "a\\\"b\\\\\\n\\u0001\xEF\xBF\xBD");
    dyad__buf_free(&b);

    /* arena */
    dyad__arena a;
    dyad__arena_init(&a, 0);
    char *s = dyad__arena_strdup(&a, "abc");
    T_STREQ(s, "abc");
    void *big = dyad__arena_alloc(&a, 1 << 20);
    T_CHECK(big != NULL);
    size_t n;
    const char *raw = "  a \t b\n\n c\xC2\xA0 d\xE2\x80\x8B ";
    char *c = dyad__collapse(&a, raw, strlen(raw), &n);
    T_STREQ(c, "a b c d");
    dyad__arena_free(&a);
    dyad__arena_init(&a, 1000);
    T_CHECK(dyad__arena_alloc(&a, 2000) == NULL);
    dyad__arena_free(&a);

    /* string set */
    dyad__strset set = {0};
    for (int i = 0; i < 1000; i++) {
        char k[16];
        snprintf(k, sizeof k, "k%d", i);
        dyad__strset_add(&set, k, strlen(k));
    }
    T_CHECK(dyad__strset_has(&set, "k999", 4));
    T_CHECK(!dyad__strset_has(&set, "k1000", 5));
    T_INTEQ(set.n, 1000);
    dyad__strset_free(&set);

    /* UTF-8 */
    T_INTEQ(dyad__utf8_check("abc\xE2\x80\x94", 6), 6);
    T_INTEQ(dyad__utf8_check("abc\xC0\x80", 5), 3);        /* overlong */
    T_INTEQ(dyad__utf8_check("ab\xED\xA0\x80", 5), 2);     /* surrogate */
    T_INTEQ(dyad__utf8_check("abcdefghij\xE2\x80", 12), 10); /* truncated */
    char enc[4];
    T_INTEQ(dyad__utf8_encode(0x20AC, enc), 3);
    T_CHECK(!memcmp(enc, "\xE2\x82\xAC", 3));

    /* SHA-256 of "abc" and of "" (FIPS 180-4 examples) */
    char hex[65];
    dyad__sha256_hex("abc", 3, hex);
    T_STREQ(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    dyad__sha256_hex("", 0, hex);
    T_STREQ(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    char *m = malloc(1000);
    memset(m, 'a', 1000);
    dyad__sha256_hex(m, 1000, hex);
    T_STREQ(hex, "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
    free(m);
    /* every tail length 0..300, with the SHA extensions (if the CPU has them) and without: the
     * hash of the concatenated hex digests was computed with Python's hashlib */
    for (int portable = 0; portable < 2; portable++) {
        dyad__sha256_portable(portable);
        unsigned char pat[300];
        for (int i = 0; i < 300; i++)
            pat[i] = (unsigned char)(i * 7 + 3);
        dyad__buf all;
        dyad__buf_init(&all, 0);
        for (size_t len = 0; len <= 300; len++) {
            dyad__sha256_hex(pat, len, hex);
            dyad__buf_add(&all, hex, 64);
        }
        dyad__sha256_hex(all.data, all.len, hex);
        T_STREQ(hex, "9ab015b3431ba48c0f99e81c5bb7d903f6bfea343d7d7b190120d07cc51e653b");
        dyad__buf_free(&all);
    }
    dyad__sha256_portable(0);

    /* data files: iteration, sections, built-in fallback */
    dyad__lineiter it;
    const char *txt = "# comment\n\n one \n[sec]\ntwo\n";
    dyad__lines_init(&it, txt, strlen(txt));
    const char *e;
    size_t el;
    T_CHECK(dyad__lines_next(&it, &e, &el) && el == 3 && !memcmp(e, "one", 3) && it.section_len == 0);
    T_CHECK(dyad__lines_next(&it, &e, &el) && el == 3 && !memcmp(e, "two", 3) && it.section_len == 3);
    T_CHECK(!dyad__lines_next(&it, &e, &el));
    dyad_opts o = {.data_dir = "/nonexistent-dyad-data"};
    dyad_ctx *ctx = dyad_ctx_new(&o);
    T_CHECK(ctx != NULL);
    T_STREQ(dyad_data_source(ctx), "built-in");
    T_CHECK(dyad__data(ctx, "boilerplate.txt", &n) != NULL && n > 0);
    T_CHECK(dyad__data(ctx, "no-such-file.txt", &n) == NULL);
    T_CHECK(strstr(dyad_errmsg(ctx), "data folder not found") != NULL);
    dyad_ctx_free(ctx);

    /* a block that cannot be allocated sets the doc's sticky out-of-memory flag */
    dyad_ctx *c2 = dyad_ctx_new(NULL);
    dyad_doc *d = dyad__doc_new(c2, "oom.txt");
    T_CHECK(d != NULL && !d->oom);
    T_CHECK(dyad__doc_add_block(d, DYAD_BLOCK_PARA, 0, "  ", 2, 1, 0, 0) == NULL && !d->oom); /* empty */
    d->arena.max = d->arena.total; /* no more memory */
    static char huge[1 << 17];
    memset(huge, 'x', sizeof huge);
    T_CHECK(dyad__doc_add_block(d, DYAD_BLOCK_PARA, 0, huge, sizeof huge, 1, 0, 0) == NULL && d->oom);
    dyad_doc_free(d);
    dyad_ctx_free(c2);

    /* errors */
    T_STREQ(dyad_strerror(DYAD_NOMEM), "out of memory");
    T_STREQ(dyad_errname(DYAD_BINARY), "BINARY");
    T_STREQ(dyad_strerror((dyad_err)999), "unknown error");
    /* loading dictionaries: a sticky first error, array growth, a string pool */
    {
        dyad__dicterr de = {0};
        T_INTEQ(dyad__dict_fail(&de, "x.txt", 3, "bad %s", "TYPE"), DYAD_DICT);
        T_STREQ(de.msg, "x.txt:3: bad TYPE");
        T_INTEQ(dyad__dict_oom(&de, "the test"), DYAD_DICT); /* the first error stays */
        T_STREQ(de.msg, "x.txt:3: bad TYPE");
        dyad__dicterr e2 = {0};
        T_INTEQ(dyad__dict_oom(&e2, "the test"), DYAD_NOMEM);
        T_STREQ(e2.msg, "out of memory loading the test");
        int *arr = NULL;
        size_t cap = 0;
        T_INTEQ(dyad__grow((void **)&arr, &cap, 0, sizeof *arr), 0);
        T_CHECK(arr && cap == 256);
        T_INTEQ(dyad__grow((void **)&arr, &cap, 1000, sizeof *arr), 0);
        T_CHECK(cap > 1000);
        arr[1000] = 7;
        T_INTEQ(dyad__grow((void **)&arr, &cap, 5, sizeof *arr), 0);
        T_CHECK(arr[1000] == 7);
        free(arr);
        dyad__pool pool = {0};
        uint32_t o1, o2;
        T_INTEQ(dyad__pool_add(&pool, "india", 5, &o1), 0);
        int bad = 0;
        for (int i = 0; i < 5000; i++) /* grows past its first block: offsets stay valid */
            bad |= dyad__pool_add(&pool, "japan-and-india", 15, &o2);
        T_INTEQ(bad, 0);
        T_STREQ(pool.s + o1, "india");
        T_STREQ(pool.s + o2, "japan-and-india");
        free(pool.s);
    }
    /* strict lines: entries, sections with their line numbers, and the errors */
    {
        dyad__lineiter li;
        const char *dict = "# c\n[verbs]\n  AGREE - sign  \n\n[bad\nx\n";
        dyad__lines_init(&li, dict, strlen(dict));
        const char *ent, *why = NULL;
        size_t nl;
        T_INTEQ(dyad__lines_strict(&li, 100, &ent, &nl, &why), 2);
        T_CHECK(nl == 5 && !memcmp(ent, "verbs", 5) && li.line == 2);
        T_INTEQ(dyad__lines_strict(&li, 100, &ent, &nl, &why), 1);
        T_CHECK(nl == 12 && !memcmp(ent, "AGREE - sign", 12) && li.line == 3);
        T_INTEQ(dyad__lines_strict(&li, 100, &ent, &nl, &why), -1);
        T_CHECK(li.line == 5 && why && !strcmp(why, "a section line is [name]"));
        const char *bad = "ok\n\xff\xfe\n";
        dyad__lines_init(&li, bad, strlen(bad));
        T_INTEQ(dyad__lines_strict(&li, 100, &ent, &nl, &why), 1);
        T_INTEQ(dyad__lines_strict(&li, 100, &ent, &nl, &why), -1);
        T_CHECK(li.line == 2 && !strcmp(why, "invalid UTF-8"));
        dyad__lines_init(&li, "abcdef", 6);
        T_INTEQ(dyad__lines_strict(&li, 5, &ent, &nl, &why), -1);
        T_STREQ(why, "line too long");
    }
    T_DONE();
}
