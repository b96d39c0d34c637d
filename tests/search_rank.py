#!/usr/bin/env python3
"""Measures `dyad search` ranking on tests/search/, a collection whose answers are known
(tests/search_queries.tsv). Usage: search_rank.py DYAD STORE [--bm25]. Prints, over all queries:
  P@1      share of queries whose first hit is an answer
  MRR      mean of 1/rank of the first answer in the top 10 (0 when none)
  heads@3  hits in the top 3 of at most 3 words (bare headings that merely hold the words), summed
           over all queries
  phrase@3 for queries of several words, the share of top-3 hits holding them next to each other
           (as FTS5 matched them: stemmed), the precision that a phrase query asks for
and one line per query whose first answer is not first. Last line: the figures as JSON."""
import json, os, subprocess, sys

dyad, store = sys.argv[1], sys.argv[2]
flags = sys.argv[3:]
queries = []
for line in open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "search_queries.tsv"), encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    q, answers = line.rstrip("\n").split("\t")
    queries.append((q, [a.strip() for a in answers.split("|")]))

def holds_phrase(row, nwords):
    """Do the matches (as FTS5 marked them: stems, a quoted phrase as one span) lie next to each
    other, nwords words in a row, with nothing but spaces and punctuation between them?"""
    b = row["sentence"].encode()
    run = None
    for a, e in row["matches"]:
        if run and not any(c.isalnum() for c in b[run[1]:a].decode(errors="replace")):
            run = (run[0], e)
        else:
            run = (a, e)
        if len(b[run[0]:run[1]].split()) >= nwords:
            return True
    return False


p1 = rr = heads = 0
phrase_hits = phrase_n = 0
for q, answers in queries:
    out = subprocess.run([dyad, "search", "--db", store, "--json", "-n", "10", *flags, q],
                         capture_output=True, text=True)
    rows = [json.loads(l) for l in out.stdout.splitlines()]
    hits = [r["sentence"] for r in rows]
    rank = next((i + 1 for i, h in enumerate(hits) if any(a in h for a in answers)), None)
    if rank == 1:
        p1 += 1
    if rank:
        rr += 1.0 / rank
    if rank != 1:
        print("  %-42s first answer at %s; first hit: %s" % (q, rank, hits[0] if hits else "-"))
    heads += sum(1 for h in hits[:3] if len(h.split()) <= 3)
    nwords = len(q.strip('"').split())
    if nwords > 1:
        for r in rows[:3]:
            phrase_n += 1
            phrase_hits += holds_phrase(r, nwords)
n = len(queries)
fig = {"queries": n, "P@1": round(p1 / n, 3), "MRR": round(rr / n, 3), "heads@3": heads,
       "phrase@3": round(phrase_hits / phrase_n, 3) if phrase_n else None}
print("%s: P@1 %.3f, MRR %.3f, headings in top 3: %d, phrase@3 %.3f (%d queries)"
      % ("bm25" if flags else "bm25 + length prior", fig["P@1"], fig["MRR"], heads, fig["phrase@3"], n))
print(json.dumps(fig))
