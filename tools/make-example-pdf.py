#!/usr/bin/env python3
"""Writes examples/corpus/briefing-note.pdf: a two-page PDF (Helvetica text) whose pages repeat a
running header and whose last paragraph breaks across the page with a hyphen. Run from the repo root."""
pages = [
    ["INDIA AND JAPAN: A BRIEFING NOTE", "Delhi Policy Circle, 2 May 2023", "",
     "India and Japan held their first foreign and defence ministerial dialogue",
     "in New Delhi in November 2019. The meeting built on the Joint Declaration",
     "on Security Cooperation that the two countries signed in October 2008.",
     "", "Japan has also been a steady lender: its soft loans financed the Delhi",
     "Metro and now finance the high-speed rail line between Mumbai and Ahme-"],
    ["INDIA AND JAPAN: A BRIEFING NOTE", "Delhi Policy Circle, 2 May 2023", "",
     "dabad, which is expected to open in stages from 2027.", "",
     "The civil nuclear agreement signed in November 2016 entered into force in",
     "July 2017, after both parliaments had approved it."],
]
objs = [b"<< /Type /Catalog /Pages 2 0 R >>"]
kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(len(pages)))
objs.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
font_id = 3 + 2 * len(pages)
for i, lines in enumerate(pages):
    objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 {font_id} 0 R >> >>"
                f" /Contents {4 + 2 * i} 0 R >>".encode())
    ops = ["BT", "/F1 11 Tf", "14 TL", "72 740 Td"]
    for ln in lines:
        ops.append("(" + ln.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode()
    objs.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
out = bytearray(b"%PDF-1.4\n")
offs = []
for n, o in enumerate(objs, 1):
    offs.append(len(out))
    out += f"{n} 0 obj\n".encode() + o + b"\nendobj\n"
xref = len(out)
out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
for o in offs:
    out += f"{o:010d} 00000 n \n".encode()
out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
open("examples/corpus/briefing-note.pdf", "wb").write(out)
