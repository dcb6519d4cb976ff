"""Template helpers of the evaluation pages."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template
from django.utils.translation import gettext as _

from nidaa.evaluation.models import GridCriterion, InterviewCriterion

register = template.Library()


@register.filter
def get(mapping: Mapping[str, Any], key: str) -> Any:
    return mapping.get(key)


def decision_labels() -> dict[str, str]:
    return {
        "retained": _("Retained"),
        "ranked": _("Ranked, not retained"),
        "not_qualified": _("Under the pass mark"),
        "eliminated": _("Eliminated"),
        "over_budget": _("Over budget"),
        "no_price": _("Awaiting the financial opening"),
        "pending": _("Scoring in progress"),
        "not_shortlisted": _("Not shortlisted"),
    }


@register.filter
def decision_label(decision: str) -> str:
    return decision_labels().get(str(decision), str(decision))


@register.filter
def interview_label(criterion: GridCriterion | InterviewCriterion, language: str) -> str:
    return str(criterion.label(language))
