"""Benchmark the framework-free mail intake: parse + classify + match.

Generates N varied messages in memory (French, Arabic and English subjects,
1 to 5 attachments of 5-60 KB named with cues, a few with names that say
nothing and must be read, forwards inline and as attachments, Outlook-style
encoded file names), and 500 calls; then times, on one core,
``parse_message`` + ``classify_attachments`` + ``CallMatcher.match`` and
prints messages/second for each step and for the whole. Generation is not
timed.

    python scripts/bench_mailparse.py [--messages 2000] [--calls 500] [--seed 7] [--kb 60]
"""

from __future__ import annotations

import argparse
import binascii
import hashlib
import os
import random
import statistics
import sys
import time
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nidaa.mailintake import (  # noqa: E402
    CallKey,
    CallMatcher,
    classify_attachments,
    parse_message,
)

TOPICS = [
    ("formateur plaidoyer", "مكون في الترافع", "advocacy trainer"),
    ("étude de base", "دراسة مرجعية", "baseline study"),
    ("évaluation finale", "تقييم نهائي", "final evaluation"),
    ("diagnostic territorial", "تشخيص ترابي", "territorial assessment"),
    ("accompagnement des coopératives", "مواكبة التعاونيات", "cooperative coaching"),
    ("plan de communication", "مخطط التواصل", "communication plan"),
]
PLACES = [
    "Tiznit",
    "Fès",
    "Oujda",
    "Agadir",
    "Rabat",
    "Errachidia",
    "Tanger",
    "Béni Mellal",
    "Dakhla",
    "Safi",
]
FILES = {
    "cv": ["CV_{n}.pdf", "Curriculum Vitae - {n}.pdf", "السيرة الذاتية - {n}.pdf", "Resume {n}.pdf"],
    "cover_letter": ["Lettre de motivation {n}.pdf", "Cover letter.docx", "رسالة التحفيز.pdf"],
    "methodology_note": ["Note méthodologique.docx", "Methodology_{n}.pdf", "المذكرة المنهجية.pdf"],
    "financial_offer": ["Offre financière.xlsx", "Financial proposal.xlsx", "العرض المالي.pdf", "Devis.pdf"],
    "timeline": ["Chronogramme.xlsx", "Work plan.docx", "الجدول الزمني.docx", "Planning.pdf"],
    "technical_offer": ["Offre technique - {n}.pdf", "Technical proposal.pdf"],
}
MAGIC = {".pdf": b"%PDF-1.7\n", ".docx": b"PK\x03\x04", ".xlsx": b"PK\x03\x04"}
MIME = {
    ".pdf": ("application", "pdf"),
    ".docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".xlsx": ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}
NAMES = ["Amina Benali", "Youssef El Amrani", "Sarah O'Connor", "فاطمة الزهراء العلوي", "Hicham Berrada"]


def make_calls(count: int, rng: random.Random) -> list[CallKey]:
    calls = []
    for index in range(count):
        fr, ar, en = TOPICS[index % len(TOPICS)]
        place = PLACES[index // len(TOPICS) % len(PLACES)]
        language = index % 3
        topic = (fr, ar, en)[language]
        subject = [
            f"Candidature – {topic} {place} {index}",
            f"ترشيح - {topic} {index}",
            f"Application - {topic} {index}",
        ]
        calls.append(
            CallKey(
                id=index + 1,
                subject=subject[language] if index % 5 else "",
                reference=f"AO N°{index:03d}/2024" if index % 2 else f"MA-2024-{index:03d}",
                addresses=(f"appel{index % 40}@ong{index % 40}.ma",),
                title=f"{topic} {place}",
            )
        )
    return calls


def _attachment_name(piece: str, who: str, rng: random.Random) -> str:
    return rng.choice(FILES[piece]).format(n=who.split()[0])


def make_message(index: int, calls: list[CallKey], rng: random.Random, max_kb: int = 60) -> bytes:
    call = rng.choice(calls)
    who = rng.choice(NAMES)
    address = f"{who.split()[0].lower()}.{index}@example.ma".encode("ascii", "ignore").decode()
    how = rng.random()
    if how < 0.7 and call.subject:
        subject = rng.choice(["", "RE: ", "TR: ", "Fwd: "]) + call.subject.replace("–", "-") + f" - {who}"
        body = "Bonjour,\n\nVeuillez trouver ci-joint mon dossier de candidature.\n\nCordialement,\n" + who
    elif how < 0.85:
        subject = "Dossier de candidature"
        body = f"Bonjour,\n\nSuite à votre appel {call.reference}, voici mon offre.\n\n{who}"
    else:
        subject = "Candidature"
        body = "Bonjour, ci-joint ma candidature.\n" * 3
    message = EmailMessage()
    message["From"] = f"{who} <{address}>"
    message["To"] = call.addresses[0]
    message["Subject"] = subject
    message["Date"] = "Tue, 05 Mar 2024 10:00:00 +0100"
    message["Message-ID"] = f"<bench-{index}@example.ma>"
    message["Received"] = f"from mx by mail.ong.ma; Tue, 05 Mar 2024 09:{index % 60:02d}:00 +0000"
    if index % 10 == 0:
        body = (
            "Pour suite à donner.\n\n---------- Forwarded message ---------\n"
            f"From: {who} <{address}>\nDate: Mon, 4 Mar 2024\nSubject: {subject}\nTo: <{call.addresses[0]}>\n\n"
            + body
        )
        message.replace_header("From", "Assistante <assistante@ong.ma>")
        message.replace_header("Subject", "Fwd: " + subject)
    message.set_content(body)
    if index % 3 == 0:
        message.add_alternative(
            f"<html><body><p>{body.replace(chr(10), '<br>')}</p></body></html>", subtype="html"
        )
    pieces = rng.sample(list(FILES), rng.randint(1, 5))
    for piece in pieces:
        name = _attachment_name(piece, who, rng)
        extension = Path(name).suffix
        if index % 50 == 0 and piece == pieces[0]:
            name = f"document{index}.pdf"  # a name that says nothing: the document is read
            data = _small_pdf()
            extension = ".pdf"
        else:
            data = MAGIC[extension] + os.urandom(rng.randint(min(5, max_kb) * 1000, max_kb * 1000))
        maintype, subtype = MIME[extension]
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes()


_PDF: bytes | None = None


def _small_pdf() -> bytes:
    global _PDF
    if _PDF is None:
        from fpdf import FPDF

        pdf = FPDF()
        pdf.add_page()
        pdf.set_font("helvetica", size=12)
        for line in ["Note methodologique", "1. Contexte et comprehension de la mission", "2. Approche"]:
            pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
        _PDF = bytes(pdf.output())
    return _PDF


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--calls", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--kb", type=int, default=60, help="largest attachment, KB (smallest: 5)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    calls = make_calls(args.calls, rng)
    raws = [make_message(index, calls, rng, args.kb) for index in range(args.messages)]
    required = ["cv", "methodology_note", "financial_offer", "timeline"]

    started = time.perf_counter()
    matcher = CallMatcher(calls)
    build = time.perf_counter() - started
    timings: dict[str, list[float]] = {"parse": [], "classify": [], "match": []}
    matched = pieces = 0
    for raw in raws:
        t0 = time.perf_counter()
        parsed = parse_message(raw)
        t1 = time.perf_counter()
        classified = classify_attachments(parsed.attachments, required=required, body=parsed.body)
        t2 = time.perf_counter()
        match = matcher.match(parsed)
        t3 = time.perf_counter()
        timings["parse"].append(t1 - t0)
        timings["classify"].append(t2 - t1)
        timings["match"].append(t3 - t2)
        matched += match is not None
        pieces += sum(piece != "other" for _, piece in classified)
    total = [sum(step) for step in zip(*timings.values(), strict=True)]
    size = sum(map(len, raws)) / len(raws) / 1024
    print(
        f"{len(raws)} messages, {size:.0f} KB on average, {len(calls)} calls (matcher built in {build * 1000:.1f} ms)"
    )
    for name, values in (*timings.items(), ("total", total)):
        print(
            f"{name:9} {len(values) / sum(values):9.0f} messages/s  "
            f"median {statistics.median(values) * 1000:.3f} ms  "
            f"p95 {sorted(values)[int(len(values) * 0.95)] * 1000:.3f} ms"
        )
    print(f"matched {matched}/{len(raws)}, attachments classified into pieces: {pieces}")
    # What any reader pays whatever its design: hashing the message and
    # decoding its base64 attachments (machine load shows here too).
    started = time.perf_counter()
    for raw in raws:
        hashlib.sha256(raw).digest()
        for block in raw.split(b"\n\n")[1:]:
            if block[:4] in {b"JVBE", b"UEsD"}:
                binascii.a2b_base64(block)
    floor = (time.perf_counter() - started) / len(raws)
    print(f"floor (sha256 + base64 decoding alone): {floor * 1000:.3f} ms/message")
    print(f"=> {len(total) / sum(total) * 60:,.0f} messages/minute on one core")


if __name__ == "__main__":
    main()
