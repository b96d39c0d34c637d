#!/usr/bin/env python3
"""Builds the benchmark corpus from the example documents, without downloading anything.

  bench/gen.py OUTDIR [MEGABYTES]

Each example document (examples/corpus: HTML, Markdown, plain text, PDF-style text) is copied many
times with its paragraphs shuffled and about a fifth of its words swapped for words from a
vocabulary (the words of the examples themselves plus /usr/share/dict/words when present), so that
documents differ and repetition-based cleaning is not flattered. The random generator is seeded:
the same command gives the same corpus. Writes OUTDIR/html/*.html and OUTDIR/text/*.{txt,md}.
"""
import os, random, re, sys

out = sys.argv[1]
target = int(float(sys.argv[2]) * 1e6) if len(sys.argv) > 2 else 60_000_000
here = os.path.dirname(os.path.abspath(__file__))
ex = os.path.join(here, '..', 'examples', 'corpus')
rng = random.Random(20261123)

docs = {}
for name in sorted(os.listdir(ex)):
    path = os.path.join(ex, name)
    if name.endswith(('.html', '.txt', '.md')) and 'shiftjis' not in name and 'cp1252' not in name:
        docs[name] = open(path, encoding='utf-8').read()

vocab = set()
for t in docs.values():
    vocab.update(w for w in re.findall(r'[A-Za-z]{4,}', re.sub(r'<[^>]*>', ' ', t)))
dict_words = '/usr/share/dict/words'
if os.path.exists(dict_words):
    vocab.update(w.strip() for w in open(dict_words, encoding='utf-8', errors='ignore') if w.strip().isalpha())
vocab = sorted(vocab)

WORD = re.compile(r'(?<![<\w/="-])([A-Za-z]{4,})(?![^<]*>)')

def vary(text):
    parts = text.split('\n\n')
    head, body, tail = parts[:2], parts[2:-2], parts[-2:]
    rng.shuffle(body)
    text = '\n\n'.join(head + body + tail)
    return WORD.sub(lambda m: rng.choice(vocab) if rng.random() < 0.2 else m.group(1), text)

os.makedirs(os.path.join(out, 'html'), exist_ok=True)
os.makedirs(os.path.join(out, 'text'), exist_ok=True)
total, i = 0, 0
names = sorted(docs)
while total < target:
    name = names[i % len(names)]
    base, ext = os.path.splitext(name)
    sub = 'html' if ext == '.html' else 'text'
    data = vary(docs[name]).encode('utf-8')
    with open(os.path.join(out, sub, f'{i:06d}-{base}{ext}'), 'wb') as f:
        f.write(data)
    total += len(data)
    i += 1
print(f'{i} documents, {total / 1e6:.1f} MB in {out}')
