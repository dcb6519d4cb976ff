"""Hostile inputs at 1, 10 and 100 times their size: ``make bench-hostile``.

Each shape of issue 10's attack (a zip member inflating to 300 MiB, a PDF
Flate stream of 600 MiB, an HTML body with 300,000 attributes, a 50,000-part
message, long lines of dates and addresses) goes through the entry point the
application uses for it: type detection (uploads, e-mail attachments), the
e-mail intake's reading, the ToR import's reading. Each case runs in a
forked process of its own; the bench prints its wall time and the peak
memory of that process and of the children it starts (``wait4``), as the
peak and as the growth over the process at rest. Linear costs grow ten
times from one column to the next, or less; a quadratic cost a hundred.

    python scripts/bench_hostile.py [--scales 1,10,100] [--timeout 120] [--root DIR]

``--root`` runs the same shapes against another checkout (e.g. the code
before the fix, exported with ``git archive``); where that code has no
bounded entry point the unbounded one is timed. Then, when it exists,
``scripts/bench_hostile_tor.py`` (the ToR reader's own patterns) is run.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parents[1]


def _entry_points() -> dict[str, Callable[[bytes], Any]]:
    """What the application calls for each kind of input (the bounded entry
    points when the code has them)."""
    from nidaa.common.filetypes import detect_document_type

    try:
        from nidaa.mailintake import parse_message_within_budget as read_message
    except ImportError:  # the code before the budget
        from nidaa.mailintake import parse_message as read_message
    try:
        from nidaa.calls.reading import read_tor_within_budget as read_tor
    except ImportError:
        from nidaa.tor.api import read_and_extract as read_tor
    from nidaa.mailintake import classify_attachments
    from nidaa.tor.document import ReadError

    def tor(name: str) -> Callable[[bytes], Any]:
        def read(data: bytes) -> str:
            try:
                document, _ = read_tor(data, name)
            except ReadError as error:
                return f"refused: {error.code}"
            return f"read: {len(document.text)} characters"

        return read

    def message(data: bytes) -> str:
        # As intake and the triage page do: read the message, then classify
        # its attachments (which opens those whose names say nothing).
        parsed = read_message(data)
        unreadable = getattr(parsed, "unreadable", "")
        if unreadable:
            return f"kept unread ({unreadable})"
        pieces = [
            piece for _, piece in classify_attachments(parsed.attachments, required=(), body=parsed.body)
        ]
        return f"read: {len(parsed.body)} characters, attachments: {pieces}"

    def detect(data: bytes) -> str:
        return f"type: {detect_document_type(io.BytesIO(data))}"

    return {"detect": detect, "message": message, "tor-pdf": tor("tdr.pdf"), "tor-html": tor("tdr.html"),
            "tor-eml": tor("tdr.eml"), "tor-txt": tor("tdr.txt")}  # fmt: skip


def _shapes() -> list[tuple[str, str, Callable[[int], bytes]]]:
    # This checkout's generators, whichever code is measured.
    spec = importlib.util.spec_from_file_location("hostile_shapes", HERE / "tests" / "hostile.py")
    assert spec is not None and spec.loader is not None
    hostile = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hostile)

    def html_page(scale: int) -> bytes:
        attributes = " ".join(f"a{index}=x" for index in range(3_000 * scale))
        return f"<html><body><h1 {attributes}>Termes de reference</h1><p>Objet</p></body></html>".encode()

    def dates_line(scale: int) -> bytes:
        return ("Date limite le 12 mars 2026, " * (80 * scale)).encode()

    def emails_line(scale: int) -> bytes:
        return ("ecrire a recrutement@association.ma, " * (80 * scale)).encode()

    return [
        ("zip bomb member (3 MiB x)", "detect", hostile.zip_bomb_member),
        ("zip member lying about its size", "detect", hostile.zip_lying_member),
        ("PDF Flate bomb (6 MiB x)", "detect", hostile.pdf_flate_bomb),
        ("PDF Flate bomb as a ToR", "tor-pdf", hostile.pdf_flate_bomb),
        ("PDF Flate bomb attached to an e-mail", "message",
         lambda scale: hostile.pdf_attachment_email(hostile.pdf_flate_bomb(scale))),
        ("zip bomb attached to an e-mail", "message",
         lambda scale: hostile.pdf_attachment_email(hostile.zip_bomb_member(scale), "dossier.odt")),
        ("HTML e-mail, 3,000 attributes x", "message", hostile.html_attributes_email),
        ("HTML ToR, 3,000 attributes x", "tor-html", html_page),
        ("e-mail of 500 parts x", "message", hostile.many_parts_eml),
        (".eml ToR of 500 parts x", "tor-eml", hostile.many_parts_eml),
        ("e-mail, long line of dates and addresses", "message", hostile.long_line_email),
        ("ToR, long line of dates", "tor-txt", dates_line),
        ("ToR, long line of e-mail addresses", "tor-txt", emails_line),
    ]  # fmt: skip


def _rss_kib() -> int:
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def _run_case(
    function: Callable[[bytes], Any], data: bytes, timeout: float
) -> tuple[float, int, int, str, bool]:
    """(seconds, KiB resident when the case started, peak KiB of the case and
    its children, outcome, stopped)."""
    reader, writer = os.pipe()
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the case
        os.close(reader)
        os.write(writer, f"{_rss_kib():>12}".encode())
        try:
            outcome = str(function(data))
        except BaseException as error:  # noqa: BLE001 - reported, not raised
            outcome = f"raised {type(error).__name__}: {str(error)[:60]}"
        os.write(writer, outcome.encode()[:200])
        os._exit(0)
    os.close(writer)
    stopped = False
    deadline = start + timeout
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        if time.perf_counter() > deadline:
            os.kill(pid, signal.SIGKILL)
            done, status, usage = os.wait4(pid, 0)
            stopped = True
            break
        time.sleep(0.01)
    seconds = time.perf_counter() - start
    report = os.read(reader, 212).decode(errors="replace")
    os.close(reader)
    at_start = int(report[:12]) if report[:12].strip() else 0
    return seconds, at_start, usage.ru_maxrss, report[12:], stopped


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before a case is stopped")
    parser.add_argument("--root", type=Path, default=HERE, help="the checkout whose code is measured")
    parser.add_argument("--only", default="", help="run the shapes whose name holds this text")
    args = parser.parse_args()
    sys.path.insert(0, str(args.root))
    sys.dont_write_bytecode = True
    scales = [int(value) for value in args.scales.split(",")]
    entries = _entry_points()
    import nidaa

    print(f"code: {Path(nidaa.__file__).parent}; process at rest: {_rss_kib() // 1024} MB RSS")
    print(f"{'shape':42} {'scale':>5} {'input':>9} {'time':>9} {'peak':>8} {'growth':>8}  outcome")
    for name, entry, build in _shapes():
        if args.only and args.only not in name:
            continue
        for scale in scales:
            data = build(scale)
            seconds, rest, peak, outcome, stopped = _run_case(entries[entry], data, args.timeout)
            time_text = f">{args.timeout:.0f} s" if stopped else f"{seconds:.2f} s"
            outcome = f"stopped after {args.timeout:.0f} s" if stopped else outcome
            print(
                f"{name:42} {scale:>5} {len(data) / 1024:>7.0f}KB {time_text:>9} {peak // 1024:>5} MB "
                f"{max(0, peak - rest) // 1024:>5} MB  {outcome}",
                flush=True,
            )
            del data
    tor_bench = args.root / "scripts" / "bench_hostile_tor.py"
    if tor_bench.exists():
        print(f"\n== {tor_bench.relative_to(args.root)}", flush=True)
        return subprocess.call([sys.executable, str(tor_bench)], cwd=args.root)
    return 0


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    sys.exit(main())
