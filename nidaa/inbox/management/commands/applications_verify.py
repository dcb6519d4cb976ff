"""``nidaa applications verify [--json] [--delete-orphans-older-than MINUTES]``

Re-reads every stored application file and raw e-mail, checks it against its
sha256 and lists files that no row names (see ``applications.integrity``).
Exit status 0 when the storage is clean, 1 when a problem was found (orphans
deleted by this run no longer count).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from nidaa.inbox.integrity import Problem, Report, verify_storage


class Command(BaseCommand):
    help = "Re-check every stored application file and e-mail against its sha256; list missing and orphaned files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--json", action="store_true", help="one JSON object per problem, then one with the summary"
        )
        parser.add_argument(
            "--delete-orphans-older-than",
            type=_minutes,
            metavar="MINUTES",
            help="delete orphaned files at least this old (younger ones may be uploads in flight)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        minutes = options["delete_orphans_older_than"]
        report = verify_storage(
            delete_orphans_older_than=timedelta(minutes=minutes) if minutes is not None else None
        )
        if options["json"]:
            for problem in report.problems:
                self.stdout.write(json.dumps(problem.as_dict(), sort_keys=True))
            self.stdout.write(json.dumps({"kind": "summary", **report.summary()}, sort_keys=True))
        else:
            for problem in report.problems:
                self.stdout.write(describe(problem))
            self.stdout.write(summarize(report))
        if not report.is_clean:
            # BaseCommand has no exit status of its own besides CommandError's,
            # which would print an error line after the report.
            sys.exit(1)


def describe(problem: Problem) -> str:
    if problem.kind == "orphan":
        age = timedelta(seconds=problem.age_seconds or 0)
        done = ", deleted" if problem.deleted else ""
        return f"orphan    {problem.path}  ({_size(problem.size)}, {_age(age)} old{done})"
    ids = ", ".join(f"{key} {value}" for key, value in problem.ids.items())
    row = f"{problem.row.replace('_', ' ')} ({ids})"
    if problem.kind == "missing":
        return f"missing   {problem.path}  {row}"
    return (
        f"mismatch  {problem.path}  {row}: expected sha256 {problem.expected_sha256}, "
        f"found {problem.actual_sha256}"
    )


def summarize(report: Report) -> str:
    counts = report.counts()
    deleted = f" ({report.orphans_deleted} deleted)" if report.orphans_deleted else ""
    return (
        f"{report.files_checked} files checked ({report.rows_checked} rows, "
        f"{_size(report.bytes_checked)}): {counts['mismatch']} mismatched, "
        f"{counts['missing']} missing, {counts['orphan']} orphaned{deleted}"
    )


def _minutes(value: str) -> int:
    try:
        minutes = int(value)
    except ValueError:
        minutes = -1
    if minutes < 0:
        raise argparse.ArgumentTypeError("a whole number of minutes, 0 or more")
    return minutes


def _size(size: int | None) -> str:
    # The command speaks English like the other CLI commands, whatever LANGUAGE_CODE is.
    value = float(size or 0)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{int(value)} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def _age(age: timedelta) -> str:
    seconds = int(age.total_seconds())
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 2 * 3600:
        return f"{seconds // 60} min"
    if seconds < 2 * 86400:
        return f"{seconds // 3600} h"
    return f"{seconds // 86400} days"
