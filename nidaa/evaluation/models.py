"""The evaluation committee. For now: which evaluators are assigned to which
call (they may open its applications once the deadline has passed)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EvaluatorAssignment(models.Model):
    call = models.ForeignKey(
        "calls.Call", verbose_name=_("call"), on_delete=models.CASCADE, related_name="evaluator_assignments"
    )
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("evaluator"),
        on_delete=models.CASCADE,
        related_name="evaluator_assignments",
    )
    assigned_at = models.DateTimeField(_("assigned"), auto_now_add=True)

    class Meta:
        verbose_name = _("evaluator assignment")
        verbose_name_plural = _("evaluator assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "evaluator"], name="one_assignment_per_call_and_evaluator"
            )
        ]

    def __str__(self) -> str:
        return f"{self.evaluator} → {self.call_id}"
