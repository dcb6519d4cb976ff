"""Layout changes that keep a call's title: perturbed copies of the real calls for the title ranker.

A real call shows the ranker one layout; the same call pasted from another site, printed from
another word processor or transcribed from a PDF shows the same title among other lines. Each
function here takes a call's text (as the reader reads it), the span of its title as the reader
found it and a seeded random stream, and returns the text laid out another way, or None when the
change does not apply to this call (no blank lines to remove, an Arabic title to upper-case...).
The changes are general (no sentence, name or file of any call): blank lines removed or doubled,
a site's menu, breadcrumb and share buttons above the text, page headers and footers, the title
in capitals or cut in two at a link word, label/value rows on one line or two, the letterhead
moved below the text. ``scripts/train_title_ranker.py --export-real`` ships the copies' candidates
as feature vectors only, grouped with their call so ``--loo`` leaves all of them out together.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

Span = tuple[int, int]
Perturbation = Callable[[str, Span, random.Random], "str | None"]

_ARABIC = re.compile(r"[\u0600-\u06ff]")
_LATIN = re.compile(r"[A-Za-zÀ-ÿ]")

# A site's furniture in the three languages: what a copy from a portal or a job board carries.
MENUS = {
    "fr": [
        ["Accueil", "Offres d'emploi", "Appels d'offres", "Actualités", "Contact"],
        ["Accueil", "Qui sommes-nous ?", "Nos projets", "Recrutement", "Se connecter"],
        ["Menu", "Emplois", "Stages", "Formations", "Publier une offre"],
    ],
    "en": [
        ["Home", "Jobs", "Tenders", "News", "Contact us"],
        ["Home", "About us", "Our work", "Careers", "Sign in"],
        ["Menu", "Find a job", "Post a job", "Organisations", "Log in"],
    ],
    "ar": [
        ["الرئيسية", "عروض العمل", "طلبات العروض", "الأخبار", "اتصل بنا"],
        ["الرئيسية", "من نحن", "مشاريعنا", "التوظيف", "تسجيل الدخول"],
        ["القائمة", "وظائف", "مباريات", "تداريب", "أضف إعلانا"],
    ],
}
CRUMBS = {
    "fr": ["Accueil » Offres » Consultance", "Accueil > Emplois > Détail de l'offre", "Accueil / Appels"],
    "en": ["Home » Jobs » Consultancy", "Home > Opportunities > Details", "Home / Calls"],
    "ar": ["الرئيسية » عروض العمل » التفاصيل", "الرئيسية > مباريات التوظيف", "الرئيسية / إعلانات"],
}
SHARE = {
    "fr": [
        ["Partager", "Facebook", "Twitter", "LinkedIn"],
        ["Partager sur :", "WhatsApp", "E-mail", "Imprimer"],
    ],
    "en": [["Share", "Facebook", "Twitter", "LinkedIn"], ["Share this:", "WhatsApp", "Email", "Print"]],
    "ar": [["شارك", "فيسبوك", "تويتر", "لينكدإن"], ["مشاركة:", "واتساب", "البريد الإلكتروني", "طباعة"]],
}
RUNNING_HEADS = {
    "fr": ["Document de travail", "Version finale", "Confidentiel – usage interne"],
    "en": ["Working document", "Final version", "Internal use only"],
    "ar": ["وثيقة عمل", "النسخة النهائية", "للاستعمال الداخلي"],
}
PAGE_FOOTERS = {
    "fr": ["Page {k} sur {n}", "Page {k}/{n}", "- {k} -"],
    "en": ["Page {k} of {n}", "{k} | Page", "- {k} -"],
    "ar": ["الصفحة {k} من {n}", "صفحة {k}", "- {k} -"],
}
# Words a title line can be cut at (the rules join a line ending on one, or one opening on one).
LINK_WORDS = {
    "fr": ["de", "des", "du", "pour", "sur", "dans", "en", "au", "aux", "et", "avec"],
    "en": ["of", "for", "on", "in", "to", "and", "with"],
    "ar": ["في", "حول", "من", "على", "لفائدة", "و"],
}
_LABEL_ROW = re.compile(r"^([^\W\d][\w'’ ./()-]{1,40}?) ?: +(\S.{0,200})$")
_LABEL_ALONE = re.compile(r"^([^\W\d][\w'’ ./()-]{1,40}?) ?:$")


def language(text: str) -> str:
    if len(_ARABIC.findall(text)) > len(_LATIN.findall(text)):
        return "ar"
    words = re.findall(r"[a-zà-ÿ]+", text.lower())
    return "en" if words.count("the") + words.count("of") > words.count("de") + words.count("la") else "fr"


def _line_bounds(text: str, span: Span) -> Span:
    start = text.rfind("\n", 0, span[0]) + 1
    end = text.find("\n", span[1])
    return start, len(text) if end < 0 else end


def blank_removed(text: str, span: Span, rng: random.Random) -> str | None:
    out = re.sub(r"\n[ \t]*(?:\n[ \t]*)+", "\n", text)
    return out if out != text else None


def blank_doubled(text: str, span: Span, rng: random.Random) -> str | None:
    return re.sub(r"\n", "\n\n", re.sub(r"\n[ \t]*(?:\n[ \t]*)+", "\n", text))


def site_furniture(text: str, span: Span, rng: random.Random) -> str | None:
    lang = language(text)
    lines = list(rng.choice(MENUS[lang]))
    if rng.random() < 0.5:
        lines = [" | ".join(lines)]
    lines.append(rng.choice(CRUMBS[lang]))
    share = rng.choice(SHARE[lang])
    lines += share if rng.random() < 0.5 else [" ".join(share)]
    return "\n".join(lines) + "\n\n" + text


def page_furniture(text: str, span: Span, rng: random.Random) -> str | None:
    lang = language(text)
    lines = text.split("\n")
    every = rng.randint(12, 25)
    pages = len(lines) // every + 1
    if pages < 2:
        return None
    head, foot = rng.choice(RUNNING_HEADS[lang]), rng.choice(PAGE_FOOTERS[lang])
    out: list[str] = [head, ""] if rng.random() < 0.5 else []
    for i, line in enumerate(lines):
        out.append(line)
        if (i + 1) % every == 0:
            k = (i + 1) // every
            out += ["", foot.format(k=k, n=pages), head, ""]
    return "\n".join(out)


def title_upper(text: str, span: Span, rng: random.Random) -> str | None:
    title = text[span[0] : span[1]]
    if title.upper() == title:
        return None
    return text[: span[0]] + title.upper() + text[span[1] :]


def title_split(text: str, span: Span, rng: random.Random) -> str | None:
    if "\n" in text[span[0] : span[1]]:
        return None
    words = LINK_WORDS[language(text)]
    title = text[span[0] : span[1]]
    cuts = [
        m.start()
        for m in re.finditer(r"(?<= )(" + "|".join(words) + r")(?= )", title)
        if len(title) * 0.3 <= m.start() <= len(title) * 0.75
    ]
    if not cuts:
        return None
    cut = rng.choice(cuts)
    if rng.random() < 0.5:  # the line ends on the link word
        cut = title.index(" ", cut)
        head, tail = title[:cut], title[cut + 1 :]
    else:  # the next line opens on it
        head, tail = title[: cut - 1], title[cut:]
    return text[: span[0]] + head + "\n" + tail + text[span[1] :]


def labels_moved(text: str, span: Span, rng: random.Random) -> str | None:
    """ "Key : value" rows cut on two lines, or a key alone joined with the value below it
    (whichever the call has more of); the title's own line is left as it is."""
    lines = text.split("\n")
    title_lines = set(range(text.count("\n", 0, span[0]), text.count("\n", 0, span[1]) + 1))
    rows = [i for i, line in enumerate(lines) if i not in title_lines and _LABEL_ROW.match(line.strip())]
    alone = [
        i
        for i, line in enumerate(lines[:-1])
        if i not in title_lines
        and i + 1 not in title_lines
        and _LABEL_ALONE.match(line.strip())
        and lines[i + 1].strip()
    ]
    if not rows and not alone:
        return None
    out = list(lines)
    if len(rows) >= len(alone):
        for i in reversed(rows):
            m = _LABEL_ROW.match(lines[i].strip())
            assert m
            out[i : i + 1] = [m.group(1) + " :", m.group(2)]
    else:
        for i in reversed(alone):
            out[i : i + 2] = [lines[i].rstrip() + " " + lines[i + 1].strip()]
    return "\n".join(out)


def letterhead_moved(text: str, span: Span, rng: random.Random) -> str | None:
    """The lines printed above the title (a letterhead, a site's header) moved to the end, as a
    PDF's text layer gives a header drawn last."""
    start = _line_bounds(text, span)[0]
    above = [line for line in text[:start].split("\n") if line.strip()]
    if not above or len(above) > 6:
        return None
    return text[start:] + "\n\n" + "\n".join(above) + "\n"


PERTURBATIONS: dict[str, Perturbation] = {
    "blank_removed": blank_removed,
    "blank_doubled": blank_doubled,
    "site_furniture": site_furniture,
    "page_furniture": page_furniture,
    "title_upper": title_upper,
    "title_split": title_split,
    "labels_moved": labels_moved,
    "letterhead_moved": letterhead_moved,
}


def perturbed(text: str, span: Span, *, call: int, names: list[str] | None = None) -> list[tuple[str, str]]:
    """(name, text) for each change that applies to this call, each from a random stream seeded
    by the call's number and the change's name (the same copies on every run)."""
    out = []
    for name in names or list(PERTURBATIONS):
        changed = PERTURBATIONS[name](text, span, random.Random(f"{call}:{name}"))
        if changed is not None and changed != text:
            out.append((name, changed))
    return out
