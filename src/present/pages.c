#include "present/present_int.h"
int dyad_present_get(dyad_ctx *ctx, dyad_store *st, const dyad_request *rq, dyad_response *r) { (void)ctx; (void)st; (void)rq; r->status = 404; return 0; }
