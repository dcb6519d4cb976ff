"""Demo evaluations for ``make run`` (called by ``load_demo``): on the demo
organisation's closed calls, one evaluation finished (three evaluators, one
conflict declared, one disagreement moderated, QCBS 70/30, envelopes opened,
minutes available) and one in the middle of scoring. Everything goes through
the services, as a committee would. Idempotent: a call with a grid is left
as it is."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction

from nidaa.accounts.models import Membership, Organization, Role, User
from nidaa.accounts.services import mark_email_verified
from nidaa.applications.models import Application, ApplicationChannel, ApplicationStatus
from nidaa.applications.services import new_receipt_number, record_version, stored_file
from nidaa.calls.models import Call, CallStatus
from nidaa.evaluation.committee import assign_committee
from nidaa.evaluation.decisions import close_financial, close_technical, import_prices, moderate
from nidaa.evaluation.grids import parse_grid_spec, set_grid
from nidaa.evaluation.models import Evaluation
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
    from fpdf import FPDF

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
    from nidaa.evaluation.results import compute_results

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
