/* core/fold.c — folding short text for phrase lookups, shared by the clean and meta stages. */
#include "core/internal.h"

size_t dyad__fold(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    int sp = 0;
    for (size_t i = 0; i < n && o + 1 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            sp = o > 0;
            continue;
        }
        if (sp) {
            out[o++] = ' ';
            sp = 0;
            if (o + 1 >= cap)
                break;
        }
        if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
            ((unsigned char)s[i + 2] == 0x98 || (unsigned char)s[i + 2] == 0x99)) {
            out[o++] = '\'';
            i += 2;
            continue;
        }
        out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    out[o] = 0;
    return o;
}

int dyad__strset_load(const dyad_ctx *ctx, dyad__strset *set, const char *file)
{
    size_t len = 0;
    const char *txt = dyad__data(ctx, file, &len);
    if (!txt)
        return 0;
    dyad__lineiter it;
    const char *e;
    size_t n;
    int bad = 0;
    dyad__lines_init(&it, txt, len);
    while (dyad__lines_next(&it, &e, &n))
        bad |= dyad__strset_add(set, e, n);
    return bad ? DYAD_NOMEM : 0;
}
