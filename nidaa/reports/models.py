"""What the facilitator writes after the workshops (the narrative, in French
and/or Arabic) and the action plan followed after the mission. The results
and the report are computed from the missions' and questionnaires' records,
never stored apart from them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Narrative(models.Model):
    """The report's prose, one text per part and language; a part written in
    one language only is printed in both reports (marked as such)."""

    mission = models.OneToOneField(
        "missions.Mission", verbose_name=_("mission"), on_delete=models.CASCADE, related_name="narrative"
    )
    course_fr = models.TextField(_("course of the sessions (French)"), blank=True, max_length=20000)
    course_ar = models.TextField(_("course of the sessions (Arabic)"), blank=True, max_length=20000)
    conclusions_fr = models.TextField(_("conclusions (French)"), blank=True, max_length=20000)
    conclusions_ar = models.TextField(_("conclusions (Arabic)"), blank=True, max_length=20000)
    recommendations_fr = models.TextField(_("recommendations (French)"), blank=True, max_length=20000)
    recommendations_ar = models.TextField(_("recommendations (Arabic)"), blank=True, max_length=20000)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("narrative")
        verbose_name_plural = _("narratives")

    def __str__(self) -> str:
        return str(self.mission)


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class Action(models.Model):
    """One line of the action plan: what, who, by when, where it stands."""

    mission = models.ForeignKey(
        "missions.Mission", verbose_name=_("mission"), on_delete=models.CASCADE, related_name="actions"
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("action"), max_length=1000)
    owner = models.CharField(_("owner"), max_length=255)
    # Where reminders go, and in which language (the owner may have no account).
    owner_email = models.EmailField(_("owner's e-mail"), blank=True)
    owner_language = models.CharField(
        _("owner's language"), max_length=5, choices=settings.LANGUAGES, default="fr"
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    # The last reminder sent ("before" or "overdue"), so each is sent once.
    reminded = models.CharField(_("reminder sent"), max_length=10, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["mission", "due_date", "position", "id"]
        indexes = [models.Index(fields=["status", "due_date"], name="reports_action_due")]

    def __str__(self) -> str:
        return self.title
