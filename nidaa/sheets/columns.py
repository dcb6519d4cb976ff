"""Find the header row and map its cells to fields, by synonyms in fr/ar/en."""

from __future__ import annotations

from dataclasses import dataclass

from nidaa.folding import word_key
from nidaa.sheets.reader import Table
from nidaa.sheets.values import text

# Folded header -> field. Headers are compared by ``word_key`` (case, accents,
# Arabic variants, punctuation), so "Nom & Prénom", "NOM ET PRENOM" and
# "nom et prénom :" all meet "nom et prenom".
PARTICIPANT_SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": (
        "nom et prenom",
        "nom et prenoms",
        "nom prenom",
        "prenom et nom",
        "prenom nom",
        "nom complet",
        "noms et prenoms",
        "nom",
        "full name",
        "name",
        "participant",
        "participante",
        "participant e",
        "nom du participant",
        "nom de la participante",
        "الاسم الكامل",
        "الاسم و النسب",
        "الاسم والنسب",
        "الاسم",
        "الاسم الكامل للمشارك",
        "النسب والاسم",
        "الاسم العائلي والشخصي",
    ),
    "first_name": ("prenom", "first name", "given name", "الاسم الشخصي"),
    "last_name": ("nom de famille", "last name", "surname", "family name", "النسب", "الاسم العائلي"),
    "name_ar": (
        "nom en arabe",
        "nom arabe",
        "nom et prenom en arabe",
        "name in arabic",
        "arabic name",
        "الاسم بالعربية",
        "الاسم باللغه العربيه",
    ),
    "sex": ("sexe", "genre", "sex", "gender", "h f", "f h", "m f", "f m", "الجنس", "النوع"),
    "category": (
        "categorie",
        "category",
        "qualite",
        "fonction",
        "profil",
        "statut",
        "type d acteur",
        "type",
        "الفئه",
        "الصفه",
        "المهمه",
    ),
    "organization": (
        "organisation",
        "organisme",
        "structure",
        "institution",
        "association",
        "organization",
        "etablissement",
        "الهيئه",
        "المؤسسه",
        "الجمعيه",
        "المنظمه",
    ),
    "commune": ("commune", "collectivite", "collectivite territoriale", "municipality", "الجماعه"),
    "zone": ("zone", "region", "site", "lieu", "zone d intervention", "المنطقه", "الجهه"),
    "phone": (
        "tel",
        "telephone",
        "tele",
        "gsm",
        "phone",
        "mobile",
        "portable",
        "numero de telephone",
        "n de telephone",
        "n tel",
        "phone number",
        "الهاتف",
        "رقم الهاتف",
        "الهاتف النقال",
    ),
    "email": ("email", "e mail", "mail", "courriel", "adresse email", "adresse e mail", "البريد الالكتروني"),
    "disability": (
        "handicap",
        "situation de handicap",
        "personne en situation de handicap",
        "disability",
        "اعاقه",
        "في وضعيه اعاقه",
        "الاعاقه",
    ),
    "consent": ("consentement", "consent", "accord", "الموافقه"),
    "code": ("code", "identifiant", "code participant", "الرمز"),
}

PLAN_SYNONYMS: dict[str, tuple[str, ...]] = {
    "module": ("module", "formation", "theme", "الوحده", "المجزوءه"),
    "zone": ("zone", "region", "lieu", "territoire", "المنطقه", "الجهه"),
    "date": ("date", "jour", "day", "التاريخ"),
    "start": ("start", "debut", "heure de debut", "de", "البدايه"),
    "end": ("end", "fin", "heure de fin", "a", "النهايه"),
    "venue": ("venue", "salle", "adresse", "local", "lieu de la formation", "المكان", "القاعه"),
    "expected": ("expected", "participants attendus", "attendus", "nombre", "effectif", "العدد"),
}

ATTENDANCE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "participant": (
        "participant",
        "participante",
        "nom",
        "nom et prenom",
        "name",
        "code",
        "telephone",
        "tel",
        "phone",
        "الاسم",
        "الاسم الكامل",
        "المشارك",
    ),
    "present": ("present", "presence", "presente", "attended", "الحضور", "حاضر"),
}


@dataclass(frozen=True)
class Header:
    row_number: int  # the header's Excel row number
    index: int  # its position in ``Table.rows``
    labels: tuple[str, ...]  # the header cells as written
    mapping: dict[int, str]  # column position -> field


def _lookup(synonyms: dict[str, tuple[str, ...]]) -> dict[str, str]:
    table: dict[str, str] = {}
    for name, words in synonyms.items():
        for word in words:
            table.setdefault(word_key(word), name)
    return table


def match_label(label: str, synonyms: dict[str, tuple[str, ...]]) -> str | None:
    folded = word_key(label)
    if not folded:
        return None
    table = _lookup(synonyms)
    if folded in table:
        return table[folded]
    # "Nom et prénom du participant(e)", "N° de téléphone (GSM)": a synonym of
    # two words or more found inside the label.
    best: tuple[int, str] | None = None
    padded = f" {folded} "
    for word, name in table.items():
        if " " in word and f" {word} " in padded and (best is None or len(word) > best[0]):
            best = (len(word), name)
    return best[1] if best else None


def find_header(table: Table, synonyms: dict[str, tuple[str, ...]], *, scan: int = 15) -> Header | None:
    """The row among the first ``scan`` that names the most known fields (at
    least two), with its mapping; title rows above it are skipped."""
    best: Header | None = None
    for index, row in enumerate(table.rows[:scan]):
        labels = tuple(text(cell) for cell in row.cells)
        mapping: dict[int, str] = {}
        for position, label in enumerate(labels):
            name = match_label(label, synonyms)
            if name == "name" and "name" in mapping.values() and "name_ar" in synonyms:
                # Two name columns ("Nom et prénom", "الاسم الكامل"): the second is the other script.
                name = "name_ar"
            if name and name not in mapping.values():
                mapping[position] = name
        if len(mapping) >= 2 and (best is None or len(mapping) > len(best.mapping)):
            best = Header(row_number=row.number, index=index, labels=labels, mapping=mapping)
    return best


def override(header: Header, overrides: dict[str, str]) -> Header:
    """``--map COLUMN=field``: COLUMN a header label (as written or folded), a
    letter (A, B...) or a 1-based number; ``field`` "-" to ignore the column."""
    mapping = dict(header.mapping)
    for column, name in overrides.items():
        position = column_position(header, column)
        if position is None:
            raise KeyError(column)
        for other, existing in list(mapping.items()):
            if existing == name:
                del mapping[other]
        if name in ("-", ""):
            mapping.pop(position, None)
        else:
            mapping[position] = name
    return Header(header.row_number, header.index, header.labels, mapping)


def column_position(header: Header, column: str) -> int | None:
    folded = word_key(column)
    for position, label in enumerate(header.labels):
        if label == column or (folded and word_key(label) == folded):
            return position
    if column.isdigit() and 0 < int(column) <= len(header.labels):
        return int(column) - 1
    if column.isalpha() and len(column) <= 2 and column.isupper():
        number = 0
        for char in column:
            number = number * 26 + ord(char) - 64
        return number - 1 if number <= max(len(header.labels), 1) else None
    return None
