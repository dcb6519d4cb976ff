"""Demo evaluations for ``make run`` (called by ``load_demo``): on the demo
organisation's closed calls, one evaluation finished (three evaluators, one
conflict declared, one disagreement moderated, QCBS 70/30, envelopes opened,
minutes available) and one in the middle of scoring; after them, a staff
post (``demo_tors/``, its own call) in the middle of its interviews.
Everything goes through the services, as a committee would. Idempotent: a
call with a grid is left as it is."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from fpdf import FPDF

from nidaa.accounts.models import Membership, Organization, Role, User
from nidaa.accounts.services import mark_email_verified
from nidaa.applications.models import Application, ApplicationChannel, ApplicationStatus
from nidaa.applications.services import new_receipt_number, record_version, stored_file
from nidaa.calls.models import DEFAULT_TIMEZONE, Call, CallStatus
from nidaa.calls.services import close_call, import_tor, update_call
from nidaa.evaluation.committee import assign_committee
from nidaa.evaluation.decisions import close_financial, close_technical, import_prices, moderate
from nidaa.evaluation.grids import parse_grid_spec, set_grid
from nidaa.evaluation.interviews import schedule_interview, score_interview, shortlist
from nidaa.evaluation.models import Evaluation
from nidaa.evaluation.results import compute_results
from nidaa.evaluation.sheets import Entry, declare_conflict, import_scores, save_sheet

EVALUATORS = (
    ("nadia", "Nadia", "Berrada", "fr"),
    ("hassan", "حسن", "الإدريسي", "ar"),
    ("claire", "Claire", "Martin", "en"),
)
DEMO_PASSWORD = "nidaa-demo"  # noqa: S105 (the README gives the demo accounts)
CANDIDATES = (
    ("Salma Benali", "salma.benali@example.net"),
    ("يوسف الإدريسي", "youssef.idrissi@example.net"),
    ("Cabinet Atlas Conseil", "contact@atlas-conseil.example.net"),
    ("Karim Tazi", "karim.tazi@example.net"),
)
GRID = {
    "method": "qcbs",
    "technical_weight": 70,
    "financial_weight": 30,
    "pass_mark": 70,
    "disagreement_share": 0.2,
    "criteria": [
        {
            "code": "C1",
            "label": {
                "fr": "Qualifications et expérience",
                "ar": "المؤهلات والخبرة",
                "en": "Qualifications and experience",
            },
            "max": 40,
        },  # fmt: skip
        {
            "code": "C2",
            "label": {"fr": "Méthodologie proposée", "ar": "المنهجية المقترحة", "en": "Proposed methodology"},
            "max": 40,
        },  # fmt: skip
        {
            "code": "C3",
            "label": {"fr": "Chronogramme réaliste", "ar": "جدول زمني واقعي", "en": "Realistic timeline"},
            "max": 20,
        },  # fmt: skip
        {
            "code": "E1",
            "label": {
                "fr": "Dossier complet et reçu dans les délais",
                "ar": "ملف كامل ومودع داخل الأجل",
                "en": "Complete file received on time",
            },
            "eliminatory": True,
        },  # fmt: skip
    ],
}
# (evaluator index, candidate index): C1, C2, C3, E1 — or None for a conflict.
FINISHED_SCORES: dict[tuple[int, int], tuple[int, int, int, str] | None] = {
    (0, 0): (34, 33, 17, "pass"), (1, 0): (35, 31, 16, "pass"), (2, 0): (33, 34, 18, "pass"),
    (0, 1): (30, 36, 15, "pass"), (1, 1): None, (2, 1): (38, 24, 16, "pass"),
    (0, 2): (28, 30, 14, "pass"), (1, 2): (27, 29, 15, "pass"), (2, 2): (29, 31, 13, "pass"),
    (0, 3): (20, 22, 10, "pass"), (1, 3): (22, 20, 9, "pass"), (2, 3): (21, 21, 11, "pass"),
}  # fmt: skip
PRICES = ("185000", "160000", "14500", "120000")  # the firm quotes in euros


def _pdf(text: str) -> bytes:
    document = FPDF()
    document.add_page()
    document.set_font("Helvetica", size=14)
    document.multi_cell(0, 10, text.encode("latin-1", "replace").decode("latin-1"))
    return bytes(document.output())


def _evaluators(organization: Organization) -> list[User]:
    users = []
    for username, first, last, language in EVALUATORS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username, f"{username}@example.org", DEMO_PASSWORD,
                first_name=first, last_name=last, preferred_language=language,
            )  # fmt: skip
        mark_email_verified(user=user)
        Membership.objects.get_or_create(
            user=user, organization=organization, defaults={"role": Role.EVALUATOR}
        )
        users.append(user)
    return users


def _applications(call: Call) -> list[Application]:
    """The four demo candidates' e-mailed applications, each with a PDF."""
    made = []
    deadline = call.deadline
    assert deadline is not None
    for index, (name, email) in enumerate(CANDIDATES):
        application = Application.objects.filter(call=call, applicant_email=email).first()
        if application is None:
            application = Application.objects.create(
                call=call, channel=ApplicationChannel.EMAIL, receipt_number=new_receipt_number(call),
                applicant_email=email, applicant_name=name, status=ApplicationStatus.SUBMITTED,
            )  # fmt: skip
            text = (
                f"Note methodologique - {name.encode('ascii', 'ignore').decode() or 'candidat'} - Nidaa demo"
            )
            note = stored_file(piece="methodology_note", upload=ContentFile(_pdf(text), name="note.pdf"))
            record_version(
                application=application, received_at=deadline - timedelta(days=3, hours=index),
                channel=ApplicationChannel.EMAIL, actor=None, files=[note],
            )  # fmt: skip
            application.refresh_from_db()
        made.append(application)
    # The applications the demo's mail intake filed for the call are scored too.
    others = Application.objects.filter(call=call, status=ApplicationStatus.SUBMITTED).exclude(
        pk__in=[application.pk for application in made]
    )
    return [*made, *others.order_by("received_at", "pk")]


def _scores(count: int, evaluators: int) -> dict[tuple[int, int], tuple[int, int, int, str] | None]:
    """FINISHED_SCORES, repeated for applications beyond the four candidates."""
    scores = {}
    for candidate in range(count):
        for evaluator in range(evaluators):
            value = FINISHED_SCORES[(evaluator, candidate % len(CANDIDATES))]
            if value is None and candidate >= len(CANDIDATES):
                value = (30, 30, 15, "pass")
            scores[(evaluator, candidate)] = value
    return scores


def _rows(
    applications: list[Application], users: list[User], scores: dict
) -> list[tuple[int, dict[str, str]]]:
    rows = []
    number = 1
    for (evaluator, candidate), value in scores.items():
        base = {"evaluator": users[evaluator].email, "application": applications[candidate].receipt_number}
        if value is None:
            number += 1
            rows.append((number, {**base, "criterion": "", "score": "", "conflict": "yes"}))
            continue
        for code, points in zip(("C1", "C2", "C3", "E1"), value, strict=True):
            number += 1
            comment = "Profil solide, expérience pertinente." if code == "C1" else ""
            rows.append((number, {**base, "criterion": code, "score": str(points), "comment": comment}))
    return rows


@transaction.atomic
def load_demo_evaluations(*, organization: Organization) -> int:
    """Returns how many evaluations were created (0 once they exist)."""
    calls = list(
        Call.objects.filter(organization=organization, status__in=[CallStatus.CLOSED, CallStatus.AWARDED])
        .exclude(deadline__isnull=True)
        .order_by("-deadline")[:2]
    )
    if len(calls) < 2 or Evaluation.objects.filter(call__in=calls).exists():
        return 0
    users = _evaluators(organization)
    finished, ongoing = calls
    # The finished evaluation.
    applications = _applications(finished)
    assign_committee(call=finished, emails=[u.email for u in users], chair=users[0].email, actor=None)
    set_grid(call=finished, spec=parse_grid_spec(GRID), actor=None)
    import_scores(call=finished, rows=_rows(applications, users, _scores(len(applications), 3)), actor=None)
    moderate(
        application=applications[1], criterion_code="C2", consensus="30",
        reason="Écart de 12 points : la note méthodologique est précise sur les ateliers, moins sur le suivi.",
        actor=users[0],
    )  # fmt: skip
    close_technical(call=finished, actor=users[0])
    evaluation = Evaluation.objects.get(call=finished)
    opened = {row.application.receipt_number for row in compute_results(evaluation).rows if row.envelope_open}
    price_rows = []
    for index, application in enumerate(applications, start=2):
        amount = PRICES[(index - 2) % len(PRICES)]
        if application.receipt_number in opened:
            currency, rate = ("EUR", "10.85") if index == 4 else ("MAD", "")
            price_rows.append((index, {"application": application.receipt_number, "amount": amount, "currency": currency, "rate": rate}))  # fmt: skip
    import_prices(call=finished, rows=price_rows, actor=users[0])
    close_financial(
        call=finished, actor=users[0],
        note="Le comité retient la candidature classée première et la propose pour contractualisation.",
    )  # fmt: skip
    # The evaluation in the middle of scoring: Nadia has submitted, Hassan is drafting.
    applications = _applications(ongoing)
    assign_committee(call=ongoing, emails=[u.email for u in users[:2]], chair=users[0].email, actor=None)
    set_grid(call=ongoing, spec=parse_grid_spec(GRID | {"blind": True}), actor=None)
    first = {key: value for key, value in _scores(len(applications), 1).items()}
    import_scores(call=ongoing, rows=_rows(applications, users, first), actor=None)
    declare_conflict(application=applications[0], evaluator=users[1], conflict=False)
    save_sheet(
        application=applications[0], evaluator=users[1], submit=False,
        entries={"C1": Entry(points=Decimal(32), comment="À discuter en séance.")},
    )  # fmt: skip
    return 2


# --- a staff post in the middle of its interviews ---------------------------------------------

STAFF_POST = Path(__file__).parent / "demo_tors" / "charge-suivi-evaluation-fes.txt"
STAFF_POST_TITLE = "Chargé(e) de suivi-évaluation – programme « Jeunes et territoires »"
STAFF_POST_DEADLINE_DAYS = 45  # before every other demo call's: the two evaluations above keep their calls
STAFF_GRID: dict[str, Any] = {
    "method": "cqs",
    "pass_mark": 70,
    "disagreement_share": 0.2,
    "criteria": [
        {
            "code": "C1",
            "label": {
                "fr": "Expérience en suivi-évaluation",
                "ar": "الخبرة في التتبع والتقييم",
                "en": "Monitoring and evaluation experience",
            },
            "max": 40,
        },  # fmt: skip
        {
            "code": "C2",
            "label": {"fr": "Diplôme et compétences", "ar": "الشهادة والكفاءات", "en": "Degree and skills"},
            "max": 40,
        },  # fmt: skip
        {
            "code": "C3",
            "label": {"fr": "Lettre de motivation", "ar": "رسالة التحفيز", "en": "Cover letter"},
            "max": 20,
        },  # fmt: skip
        {
            "code": "E1",
            "label": {
                "fr": "Dossier complet et reçu dans les délais",
                "ar": "ملف كامل ومودع داخل الأجل",
                "en": "Complete file received on time",
            },
            "eliminatory": True,
        },  # fmt: skip
    ],
    "interview": {
        "file_weight": 40,
        "interview_weight": 60,
        "criteria": [
            {
                "code": "I1",
                "label": {
                    "fr": "Motivation et connaissance du programme",
                    "ar": "الحافز ومعرفة البرنامج",
                    "en": "Motivation and knowledge of the programme",
                },
                "max": 60,
            },  # fmt: skip
            {
                "code": "I2",
                "label": {
                    "fr": "Communication et langues",
                    "ar": "التواصل واللغات",
                    "en": "Communication and languages",
                },
                "max": 40,
            },  # fmt: skip
        ],
    },
}
# (evaluator index, candidate index): I1, I2 and a comment — the sheets submitted so far.
INTERVIEW_SCORES = {
    (0, 0): (50, 34, "Connaît bien les communes de Sefrou ; exemples précis."),
    (1, 0): (52, 33, "حافز واضح وتجربة ميدانية مقنعة."),
    (2, 0): (46, 36, "Clear answers, good command of French and Arabic."),
    (0, 2): (38, 28, "Motivation réelle, expérience encore courte en suivi."),
    (1, 2): (41, 30, ""),
}


@transaction.atomic
def load_demo_interviews(*, organization: Organization, admin: User) -> int:
    """A staff post whose file evaluation is closed and whose interviews are
    under way: three shortlisted, two interviewed (Claire's second sheet still
    to come), the third interview tomorrow. Returns the call's id, or 0 when it
    exists already or when the demo evaluations were not loaded (it comes after them)."""
    if Call.objects.filter(organization=organization, original_filename=STAFF_POST.name).exists():
        return 0
    if not Evaluation.objects.filter(call__organization=organization).exists():
        return 0
    zone = ZoneInfo(DEFAULT_TIMEZONE)
    today = timezone.localdate()
    deadline_day = today - timedelta(days=STAFF_POST_DEADLINE_DAYS)
    text = STAFF_POST.read_text(encoding="utf-8").replace("{deadline}", f"{deadline_day:%d/%m/%Y} à 23h59")
    call = import_tor(
        organization=organization,
        data=text.encode("utf-8"),
        filename=STAFF_POST.name,
        actor=admin,
        publish=True,
    )
    deadline = datetime.combine(deadline_day, time(23, 59), tzinfo=zone)
    # The demo knows its deadline and the post's short title, whatever the reader made of them.
    update_call(call=call, actor=admin, changes={"deadline": deadline, "title": STAFF_POST_TITLE})
    close_call(call=call, actor=admin)
    users = _evaluators(organization)
    chair = users[0]
    applications = _applications(call)
    assign_committee(call=call, emails=[u.email for u in users], chair=chair.email, actor=None)
    set_grid(call=call, spec=parse_grid_spec(STAFF_GRID), actor=None)
    import_scores(call=call, rows=_rows(applications, users, _scores(len(applications), 3)), actor=None)
    shortlist(call=call, receipts=None, actor=chair)
    slots = {
        0: (datetime.combine(today - timedelta(days=2), time(10), tzinfo=zone), "Siège de l'association, Fès", ""),
        2: (datetime.combine(today - timedelta(days=2), time(14), tzinfo=zone), "", "https://meet.example.org/tanmia-entretiens"),
        1: (datetime.combine(today + timedelta(days=1), time(10), tzinfo=zone), "Siège de l'association, Fès", ""),
    }  # fmt: skip
    for candidate, (starts_at, place, link) in slots.items():
        schedule_interview(
            application=applications[candidate],
            starts_at=starts_at,
            place=place,
            online_link=link,
            actor=chair,
        )
    for (evaluator, candidate), (i1, i2, comment) in INTERVIEW_SCORES.items():
        score_interview(
            application=applications[candidate],
            evaluator=users[evaluator],
            entries={"I1": (str(i1), comment), "I2": (str(i2), "")},
        )
    return call.pk
