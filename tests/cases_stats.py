#!/usr/bin/env python3
"""Strict parser and counter for the event-coder golden files.

    python3 tests/cases_stats.py [--check] [events.cases [actors.cases]]

Parses tests/events.cases and tests/actors.cases (formats in their header comments), fails with
"file:line: message" (exit 1) on the first malformed line, and prints counts: cases, none cases,
events and cases per PLOVER type, per status, per mode, per kind of date, per country pair, per
section; for actors, mentions per code and sector. With --check it also fails (exit 2) when the
counts fall short of the targets the files were written to (listed in TARGETS below).
Standard library only.
"""
import collections
import datetime
import os
import re
import sys

TYPES = ("AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN "
         "PROTEST SANCTION MOBILIZE COERCE ASSAULT").split()
STATUSES = ("happened", "planned", "failed", "hypothetical")
MODES = {
    "CONSULT": ("visit", "meeting", "negotiation", "call"),
    "AGREE": ("treaty", "pledge", "partnership"),
    "COOPERATE": ("exercise", "military", "economic", "technology", "exchange"),
    "AID": ("loan", "grant", "military", "humanitarian", "economic"),
    "SANCTION": ("sanctions", "relations", "expel", "embargo"),
}
GROUPS = set("QUAD ASEAN G7 G20 BRICS NSG SCO EU UN NATO AU GCC SAARC OPEC IAEA WTO IMF".split())
SECTORS = ("government", "military", "business", "legislature", "judiciary", "police", "party",
           "media", "civil")

# ISO 3166-1 alpha-3, generated from iso-codes' /usr/share/iso-codes/json/iso_3166-1.json:
#   python3 -c "import json;print(' '.join(sorted(x['alpha_3'] for x in
#               json.load(open('/usr/share/iso-codes/json/iso_3166-1.json'))['3166-1'])))"
ISO3 = set("""
ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA BGD BGR BHR
BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR COD COG COK COL
COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH ESP EST ETH FIN FJI FLK
FRA FRO FSM GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY HKG HMD HND HRV
HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO
LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG
MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL NER NFK NGA NIC NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN
PER PHL PLW PNG POL PRI PRK PRT PRY PSE PYF QAT REU ROU RUS RWA SAU SDN SEN SGP SGS SHN SJM SLB SLE
SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR TCA TCD TGO THA TJK TKL TKM TLS TON TTO
TUN TUR TUV TWN TZA UGA UKR UMI URY USA UZB VAT VCT VEN VGB VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE
""".split())
# Former states (ISO 3166-3 keeps their old alpha-3 codes), for history cases.
FORMER = {"SUN": "Soviet Union", "YUG": "Yugoslavia", "CSK": "Czechoslovakia", "DDR": "East Germany"}

TARGETS = {
    "events_cases": 450, "type_cases": 12, "status_cases": 15, "none_cases": 100, "pairs": 25,
    "beyond_cases": 40, "actors_cases": 200,
}

DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
WEEK_RE = re.compile(r"^(\d{4})-W(\d{2})$")
SECTION_RE = re.compile(r"^# --- (.+?) ---\s*$")


class Bad(Exception):
    pass


def check_code(code):
    if code in GROUPS or code in FORMER:
        return
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise Bad("actor code %r is neither 3 upper-case letters nor a known group" % code)
    if code not in ISO3:
        raise Bad("actor code %r is not an ISO 3166-1 alpha-3 code" % code)


def check_date(value, what):
    """Return the kind of date: year, month, day or week."""
    m = DATE_RE.match(value)
    if m:
        y, mo, d = m.group(1), m.group(2), m.group(3)
        try:
            if d:
                datetime.date(int(y), int(mo), int(d))
                return "day"
            if mo:
                datetime.date(int(y), int(mo), 1)
                return "month"
        except ValueError:
            raise Bad("%s %r is not a real date" % (what, value))
        return "year"
    m = WEEK_RE.match(value)
    if m and 1 <= int(m.group(2)) <= 53:
        return "week"
    raise Bad("%s %r is not ISO 8601 (YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www)" % (what, value))


def parse_codes(spec):
    codes = spec.split(",")
    if any(c == "" for c in codes):
        raise Bad("empty actor code in %r" % spec)
    for c in codes:
        check_code(c)
    if len(set(codes)) != len(codes):
        raise Bad("actor code repeated in %r" % spec)
    return codes


def parse_event(rest):
    toks = rest.split()
    if len(toks) < 2:
        raise Bad("event needs actors and a type")
    spec, etype = toks[0], toks[1]
    if ">" in spec and "+" in spec:
        raise Bad("actors %r mix '>' and '+'" % spec)
    if ">" in spec:
        parts = spec.split(">")
        if len(parts) != 2:
            raise Bad("actors %r: one '>' only" % spec)
        src, tgt = parse_codes(parts[0]), parse_codes(parts[1])
        if set(src) & set(tgt):
            raise Bad("actors %r: a country acting on itself is not an event" % spec)
        ev = {"dir": True, "src": src, "tgt": tgt}
    elif "+" in spec:
        codes = spec.split("+")
        for c in codes:
            if c == "" or "," in c:
                raise Bad("symmetric actors %r: write A+B (or A+B+C), one code each" % spec)
            check_code(c)
        if len(set(codes)) != len(codes):
            raise Bad("actors %r: a country acting with itself is not an event" % spec)
        ev = {"dir": False, "src": codes, "tgt": []}
    else:
        raise Bad("actors %r: write SOURCE>TARGET or A+B" % spec)
    if etype not in TYPES:
        raise Bad("unknown event type %r" % etype)
    ev["type"] = etype
    seen = set()
    for t in toks[2:]:
        if "=" not in t:
            raise Bad("unexpected %r (want key=value)" % t)
        k, v = t.split("=", 1)
        if k in seen:
            raise Bad("%s= given twice" % k)
        seen.add(k)
        if k == "date":
            ev["date"] = v
            ev["datekind"] = "none" if v == "none" else check_date(v, "date")
        elif k == "status":
            if v not in STATUSES:
                raise Bad("unknown status %r" % v)
            ev["status"] = v
        elif k == "mode":
            if v not in MODES.get(etype, ()):
                raise Bad("mode %r is not a mode of %s (%s)" % (v, etype,
                          ", ".join(MODES.get(etype, ())) or "it has none"))
            ev["mode"] = v
        else:
            raise Bad("unknown key %r" % k)
    return ev


def blocks(path):
    """Yield (section, [(lineno, line)]) for each case; comment lines are dropped."""
    section = "(no section)"
    cur = []
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            if not raw.endswith("\n"):
                raise Bad("%s:%d: the file must end with a newline" % (path, n))
            line = raw[:-1]
            if line.endswith("\r") or "\t" in line:
                raise Bad("%s:%d: no tabs or carriage returns" % (path, n))
            if line.strip() == "":
                if cur:
                    yield section, cur
                    cur = []
                continue
            if line.startswith("#"):
                m = SECTION_RE.match(line)
                if m:
                    if cur:
                        raise Bad("%s:%d: a section starts inside a case" % (path, n))
                    section = m.group(1)
                continue
            if line != line.strip():
                raise Bad("%s:%d: leading or trailing white space" % (path, n))
            cur.append((n, line))
    if cur:
        yield section, cur


def head(path, cases, n, line, case, allowed):
    """Parse the text:/dct: lines common to both files; return True when consumed."""
    if line.startswith("text: "):
        if case["after_text"]:
            raise Bad("text: after dct: or an expectation line")
        t = line[6:]
        if not t.strip():
            raise Bad("empty text:")
        case["texts"].append(t)
        return True
    if line.startswith("dct: "):
        if not case["texts"]:
            raise Bad("dct: before any text:")
        if case["dct"] is not None:
            raise Bad("second dct:")
        if case["after_text"]:
            raise Bad("dct: must come right after the text: lines")
        v = line[5:]
        if check_date(v, "dct") != "day":
            raise Bad("dct must be YYYY-MM-DD")
        case["dct"] = v
        case["after_text"] = True
        return True
    return False


def new_case(section, n):
    return {"section": section, "line": n, "texts": [], "dct": None, "after_text": False}


def parse_events(path):
    cases = []
    for section, lines in blocks(path):
        case = new_case(section, lines[0][0])
        case["events"] = []
        case["none"] = False
        for n, line in lines:
            try:
                if head(path, cases, n, line, case, ()):
                    continue
                if not case["texts"]:
                    raise Bad("a case starts with text:")
                case["after_text"] = True
                if line == "none":
                    if case["none"] or case["events"]:
                        raise Bad("'none' must be the only expectation of its case")
                    case["none"] = True
                elif line.startswith("event: "):
                    if case["none"]:
                        raise Bad("event: in a case that expects none")
                    ev = parse_event(line[7:])
                    ev["line"] = n
                    case["events"].append(ev)
                else:
                    raise Bad("unknown line (want text:, dct:, event:, none or # comment)")
            except Bad as e:
                raise Bad("%s:%d: %s" % (path, n, e))
        if not case["events"] and not case["none"]:
            raise Bad("%s:%d: case without event: or none" % (path, case["line"]))
        # the same event twice in one case is a mistake
        keys = [(e["dir"], tuple(sorted(e["src"])) if not e["dir"] else tuple(e["src"]),
                 tuple(e["tgt"]), e["type"], e.get("date"), e.get("status"), e.get("mode"))
                for e in case["events"]]
        if len(set(keys)) != len(keys):
            raise Bad("%s:%d: the same event twice in one case" % (path, case["line"]))
        cases.append(case)
    return cases


def first_word_occurrence(texts, phrase):
    """True when the first occurrence of phrase in the case text is a whole-word match."""
    for t in texts:
        i = t.find(phrase)
        if i < 0:
            continue
        before = t[i - 1] if i > 0 else " "
        after = t[i + len(phrase)] if i + len(phrase) < len(t) else " "
        return not (before.isalnum() or after.isalnum())
    return None


def parse_actors(path):
    cases = []
    for section, lines in blocks(path):
        case = new_case(section, lines[0][0])
        case["actors"] = []
        case["noactors"] = []
        for n, line in lines:
            try:
                if head(path, cases, n, line, case, ()):
                    continue
                if not case["texts"]:
                    raise Bad("a case starts with text:")
                case["after_text"] = True
                if line.startswith("actor: "):
                    toks = line[7:].split(" ")
                    sector = None
                    if toks and toks[-1] in SECTORS:
                        sector = toks.pop()
                    if len(toks) < 2:
                        raise Bad("actor: needs PHRASE CODE [sector]")
                    code = toks.pop()
                    check_code(code)
                    phrase = " ".join(toks)
                    if phrase != phrase.strip() or "  " in phrase:
                        raise Bad("extra spaces in phrase")
                    if any(p == phrase and c == code for p, c, s, _ in case["actors"]):
                        raise Bad("phrase %r given twice with %s" % (phrase, code))
                    if phrase in case["noactors"]:
                        raise Bad("phrase %r is both actor and noactor" % phrase)
                    case["actors"].append((phrase, code, sector, n))
                elif line.startswith("noactor: "):
                    phrase = line[9:]
                    if not phrase or phrase != phrase.strip():
                        raise Bad("noactor: needs a phrase")
                    if phrase in case["noactors"] or any(p == phrase for p, *_ in case["actors"]):
                        raise Bad("phrase %r given twice" % phrase)
                    case["noactors"].append(phrase)
                else:
                    raise Bad("unknown line (want text:, dct:, actor:, noactor: or # comment)")
                ok = first_word_occurrence(case["texts"], phrase)
                if ok is None:
                    raise Bad("phrase %r is not in the case's text" % phrase)
                if not ok:
                    raise Bad("the first occurrence of %r is inside a longer word" % phrase)
            except Bad as e:
                raise Bad("%s:%d: %s" % (path, n, e))
        if not case["actors"] and not case["noactors"]:
            raise Bad("%s:%d: case without actor: or noactor:" % (path, case["line"]))
        cases.append(case)
    return cases


def pairs_of(ev):
    if ev["dir"]:
        return {tuple(sorted((s, t))) for s in ev["src"] for t in ev["tgt"]}
    c = ev["src"]
    return {tuple(sorted((a, b))) for i, a in enumerate(c) for b in c[i + 1:]}


def table(title, counter, out, width=0):
    out.append(title)
    for k, v in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])):
        out.append("  %-*s %5d" % (max(width, 28), k, v))


def stats_events(cases, out):
    short = []
    ev_type = collections.Counter()
    case_type = collections.Counter()
    ev_status = collections.Counter()
    case_status = collections.Counter()
    ev_mode = collections.Counter()
    ev_date = collections.Counter()
    case_pair = collections.Counter()
    sect = collections.Counter()
    none = sum(1 for c in cases if c["none"])
    nev = sum(len(c["events"]) for c in cases)
    for c in cases:
        sect[c["section"]] += 1
        types, statuses, pairs = set(), set(), set()
        for e in c["events"]:
            ev_type[e["type"]] += 1
            types.add(e["type"])
            st = e.get("status", "(not given = happened)")
            ev_status[st] += 1
            statuses.add(st)
            if "mode" in e:
                ev_mode[e["type"] + " " + e["mode"]] += 1
            ev_date[e.get("datekind", "(not tested)")] += 1
            pairs |= pairs_of(e)
        for t in types:
            case_type[t] += 1
        for s in statuses:
            case_status[s] += 1
        for p in pairs:
            case_pair["-".join(p)] += 1
    beyond = sum(v for k, v in sect.items() if k.startswith("beyond"))
    out.append("events.cases: %d cases (%d with events, %d none), %d events, %d with dct:, "
               "%d country pairs, %d cases in 'beyond' sections"
               % (len(cases), len(cases) - none, none, nev, sum(1 for c in cases if c["dct"]),
                  len(case_pair), beyond))
    out.append("per type: events / cases")
    for t in TYPES:
        out.append("  %-28s %5d %5d" % (t, ev_type[t], case_type[t]))
    out.append("per status: events / cases")
    for s in sorted(ev_status):
        out.append("  %-28s %5d %5d" % (s, ev_status[s], case_status[s]))
    table("per mode (events)", ev_mode, out)
    table("per date kind (events)", ev_date, out)
    table("per country pair (cases)", case_pair, out)
    table("per section (cases)", sect, out, 50)
    T = TARGETS
    if len(cases) < T["events_cases"]:
        short.append("events cases %d < %d" % (len(cases), T["events_cases"]))
    for t in TYPES:
        if case_type[t] < T["type_cases"]:
            short.append("%s in %d cases < %d" % (t, case_type[t], T["type_cases"]))
    for s in ("planned", "failed", "hypothetical"):
        if case_status[s] < T["status_cases"]:
            short.append("status %s in %d cases < %d" % (s, case_status[s], T["status_cases"]))
    if none < T["none_cases"]:
        short.append("none cases %d < %d" % (none, T["none_cases"]))
    if len(case_pair) < T["pairs"]:
        short.append("country pairs %d < %d" % (len(case_pair), T["pairs"]))
    if beyond < T["beyond_cases"]:
        short.append("beyond cases %d < %d" % (beyond, T["beyond_cases"]))
    return short


def stats_actors(cases, out):
    code = collections.Counter()
    sector = collections.Counter()
    sect = collections.Counter()
    na = sum(len(c["noactors"]) for c in cases)
    for c in cases:
        sect[c["section"]] += 1
        for p, cd, s, _ in c["actors"]:
            code[cd] += 1
            sector[s or "(not given)"] += 1
    out.append("actors.cases: %d cases, %d actor lines, %d noactor lines, %d codes, %d with dct:"
               % (len(cases), sum(code.values()), na, len(code),
                  sum(1 for c in cases if c["dct"])))
    table("per code (actor lines)", code, out)
    table("per sector (actor lines)", sector, out)
    table("per section (cases)", sect, out, 50)
    if len(cases) < TARGETS["actors_cases"]:
        return ["actors cases %d < %d" % (len(cases), TARGETS["actors_cases"])]
    return []


def main(argv):
    check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    here = os.path.dirname(os.path.abspath(__file__))
    ev_path = args[0] if args else os.path.join(here, "events.cases")
    ac_path = args[1] if len(args) > 1 else os.path.join(here, "actors.cases")
    out, short = [], []
    try:
        short += stats_events(parse_events(ev_path), out)
        if os.path.exists(ac_path):
            out.append("")
            short += stats_actors(parse_actors(ac_path), out)
    except Bad as e:
        print(e, file=sys.stderr)
        return 1
    except OSError as e:
        print(e, file=sys.stderr)
        return 1
    print("\n".join(out))
    if short:
        print("\nbelow target: " + "; ".join(short), file=sys.stderr)
        if check:
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
