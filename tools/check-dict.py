#!/usr/bin/env python3
"""check-dict.py — strict checker of the five actor dictionaries in data/.

    tools/check-dict.py [--data DIR] [--iso PATH]

Reads data/actors-countries.txt, actors-orgs.txt, actors-roles.txt, actors-people.txt and
actors-groups.txt and fails (exit 1) with "file:line: reason" on:
  - a line that is not valid UTF-8, a malformed entry, an unknown section;
  - an unknown KIND (countries), SECTOR (orgs, roles), OFFICE (people);
  - a code that is not an ISO 3166-1 alpha-3 code (a group code that IS one, members that are not);
  - a bad date (people), a term that ends before it starts or after the day the file was written;
  - an empty phrase, a phrase with a leading "the", a phrase written twice on a line;
  - a phrase listed for two different codes (or sectors) within the same file, and, except in the
    people file (one person has several terms), a phrase listed twice for the same code;
  - an alpha-3 code of iso-codes' iso_3166-1.json without a `name` line in the countries file.
Phrases that appear in two files for different codes are printed as warnings. Prints counts.

Two phrases are "the same" when they could match the same text: the recognizer's case rules make
every phrase match its ALL CAPS form, so the comparison ignores case; it also ignores white space
around hyphens (hyphens split words) and typographic apostrophes. Standard library only.
"""
import json
import os
import re
import sys
from collections import Counter, defaultdict

WRITTEN = "2026-12-01"  # the day actors-people.txt was written: no term may end after it
ISO_JSON = "/usr/share/iso-codes/json/iso_3166-1.json"

KINDS = {"name", "adj", "capital", "combine", "not"}
SECTORS = {"government", "military", "business", "legislature", "judiciary", "police", "party",
           "media", "civil"}
OFFICES = {"hos", "hog", "fm", "dm", "other"}
ROLE_SECTIONS = {"organs", "titles"}

errors = []
warnings = []


def err(path, line, msg):
    errors.append("%s:%d: %s" % (path, line, msg))


def key(phrase):
    """The comparison key of a phrase (see the module comment)."""
    p = phrase.replace("\u2019", "'").replace("\u2018", "'")
    p = re.sub(r"\s*-\s*", " - ", p)
    return " ".join(p.split()).casefold()


def show(path):
    """The path as messages print it: relative to the current folder when inside it."""
    r = os.path.relpath(path)
    return os.path.abspath(path) if r.startswith("..") else r


def entries(fpath, nfields, sections):
    """Yields (line number, section, [fields...], [phrases...]) for each entry of the file. The
    entry has nfields fields separated by runs of spaces or tabs, then the phrase list, whose
    phrases are separated by ' | '. `sections` is the set of allowed section names (None: none)."""
    path = show(fpath)
    try:
        raw = open(fpath, "rb").read()
    except OSError as e:
        err(path, 0, "cannot read: %s" % e.strerror)
        return
    section = ""
    for no, bline in enumerate(raw.split(b"\n"), 1):
        try:
            line = bline.decode("utf-8")
        except UnicodeDecodeError:
            err(path, no, "not valid UTF-8")
            continue
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            if not sections or section not in sections:
                err(path, no, "unknown section [%s]" % section)
            continue
        if sections and section not in sections:
            err(path, no, "entry outside a section (one of %s)" %
                ", ".join("[%s]" % s for s in sorted(sections)))
            continue
        parts = re.split(r"[ \t]+", line, maxsplit=nfields)
        if len(parts) < nfields + 1:
            err(path, no, "expected %d fields and a phrase list" % nfields)
            continue
        fields, plist = parts[:nfields], parts[nfields]
        phrases = plist.split(" | ")
        ok = True
        seen = set()
        for ph in phrases:
            if ph.strip() == "":
                err(path, no, "empty phrase")
                ok = False
            elif "|" in ph or ph != ph.strip():
                err(path, no, "phrases are separated by ' | ' (one space each side): %r" % ph)
                ok = False
            elif "\t" in ph or "  " in ph:
                err(path, no, "a tab or two spaces inside phrase %r" % ph)
                ok = False
            elif re.match(r"(?i)the\s", ph):
                err(path, no, "leading 'the' in %r: leave it out, the matcher skips it" % ph)
                ok = False
            elif ph.startswith("#"):
                err(path, no, "phrase starts with '#': %r" % ph)
                ok = False
            elif key(ph) in seen:
                err(path, no, "phrase %r written twice on the line" % ph)
                ok = False
            seen.add(key(ph))
        if ok:
            yield no, section, fields, phrases


def valid_date(s):
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", s)
    if not m:
        return False
    y, mo, d = m.group(1), m.group(2), m.group(3)
    if mo is not None and not 1 <= int(mo) <= 12:
        return False
    if d is not None:
        dim = [31, 29 if (int(y) % 4 == 0 and (int(y) % 100 != 0 or int(y) % 400 == 0)) else 28,
               31, 30, 31, 30, 31, 31, 30, 31, 30, 31][int(mo) - 1]
        if not 1 <= int(d) <= dim:
            return False
    return True


class Owners:
    """Remembers which code (or sector) each phrase key belongs to in one file, and reports a
    phrase given to two different owners (and, if `same_is_error`, to one owner twice)."""

    def __init__(self, path, same_is_error=True, what="code"):
        self.path, self.same, self.what = path, same_is_error, what
        self.first = {}  # key -> (owner, line, phrase)

    def add(self, no, owner, phrase, scope=""):
        k = (scope, key(phrase))
        if k in self.first:
            o, l, p = self.first[k]
            if o != owner:
                err(self.path, no, "phrase %r is listed for %s %s here and for %s %s at line %d (%r)"
                    % (phrase, self.what, owner, self.what, o, l, p))
            elif self.same:
                err(self.path, no, "phrase %r is already listed for %s at line %d"
                    % (phrase, owner, l))
            return
        self.first[k] = (owner, no, phrase)


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    data = os.path.join(here, "..", "data")
    iso_path = ISO_JSON
    args = list(argv)
    while args:
        a = args.pop(0)
        if a == "--data" and args:
            data = args.pop(0)
        elif a == "--iso" and args:
            iso_path = args.pop(0)
        else:
            print("usage: tools/check-dict.py [--data DIR] [--iso PATH]", file=sys.stderr)
            return 2
    try:
        iso = json.load(open(iso_path, encoding="utf-8"))["3166-1"]
    except (OSError, ValueError, KeyError) as e:
        print("%s: cannot read the ISO 3166-1 list (Debian package iso-codes): %s" % (iso_path, e),
              file=sys.stderr)
        return 2
    iso3 = {c["alpha_3"] for c in iso}

    f = lambda name: os.path.join(data, name)
    cross = defaultdict(dict)  # key -> {code: (file, line, phrase)}
    counts = []

    # ---- countries
    path = show(f("actors-countries.txt"))
    own = Owners(path)
    named = set()
    kinds = Counter()
    kind_lines = Counter()
    nlines = 0
    for no, _, (code, kind), phrases in entries(f("actors-countries.txt"), 2, None):
        nlines += 1
        if kind not in KINDS:
            err(path, no, "unknown KIND %r (one of %s)" % (kind, ", ".join(sorted(KINDS))))
            continue
        if kind == "not":
            if code != "-":
                err(path, no, "a `not` line has code '-', not %r" % code)
                continue
        elif code not in iso3:
            err(path, no, "%r is not an ISO 3166-1 alpha-3 code" % code)
            continue
        if kind == "name":
            named.add(code)
        kinds[kind] += len(phrases)
        kind_lines[kind] += 1
        for ph in phrases:
            own.add(no, code, ph)
            cross[key(ph)].setdefault(code, (path, no, ph))
    for c in sorted(iso3 - named):
        err(path, 0, "ISO code %s has no `name` line" % c)
    counts.append("%s: %d lines, %d phrases (%s); %d of %d ISO codes named" % (
        path, nlines, sum(kinds.values()),
        ", ".join("%s %d" % (k, kinds[k]) for k in ("name", "adj", "capital", "combine", "not")),
        len(named & iso3), len(iso3)))

    # ---- organisations
    path = show(f("actors-orgs.txt"))
    own = Owners(path)
    sectors = Counter()
    nlines = 0
    codes = set()
    for no, _, (code, sector), phrases in entries(f("actors-orgs.txt"), 2, None):
        nlines += 1
        if code not in iso3:
            err(path, no, "%r is not an ISO 3166-1 alpha-3 code" % code)
            continue
        if sector not in SECTORS:
            err(path, no, "unknown SECTOR %r (one of %s)" % (sector, ", ".join(sorted(SECTORS))))
            continue
        codes.add(code)
        sectors[sector] += len(phrases)
        for ph in phrases:
            own.add(no, code, ph)
            cross[key(ph)].setdefault(code, (path, no, ph))
    counts.append("%s: %d lines, %d phrases, %d countries (%s)" % (
        path, nlines, sum(sectors.values()), len(codes),
        ", ".join("%s %d" % (s, sectors[s]) for s in sorted(sectors))))

    # ---- roles
    path = show(f("actors-roles.txt"))
    own = Owners(path, what="sector")
    per = Counter()
    nlines = 0
    for no, section, (sector,), phrases in entries(f("actors-roles.txt"), 1, ROLE_SECTIONS):
        nlines += 1
        if sector not in SECTORS:
            err(path, no, "unknown SECTOR %r (one of %s)" % (sector, ", ".join(sorted(SECTORS))))
            continue
        per[section] += len(phrases)
        for ph in phrases:
            own.add(no, sector, ph, scope=section)
    counts.append("%s: %d lines, %d phrases (%s)" % (
        path, nlines, sum(per.values()), ", ".join("[%s] %d" % (s, per[s]) for s in sorted(per))))

    # ---- people
    path = show(f("actors-people.txt"))
    own = Owners(path, same_is_error=False)
    offices = Counter()
    people = set()
    nlines = nphr = 0
    pcodes = set()
    for no, _, (code, office, frm, to), phrases in entries(f("actors-people.txt"), 4, None):
        nlines += 1
        if code not in iso3:
            err(path, no, "%r is not an ISO 3166-1 alpha-3 code" % code)
            continue
        if office not in OFFICES:
            err(path, no, "unknown OFFICE %r (one of %s)" % (office, ", ".join(sorted(OFFICES))))
            continue
        if not valid_date(frm):
            err(path, no, "bad FROM date %r (YYYY, YYYY-MM or YYYY-MM-DD)" % frm)
            continue
        if to != "-" and not valid_date(to):
            err(path, no, "bad TO date %r (YYYY, YYYY-MM, YYYY-MM-DD or '-')" % to)
            continue
        if to != "-" and to < frm[:len(to)]:
            err(path, no, "term ends (%s) before it starts (%s)" % (to, frm))
            continue
        if frm > WRITTEN or (to != "-" and to > WRITTEN):
            err(path, no, "date after %s, the day the file was written" % WRITTEN)
            continue
        pcodes.add(code)
        offices[office] += 1
        people.add((code, phrases[0]))
        nphr += len(phrases)
        for ph in phrases:
            own.add(no, code, ph)
            cross[key(ph)].setdefault(code, (path, no, ph))
    counts.append("%s: %d lines (terms), %d people, %d phrases, %d countries (%s)" % (
        path, nlines, len(people), nphr, len(pcodes),
        ", ".join("%s %d" % (o, offices[o]) for o in ("hos", "hog", "fm", "dm", "other"))))

    # ---- groups
    path = show(f("actors-groups.txt"))
    own = Owners(path)
    gcodes = {}
    nphr = 0
    for no, _, (code, members), phrases in entries(f("actors-groups.txt"), 2, None):
        if not re.fullmatch(r"[A-Z][A-Z0-9]*", code):
            err(path, no, "group code %r is not upper-case ASCII letters and digits" % code)
            continue
        if code in iso3:
            err(path, no, "group code %r is an ISO 3166-1 alpha-3 country code" % code)
            continue
        if code in gcodes:
            err(path, no, "group %s already defined at line %d" % (code, gcodes[code]))
            continue
        if members != "*":
            ms = members.split(",")
            bad = [m for m in ms if m not in iso3]
            if bad:
                err(path, no, "members that are not ISO alpha-3 codes: %s" % ", ".join(bad))
                continue
            dup = [m for m, n in Counter(ms).items() if n > 1]
            if dup:
                err(path, no, "members listed twice: %s" % ", ".join(dup))
                continue
        gcodes[code] = no
        nphr += len(phrases)
        for ph in phrases:
            own.add(no, code, ph)
            cross[key(ph)].setdefault(code, (path, no, ph))
    counts.append("%s: %d groups, %d phrases" % (path, len(gcodes), nphr))

    # ---- across files
    for k in sorted(cross):
        owners = cross[k]
        files = {v[0] for v in owners.values()}
        if len(owners) > 1 and len(files) > 1:
            warnings.append("phrase %r in two files for different codes: %s" % (
                next(iter(owners.values()))[2],
                "; ".join("%s (%s:%d)" % (c, v[0], v[1]) for c, v in sorted(owners.items()))))

    for w in warnings:
        print("warning: " + w)
    for line in counts:
        print(line)
    for e in errors:
        print(e, file=sys.stderr)
    if errors:
        print("%d error(s)" % len(errors), file=sys.stderr)
        return 1
    print("ok: no errors, %d warning(s)" % len(warnings))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
