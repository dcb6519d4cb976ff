"""Benchmark the ToR reader + extractor: ``make bench-tor``.

Generates N calls by varying the real corpus (sections shuffled, dates
rewritten in other written forms, other e-mail addresses and organisation
acronyms), renders them as .txt, .docx and .pdf (a third each; cached under
var/bench-tor/), then times ``nidaa.tor.api.extract_path`` on each document,
on one core, and prints per format: count, documents/second, median and p95
ms/document, and an overall line. Generation is not timed.

    python scripts/bench_tor.py --documents 1000 [--corpus DIR] [--check]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nidaa.tor.api import extract_path  # noqa: E402
from nidaa.tor.readers import read_path  # noqa: E402
from tests.tor.renderings import to_docx, to_pdf  # noqa: E402

GENERATOR_VERSION = "1"  # bump when the generation changes, to refresh the cache
FORMATS = ("txt", "docx", "pdf")
TARGETS = {"txt": 50.0, "docx": 50.0, "pdf": 10.0}  # documents/second
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]  # fmt: skip
DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
_DATE = re.compile(
    r"\b\d{1,2}\s+(?:" + "|".join(MONTHS) + r"|Janvier|Février|Mars|Avril|Mai|Juin|Juillet|Août|Septembre|"
    r"Octobre|Novembre|Décembre)\s+20\d\d\b|\b\d{1,2}/\d{1,2}/20\d\d\b",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_ACRONYM = re.compile(r"\b[A-Z]{3,6}\b")
ORGANISATIONS = ["AMDL", "RESAQ", "FODEP", "ATLAS", "OSRAM", "TAFRA", "IMDAD", "NAHDA", "MOUJA", "SIDRA"]
DOMAINS = ["example.org", "exemple.ma", "asso-demo.org", "programme.example.net"]


def corpus_dir(given: str | None) -> Path:
    return Path(given or os.environ.get("NIDAA_TOR_CORPUS") or ROOT.parent / "shared" / "tor-corpus")


def vary(text: str, rng: random.Random) -> str:
    """Another call in the same style: shuffled middle sections, other dates,
    addresses and acronyms."""
    sections = re.split(r"\n\s*\n", text)
    if len(sections) > 4:
        middle = sections[1:-1]
        rng.shuffle(middle)
        sections = [sections[0], *middle, sections[-1]]
    text = "\n\n".join(sections)

    def date(_: re.Match[str]) -> str:
        day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.choice([2025, 2026])
        forms = [
            f"{day:02d} {MONTHS[month - 1]} {year}",
            f"{day} {MONTHS[month - 1].capitalize()} {year}",
            f"{DAYS[rng.randrange(7)]} {day} {MONTHS[month - 1]} {year}",
            f"{day:02d}/{month:02d}/{year}",
            f"{year}-{month:02d}-{day:02d}",
        ]
        return rng.choice(forms)

    acronyms: dict[str, str] = {}

    def acronym(match: re.Match[str]) -> str:
        word = match.group(0)
        if word not in acronyms:
            acronyms[word] = rng.choice(ORGANISATIONS) if rng.random() < 0.5 else word
        return acronyms[word]

    text = _DATE.sub(date, text)
    text = _EMAIL.sub(lambda _: f"{rng.choice(['candidature', 'recrutement', 'appel', 'rh'])}"
                      f"{rng.randint(1, 99)}@{rng.choice(DOMAINS)}", text)  # fmt: skip
    return _ACRONYM.sub(acronym, text)


def generate(count: int, corpus: Path, cache: Path) -> list[tuple[str, Path]]:
    seeds = sorted(corpus.glob("seed-*.txt"))
    if not seeds:
        raise SystemExit(f"bench-tor: no seed-*.txt in {corpus} (set NIDAA_TOR_CORPUS or --corpus)")
    texts = [seed.read_text(encoding="utf-8") for seed in seeds]
    key = hashlib.sha256("".join([GENERATOR_VERSION, *texts]).encode()).hexdigest()[:12]
    folder = cache / key
    folder.mkdir(parents=True, exist_ok=True)
    documents = []
    made = 0
    for index in range(count):
        kind = FORMATS[index % 3]
        path = folder / f"call-{index:05d}.{kind}"
        if not path.exists():
            rng = random.Random(index)
            text = vary(texts[index % len(texts)], rng)
            partial = path.with_suffix(f".part.{kind}")
            if kind == "txt":
                partial.write_text(text, encoding="utf-8")
            elif kind == "docx":
                to_docx(text, partial)
            else:
                to_pdf(text, partial)
            partial.rename(path)  # a run stopped half-way leaves no half file
            made += 1
        documents.append((kind, path))
    if made:
        print(f"generated {made} documents in {folder}", file=sys.stderr)
    return documents


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--corpus", help="folder of seed-*.txt (default ../shared/tor-corpus)")
    parser.add_argument("--cache", default=str(ROOT / "var" / "bench-tor"))
    parser.add_argument("--check", action="store_true", help="exit 1 when a format misses its target")
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    documents = generate(args.documents, corpus_dir(args.corpus), Path(args.cache))
    for kind in FORMATS:  # warm up: imports, regex compilation, gazetteer loading
        extract_path(str(next(path for k, path in documents if k == kind)))
    timings: dict[str, list[float]] = {kind: [] for kind in FORMATS}
    cpu: dict[str, float] = {
        kind: 0.0 for kind in FORMATS
    }  # CPU seconds: steadier than wall time on a busy machine
    failures = 0
    for kind, path in documents:
        started, cpu_started = time.perf_counter(), time.process_time()
        row = extract_path(str(path))
        timings[kind].append(time.perf_counter() - started)
        cpu[kind] += time.process_time() - cpu_started
        failures += "error" in row
    # The reader's share, timed apart: how much of the time is reading.
    reading: dict[str, list[float]] = {kind: [] for kind in FORMATS}
    for kind, path in documents:
        started = time.perf_counter()
        read_path(path)
        reading[kind].append(time.perf_counter() - started)
    print(
        f"{'format':<8}{'count':>7}{'docs/s':>10}{'cpu docs/s':>11}{'median ms':>11}{'p95 ms':>9}{'read ms':>9}{'target':>9}"
    )
    missed = False
    for kind in FORMATS:
        values = timings[kind]
        if not values:
            continue
        rate = len(values) / sum(values)
        p95 = sorted(values)[int(len(values) * 0.95) - 1] * 1000
        ok = rate >= TARGETS[kind]
        missed |= not ok
        print(
            f"{kind:<8}{len(values):>7}{rate:>10.1f}{len(values) / max(cpu[kind], 1e-9):>11.1f}"
            f"{statistics.median(values) * 1000:>11.1f}{p95:>9.1f}"
            f"{statistics.median(reading[kind]) * 1000:>9.1f}"
            f"{'>=' + str(int(TARGETS[kind])):>7} {'ok' if ok else 'MISSED'}"
        )
    every = [value for values in timings.values() for value in values]
    print(
        f"{'overall':<8}{len(every):>7}{len(every) / sum(every):>10.1f}{len(every) / max(sum(cpu.values()), 1e-9):>11.1f}"
        f"{statistics.median(every) * 1000:>11.1f}{sorted(every)[int(len(every) * 0.95) - 1] * 1000:>9.1f}"
        f"{statistics.median(v for values in reading.values() for v in values) * 1000:>9.1f}"
        f"   failures: {failures}"
    )
    return 1 if args.check and (missed or failures) else 0


if __name__ == "__main__":
    sys.exit(main())
