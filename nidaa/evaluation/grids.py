"""A call's evaluation grid: set from a JSON-shaped spec (the CLI file and the
web editor both produce one), proposed from the call's extracted requirements,
and turned into ``nidaa.scoring.Grid`` for the arithmetic.

The grid is frozen once the first score exists: changing it afterwards needs
a reason, which goes into the audit trail with the old and new grids.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from nidaa.accounts.models import User
from nidaa.calls.models import Call, RequiredDocument
from nidaa.common.lists import joined
from nidaa.common.workflow import write_audit
from nidaa.evaluation.errors import EvaluationError
from nidaa.evaluation.models import Evaluation, GridCriterion, GridTemplate, InterviewCriterion, Method, Stage
from nidaa.scoring import Criterion, Grid
from nidaa.scoring.grid import GridError
from nidaa.scoring.grid import Method as ScoringMethod
from nidaa.scoring.interview import check_weights

CODE_RE = re.compile(r"[A-Za-z0-9_.-]{1,20}")
LANGUAGES = ("fr", "ar", "en")
MAX_CRITERIA = 100
MAX_LABEL = 300


class GridSpecError(EvaluationError):
    pass


@dataclass(frozen=True)
class CriterionSpec:
    code: str
    labels: Mapping[str, str]
    max_points: Decimal
    eliminatory: bool
    parent: str | None


@dataclass(frozen=True)
class InterviewSpec:
    """A staff post's interview stage: the weights of the file and interview
    scores in the final score, and the interview grid."""

    file_weight: Decimal
    interview_weight: Decimal
    criteria: tuple[CriterionSpec, ...]


@dataclass(frozen=True)
class GridSpec:
    method: str
    technical_weight: Decimal
    financial_weight: Decimal
    pass_mark: Decimal
    budget: Decimal | None
    disagreement_share: Decimal
    blind: bool
    retain: int
    criteria: tuple[CriterionSpec, ...]
    interview: InterviewSpec | None = None


def _decimal(
    value: Any, what: str, *, minimum: Decimal = Decimal(0), maximum: Decimal | None = None
) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise GridSpecError(_("%(what)s must be a number.") % {"what": what})
    try:
        number = Decimal(str(value))
    except InvalidOperation as error:
        raise GridSpecError(_("%(what)s must be a number.") % {"what": what}) from error
    if not number.is_finite() or number < minimum or (maximum is not None and number > maximum):
        raise GridSpecError(_("%(what)s is out of range.") % {"what": what})
    return number


def parse_grid_spec(data: Any) -> GridSpec:
    """Check a grid as the CLI file writes it (see docs/evaluation.md) and
    return it typed; raises ``GridSpecError`` naming the first problem."""
    if not isinstance(data, dict):
        raise GridSpecError(_("The grid must be a JSON object."))
    method = data.get("method", Method.QCBS)
    if method not in Method.values:
        raise GridSpecError(
            _("Unknown method %(method)r: one of %(methods)s.")
            % {"method": method, "methods": joined(Method.values)}
        )
    budget = data.get("budget")
    retain = data.get("retain", 1)
    if isinstance(retain, bool) or not isinstance(retain, int) or not 1 <= retain <= 100:
        raise GridSpecError(_("retain must be a whole number from 1 to 100."))
    raw_criteria = data.get("criteria")
    if not isinstance(raw_criteria, list) or not raw_criteria:
        raise GridSpecError(_("The grid needs a list of criteria."))
    if len(raw_criteria) > MAX_CRITERIA:
        raise GridSpecError(_("A grid has at most %(count)d criteria.") % {"count": MAX_CRITERIA})
    criteria = []
    for index, raw in enumerate(raw_criteria, start=1):
        criteria.append(_criterion_spec(raw, index))
    codes = {criterion.code for criterion in criteria}
    for criterion in criteria:
        if criterion.parent is not None and criterion.parent not in codes:
            raise GridSpecError(
                _("Criterion %(code)s: its parent %(parent)s is not in the grid.")
                % {"code": criterion.code, "parent": criterion.parent}
            )
    spec = GridSpec(
        method=method,
        technical_weight=_decimal(data.get("technical_weight", 70), "technical_weight", maximum=Decimal(100)),
        financial_weight=_decimal(data.get("financial_weight", 30), "financial_weight", maximum=Decimal(100)),
        pass_mark=_decimal(data.get("pass_mark", 70), "pass_mark", maximum=Decimal(100)),
        budget=None if budget is None else _decimal(budget, "budget", maximum=Decimal("1e12")),
        disagreement_share=_decimal(
            data.get("disagreement_share", "0.2"), "disagreement_share", maximum=Decimal(1)
        ),
        blind=bool(data.get("blind", False)),
        retain=retain,
        criteria=tuple(criteria),
        interview=_interview_spec(data.get("interview"), method),
    )
    to_scoring_grid(spec)  # the arithmetic's own checks (codes, weights, budget...)
    return spec


def _interview_spec(data: Any, method: str) -> InterviewSpec | None:
    """``"interview": {"file_weight": 40, "interview_weight": 60, "criteria": [...]}``:
    criteria as the file grid's, scored only (no eliminatory, no sub-criteria)."""
    if data is None:
        return None
    if not isinstance(data, dict):
        raise GridSpecError(_("interview must be an object."))
    if method != Method.CQS:
        raise GridSpecError(
            _(
                "An interview stage ranks on the file and interview scores: the method is cqs (no financial offer)."
            )
        )
    raw_criteria = data.get("criteria")
    if not isinstance(raw_criteria, list) or not raw_criteria or len(raw_criteria) > MAX_CRITERIA:
        raise GridSpecError(_("The interview needs a list of criteria."))
    criteria = tuple(_criterion_spec(raw, index) for index, raw in enumerate(raw_criteria, start=1))
    if any(criterion.eliminatory or criterion.parent for criterion in criteria):
        raise GridSpecError(_("Interview criteria are scored: no eliminatory criterion, no sub-criteria."))
    spec = InterviewSpec(
        file_weight=_decimal(data.get("file_weight", 40), "file_weight", maximum=Decimal(100)),
        interview_weight=_decimal(data.get("interview_weight", 60), "interview_weight", maximum=Decimal(100)),
        criteria=criteria,
    )
    to_interview_grid(spec)
    return spec


def to_interview_grid(spec: InterviewSpec) -> Grid:
    try:
        check_weights(spec.file_weight, spec.interview_weight)
        return Grid(
            criteria=tuple(Criterion(criterion.code, criterion.max_points) for criterion in spec.criteria),
            method=ScoringMethod.CQS,
        )
    except GridError as error:
        raise GridSpecError(str(error)) from error


def _criterion_spec(raw: Any, index: int) -> CriterionSpec:
    if not isinstance(raw, dict):
        raise GridSpecError(_("Criterion %(index)d must be an object.") % {"index": index})
    code = raw.get("code")
    if not isinstance(code, str) or not CODE_RE.fullmatch(code):
        raise GridSpecError(
            _("Criterion %(index)d: the code is 1 to 20 letters, digits, dots, dashes or underscores.")
            % {"index": index}
        )
    label = raw.get("label", {})
    if isinstance(label, str):
        label = {"fr": label}
    if not isinstance(label, dict) or not all(
        key in LANGUAGES and isinstance(value, str) and len(value) <= MAX_LABEL
        for key, value in label.items()
    ):
        raise GridSpecError(
            _(
                "Criterion %(code)s: the label is an object with fr, ar and en texts of at most %(max)d characters."
            )
            % {"code": code, "max": MAX_LABEL}
        )
    eliminatory = raw.get("eliminatory", False) is True
    parent = raw.get("parent")
    if parent is not None and not isinstance(parent, str):
        raise GridSpecError(_("Criterion %(code)s: parent is a criterion's code.") % {"code": code})
    maximum = Decimal(0)
    if not eliminatory:
        maximum = _decimal(raw.get("max"), f"{code}: max", maximum=Decimal(10_000))
    return CriterionSpec(code, dict(label), maximum, eliminatory, parent)


def _scored_leaves(criteria: tuple[CriterionSpec, ...]) -> list[CriterionSpec]:
    parents = {criterion.parent for criterion in criteria if criterion.parent}
    return [criterion for criterion in criteria if criterion.code not in parents]


def to_scoring_grid(spec: GridSpec) -> Grid:
    """The arithmetic's grid: scored criteria without sub-criteria, and the
    eliminatory ones (a heading's points are its sub-criteria's)."""
    try:
        return Grid(
            criteria=tuple(
                Criterion(criterion.code, criterion.max_points, criterion.eliminatory)
                for criterion in _scored_leaves(spec.criteria)
            ),
            method=ScoringMethod(spec.method),
            technical_weight=spec.technical_weight,
            financial_weight=spec.financial_weight,
            pass_mark=spec.pass_mark,
            budget=spec.budget,
            disagreement_share=spec.disagreement_share,
        )
    except GridError as error:
        raise GridSpecError(str(error)) from error


def spec_of(evaluation: Evaluation) -> GridSpec:
    criteria = list(evaluation.criteria.all())
    interview = None
    if evaluation.interview:
        interview = InterviewSpec(
            file_weight=evaluation.file_weight,
            interview_weight=evaluation.interview_weight,
            criteria=tuple(
                CriterionSpec(
                    code=criterion.code,
                    labels={"fr": criterion.label_fr, "ar": criterion.label_ar, "en": criterion.label_en},
                    max_points=criterion.max_points,
                    eliminatory=False,
                    parent=None,
                )
                for criterion in evaluation.interview_criteria.all()
            ),
        )
    by_id = {criterion.pk: criterion.code for criterion in criteria}
    return GridSpec(
        method=evaluation.method,
        technical_weight=evaluation.technical_weight,
        financial_weight=evaluation.financial_weight,
        pass_mark=evaluation.pass_mark,
        budget=evaluation.budget,
        disagreement_share=evaluation.disagreement_share,
        blind=evaluation.blind,
        retain=evaluation.retain,
        criteria=tuple(
            CriterionSpec(
                code=criterion.code,
                labels={"fr": criterion.label_fr, "ar": criterion.label_ar, "en": criterion.label_en},
                max_points=criterion.max_points,
                eliminatory=criterion.eliminatory,
                parent=by_id.get(criterion.parent_id) if criterion.parent_id else None,
            )
            for criterion in criteria
        ),
        interview=interview,
    )


def scoring_grid(evaluation: Evaluation) -> Grid:
    return to_scoring_grid(spec_of(evaluation))


def interview_grid(evaluation: Evaluation) -> Grid | None:
    """The interview grid's arithmetic, for a call with an interview stage."""
    spec = spec_of(evaluation).interview
    return to_interview_grid(spec) if spec is not None else None


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def spec_as_json(spec: GridSpec) -> dict[str, Any]:
    """The grid in the CLI file's shape (what ``grid --show`` prints)."""
    return {
        "method": spec.method,
        "technical_weight": _number(spec.technical_weight),
        "financial_weight": _number(spec.financial_weight),
        "pass_mark": _number(spec.pass_mark),
        "budget": _number(spec.budget),
        "disagreement_share": _number(spec.disagreement_share),
        "blind": spec.blind,
        "retain": spec.retain,
        "criteria": [
            {
                "code": criterion.code,
                "label": {language: criterion.labels.get(language, "") for language in LANGUAGES},
                **(
                    {"eliminatory": True} if criterion.eliminatory else {"max": _number(criterion.max_points)}
                ),
                **({"parent": criterion.parent} if criterion.parent else {}),
            }
            for criterion in spec.criteria
        ],
        **({"interview": _interview_json(spec.interview)} if spec.interview else {}),
    }


def _interview_json(spec: InterviewSpec) -> dict[str, Any]:
    return {
        "file_weight": _number(spec.file_weight),
        "interview_weight": _number(spec.interview_weight),
        "criteria": [
            {
                "code": criterion.code,
                "label": {language: criterion.labels.get(language, "") for language in LANGUAGES},
                "max": _number(criterion.max_points),
            }
            for criterion in spec.criteria
        ],
    }


@transaction.atomic
def set_grid(*, call: Call, spec: GridSpec, actor: User | None, reason: str = "") -> Evaluation:
    """Set ``call``'s grid. Once scores exist the grid is frozen: a change then
    needs ``reason`` and is audited with the grid before and after; after the
    technical evaluation is closed it cannot change at all."""
    evaluation, created = Evaluation.objects.select_for_update().get_or_create(call=call)
    before = None if created else spec_as_json(spec_of(evaluation))
    if evaluation.stage != Stage.SCORING:
        raise EvaluationError(_("The technical evaluation is closed: the grid can no longer change."))
    if evaluation.frozen_at is not None and not reason.strip():
        raise EvaluationError(_("Scores have been entered: changing the grid needs a reason."))
    for field in (
        "method", "technical_weight", "financial_weight", "pass_mark", "budget",
        "disagreement_share", "blind", "retain",
    ):  # fmt: skip
        setattr(evaluation, field, getattr(spec, field))
    evaluation.save()
    existing = {criterion.code: criterion for criterion in evaluation.criteria.all()}
    kept: dict[str, GridCriterion] = {}
    for order, item in enumerate(spec.criteria):
        criterion = existing.get(item.code) or GridCriterion(evaluation=evaluation, code=item.code)
        criterion.label_fr = item.labels.get("fr", "")
        criterion.label_ar = item.labels.get("ar", "")
        criterion.label_en = item.labels.get("en", "")
        criterion.eliminatory = item.eliminatory
        criterion.max_points = item.max_points
        criterion.order = order
        criterion.parent = None
        criterion.save()
        kept[item.code] = criterion
    # Headings: their maximum is their sub-criteria's added up.
    for item in spec.criteria:
        if item.parent:
            child = kept[item.code]
            child.parent = kept[item.parent]
            child.save(update_fields=["parent"])
    for code, criterion in kept.items():
        children = [kept[item.code] for item in spec.criteria if item.parent == code]
        if children:
            criterion.max_points = sum((child.max_points for child in children), Decimal(0))
            criterion.save(update_fields=["max_points"])
    evaluation.criteria.exclude(code__in=kept).delete()
    _set_interview(evaluation, spec.interview)
    after = spec_as_json(spec)
    if before != after:
        write_audit(
            obj=evaluation,
            actor=actor,
            action="set_grid",
            data={"before": before, "after": after, **({"reason": reason.strip()} if reason.strip() else {})},
        )
    return evaluation


def _set_interview(evaluation: Evaluation, spec: InterviewSpec | None) -> None:
    evaluation.interview = spec is not None
    if spec is not None:
        evaluation.file_weight, evaluation.interview_weight = spec.file_weight, spec.interview_weight
    evaluation.save(update_fields=["interview", "file_weight", "interview_weight", "updated_at"])
    items = spec.criteria if spec is not None else ()
    existing = {criterion.code: criterion for criterion in evaluation.interview_criteria.all()}
    for order, item in enumerate(items):
        criterion = existing.get(item.code) or InterviewCriterion(evaluation=evaluation, code=item.code)
        criterion.label_fr = item.labels.get("fr", "")
        criterion.label_ar = item.labels.get("ar", "")
        criterion.label_en = item.labels.get("en", "")
        criterion.max_points = item.max_points
        criterion.order = order
        criterion.save()
    evaluation.interview_criteria.exclude(code__in=[item.code for item in items]).delete()


PIECE_CRITERIA = {
    RequiredDocument.METHODOLOGY_NOTE: ("Méthodologie proposée", "المنهجية المقترحة", "Proposed methodology"),
    RequiredDocument.TECHNICAL_OFFER: ("Offre technique", "العرض التقني", "Technical offer"),
    RequiredDocument.TOR_UNDERSTANDING_NOTE: (
        "Compréhension des termes de référence",
        "فهم الاختصاصات",
        "Understanding of the terms of reference",
    ),
    RequiredDocument.TIMELINE: ("Chronogramme réaliste", "جدول زمني واقعي", "Realistic timeline"),
    RequiredDocument.REFERENCES: ("Références similaires", "مراجع مماثلة", "Similar references"),
    RequiredDocument.PORTFOLIO: ("Portfolio", "ملف الأعمال", "Portfolio"),
}


def propose_grid(call: Call) -> dict[str, Any]:
    """A draft grid from what the ToR reader extracted, for the issuer to edit:
    one criterion per profile requirement, one per piece that is judged on its
    content (methodology, technical offer...), one for the deliverables, and
    an eliminatory "pieces complete" criterion. Points are spread evenly over
    100; QCBS 70/30 when a financial offer is asked for, CQS otherwise."""
    items: list[tuple[str, str, str]] = []
    for requirement in call.profile or []:
        if isinstance(requirement, str) and requirement.strip():
            text = requirement.strip()[:MAX_LABEL]
            items.append((text, "", text))  # the ToR's own words; the issuer translates
    documents = [str(document) for document in call.required_documents or []]
    for document in documents:
        if document in PIECE_CRITERIA:
            items.append(PIECE_CRITERIA[RequiredDocument(document)])
    if call.deliverables:
        items.append(
            (
                "Qualité des livrables proposés",
                "جودة المخرجات المقترحة",
                "Quality of the proposed deliverables",
            )
        )
    if not items:
        items.append(("Qualifications et expérience", "المؤهلات والخبرة", "Qualifications and experience"))
    items = items[:20]
    share, remainder = divmod(100, len(items))
    criteria: list[dict[str, Any]] = [
        {
            "code": f"C{index}",
            "label": {"fr": fr, "ar": ar, "en": en},
            "max": share + (1 if index <= remainder else 0),
        }
        for index, (fr, ar, en) in enumerate(items, start=1)
    ]
    criteria.append(
        {
            "code": "E1",
            "label": {
                "fr": "Dossier complet et reçu dans les délais",
                "ar": "ملف كامل ومودع داخل الأجل",
                "en": "Complete file received on time",
            },
            "eliminatory": True,
        }
    )
    priced = RequiredDocument.FINANCIAL_OFFER in documents
    return {
        "method": Method.QCBS if priced else Method.CQS,
        "technical_weight": 70 if priced else 100,
        "financial_weight": 30 if priced else 0,
        "pass_mark": 70,
        "budget": None,
        "disagreement_share": 0.2,
        "criteria": criteria,
    }


@transaction.atomic
def save_grid_template(*, evaluation: Evaluation, name: str, actor: User | None) -> GridTemplate:
    """Keep ``evaluation``'s grid as one of its organisation's templates
    (saving under an existing name replaces that template)."""
    name = name.strip()[:200]
    if not name:
        raise EvaluationError(_("A template needs a name."))
    template, _created = GridTemplate.objects.update_or_create(
        organization_id=evaluation.call.organization_id,
        name=name,
        defaults={"spec": spec_as_json(spec_of(evaluation)), "created_by": actor},
    )
    write_audit(obj=template, actor=actor, action="save_grid_template", data={"call": evaluation.call_id})
    return template
