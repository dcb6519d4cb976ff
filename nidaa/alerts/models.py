"""Alerts on calls: saved catalogue searches (with their daily digest), followed
calls (with a reminder before the deadline), and what was sent, so nothing is
sent twice.

The tables were created by the accounts app and keep their names
(``SeparateDatabaseAndState`` in both apps' migrations).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from nidaa.accounts.models import User
from nidaa.calls.query import CallQuery


class AlertFrequency(models.TextChoices):
    DAILY = "daily", _("Daily digest")
    NONE = "none", _("No e-mail")


class SavedSearch(models.Model):
    """A catalogue query (``CallQuery`` parameters) a user keeps and may be alerted about."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="saved_searches")
    name = models.CharField(_("name"), max_length=200)
    params = models.JSONField(_("query"), default=dict, blank=True)
    frequency = models.CharField(
        _("alerts"), max_length=10, choices=AlertFrequency.choices, default=AlertFrequency.DAILY
    )
    remind_deadlines = models.BooleanField(_("remind me 72 hours before deadlines"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_sent_at = models.DateTimeField(_("last digest sent"), null=True, blank=True)

    class Meta:
        # The table keeps the name it had when alerts lived in the accounts app.
        db_table = "accounts_savedsearch"
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name

    def query(self) -> CallQuery:
        return CallQuery.from_params(self.params)


class DigestEntry(models.Model):
    """One call sent in a digest for one saved search: a call is never sent twice for it."""

    saved_search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="sent")
    call = models.ForeignKey("calls.Call", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        db_table = "accounts_digestentry"
        verbose_name = _("digest entry")
        verbose_name_plural = _("digest entries")
        constraints = [
            models.UniqueConstraint(fields=["saved_search", "call"], name="one_digest_entry_per_search_call")
        ]

    def __str__(self) -> str:
        return f"{self.saved_search_id} → {self.call_id}"


class FollowedCall(models.Model):
    """A call a user follows, to be reminded before its deadline."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="followed_calls")
    call = models.ForeignKey("calls.Call", on_delete=models.CASCADE, related_name="followers")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        db_table = "accounts_followedcall"
        verbose_name = _("followed call")
        verbose_name_plural = _("followed calls")
        constraints = [models.UniqueConstraint(fields=["user", "call"], name="one_follow_per_user_call")]

    def __str__(self) -> str:
        return f"{self.user_id} ★ {self.call_id}"


class DeadlineReminder(models.Model):
    """The reminder sent to a user before a call's deadline: at most one per (user, call)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    call = models.ForeignKey("calls.Call", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        db_table = "accounts_deadlinereminder"
        verbose_name = _("deadline reminder")
        verbose_name_plural = _("deadline reminders")
        constraints = [models.UniqueConstraint(fields=["user", "call"], name="one_reminder_per_user_call")]

    def __str__(self) -> str:
        return f"{self.user_id} ⏰ {self.call_id}"


class ArrivalSummaryEntry(models.Model):
    """One application listed in an issuer's daily summary of arrivals: an
    application is never listed twice for the same admin or editor."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("arrival summary entry")
        verbose_name_plural = _("arrival summary entries")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "application"], name="one_summary_entry_per_user_application"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} ✉ {self.application_id}"


class OpenedNotice(models.Model):
    """The notice that a call's sealed applications opened at its deadline,
    sent to one of its admins or editors: at most one per (user, call)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    call = models.ForeignKey("calls.Call", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("applications opened notice")
        verbose_name_plural = _("applications opened notices")
        constraints = [
            models.UniqueConstraint(fields=["user", "call"], name="one_opened_notice_per_user_call")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} 🔓 {self.call_id}"
