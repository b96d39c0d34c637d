/* tests/t.h — the unit-test harness: a check is one line, a file is one program.
 * Each test program ends with T_DONE(), which prints "N passed, N failed" (read by tests/run.sh)
 * and exits non-zero when anything failed. */
#ifndef DYAD_T_H
#define DYAD_T_H

#include <stdio.h>
#include <string.h>

static int t_pass_, t_fail_;

#define T_OK(cond, ...)                                                          \
    do {                                                                         \
        if (cond) {                                                              \
            t_pass_++;                                                           \
        } else {                                                                 \
            t_fail_++;                                                           \
            fprintf(stderr, "%s:%d: FAIL %s: ", __FILE__, __LINE__, #cond);      \
            fprintf(stderr, __VA_ARGS__);                                        \
            fputc('\n', stderr);                                                 \
        }                                                                        \
    } while (0)

#define T_CHECK(cond) T_OK(cond, "%s", "")

#define T_STREQ(got, want)                                                        \
    do {                                                                          \
        const char *g_ = (got), *w_ = (want);                                     \
        T_OK(g_ && w_ && strcmp(g_, w_) == 0, "got \"%s\", want \"%s\"",           \
             g_ ? g_ : "(null)", w_ ? w_ : "(null)");                              \
    } while (0)

#define T_INTEQ(got, want)                                                        \
    do {                                                                          \
        long long g_ = (long long)(got), w_ = (long long)(want);                  \
        T_OK(g_ == w_, "got %lld, want %lld", g_, w_);                            \
    } while (0)

#define T_DONE()                                                                  \
    do {                                                                          \
        printf("%d passed, %d failed\n", t_pass_, t_fail_);                       \
        return t_fail_ ? 1 : 0;                                                   \
    } while (0)

#endif
