"""A mission: the contract that follows a call's selection, its deliverables
and payments, and the workshops it runs (modules x zones x days), with their
participants and attendance.

Participants' personal data belong to the issuing organisation and the
mission's facilitator only (``missions.selectors``): nothing here is ever
exposed in public pages, feeds, the API or OCDS. Erasing a participant blanks
what identifies them and keeps the row, so planned/actual counts stay true.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MissionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    DELIVERED = "delivered", _("Delivered")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


class DeliverableStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    SUBMITTED = "submitted", _("Submitted")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    ACCEPTED = "accepted", _("Accepted")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


def deliverable_storage_name(sha256: str) -> str:
    """Content-addressed path: the uploaded name never reaches the storage."""
    return f"deliverables/{sha256[:2]}/{sha256}"


def scan_storage_name(sha256: str) -> str:
    return f"attendance/{sha256[:2]}/{sha256}"


def deliverable_file_upload_to(instance: DeliverableFile, filename: str) -> str:
    return deliverable_storage_name(instance.sha256)


def scan_upload_to(instance: AttendanceScan, filename: str) -> str:
    return scan_storage_name(instance.sha256)


class Mission(models.Model):
    """One contract of a call: a call that retains several trainers has several."""

    call = models.ForeignKey(
        "calls.Call", verbose_name=_("call"), on_delete=models.PROTECT, related_name="missions"
    )
    # Denormalised from the call: every scoped read filters on it without a join.
    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="missions",
    )
    # The retained application, when the evaluation chose it (or the issuer
    # named it); empty when the retained applicant is set by hand.
    retained_application = models.ForeignKey(
        "applications.Application",
        verbose_name=_("retained application"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="missions",
    )
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="facilitated_missions",
    )
    # Who the retained applicant is, as given (an e-mailed application has no account yet).
    facilitator_name = models.CharField(_("facilitator's name"), max_length=255, blank=True)
    facilitator_email = models.EmailField(_("facilitator's e-mail"), blank=True)
    # The language the facilitator is written to before they have an account
    # (then their account's preferred language).
    facilitator_language = models.CharField(
        _("facilitator's language"), max_length=5, choices=settings.LANGUAGES, blank=True
    )
    focal_point = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("focal point"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=500)
    amount = models.DecimalField(_("contract amount"), max_digits=14, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="MAD")
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MissionStatus.choices, default=MissionStatus.PLANNED
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("mission")
        verbose_name_plural = _("missions")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class Deliverable(models.Model):
    mission = models.ForeignKey(
        Mission, verbose_name=_("mission"), on_delete=models.CASCADE, related_name="deliverables"
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=1000)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=DeliverableStatus.choices, default=DeliverableStatus.PLANNED
    )
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The last reminder sent: "before" (due soon) or "overdue", so each is sent once.
    reminded = models.CharField(_("reminder sent"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")
        ordering = ["mission", "position", "id"]

    def __str__(self) -> str:
        return self.title


class DeliverableFile(models.Model):
    """One uploaded version of a deliverable (checked by content, stored by hash)."""

    deliverable = models.ForeignKey(
        Deliverable, verbose_name=_("deliverable"), on_delete=models.CASCADE, related_name="files"
    )
    version = models.PositiveIntegerField(_("version"))
    original_name = models.CharField(_("original file name"), max_length=255)
    file = models.FileField(_("file"), upload_to=deliverable_file_upload_to, max_length=255)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    content_type = models.CharField(_("content type"), max_length=20)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("deliverable file")
        verbose_name_plural = _("deliverable files")
        ordering = ["deliverable", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["deliverable", "version"], name="one_file_per_deliverable_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.original_name} v{self.version}"


class DeliverableComment(models.Model):
    deliverable = models.ForeignKey(
        Deliverable, verbose_name=_("deliverable"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("comment"), max_length=5000)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["deliverable", "at", "id"]

    def __str__(self) -> str:
        return self.text[:50]


class Instalment(models.Model):
    """A payment of the contract; payable once its deliverable (if any) is accepted."""

    mission = models.ForeignKey(
        Mission, verbose_name=_("mission"), on_delete=models.CASCADE, related_name="instalments"
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    label = models.CharField(_("label"), max_length=255)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    deliverable = models.ForeignKey(
        Deliverable,
        verbose_name=_("due on acceptance of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="instalments",
    )
    paid_at = models.DateField(_("paid on"), null=True, blank=True)

    class Meta:
        verbose_name = _("instalment")
        verbose_name_plural = _("instalments")
        ordering = ["mission", "position", "id"]

    def __str__(self) -> str:
        return self.label


class ParticipantCategory(models.Model):
    """The organisation's own list of participant categories (elected official, municipal staff...)."""

    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="participant_categories",
    )
    name = models.CharField(_("name"), max_length=200)
    name_ar = models.CharField(_("name in Arabic"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("participant category")
        verbose_name_plural = _("participant categories")
        ordering = ["organization", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="one_category_name_per_org")
        ]

    def __str__(self) -> str:
        return self.name


class Module(models.Model):
    mission = models.ForeignKey(
        Mission, verbose_name=_("mission"), on_delete=models.CASCADE, related_name="modules"
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    code = models.CharField(_("code"), max_length=40, blank=True)
    title = models.CharField(_("title"), max_length=500)
    objectives = models.TextField(_("objectives"), blank=True)
    target_groups = models.TextField(_("target groups"), blank=True)
    duration_days = models.DecimalField(
        _("duration (days)"), max_digits=5, decimal_places=1, null=True, blank=True
    )

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        ordering = ["mission", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["mission", "title"], name="one_module_title_per_mission")
        ]

    def __str__(self) -> str:
        return self.title


class Zone(models.Model):
    """A place of the plan (a region, province or commune, or a name the plan uses)."""

    mission = models.ForeignKey(
        Mission, verbose_name=_("mission"), on_delete=models.CASCADE, related_name="zones"
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    name = models.CharField(_("name"), max_length=200)
    territory = models.ForeignKey(
        "directory.Territory",
        verbose_name=_("territory"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("zone")
        verbose_name_plural = _("zones")
        ordering = ["mission", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["mission", "name"], name="one_zone_name_per_mission")]

    def __str__(self) -> str:
        return self.name


class Session(models.Model):
    """One day of one module in one zone."""

    mission = models.ForeignKey(
        Mission, verbose_name=_("mission"), on_delete=models.CASCADE, related_name="sessions"
    )
    module = models.ForeignKey(
        Module, verbose_name=_("module"), on_delete=models.CASCADE, related_name="sessions"
    )
    zone = models.ForeignKey(Zone, verbose_name=_("zone"), on_delete=models.CASCADE, related_name="sessions")
    day = models.PositiveSmallIntegerField(_("day of the module"), default=1)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start"), null=True, blank=True)
    end_time = models.TimeField(_("end"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=500, blank=True)
    expected = models.PositiveIntegerField(_("expected participants"), default=0)
    # {category name: expected count}, when the plan gives them.
    expected_by_category = models.JSONField(_("expected by category"), default=dict, blank=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["mission", "date", "start_time", "id"]
        indexes = [models.Index(fields=["mission", "date"])]

    def __str__(self) -> str:
        return f"{self.module} · {self.zone} · {self.date}"

    @property
    def spans_day(self) -> bool:
        """Whether attendance is taken per half-day (morning and afternoon) —
        ``session_spans_day`` on the session's times."""
        return session_spans_day(self.start_time, self.end_time)


# A session is ticked per half-day when it runs through the lunch hour or lasts
# longer than a half-day; without times it is a day of a module, as planned.
LUNCH_START, LUNCH_END = dt.time(12, 0), dt.time(13, 0)
HALF_DAY = dt.timedelta(hours=4)


def session_spans_day(start: dt.time | None, end: dt.time | None) -> bool:
    if start is None or end is None:
        return True
    length = dt.datetime.combine(dt.date.min, end) - dt.datetime.combine(dt.date.min, start)
    return length > HALF_DAY or (start < LUNCH_START and end > LUNCH_END)


class Participant(models.Model):
    mission = models.ForeignKey(
        Mission, verbose_name=_("mission"), on_delete=models.CASCADE, related_name="participants"
    )
    zone = models.ForeignKey(
        Zone, verbose_name=_("zone"), on_delete=models.PROTECT, related_name="participants"
    )
    # Short code printed on the sheets and typed on imports ("P0042").
    code = models.CharField(_("code"), max_length=20)
    name_latin = models.CharField(_("name (Latin script)"), max_length=255, blank=True)
    name_arabic = models.CharField(_("name (Arabic script)"), max_length=255, blank=True)
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, blank=True)
    category = models.ForeignKey(
        ParticipantCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organization_name = models.CharField(_("organisation"), max_length=255, blank=True)
    commune = models.CharField(_("commune"), max_length=200, blank=True)
    phone = models.CharField(_("telephone"), max_length=20, blank=True)  # E.164
    email = models.EmailField(_("e-mail"), blank=True)
    disability = models.BooleanField(_("with a disability"), default=False)
    consent = models.BooleanField(_("consents to the use of their data"), default=False)
    # Names folded for duplicate detection (case, accents, word order): see nidaa.sheets.names.
    name_key = models.CharField(max_length=255, blank=True, db_index=True, editable=False)
    name_ar_key = models.CharField(max_length=255, blank=True, editable=False)
    walk_in = models.BooleanField(_("walk-in"), default=False)
    erased = models.BooleanField(_("erased"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["mission", "zone", "name_key", "id"]
        constraints = [
            models.UniqueConstraint(fields=["mission", "code"], name="one_participant_code_per_mission")
        ]
        indexes = [models.Index(fields=["mission", "phone"])]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.erased:
            return str(_("(erased)"))
        if self.name_latin and self.name_arabic:
            return f"{self.name_latin} · {self.name_arabic}"
        return self.name_latin or self.name_arabic or self.code


class Attendance(models.Model):
    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="attendances"
    )
    participant = models.ForeignKey(
        Participant, verbose_name=_("participant"), on_delete=models.CASCADE, related_name="attendances"
    )
    present = models.BooleanField(_("present"), default=False)
    # Half-days of the session attended (the sheet has a signature column per half-day).
    morning = models.BooleanField(_("morning"), default=False)
    afternoon = models.BooleanField(_("afternoon"), default=False)
    walk_in = models.BooleanField(_("walk-in"), default=False)
    # The participant's sex and category, copied when attendance is recorded:
    # planned-vs-present by sex and category is then one indexed scan of this
    # table (160,000 rows for 400 sessions) instead of a join per row.
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, blank=True)
    category = models.ForeignKey(
        ParticipantCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "participant"], name="one_attendance_per_session_participant"
            )
        ]
        indexes = [
            # Planned vs present (and per half-day) read from the index alone.
            models.Index(
                fields=["session", "present", "sex", "category", "morning", "afternoon"],
                name="missions_attendance_halves",
            )
        ]

    def __str__(self) -> str:
        return f"{self.session_id}/{self.participant_id}: {self.present}"


class AttendanceScan(models.Model):
    """The signed paper sheet of a session, scanned: the evidence of attendance."""

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="scans"
    )
    original_name = models.CharField(_("original file name"), max_length=255)
    file = models.FileField(_("file"), upload_to=scan_upload_to, max_length=255)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    content_type = models.CharField(_("content type"), max_length=20)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attendance scan")
        verbose_name_plural = _("attendance scans")
        ordering = ["session", "-uploaded_at"]

    def __str__(self) -> str:
        return self.original_name
