"""Values as people type them: sex, presence, yes/no, phone numbers, dates and times.

Each reader returns the value or raises ``ValueError`` (the caller names the
row); a blank cell is ``None`` where blank means "not given".
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

import phonenumbers

from nidaa.folding import word_key
from nidaa.sheets.reader import Cell

FEMALE = "female"
MALE = "male"

_SEX = {
    **dict.fromkeys(
        ["f", "femme", "feminin", "female", "woman", "w", "fille", "انثى", "امراه", "ا", "مؤنث", "مونث"],
        FEMALE,
    ),
    **dict.fromkeys(
        ["h", "m", "homme", "masculin", "male", "man", "garcon", "ذكر", "رجل", "ذ", "مذكر"], MALE
    ),
}
_YES = {
    "1",
    "oui",
    "o",
    "yes",
    "y",
    "x",
    "نعم",
    "true",
    "vrai",
    "p",
    "present",
    "presente",
    "حاضر",
    "حاضره",
    "v",
    "✓",
    "✔",
}
_NO = {"0", "non", "n", "no", "لا", "false", "faux", "a", "absent", "absente", "غائب", "غائبه", "-"}
# The tables compare folded words (``fold`` turns "أنثى" into "انثي").
_SEX = {word_key(k): v for k, v in _SEX.items()}
_YES = {word_key(k) for k in _YES if word_key(k)} | {"x"}
_NO = {word_key(k) for k in _NO if word_key(k)}


def text(cell: Cell) -> str:
    """The cell as text ("" for blank); whole numbers without ".0"."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "1" if cell else "0"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == time() else cell.isoformat(sep=" ")
    if isinstance(cell, (date, time)):
        return cell.isoformat()
    return str(cell).strip()


def sex(cell: Cell) -> str | None:
    written = text(cell)
    if not written:
        return None
    value = word_key(written)
    if value in _SEX:
        return _SEX[value]
    raise ValueError("sex")


def presence(cell: Cell) -> bool:
    """Present or not; a blank cell is absent (the sheet's box left empty)."""
    written = text(cell)
    if not written:
        return False
    value = "x" if written in ("✓", "✔") else word_key(written) or written
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise ValueError("presence")


def yes_no(cell: Cell) -> bool | None:
    written = text(cell)
    if not written:
        return None
    value = word_key(written) or written
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise ValueError("yes_no")


def phone(cell: Cell) -> str | None:
    """A phone number in E.164 ("+212661234567"), Moroccan unless another
    country code is written; Excel's numbers that lost their leading 0 too."""
    raw = text(cell)
    if not raw:
        return None
    if len(raw) > 40:
        raise ValueError("phone")
    candidate = raw
    if candidate.startswith("00"):
        candidate = "+" + candidate[2:]
    try:
        number = phonenumbers.parse(candidate, "MA")
    except phonenumbers.NumberParseException as error:
        raise ValueError("phone") from error
    if not phonenumbers.is_valid_number(number):
        raise ValueError("phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})")
_TIME = re.compile(r"^(\d{1,2})\s*[:hH.]\s*(\d{2})?")


def day(cell: Cell) -> date:
    """A date: a spreadsheet date, ISO (2025-03-14) or day first (14/03/2025)."""
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    raw = text(cell)
    match = _ISO.match(raw)
    try:
        if match:
            return date(int(match[1]), int(match[2]), int(match[3]))
        match = _DATE.match(raw)
        if match:
            year = int(match[3])
            return date(year + 2000 if year < 100 else year, int(match[2]), int(match[1]))
    except ValueError as error:
        raise ValueError("date") from error
    raise ValueError("date")


def clock(cell: Cell) -> time | None:
    """A time of day: a spreadsheet time, "09:00", "9h", "14h30"."""
    if isinstance(cell, time):
        return cell
    if isinstance(cell, datetime):
        return cell.time()
    if isinstance(cell, float) and 0 <= cell < 1:  # Excel's fraction of a day
        minutes = round(cell * 24 * 60)
        return time(minutes // 60, minutes % 60)
    raw = text(cell)
    if not raw:
        return None
    match = _TIME.match(raw)
    if not match:
        raise ValueError("time")
    try:
        return time(int(match[1]), int(match[2] or 0))
    except ValueError as error:
        raise ValueError("time") from error
