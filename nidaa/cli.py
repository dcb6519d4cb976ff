"""The ``nidaa`` command: ToR tools and a wrapper around Django's manage.py.

nidaa tor extract FILE...            one JSON line per file (see docs)
nidaa tor import FILE... --org SLUG [--publish]
nidaa mail import FILE... --org SLUG        .eml / .mbox files into applications or the triage inbox
nidaa applications export --format jsonl [--call ID | --triage]
nidaa applications verify                   re-check every stored file against its sha256
nidaa evaluation grid --call ID FILE.json | --show
nidaa evaluation assign --call ID EMAIL... [--chair EMAIL]
nidaa evaluation scores import FILE --call ID
nidaa evaluation close --call ID --stage technical|financial
nidaa evaluation prices import FILE --call ID
nidaa evaluation results --call ID --format json|jsonl|xlsx
nidaa evaluation minutes --call ID --lang fr|ar|en -o FILE.pdf|FILE.docx
nidaa missions create --call ID [--application RECEIPT]
nidaa missions plan import FILE --mission ID
nidaa missions participants import FILE --mission ID [--zone NAME] [--map COLUMN=field]
nidaa missions attendance import FILE --session ID
nidaa missions attendance-sheet --session ID --lang fr|ar -o FILE.pdf
nidaa missions attendance --mission ID --format json
nidaa missions forms import XLSFORM --mission ID --kind pre|post|final [--module CODE]
nidaa missions responses import FILE --form ID [--participant-column NAME]
nidaa missions results --mission ID --format json
nidaa missions report --mission ID --lang fr|ar --format pdf|docx -o FILE
nidaa manage <django command> ...
"""

from __future__ import annotations

import os
import sys

EVALUATION_COMMANDS = frozenset({"grid", "assign", "close", "results", "minutes"})
EVALUATION_IMPORTS = frozenset({"scores", "prices"})


def _django(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nidaa.settings")
    # Imported when used: `nidaa tor extract` runs without Django (and without its settings).
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["nidaa manage", *argv])
    except ImproperlyConfigured as error:
        # A set-up the settings refuse (a weak SECRET_KEY, DEBUG on a public
        # host): the operator needs the sentence, not a traceback.
        print(f"nidaa: {error}", file=sys.stderr)
        return 1
    return 0


def _missions_command(args: list[str]) -> tuple[str, list[str]] | None:
    """``missions plan import ...`` -> ("missions_plan_import", [...])."""
    for words in (
        ["plan", "import"],
        ["participants", "import"],
        ["attendance", "import"],
        ["forms", "import"],
        ["responses", "import"],
    ):
        if args[:2] == words:
            return f"missions_{words[0]}_{words[1]}", args[2:]
    if args[:1] in (["create"], ["attendance"], ["attendance-sheet"], ["results"], ["report"]):
        return f"missions_{args[0].replace('-', '_')}", args[1:]
    return None


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help"}:
        print(__doc__)
        return 0
    if args[0] == "manage":
        return _django(args[1:])
    if args[:2] == ["tor", "extract"]:
        # Imported when used: the reader's formats load only for `tor extract`.
        from nidaa.tor.cli import extract_main

        return extract_main(args[2:])
    if args[:2] == ["tor", "import"]:
        # Needs the database: runs as a Django management command.
        return _django(["import_tor", *args[2:]])
    # Database commands run as Django management commands named after them.
    if args[:2] in (["mail", "import"], ["applications", "export"], ["applications", "verify"]):
        return _django([f"{args[0]}_{args[1]}", *args[2:]])
    if args[:1] == ["evaluation"] and len(args) > 1:
        # "scores import" / "prices import" are two words; the others one.
        if args[1] in EVALUATION_IMPORTS and args[2:3] == ["import"]:
            return _django([f"evaluation_{args[1]}_import", *args[3:]])
        if args[1] in EVALUATION_COMMANDS:
            return _django([f"evaluation_{args[1]}", *args[2:]])
    if args[0] == "missions":
        command = _missions_command(args[1:])
        if command is not None:
            name, rest = command
            return _django([name, *rest])
    print(f"nidaa: unknown command {' '.join(args)!r}\n{__doc__}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
