#!/usr/bin/env python3
"""tests/export_check.py DYAD DB — reads every export of `dyad export` back, as other tools would
(Python's csv and json, pandas), and checks row counts and fields against `dyad timeline --json`
of the same store. Prints one line per failed check and ends with "N passed, N failed".

What it holds the exports to:
  - timeline (csv, jsonl, plover, gdelt): one row per entry of `dyad timeline --json` (gdelt: per
    dated entry), with its id, date, dates, disagreement, type, mode, status, label, actors,
    mentions, ndocs and sources;
  - sources (csv, jsonl): every source of every entry, in order;
  - events (csv, jsonl, plover, gdelt): as many rows as the timeline has mentions, and every source
    sentence of the timeline among them;
  - csv and jsonl of the same rows agree field by field; pandas reads csv, jsonl and the gdelt TSV
    (given GDELT's 61 column names) with the same counts.
"""
import csv
import io
import json
import os
import subprocess
import sys

GDELT_COLS = (
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate "
    "Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code "
    "Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code "
    "Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code "
    "Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code "
    "IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources "
    "NumArticles AvgTone "
    "Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code "
    "Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID "
    "Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code "
    "Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID "
    "ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code "
    "ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID DATEADDED SOURCEURL").split()
assert len(GDELT_COLS) == 61

P = F = 0


def ok(name, cond, detail=""):
    global P, F
    if cond:
        P += 1
    else:
        F += 1
        print("FAIL: %s%s" % (name, (": " + str(detail)[:300]) if detail else ""))


def run(*args):
    r = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if r.returncode != 0:
        raise SystemExit("FAIL: %s exited %d: %s\n0 passed, 1 failed" % (" ".join(args), r.returncode,
                                                                         r.stderr.decode()[:300]))
    return r.stdout


def same_path(a, b):
    """The timeline may show a stored path relative to the working folder; exports give it absolute."""
    return a is not None and b is not None and os.path.realpath(a) == os.path.realpath(b)


def flat(v):
    """A jsonl value as the csv writes it."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return ";".join(v)
    return str(v)


def root_quad(root):
    root = int(root)
    return 1 if 1 <= root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def main():
    dyad, db = sys.argv[1], sys.argv[2]
    T = [json.loads(l) for l in run(dyad, "timeline", "--db", db, "--json").decode().splitlines() if l.strip()]
    by_id = {t["id"]: t for t in T}
    ok("timeline ids are unique", len(by_id) == len(T))
    nmentions = sum(t["mentions"] for t in T)
    nsources = sum(len(t["sources"]) for t in T)

    def export(fmt, what=None, *extra):
        args = [dyad, "export", "--db", db, "--format", fmt] + (["--what", what] if what else []) + list(extra)
        return run(*args)

    # ---- csv and jsonl of each kind of row agree field by field
    rows = {}
    for what in ("events", "timeline", "sources"):
        raw = export("csv", what)
        ok("csv %s: a header line, lines end with CRLF (RFC 4180)" % what,
           raw.endswith(b"\r\n") and raw.split(b"\n")[0].endswith(b"\r"), raw[:80])
        text = raw.decode("utf-8")
        c = list(csv.DictReader(io.StringIO(text, newline="")))
        j = [json.loads(l) for l in export("jsonl", what).decode("utf-8").splitlines() if l.strip()]
        ok("csv and jsonl %s: same number of rows" % what, len(c) == len(j), (len(c), len(j)))
        header = next(csv.reader(io.StringIO(text, newline="")))
        bad = []
        for a, b in zip(c, j):
            keys = [k for k in b if k != "sources"]
            if keys != header:
                bad.append(("keys", keys, header))
                break
            for k in keys:
                if a[k] != flat(b[k]):
                    bad.append((k, a[k], b[k]))
        ok("csv and jsonl %s: the same columns and values" % what, not bad, bad[:3])
        rows[what] = (c, j)

    # ---- timeline rows against dyad timeline --json
    c, j = rows["timeline"]
    ok("timeline: one row per entry", len(j) == len(T), (len(j), len(T)))
    ok("timeline: the same ids", {r["id"] for r in j} == set(by_id))
    bad = []
    for r in j:
        t = by_id.get(r["id"])
        if not t:
            continue
        for k in ("date", "dates", "disagreement", "type", "mode", "status", "label", "actors", "mentions", "ndocs"):
            if r[k] != t[k]:
                bad.append((r["id"], k, r[k], t[k]))
        if r["nsources"] != len(t["sources"]) or len(r["sources"]) != len(t["sources"]):
            bad.append((r["id"], "sources", r["nsources"], len(t["sources"])))
            continue
        for a, b in zip(r["sources"], t["sources"]):
            if (a["sentence"], a["start"], a["end"], a["date"], a["title"]) != (b["sentence"], b["start"], b["end"],
                                                                                  b["date"], b["title"]) \
                    or not same_path(a["doc"], b["doc"]):
                bad.append((r["id"], "source", a, b))
        if t["sources"] and (r["sentence"] != t["sources"][0]["sentence"] or not same_path(r["doc"], t["sources"][0]["doc"])):
            bad.append((r["id"], "first source", r["sentence"], t["sources"][0]["sentence"]))
    ok("timeline: every field as dyad timeline --json gives it", not bad, bad[:3])
    dated = [r["date"] for r in j if r["date"]]
    ok("timeline: dated entries first, in date order", dated == sorted(dated) and
       all(r["date"] for r in j[:len(dated)]), [r["date"] for r in j][:20])
    ok("timeline: disagreeing entries keep every date",
       all(len(r["dates"]) >= 2 for r in j if r["disagreement"]))

    # ---- sources
    c, j = rows["sources"]
    ok("sources: one row per source", len(j) == nsources, (len(j), nsources))
    want = [(t["id"], i, s["sentence"], s["date"]) for t in T for i, s in enumerate(t["sources"])]
    got = [(r["entry"], r["seq"], r["sentence"], r["date"]) for r in j]
    ok("sources: the same sentences and dates", sorted(got, key=str) == sorted(want, key=str))

    # ---- events
    c, j = rows["events"]
    ok("events: as many rows as the timeline has mentions", len(j) == nmentions, (len(j), nmentions))
    ok("events: ids are unique", len({r["id"] for r in j}) == len(j))
    have = {(os.path.realpath(r["doc"]), r["start"], r["type"]) for r in j}
    missing = [(t["id"], s["sentence"][:60]) for t in T for s in t["sources"]
               if (os.path.realpath(s["doc"]), s["start"], t["type"]) not in have]
    ok("events: every timeline source is an event row", not missing, missing[:3])
    ok("events: undated ones say so", all((r["date"] is None) == (r["date_source"] == "none") for r in j),
       [(r["date"], r["date_source"]) for r in j if (r["date"] is None) != (r["date_source"] == "none")][:3])
    bad = [r for r in j if r["trigger"] is not None and
           r["sentence"].encode()[r["trigger_start"] - r["start"]:r["trigger_end"] - r["start"]].decode() != r["trigger"]]
    ok("events: trigger offsets point at the trigger", not bad, bad[:1])

    # ---- plover
    P_events = [json.loads(l) for l in export("plover").decode().splitlines() if l.strip()]
    ok("plover events: one record per event", len(P_events) == len(j), (len(P_events), len(j)))
    keys = ["id", "date", "event", "mode", "context", "actor", "recipient", "text_info", "cite_info", "dyad"]
    ok("plover events: the record's fields", all(list(p) == keys for p in P_events), P_events[:1])
    ev = {r["id"]: r for r in j}
    bad = [p["id"] for p in P_events if p["id"] not in ev or p["date"] != ev[p["id"]]["date"]
           or p["event"] != ev[p["id"]]["type"] or p["text_info"]["sentence"] != ev[p["id"]]["sentence"]
           or (p["actor"] and p["actor"]["codes"] != ev[p["id"]]["source"])
           or (p["recipient"] and p["recipient"]["codes"] != ev[p["id"]]["target"])
           or not same_path(p["cite_info"]["path"], ev[p["id"]]["doc"])]
    ok("plover events: date, event, actors, sentence and citation of each event", not bad, bad[:3])
    P_tl = [json.loads(l) for l in export("plover", "timeline").decode().splitlines() if l.strip()]
    ok("plover timeline: one record per entry", len(P_tl) == len(T))
    bad = [p["id"] for p in P_tl if p["id"] not in by_id or p["date"] != by_id[p["id"]]["date"]
           or p["dyad"]["mentions"] != by_id[p["id"]]["mentions"] or p["dyad"]["dates"] != by_id[p["id"]]["dates"]
           or p["dyad"]["disagreement"] != by_id[p["id"]]["disagreement"]
           or [p["actor"]["code"]] + p["recipient"]["codes"] != by_id[p["id"]]["actors"]]
    ok("plover timeline: date, dates, mentions and actors of each entry", not bad, bad[:3])

    # ---- gdelt: no header, 61 tab-separated columns, dated entries only
    raw = export("gdelt").decode("utf-8")
    lines = [l for l in raw.split("\n") if l]
    ok("gdelt: 61 columns on every line", all(len(l.split("\t")) == 61 for l in lines))
    ok("gdelt: no header line", not lines or lines[0].split("\t")[0] != "GLOBALEVENTID")
    dated_T = [t for t in T if t["date"]]
    ok("gdelt: one row per dated entry", len(lines) == len(dated_T), (len(lines), len(dated_T)))
    gid = {int(t["id"][:13], 16): t for t in T}
    bad = []
    for l in lines:
        f = dict(zip(GDELT_COLS, l.split("\t")))
        t = gid.get(int(f["GLOBALEVENTID"]))
        if not t:
            bad.append(("no entry", f["GLOBALEVENTID"]))
            continue
        d = t["date"]
        want_sql = (d[:4] + (d[5:7] if len(d) >= 7 and d[4] == "-" and d[5] != "W" else "01") +
                    (d[8:10] if len(d) == 10 else "01"))
        if "W" not in d and f["SQLDATE"] != want_sql:
            bad.append((t["id"], "SQLDATE", f["SQLDATE"], d))
        if f["Year"] != d[:4] or f["SQLDATE"][:6] != f["MonthYear"]:
            bad.append((t["id"], "Year", f["Year"], d))
        if int(f["NumMentions"]) != t["mentions"] or int(f["NumSources"]) != t["ndocs"]:
            bad.append((t["id"], "NumMentions/NumSources", f["NumMentions"], f["NumSources"], t["mentions"], t["ndocs"]))
        if f["EventRootCode"] != f["EventCode"][:2] or f["EventBaseCode"] != f["EventCode"][:3] \
                or int(f["QuadClass"]) != root_quad(f["EventRootCode"]):
            bad.append((t["id"], "CAMEO", f["EventCode"], f["EventRootCode"], f["QuadClass"]))
        if f["Actor1Code"] != t["actors"][0] or (len(t["actors"]) > 1 and f["Actor2Code"] != t["actors"][1]):
            bad.append((t["id"], "actors", f["Actor1Code"], f["Actor2Code"], t["actors"]))
        if not (f["SOURCEURL"].startswith("file:///") or "://" in f["SOURCEURL"]):
            bad.append((t["id"], "SOURCEURL", f["SOURCEURL"]))
        if len(f["DATEADDED"]) != 14 or not f["DATEADDED"].isdigit():
            bad.append((t["id"], "DATEADDED", f["DATEADDED"]))
    ok("gdelt: dates, actors, CAMEO codes and counts of each entry", not bad, bad[:3])
    ge = [l for l in export("gdelt", "events").decode().split("\n") if l]
    ok("gdelt events: one row per dated event", len(ge) == sum(1 for r in j if r["date"]), (len(ge),))

    # ---- pandas reads them all
    try:
        import pandas as pd
    except ImportError:
        ok("pandas is importable (scripts/install-deps.sh installs python3-pandas)", False)
    else:
        for what, n in (("events", nmentions), ("timeline", len(T)), ("sources", nsources)):
            df = pd.read_csv(io.BytesIO(export("csv", what)), keep_default_na=False)
            ok("pandas reads csv %s" % what, len(df) == n, (len(df), n))
            dj = pd.read_json(io.BytesIO(export("jsonl", what)), lines=True) if n else pd.DataFrame()
            ok("pandas reads jsonl %s" % what, len(dj) == n, (len(dj), n))
        df = pd.read_csv(io.StringIO(raw), sep="\t", header=None, names=GDELT_COLS, dtype={"EventCode": str,
                         "EventBaseCode": str, "EventRootCode": str})
        ok("pandas reads the gdelt TSV with GDELT's 61 names", list(df.columns) == GDELT_COLS and len(df) == len(dated_T),
           (len(df), len(dated_T)))
        if len(df):
            ok("pandas: NumMentions and NumSources sum as the timeline's",
               int(df.NumMentions.sum()) == sum(t["mentions"] for t in dated_T) and
               int(df.NumSources.sum()) == sum(t["ndocs"] for t in dated_T))
            ok("pandas: SQLDATE parses as dates", pd.to_datetime(df.SQLDATE.astype(str), format="%Y%m%d").notna().all())
    print("%d passed, %d failed" % (P, F))
    return 1 if F else 0


if __name__ == "__main__":
    sys.exit(main())
