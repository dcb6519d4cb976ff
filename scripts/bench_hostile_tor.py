"""Pathological inputs through the ToR reader: time and peak memory per shape.

Each shape is a document built to hit one path that used to backtrack or
rescan (markdown emphasis and links, subject cues, place enumerations, a long
line of dates or of e-mail addresses, trailing spaces, an .eml of many parts,
an HTML tag with many attributes). Each is read and extracted at 1, 10 and
100 times its base size; a linear reader shows times growing about 10x per
step, a quadratic one 100x. Peak memory is the Python heap's (tracemalloc),
for the largest run.

    python scripts/bench_hostile_tor.py [--sizes 1,10,100] [--shape NAME]

Prints one table row per shape and size. ``make bench-hostile`` calls it.
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nidaa.tor.api import read_and_extract  # noqa: E402
from nidaa.tor.document import ReadError  # noqa: E402


def _eml(parts: int) -> bytes:
    boundary = "b0undary"
    head = (
        "From: a@example.org\r\nTo: b@example.org\r\nSubject: ToR\r\nMIME-Version: 1.0\r\n"
        f'Content-Type: multipart/mixed; boundary="{boundary}"\r\n\r\n'
    )
    part = f"--{boundary}\r\nContent-Type: text/plain\r\n\r\nx\r\n"
    return (head + part * parts + f"--{boundary}--\r\n").encode()


def _html_attributes(count: int) -> bytes:
    attributes = " ".join(f'a{i}="v"' for i in range(count))
    return f"<html><body><p {attributes}>Appel à candidatures</p></body></html>".encode()


# name -> (file name, builder of the document at a base size times ``scale``)
SHAPES: dict[str, tuple[str, Callable[[int], bytes]]] = {
    "md_emphasis": ("call.md", lambda k: ("*a " * 600 * k).encode()),
    "md_strong": ("call.md", lambda k: ("**a " * 400 * k).encode()),
    "md_link": ("call.md", lambda k: ("[" * 200 * k + "x").encode()),
    "md_image": ("call.md", lambda k: ("![" * 200 * k + "x").encode()),
    "md_autolink": ("call.md", lambda k: ("<" + "a" * 600 * k).encode()),
    "md_bullet_blank_lines": ("call.md", lambda k: ("\n" * 600 * k + "x").encode()),
    "md_heading_spaces": ("call.md", lambda k: ("# a" + " " * 600 * k + "b\n").encode()),
    "trailing_spaces": ("call.txt", lambda k: (" " * 600 * k + "x\n").encode()),
    "subject_cues": ("call.txt", lambda k: ("avec la mention " * 150 * k).encode()),
    "subject_line_long": ("call.txt", lambda k: ("Objet : " + "a, " * 800 * k).encode()),
    "place_enumeration": (
        "call.txt",
        lambda k: ("Lieu : " + "communes de Tiznit " * 60 * k + "\n").encode(),
    ),
    "dates_line": ("call.txt", lambda k: ("Date limite : " + "12/03/2025 " * 100 * k).encode()),
    "emails_line": ("call.txt", lambda k: ("Envoyer à " + "a@b.ma " * 150 * k).encode()),
    "sentence_dots": ("call.txt", lambda k: ("a" * 30 + "." * 600 * k + "x\n" + "b" * 30 + "\n").encode()),
    "announcement_line": ("call.txt", lambda k: ("تعلن جمعية الأمل " * 150 * k + "\n").encode()),
    "quotes_across_lines": ("call.txt", lambda k: ("avec la mention « a\n" * 150 * k).encode()),
    "place_labels": ("call.txt", lambda k: ("- Lieu : Tunis, Sfax, Kef\n" * 40 * k).encode()),
    "eml_parts": ("call.eml", lambda k: _eml(50 * k)),
    "html_attributes": ("call.html", lambda k: _html_attributes(300 * k)),
}


def run(filename: str, data: bytes) -> tuple[float, int, str]:
    """(seconds, peak bytes, outcome) of reading and extracting one document."""
    tracemalloc.start()
    began = time.perf_counter()
    try:
        read_and_extract(data, filename)
        outcome = "read"
    except ReadError as error:
        outcome = error.code
    elapsed = time.perf_counter() - began
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return elapsed, peak, outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,100", help="scales to run (default 1,10,100)")
    parser.add_argument("--shape", choices=sorted(SHAPES), action="append", help="only these shapes")
    args = parser.parse_args(argv)
    scales = [int(s) for s in args.sizes.split(",")]
    read_and_extract(b"Appel a candidatures", "warm-up.txt")  # loads the gazetteer and patterns, untimed
    print(f"{'shape':24s}{'scale':>6s}{'bytes':>11s}{'seconds':>10s}{'peak MB':>9s}  outcome")
    for name in args.shape or SHAPES:
        filename, build = SHAPES[name]
        for scale in scales:
            data = build(scale)
            seconds, peak, outcome = run(filename, data)
            print(f"{name:24s}{scale:>6d}{len(data):>11d}{seconds:>10.3f}{peak / 1e6:>9.1f}  {outcome}")
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
