"""The award of an evaluated call in its OCDS release: the retained
candidates as suppliers, with the amount recorded from their offer. The
other applicants appear nowhere (their names and scores are personal data)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from nidaa.calls.models import Call
from nidaa.evaluation.models import Evaluation, FinancialOffer, Outcome, Stage
from nidaa.evaluation.results import applicant_label
from nidaa.scoring import Decision


def awards_for(call: Call) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(awards, supplier parties); empty when the call was not decided here."""
    evaluation = Evaluation.objects.filter(call=call).only("stage", "decided_at").first()
    if evaluation is None or evaluation.stage != Stage.DECIDED:
        return [], []
    retained = list(
        Outcome.objects.filter(application__call=call, decision=Decision.RETAINED)
        .select_related("application")
        .order_by("rank", "application__receipt_number")
    )
    if not retained:
        return [], []
    offers = {
        offer.application_id: offer
        for offer in FinancialOffer.objects.filter(
            application__in=[outcome.application_id for outcome in retained]
        )
    }
    suppliers = [
        {"id": f"supplier-{outcome.application.receipt_number}", "name": applicant_label(outcome.application)}
        for outcome in retained
    ]
    award: dict[str, Any] = {
        "id": f"{call.pk}-award-1",
        "title": call.title,
        "status": "active",
        "suppliers": suppliers,
    }
    if evaluation.decided_at:
        award["date"] = timezone.localtime(evaluation.decided_at).isoformat(timespec="seconds")
    amounts = [
        offers[outcome.application_id].amount_mad for outcome in retained if outcome.application_id in offers
    ]
    if amounts:
        award["value"] = {"amount": float(sum(amounts)), "currency": "MAD"}
    parties = [{**supplier, "roles": ["supplier"]} for supplier in suppliers]
    return [award], parties
