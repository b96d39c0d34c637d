/* libFuzzer target: any bytes straight into the sentence splitter, checking the contract of
 * include/dyad/split.h on every span (in range, in order, trimmed, at most DYAD_SPLIT_MAX_BYTES,
 * never cutting a valid UTF-8 sequence when the input is valid UTF-8). */
#include <stddef.h>
#include <stdint.h>

#include "dyad/dyad.h"

typedef struct fz {
    const uint8_t *t;
    size_t len, prev;
    int utf8;
} fz;

static int valid_utf8(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned c = p[i];
        size_t k = c < 0x80 ? 1 : (c >= 0xC2 && c < 0xE0) ? 2 : (c >= 0xE0 && c < 0xF0) ? 3 : (c >= 0xF0 && c < 0xF5) ? 4 : 0;
        if (!k || i + k > n)
            return 0;
        for (size_t j = 1; j < k; j++)
            if ((p[i + j] & 0xC0) != 0x80)
                return 0;
        i += k;
    }
    return 1;
}

static int is_space(uint8_t c) { return c <= 0x20 || c == 0x7f; }

static int on_sentence(void *ud, size_t s, size_t e)
{
    fz *z = ud;
    if (!(s < e && e <= z->len && s >= z->prev && e - s <= DYAD_SPLIT_MAX_BYTES))
        __builtin_trap();
    if (is_space(z->t[s]) || is_space(z->t[e - 1]))
        __builtin_trap();
    if (z->utf8 && ((z->t[s] & 0xC0) == 0x80 || (e < z->len && (z->t[e] & 0xC0) == 0x80)))
        __builtin_trap();
    z->prev = e;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static dyad_ctx *ctx;
    if (!ctx)
        ctx = dyad_ctx_new(NULL);
    fz z = {data, size, 0, valid_utf8(data, size)};
    if (dyad_split(size & 1 ? ctx : NULL, (const char *)data, size, on_sentence, &z) != 0)
        __builtin_trap();
    return 0;
}
