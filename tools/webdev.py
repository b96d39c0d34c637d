#!/usr/bin/env python3
"""Development runs of `dyad text` over the two web-page sets, with a held-out half.

  tools/webdev.py [--cmd "build/dyad text"] [--set scrapinghub|readability|both] [--pages] [--save DIR]
                  [--as-text]

Each page of a set is put in one half by a hash of its name (sha1, first byte even: "tune", odd:
"held"); rules are tuned looking only at the tune half, and the held half says whether they carry.
Prints F1 per set, per half and (readability) per language group, the pages on which the command
failed, and with --pages the F1 of every page, worst first. Scoring is ../shared/eval's
(score_extraction.py: word 4-gram F1, each page weighing the same). Runs two pages at a time.

--as-text gives the command each page as plain text instead (a rough select-all copy: the text of
the body outside script, style and similar, one line per block element, as Readability's ground truth
was made) with --format=text, to measure the cleaner's plain-text rules on pages in many languages.
"""
import argparse, concurrent.futures as cf, gzip, hashlib, html.parser, json, os, re, shlex, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
shared = os.path.join(here, '..', '..', 'shared')
sys.path.insert(0, os.path.join(shared, 'eval'))
sys.dont_write_bytecode = True
import score_extraction as se  # noqa: E402


def half(name):
    return 'tune' if hashlib.sha1(name.encode()).digest()[0] % 2 == 0 else 'held'


def group(item):
    lang = (item.get('lang') or '').lower()
    return 'null' if not lang else 'en' if lang.split('-')[0] == 'en' else 'other'


BLOCKS = set('p div h1 h2 h3 h4 h5 h6 li pre blockquote td th tr br section article figcaption ul ol dl dt dd '
             'table caption figure header footer aside nav main hr form option title'.split())
SKIP = set('script style noscript template svg iframe select textarea head'.split())


class TextCopy(html.parser.HTMLParser):
    """The text a browser's select-all copy gives, roughly: one line per block element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skip += 1
        elif tag in BLOCKS:
            self.out.append('\n')

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCKS:
            self.out.append('\n')

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)

    def text(self):
        lines = (re.sub(r'\s+', ' ', l).strip() for l in ''.join(self.out).split('\n'))
        return '\n'.join(l for l in lines if l) + '\n'


def as_text(raw):
    p = TextCopy()
    p.feed(raw.decode('utf-8', 'replace'))
    p.close()
    return p.text().encode()


def run_set(cmd, name, pages, save, text=False):
    bench = os.path.join(shared, 'bench', 'extraction', name)
    with open(os.path.join(bench, 'ground-truth.json'), encoding='utf-8') as f:
        gt = json.load(f)
    tmp = os.path.join('/tmp', f'webdev-{os.getpid()}-{name}')
    os.makedirs(tmp, exist_ok=True)

    def one(fn):
        pid = fn.split('.')[0]
        path = os.path.join(tmp, pid + ('.txt' if text else '.html'))
        raw = gzip.open(os.path.join(bench, 'html', fn)).read()
        with open(path, 'wb') as f:
            f.write(as_text(raw) if text else raw)
        p = subprocess.run(shlex.split(cmd) + (['--format=text'] if text else []) + [path], capture_output=True,
                           timeout=60)
        os.unlink(path)
        return pid, p.returncode, p.stdout.decode('utf-8', 'replace'), p.stderr.decode('utf-8', 'replace')

    out, failed = {}, []
    with cf.ThreadPoolExecutor(2) as ex:
        for pid, rc, got, err in ex.map(one, sorted(os.listdir(os.path.join(bench, "html")))):
            out[pid] = got
            if rc:
                failed.append((pid, err.strip()))
    os.rmdir(tmp)
    if save:
        os.makedirs(save, exist_ok=True)
        with open(os.path.join(save, name + '.json'), 'w') as f:
            json.dump({k: {'articleBody': v} for k, v in out.items()}, f)
    counts = {k: se.doc_counts(item.get('articleBody', ''), out.get(k, '')) for k, item in gt.items()}
    f1 = lambda ks: se.aggregate([counts[k] for k in ks])[2] if ks else 0.0
    keys = sorted(gt)
    line = f'{name}{" as text" if text else ""}: F1 {f1(keys):.3f} ({len(keys)} pages)'
    for h in ('tune', 'held'):
        ks = [k for k in keys if half(k) == h]
        line += f'  {h} {f1(ks):.3f} ({len(ks)})'
    print(line)
    if any('lang' in item for item in gt.values()):
        for g in ('en', 'other', 'null'):
            ks = [k for k in keys if group(gt[k]) == g]
            print(f'  lang={g} {f1(ks):.3f} ({len(ks)})', end='')
            for h in ('tune', 'held'):
                hk = [k for k in ks if half(k) == h]
                print(f'  {h} {f1(hk):.3f} ({len(hk)})', end='')
            print()
    for pid, err in failed:
        print(f'  failed {pid}: {err[:120]}')
    if pages:
        per = sorted(keys, key=lambda k: se.aggregate([counts[k]])[2])
        for k in per:
            p, r, f = se.aggregate([counts[k]])
            print(f'  {f:.3f} P {p:.3f} R {r:.3f} {half(k)} {group(gt[k]) if "lang" in gt[k] else ""} {k}')


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--cmd', default=os.path.join(here, '..', 'build', 'dyad') + ' text')
    ap.add_argument('--set', default='both', choices=['scrapinghub', 'readability', 'both'])
    ap.add_argument('--pages', action='store_true')
    ap.add_argument('--save')
    ap.add_argument('--as-text', action='store_true')
    a = ap.parse_args()
    for name in (['scrapinghub', 'readability'] if a.set == 'both' else [a.set]):
        run_set(a.cmd, name, a.pages, a.save, a.as_text)


if __name__ == '__main__':
    main()
