"""Submission and contact addresses: an address is for submission when a sending cue (envoyer, send,
ترسل...) comes nearest before it, or it sits in a submission section with no contact cue."""

from __future__ import annotations

import re

from nidaa.tor.fields.common import Doc, Span, email_matches
from nidaa.tor.text import kw

SUBMIT_CUES = re.compile(
    kw(
        r"envoy",
        r"transmi",
        r"adress",
        r"soumettre",
        r"soumis",
        r"depos",
        r"postul",
        r"send",
        r"sent\b",
        r"submit",
        r"appl(?:y|ications?)\b",
        r"\bcc\b",
        r"en copie",
        r"copie a",
        r"courriel suivant",
        r"mail suivant",
        r"a l'adresse",
        r"إرسال",
        r"ترسل",
        r"يرسل",
        r"توجيه",
        r"توجه",
        r"إيداع",
        r"العنوان",
        r"البريد الإلكتروني التالي",
        r"عبر البريد",
        r"على البريد",
    ),
)


CONTACT_CUES = re.compile(
    kw(
        r"pour toute",
        r"renseignement",
        r"questions?",
        r"contact",
        r"clarification",
        r"informations? complementaires?",
        r"plus d'informations",
        r"inquir",
        r"enquir",
        r"queries",
        r"further information",
        r"more information",
        r"للاستفسار",
        r"الاستفسار",
        r"لمزيد",
        r"للمزيد",
        r"للتواصل",
        r"directeur",
        r"directrice",
        r"director",
        r"email\s*[:\t|]",
        r"e-mail\s*[:\t|]",
        r"mail\s*[:\t|]",
        r"tel",
        r"telephone",
        r"phone",
    ),
)


_QUESTION_CUE = re.compile(
    kw(
        r"questions?",
        r"renseignements?",
        r"informations?",
        r"clarifications?",
        r"precisions",
        r"inquir",
        r"enquir",
        r"queries",
        r"للاستفسار",
        r"الاستفسارات",
        r"استفسار",
        r"المعلومات",
    )
)


_APPLICATION_NOUN = re.compile(
    kw(
        r"candidature",
        r"dossier",
        r"offres?",
        r"applications?",
        r"proposals?",
        r"quotations?",
        r"\bcv\b",
        r"postul",
        r"ترشيح",
        r"الترشيحات",
        r"ملف",
        r"عروض",
        r"العرض",
    )
)


def read_emails(doc: Doc) -> None:
    submission: dict[str, list[Span]] = {}
    contact: dict[str, list[Span]] = {}
    for match in email_matches(doc.folded):
        address = match.group(0).rstrip(".-")
        start, end = match.start(), match.start() + len(address)
        line_start, line_end = doc.line_bounds(start)
        before = doc.folded[max(line_start, start - 220) : start]
        if start - line_start < 25 and line_start > 0:
            prev_start = doc.text.rfind("\n", 0, line_start - 1) + 1
            before = doc.folded[prev_start : line_start - 1][-150:] + " " + before
        last_submit = max((m.end() for m in SUBMIT_CUES.finditer(before)), default=-1)
        last_contact = max((m.end() for m in CONTACT_CUES.finditer(before)), default=-1)
        role = doc.role_at(start)
        sentence = before[before.rfind(". ") + 1 :]
        asking = _QUESTION_CUE.search(sentence) and not _APPLICATION_NOUN.search(sentence)
        is_submission = False
        if asking:
            is_submission = False  # "Questions may be sent to ...": a contact, whatever the verb
        elif last_submit > last_contact:
            is_submission = True
        elif last_contact == -1 and role in ("submission", "deadline", "documents"):
            is_submission = True
        target = submission if is_submission else contact
        target.setdefault(address, []).append((start, end))
    contact = {a: s for a, s in contact.items() if a not in submission}
    doc.set(
        "submission_emails",
        list(submission),
        [s for spans in submission.values() for s in spans],
        0.85,
    )
    doc.set("contact_emails", list(contact), [s for spans in contact.values() for s in spans], 0.8)
