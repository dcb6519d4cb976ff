"""Dates and times as calls print them, in French, English and Arabic.

``find_dates(text)`` returns every full date (day, month and year printed) with
the time of day printed next to it, as offsets into ``text``. Month names in
French, English, Moroccan/Maghreb Arabic (يناير ... دجنبر), Middle-Eastern
Arabic (ديسمبر) and Levantine Arabic (كانون الثاني ...); Arabic-Indic digits;
numeric d/m/y and y-m-d. "minuit", "midnight", "منتصف الليل" are 23:59 of the
stated day (a deadline "before midnight" closes at the end of that day).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from nidaa.tor.text import fold, kw

MONTHS: dict[str, int] = {}
_MONTH_NAMES = {
    1: "janvier janv jan january يناير كانون الثاني جانفي",
    2: "fevrier fevr fev february feb فبراير شباط فيفري",
    3: "mars march mar مارس آذار",
    4: "avril avr april apr أبريل ابريل إبريل نيسان افريل",
    5: "mai may ماي مايو أيار",
    6: "juin june jun يونيو يونيه حزيران جوان",
    7: "juillet juil july jul يوليوز يوليو يوليه تموز جويلية",
    8: "aout august aug غشت أغسطس اغسطس آب أوت",
    9: "septembre sept sep september شتنبر سبتمبر أيلول",
    10: "octobre oct october أكتوبر اكتوبر تشرين الأول",
    11: "novembre nov november نونبر نوفمبر تشرين الثاني",
    12: "decembre dec december دجنبر ديسمبر كانون الأول",
}
_MULTI = {"كانون الثاني": 1, "تشرين الأول": 10, "تشرين الثاني": 11, "كانون الأول": 12}
for _month, _names in _MONTH_NAMES.items():
    for _name in _names.split():
        if _name in ("كانون", "تشرين", "الثاني", "الأول"):
            continue
        MONTHS[fold(_name)] = _month
for _name, _month in _MULTI.items():
    MONTHS[fold(_name)] = _month

_MONTH_RE = "|".join(
    re.escape(m).replace(r"\ ", r"\s+") for m in sorted(MONTHS, key=len, reverse=True) if len(m) > 2
)
_WEEKDAY = kw(
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "الاثنين",
    "الإثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
    "السبت",
    "الأحد",
)
# "فاتح يوليوز" (the first of July, as Moroccan notices write it), "premier mai"
_DAY = r"(?P<day>[0-3]?\d|فاتح|premier)(?:er|st|nd|rd|th|eme|e)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# "06 janvier 2025", "6th of January, 2025", "06 يناير 2025", "1er mars 2025"
_DMY = rf"(?<!\d){_DAY}\.?\s*(?:of\s+|de\s+)?(?P<month>{_MONTH_RE})\.?,?\s*(?:de\s+)?{_YEAR}(?!\d)"
# "January 6, 2025"
_MDY = rf"(?<![\w])(?P<month2>{_MONTH_RE})\.?\s+(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<year2>(?:19|20)\d\d)(?!\d)"
# 17/07/2022, 17-07-2022, 17.07.2022
_NUM = r"(?<![\d/.\-])(?P<nd>[0-3]?\d)\s?(?P<sep>[/.\-])\s?(?P<nm>[01]?\d)\s?(?P=sep)\s?(?P<ny>(?:19|20)\d\d)(?![\d/])"
# 2025-01-06, 2025/01/06
_ISO = r"(?<![\d/.\-])(?P<iy>(?:19|20)\d\d)(?P<isep>[/\-.])(?P<im>[01]?\d)(?P=isep)(?P<id>[0-3]?\d)(?![\d/])"
# "01-Aug-21", "1 Aug 21", "15-Aug-2025" (job boards): a month name keeps a two-digit year unambiguous
_DMY2 = (
    rf"(?<![\d/.\-])(?P<d3>[0-3]?\d)[\-\s](?P<month3>{_MONTH_RE})\.?[\-\s](?P<y3>(?:19|20)?\d\d)(?![\d:/.\-])"
)
_DATE = re.compile(rf"(?:{_DMY}|{_MDY}|{_NUM}|{_ISO}|{_DMY2})", re.UNICODE)

_MIDNIGHT = kw(
    "minuit", "midnight", "منتصف الليل", "منتصف ليلة", "12 ليلا", "00h00", "00:00", "24h00", "24:00"
)
_ORDINAL_HOURS = {
    "الواحدة": 1,
    "الثانية عشرة": 12,
    "الحادية عشرة": 11,
    "الثانية": 2,
    "الثالثة": 3,
    "الرابعة": 4,
    "الخامسة": 5,
    "السادسة": 6,
    "السابعة": 7,
    "الثامنة": 8,
    "التاسعة": 9,
    "العاشرة": 10,
}
_ORDINAL_FOLDED = {fold(k): v for k, v in _ORDINAL_HOURS.items()}
# "الرابعة مساء" (four in the afternoon), "العاشرة والنصف صباحا"
_HOUR_WORDS = (
    r"(?P<hw>"
    + kw(*sorted(_ORDINAL_HOURS, key=len, reverse=True))
    + r")(?:\s*(?P<hwm>"
    + kw("والنصف", "و النصف", "والربع", "و الربع")
    + r"))?(?:\s*(?P<hwp>"
    + kw("صباحا", "مساء", "مساءا", "ليلا", "زوالا", "بعد الزوال")
    + r"))?"
)
_TIME_AFTER = re.compile(
    r"\A[\s,.\-–()«»\"“”]{0,4}(?:(?:a|at|avant|before|by|jusqu'a|jusqu'au|until|au plus tard a|vers|"
    + kw("على", "في", "قبل")
    + r")[\s«\"“]+)?"
    r"(?:(?:la|l'|le|the)\s+)?(?:" + kw("الساعة", "heure", "heures") + r")?\s*"
    rf"(?:(?P<mid>{_MIDNIGHT})|"
    r"(?P<h>[0-2]?\d)\s*(?:(?:h|heures?|hrs?)\s*:?\s*(?P<m>[0-5]\d)?|[:.]\s*(?P<mm>[0-5]\d))\s*(?:min(?:utes?)?|mn)?\s*(?P<ampm>am|pm|a\.m\.|p\.m\.)?"
    r"|(?P<h2>[01]?\d)\s*(?P<ampm2>am|pm|a\.m\.|p\.m\.)"
    r"|(?P<h3>[0-2]?\d)\s*(?:" + kw("صباحا", "مساء", "مساءا", "ليلا") + r")"
    r"|(?P<noon>(?<![\w\-])midi|noon|" + kw("منتصف النهار", "الزوال") + r")"
    r"|" + _HOUR_WORDS + r")"
    r"(?P<tz>\s*\(?\s*(?:gmt|utc)\s*(?:[+\-]\s*\d{1,2}(?::?\d\d)?)?\s*\)?|\s*\(?(?:heure (?:de paris|marocaine|locale|du maroc)|cet|cest|moroccan time|local time|morocco time|بتوقيت\s+\w+)\)?)?",
    re.UNICODE,
)
_TIME_BEFORE = re.compile(
    r"(?:(?:a|at|avant|before|by|until|jusqu'a|" + kw("على", "قبل") + r")\s+)?(?:" + kw("الساعة") + r"\s*)?"
    rf"(?:(?P<mid>{_MIDNIGHT})|(?P<h>[0-2]?\d)\s*(?:h|:)\s*(?P<m>[0-5]\d)?\s*(?P<ampm>am|pm)?|(?P<h2>[01]?\d)\s*(?P<ampm2>am|pm)|(?P<noon>(?<![\w\-])midi|noon))"
    # "23:00 Tunis time on ...", "17h heure locale le ...": the zone named in words before the date
    r"(?:\s+(?:[a-z]{3,12}\s+)?time|\s+heure\s+[a-z]{4,10})?"
    r"\s*,?\s*(?:(?:le|on|du|" + kw("من", "يوم", "ليوم") + r")\s+){0,2}(?:" + _WEEKDAY + r")?\s*,?\s*\Z",
    re.UNICODE,
)
_PM_AR = kw("مساء", "مساءا", "ليلا")


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    date: dt.date
    hour: int | None = None
    minute: int | None = None
    tz: str | None = None

    @property
    def iso(self) -> str:
        if self.hour is None:
            return self.date.isoformat()
        return f"{self.date.isoformat()}T{self.hour:02d}:{self.minute or 0:02d}"


def _make_date(year: str, month: int, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), month, int(day))
    except ValueError:
        return None


def timezone_of(tz_text: str | None) -> str | None:
    """An IANA zone or UTC offset named next to a time, None when none is named."""
    if not tz_text:
        return None
    folded = fold(tz_text)
    offset = re.search(r"(?:gmt|utc)\s*([+\-])\s*(\d{1,2})(?::?(\d\d))?", folded)
    if offset:
        sign, hours, minutes = offset.group(1), int(offset.group(2)), int(offset.group(3) or 0)
        return f"UTC{sign}{hours:02d}:{minutes:02d}"
    if re.search(r"\b(?:gmt|utc)\b", folded):
        return "UTC"
    if "paris" in folded or re.search(r"\bcest?\b", folded):
        return "Europe/Paris"
    if re.search(r"marocain|maroc|morocc|local|بتوقيت\s+المغرب", folded):
        return "Africa/Casablanca"
    return None


def _time_from(match: re.Match[str]) -> tuple[int, int] | None:
    groups = match.groupdict()
    if groups.get("mid"):
        return 23, 59
    if groups.get("noon"):
        return 12, 0
    if groups.get("hw"):
        hour = _ORDINAL_FOLDED.get(re.sub(r"\s+", " ", groups["hw"]), 0)
        minute = 30 if "نصف" in (groups.get("hwm") or "") else 15 if "ربع" in (groups.get("hwm") or "") else 0
        period = groups.get("hwp") or ""
        if not period and hour != 12:
            return None  # "الساعة الخامسة": morning or afternoon? not guessed
        if period and not period.startswith("صباح") and hour < 12:
            hour += 12
        return (hour, minute) if hour else None
    if groups.get("h") is not None:
        hour, minute = int(groups["h"]), int(groups.get("m") or groups.get("mm") or 0)
        ampm = (groups.get("ampm") or "").replace(".", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
    elif groups.get("h2") is not None:
        hour, minute = int(groups["h2"]), 0
        ampm = (groups.get("ampm2") or "").replace(".", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
    elif groups.get("h3") is not None:
        hour, minute = int(groups["h3"]), 0
        if re.search(_PM_AR, match.group(0)) and hour < 12:
            hour += 12
    else:
        return None
    if hour == 24 and minute == 0:
        return 23, 59
    if hour > 23 or minute > 59:
        return None
    return hour, minute


# A year, or the "Aug-21" of a "01-Aug-21". Two patterns that start with a
# digit or the hyphen, so the engine skips the letters (one pattern starting
# with "[a-z]{3}" tried a match at every letter of the text).
_YEAR_HINTS = (re.compile(r"(?:19|20)\d\d"), re.compile(r"-\d\d(?!\d)(?<=[a-z]{3}-\d\d)"))


def _candidates(folded: str) -> list[re.Match[str]]:
    """Date matches, searched only on the lines that print a year (fast on long texts)."""
    matches: list[re.Match[str]] = []
    last = -1
    hints = sorted(hint.start() for pattern in _YEAR_HINTS for hint in pattern.finditer(folded))
    for hint in hints:
        if hint < last:
            continue
        start = folded.rfind("\n", 0, hint) + 1
        end = folded.find("\n", hint)
        last = len(folded) if end == -1 else end
        matches.extend(_DATE.finditer(folded, start, last))
    return matches


def find_dates(text: str, *, folded: str | None = None) -> list[DateMatch]:
    """Every full date printed in ``text``, with the time next to it when there is one."""
    folded = fold(text) if folded is None else folded
    found: list[DateMatch] = []
    for match in _candidates(folded):
        g = match.groupdict()
        date: dt.date | None = None
        if g["month"]:
            day = g["day"] if g["day"].isdigit() else "1"  # فاتح, premier
            date = _make_date(g["year"], MONTHS[re.sub(r"\s+", " ", g["month"])], day)
        elif g["month2"]:
            date = _make_date(g["year2"], MONTHS[re.sub(r"\s+", " ", g["month2"])], g["day2"])
        elif g["nd"]:
            date = _make_date(g["ny"], int(g["nm"]), g["nd"])
        elif g["iy"]:
            date = _make_date(g["iy"], int(g["im"]), g["id"])
        elif g["month3"]:
            year = g["y3"] if len(g["y3"]) == 4 else "20" + g["y3"]
            date = _make_date(year, MONTHS[re.sub(r"\s+", " ", g["month3"])], g["d3"])
        if date is None:
            continue
        start, end = match.start(), match.end()
        hour = minute = None
        tz = None
        # Windows of 60 and 40 characters, looked up without scanning the whole
        # line: a line of thousands of dates stays linear.
        line_end = folded.find("\n", end, end + 60)
        tail = folded[end : line_end if line_end != -1 else end + 60]
        after = _TIME_AFTER.match(tail)
        time = _time_from(after) if after else None
        if after and time:
            hour, minute = time
            tz = timezone_of(after.group("tz"))
            end += after.end()
            while end > start and folded[end - 1] in " ,.(-–":
                end -= 1
        else:
            line_start = folded.rfind("\n", max(0, start - 40), start) + 1
            head = folded[max(line_start, start - 40) : start]
            before = _TIME_BEFORE.search(head)
            time = _time_from(before) if before else None
            if before and time:
                hour, minute = time
                start = start - len(head) + before.start()
                while start < end and folded[start] == " ":
                    start += 1
        found.append(DateMatch(start, end, date, hour, minute, tz))
    return found


def parse_date(text: str) -> DateMatch | None:
    """The first date in a short phrase (convenience for callers and tests)."""
    dates = find_dates(text)
    return dates[0] if dates else None
