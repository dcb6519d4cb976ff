"""``nidaa tor extract FILE...``: one JSON object per file, one per line.

Files are processed in the order given; a file that cannot be read still
gets its line (``source``, ``error``, ``error_code``) and the command goes
on. The exit status is 1 when any file failed, 0 otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys

from nidaa.tor.api import extract_path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nidaa tor extract",
        description="Read ToR documents (.docx, .pdf, .odt, .html, .md, .txt, .eml) and print "
        "their fields as JSON Lines, one object per file, in input order.",
        epilog="Exit status: 0 when every file was read, 1 when any failed, 2 on bad usage.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="documents to read")
    parser.add_argument("--pretty", action="store_true", help="indent each object (no longer one per line)")
    return parser


def extract_main(argv: list[str]) -> int:
    """Run ``nidaa tor extract`` with ``argv`` (the arguments after it)."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:  # --help (0) or bad usage (2): argparse has printed
        return int(exit_.code or 0)
    failed = False
    for path in args.files:
        row = extract_path(path)
        failed |= "error" in row
        print(json.dumps(row, ensure_ascii=False, indent=2 if args.pretty else None), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(extract_main(sys.argv[1:]))
