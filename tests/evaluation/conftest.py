"""The worked example of tests/scoring/test_methods.py, stored: a published
call whose deadline has passed, a committee of three (a, b, and the chair c),
four applications R1..R4 and the grid C1 /30, C2 /40, C3 /30, E1
eliminatory, QCBS 70/30, pass mark 70."""

from __future__ import annotations

import csv
import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from nidaa.accounts.models import Role
from nidaa.calls.models import CallStatus
from nidaa.evaluation.grids import parse_grid_spec, set_grid
from tests.factories import (
    CallFactory,
    ConflictDeclarationFactory,
    EvaluatorAssignmentFactory,
    MembershipFactory,
    SubmittedApplicationFactory,
    UserFactory,
)

GRID = {
    "method": "qcbs",
    "technical_weight": 70,
    "financial_weight": 30,
    "pass_mark": 70,
    "budget": None,
    "disagreement_share": 0.2,
    "criteria": [
        {"code": "C1", "label": {"fr": "Profil", "ar": "المؤهلات", "en": "Profile"}, "max": 30},
        {"code": "C2", "label": {"fr": "Méthodologie", "ar": "المنهجية", "en": "Methodology"}, "max": 40},
        {"code": "C3", "label": {"fr": "Références", "ar": "المراجع", "en": "References"}, "max": 30},
        {
            "code": "E1",
            "label": {"fr": "Statut juridique", "ar": "الوضع القانوني", "en": "Legal status"},
            "eliminatory": True,
        },
    ],
}
# (evaluator, application): C1, C2, C3, E1 — or "conflict".
SCORES = {
    ("a", "R1"): (25, 35, 20, "pass"),
    ("b", "R1"): (27, 33, 22, "pass"),
    ("c", "R1"): (26, 34, 24, "pass"),
    ("a", "R2"): (20, 30, 25, "pass"),
    ("b", "R2"): (28, 30, 25, "pass"),
    ("c", "R2"): "conflict",
    ("a", "R3"): (15, 20, 15, "pass"),
    ("b", "R3"): (15, 20, 15, "pass"),
    ("c", "R3"): (15, 20, 15, "pass"),
    ("a", "R4"): (30, 40, 30, "fail"),
    ("b", "R4"): (30, 40, 30, "fail"),
    ("c", "R4"): (30, 40, 30, "pass"),
}
NAMES = {"R1": "Salma Benali", "R2": "Youssef El Idrissi", "R3": "Karim Tazi", "R4": "مريم العلوي"}


@pytest.fixture
def committee(org):
    users = {}
    for name in ("a", "b", "c"):
        users[name] = MembershipFactory(
            user=UserFactory(username=f"eval-{name}", email=f"{name}@committee.ma", first_name=name.upper()),
            organization=org,
            role=Role.EVALUATOR,
        ).user
    return users


@pytest.fixture
def call(org, committee):
    call = CallFactory(
        organization=org,
        status=CallStatus.PUBLISHED,
        deadline=timezone.now() - timedelta(days=1),
        title="Recrutement de formateurs en égalité de genre",
    )
    for name, user in committee.items():
        EvaluatorAssignmentFactory(call=call, evaluator=user, is_chair=name == "c")
    return call


@pytest.fixture
def applications(call):
    return {
        receipt: SubmittedApplicationFactory(
            call=call,
            receipt_number=receipt,
            applicant_name=name,
            received_at=call.deadline - timedelta(hours=len(receipt) + index),
        )
        for index, (receipt, name) in enumerate(NAMES.items())
    }


@pytest.fixture
def graded(call, applications):
    """The call with its grid set (nothing scored yet)."""
    return set_grid(call=call, spec=parse_grid_spec(GRID), actor=None)


def score_rows(scores=SCORES):
    rows = []
    for (evaluator, receipt), value in scores.items():
        email = f"{evaluator}@committee.ma"
        if value == "conflict":
            rows.append([email, receipt, "", "", "", "yes"])
            continue
        for code, points in zip(("C1", "C2", "C3", "E1"), value, strict=True):
            rows.append([email, receipt, code, str(points), f"{code} noté par {evaluator}", ""])
    return rows


def write_csv(path: Path, header, rows) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


SCORE_HEADER = ["evaluator", "application", "criterion", "score", "comment", "conflict"]


@pytest.fixture
def scores_csv(tmp_path):
    return write_csv(tmp_path / "scores.csv", SCORE_HEADER, score_rows())


@pytest.fixture
def grid_file(tmp_path):
    path = tmp_path / "grid.json"
    path.write_text(json.dumps(GRID, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def people(committee, owner, member, evaluator, outsider, applications):
    applicant = UserFactory(username="applicant", email="salma@example.net")
    r1 = applications["R1"]
    r1.applicant = applicant
    r1.save(update_fields=["applicant"])
    ConflictDeclarationFactory(evaluator=committee["b"], application=r1, has_conflict=True)
    return {
        "owner": owner,
        "member": member,
        "chair": committee["c"],
        "assigned": committee["a"],
        "conflicted": committee["b"],
        "unassigned": evaluator,
        "applicant": applicant,
        "outsider": outsider,
        "anonymous": None,
    }
