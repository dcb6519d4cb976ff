"""The evaluation committee: which evaluators are assigned to which call
(they may open its applications once the deadline has passed), and, from the
grid to the decision, what the committee recorded. Scores are computed from
these records by ``nidaa.scoring``, never stored twice."""

from __future__ import annotations

from decimal import Decimal

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
    # The chair moderates, overrides, closes the stages and records the decision.
    is_chair = models.BooleanField(_("chair"), default=False)

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


class CommitteeInvitation(models.Model):
    """A seat on a call's committee offered to an address without an account,
    through the organisation's invitation (``accounts.services.invite_member``,
    role evaluator): accepting the invitation assigns the new member to the
    call (and makes them the chair when named so). Kept afterwards as the
    record of how they came."""

    invitation = models.ForeignKey(
        "accounts.Invitation",
        verbose_name=_("invitation"),
        on_delete=models.CASCADE,
        related_name="committee_seats",
    )
    call = models.ForeignKey(
        "calls.Call", verbose_name=_("call"), on_delete=models.CASCADE, related_name="committee_invitations"
    )
    is_chair = models.BooleanField(_("chair"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("committee invitation")
        verbose_name_plural = _("committee invitations")
        constraints = [
            models.UniqueConstraint(fields=["invitation", "call"], name="one_seat_per_invitation_and_call")
        ]

    def __str__(self) -> str:
        return f"{self.invitation_id} → {self.call_id}"


# --- the evaluation of a call: grid, stage, sheets, decision ------------------


class Method(models.TextChoices):
    # The values are nidaa.scoring.Method's.
    QCBS = "qcbs", _("Quality and cost (QCBS)")
    QBS = "qbs", _("Quality only (QBS)")
    LCS = "lcs", _("Least cost (LCS)")
    FBS = "fbs", _("Fixed budget (FBS)")
    CQS = "cqs", _("Consultant's qualifications (CQS)")


class Stage(models.TextChoices):
    SCORING = "scoring", _("Technical evaluation")
    FINANCIAL = "financial", _("Financial evaluation")
    INTERVIEW = "interview", _("Interviews")
    DECIDED = "decided", _("Decided")


class Evaluation(models.Model):
    """A call's evaluation: its grid's parameters and the stage it has reached.

    The grid is frozen once the first score exists (``frozen_at``); a later
    change needs a reason and is audited."""

    call = models.OneToOneField(
        "calls.Call", verbose_name=_("call"), on_delete=models.CASCADE, related_name="evaluation"
    )
    method = models.CharField(
        _("selection method"), max_length=10, choices=Method.choices, default=Method.QCBS
    )
    technical_weight = models.DecimalField(_("technical weight"), max_digits=5, decimal_places=2, default=70)
    financial_weight = models.DecimalField(_("financial weight"), max_digits=5, decimal_places=2, default=30)
    pass_mark = models.DecimalField(_("technical pass mark"), max_digits=5, decimal_places=2, default=70)
    budget = models.DecimalField(_("budget (MAD)"), max_digits=14, decimal_places=2, null=True, blank=True)
    disagreement_share = models.DecimalField(
        _("disagreement share"), max_digits=4, decimal_places=3, default=Decimal("0.2")
    )
    retain = models.PositiveSmallIntegerField(_("candidates retained"), default=1)
    blind = models.BooleanField(
        _("blind mode"),
        default=False,
        help_text=_("Evaluators see receipt numbers instead of names until the technical evaluation closes."),
    )
    # Staff posts: a shortlist, then interviews scored on their own grid
    # (InterviewCriterion); the final score weighs file and interview
    # (nidaa.scoring.interview). Such a call has no financial envelope (CQS).
    interview = models.BooleanField(_("shortlist and interview"), default=False)
    file_weight = models.DecimalField(_("file weight"), max_digits=5, decimal_places=2, default=40)
    interview_weight = models.DecimalField(_("interview weight"), max_digits=5, decimal_places=2, default=60)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.SCORING)
    frozen_at = models.DateTimeField(_("grid frozen"), null=True, blank=True)
    technical_closed_at = models.DateTimeField(_("technical evaluation closed"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("decision"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self) -> str:
        return f"{self.call_id} ({self.stage})"


class GridCriterion(models.Model):
    """One line of the grid. A criterion with sub-criteria is a heading: its
    sub-criteria are scored and its maximum is theirs added up."""

    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="criteria"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    code = models.CharField(_("code"), max_length=20)
    label_fr = models.CharField(_("label (French)"), max_length=300, blank=True)
    label_ar = models.CharField(_("label (Arabic)"), max_length=300, blank=True)
    label_en = models.CharField(_("label (English)"), max_length=300, blank=True)
    max_points = models.DecimalField(_("maximum points"), max_digits=7, decimal_places=2, default=0)
    eliminatory = models.BooleanField(_("eliminatory"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["evaluation", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "code"], name="one_criterion_code_per_evaluation")
        ]

    def __str__(self) -> str:
        return self.code

    def label(self, language: str) -> str:
        """The label in ``language``, else the first one written."""
        own = getattr(self, f"label_{language}", "")
        return own or self.label_fr or self.label_en or self.label_ar or self.code


class InterviewCriterion(models.Model):
    """One line of a staff post's interview grid (scored like the file's)."""

    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="interview_criteria"
    )
    code = models.CharField(_("code"), max_length=20)
    label_fr = models.CharField(_("label (French)"), max_length=300, blank=True)
    label_ar = models.CharField(_("label (Arabic)"), max_length=300, blank=True)
    label_en = models.CharField(_("label (English)"), max_length=300, blank=True)
    max_points = models.DecimalField(_("maximum points"), max_digits=7, decimal_places=2)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("interview criterion")
        verbose_name_plural = _("interview criteria")
        ordering = ["evaluation", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "code"], name="one_interview_criterion_code_per_evaluation"
            )
        ]

    def __str__(self) -> str:
        return self.code

    def label(self, language: str) -> str:
        own = getattr(self, f"label_{language}", "")
        return own or self.label_fr or self.label_en or self.label_ar or self.code


class Interview(models.Model):
    """A shortlisted application's interview: when and where (or online),
    and when the applicant was told."""

    application = models.OneToOneField(
        "applications.Application",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="interview",
    )
    shortlisted_at = models.DateTimeField(_("shortlisted"), auto_now_add=True)
    starts_at = models.DateTimeField(_("interview date and time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_link = models.URLField(_("online link"), max_length=500, blank=True)
    notified_at = models.DateTimeField(_("notice sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")

    def __str__(self) -> str:
        return f"{self.application_id} @ {self.starts_at}"


class InterviewScore(models.Model):
    """An evaluator's points for one interview criterion, recorded when they
    submit their interview sheet (they cannot change it afterwards)."""

    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("evaluator"), on_delete=models.CASCADE, related_name="+"
    )
    application = models.ForeignKey(
        "applications.Application",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="interview_scores",
    )
    criterion = models.ForeignKey(
        InterviewCriterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="scores"
    )
    points = models.DecimalField(_("points"), max_digits=7, decimal_places=2)
    comment = models.TextField(_("comment"), blank=True)
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("interview score")
        verbose_name_plural = _("interview scores")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluator", "application", "criterion"], name="one_interview_score_per_criterion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.evaluator_id} / {self.application_id} / {self.criterion_id}: {self.points}"


class ConflictDeclaration(models.Model):
    """What an evaluator declared before opening an application. Kept, and
    printed in the minutes; a conflict hides the application from them."""

    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("evaluator"), on_delete=models.CASCADE, related_name="+"
    )
    application = models.ForeignKey(
        "applications.Application",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="conflict_declarations",
    )
    has_conflict = models.BooleanField(_("conflict of interest"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    declared_at = models.DateTimeField(_("declared"), auto_now_add=True)

    class Meta:
        verbose_name = _("conflict-of-interest declaration")
        verbose_name_plural = _("conflict-of-interest declarations")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluator", "application"], name="one_declaration_per_evaluator_and_application"
            )
        ]

    def __str__(self) -> str:
        return f"{self.evaluator_id} / {self.application_id}: {self.has_conflict}"


class SheetStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    REOPENED = "reopened", _("Reopened by the chair")


class ScoreSheet(models.Model):
    """One evaluator's scores for one application. Only submitted sheets count."""

    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("evaluator"), on_delete=models.CASCADE, related_name="+"
    )
    application = models.ForeignKey(
        "applications.Application",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="score_sheets",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=SheetStatus.choices, default=SheetStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluator", "application"], name="one_sheet_per_evaluator_and_application"
            )
        ]

    def __str__(self) -> str:
        return f"{self.evaluator_id} / {self.application_id} ({self.status})"


class Score(models.Model):
    """Points for a scored criterion, or pass/fail for an eliminatory one."""

    sheet = models.ForeignKey(
        ScoreSheet, verbose_name=_("sheet"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        GridCriterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="scores"
    )
    points = models.DecimalField(_("points"), max_digits=7, decimal_places=2, null=True, blank=True)
    passes = models.BooleanField(_("passes"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="one_score_per_sheet_and_criterion")
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.points if self.passes is None else self.passes}"


class Moderation(models.Model):
    """The committee's word on one criterion of one application: a consensus
    score that replaces the mean, or the chair's pass/fail verdict."""

    application = models.ForeignKey(
        "applications.Application",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="moderations",
    )
    criterion = models.ForeignKey(
        GridCriterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="moderations"
    )
    consensus = models.DecimalField(
        _("consensus score"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    verdict = models.BooleanField(_("verdict"), null=True, blank=True)
    reason = models.TextField(_("reason"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        verbose_name = _("moderation")
        verbose_name_plural = _("moderations")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion"], name="one_moderation_per_application_and_criterion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application_id} / {self.criterion_id}"


class ComplianceCheck(models.TextChoices):
    ON_TIME = "on_time", _("On time")
    COMPLETE = "complete", _("Pieces complete")


class ComplianceOverride(models.Model):
    """The committee's written override of an application's late or missing-pieces flag."""

    application = models.ForeignKey(
        "applications.Application",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="compliance_overrides",
    )
    requirement = models.CharField(_("requirement"), max_length=20, choices=ComplianceCheck.choices)
    value = models.BooleanField(_("satisfied"))
    reason = models.TextField(_("reason"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        verbose_name = _("compliance override")
        verbose_name_plural = _("compliance overrides")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "requirement"], name="one_override_per_application_and_check"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application_id} {self.requirement}={self.value}"


class FinancialOffer(models.Model):
    """The amount the committee read from an application's financial offer."""

    application = models.OneToOneField(
        "applications.Application",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="financial_offer",
    )
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, default="MAD")
    rate = models.DecimalField(_("rate to MAD"), max_digits=12, decimal_places=6, default=1)
    amount_mad = models.DecimalField(_("amount (MAD)"), max_digits=16, decimal_places=2)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        verbose_name = _("financial offer")
        verbose_name_plural = _("financial offers")

    def __str__(self) -> str:
        return f"{self.application_id}: {self.amount} {self.currency}"


class Outcome(models.Model):
    """What the decision recorded for one application, as ranked when the chair
    closed the evaluation (kept so later changes to a grid cannot rewrite it)."""

    application = models.OneToOneField(
        "applications.Application",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="outcome",
    )
    decision = models.CharField(_("decision"), max_length=20)
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    technical_score = models.DecimalField(_("technical score"), max_digits=7, decimal_places=2, null=True)
    financial_score = models.DecimalField(_("financial score"), max_digits=7, decimal_places=2, null=True)
    combined_score = models.DecimalField(_("combined score"), max_digits=7, decimal_places=2, null=True)
    interview_score = models.DecimalField(_("interview score"), max_digits=7, decimal_places=2, null=True)
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    notified_at = models.DateTimeField(_("notified"), null=True, blank=True)

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self) -> str:
        return f"{self.application_id}: {self.decision}"


class GridTemplate(models.Model):
    """A grid an organisation keeps to start the next call's from (the grid
    file's JSON shape, see ``grids.spec_as_json``)."""

    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="grid_templates",
    )
    name = models.CharField(_("name"), max_length=200)
    spec = models.JSONField(_("grid"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("grid template")
        verbose_name_plural = _("grid templates")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"], name="one_grid_template_name_per_organization"
            )
        ]

    def __str__(self) -> str:
        return self.name


class EnvelopeOpening(models.Model):
    """An application's financial envelope, opened by the technical close
    (the technically qualified; QBS: the best technical score only). Until
    then its financial-offer files are not shown or downloadable, not even
    to the organisation's admins."""

    application = models.OneToOneField(
        "applications.Application",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="envelope_opening",
    )
    opened_at = models.DateTimeField(_("opened"), auto_now_add=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("financial envelope opening")
        verbose_name_plural = _("financial envelope openings")

    def __str__(self) -> str:
        return f"{self.application_id} opened {self.opened_at:%Y-%m-%d}"
