"""No screen ships with untranslated strings in French or Arabic.

The catalogues must hold every string the code marks for translation (checked
by running makemessages on a copy of the sources) and translate each one."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

NIDAA = Path(__file__).resolve().parents[1] / "nidaa"
LOCALE = NIDAA / "locale"


def catalogue(lang: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_every_string_is_translated(lang):
    po = catalogue(lang)
    untranslated = [e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    assert untranslated == []


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_placeholders_survive_translation(lang):
    import re

    fields = re.compile(r"%\(\w+\)s|\{\w*\}")
    broken = [
        e.msgid
        for e in catalogue(lang)
        if not e.obsolete and e.msgstr and sorted(fields.findall(e.msgid)) != sorted(fields.findall(e.msgstr))
    ]
    assert broken == []


def test_catalogues_hold_every_marked_string(tmp_path):
    copy = tmp_path / "nidaa"
    shutil.copytree(NIDAA, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "fr", "--no-location", "-v", "0"],
        cwd=copy,
        check=True,
        env={
            "DJANGO_SETTINGS_MODULE": "nidaa.settings",
            "SECRET_KEY": os.environ["SECRET_KEY"],
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(NIDAA.parent),
        },
    )
    fresh = {e.msgid for e in polib.pofile(str(copy / "locale" / "fr" / "LC_MESSAGES" / "django.po"))}
    committed = {e.msgid for e in catalogue("fr") if not e.obsolete}
    assert sorted(fresh - committed) == []


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_jinja2_fragments_strings_are_translated(lang):
    # makemessages reads .html files as Django templates: the Jinja2 fragments' _("...")
    # and {% trans %} strings are read here by Jinja2's own extractor.
    from django.template import engines

    env = engines["jinja2"].env
    entries = {e.msgid: e for e in catalogue(lang) if not e.obsolete}
    missing = []
    found = 0
    for path in sorted(NIDAA.glob("**/jinja2/**/*.html")):
        for _line, _function, message in env.extract_translations(path.read_text(encoding="utf-8")):
            singular, plural = (message[0], message[1]) if isinstance(message, tuple) else (message, None)
            entry = entries.get(singular)
            found += 1
            if (
                entry is None
                or not entry.translated()
                or (plural is not None and entry.msgid_plural != plural)
            ):
                missing.append(f"{path.name}: {singular}")
    assert found > 40  # the fragments were read
    assert missing == []
