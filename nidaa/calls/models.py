"""A call for consultants, trainers, experts or staff, as read from its ToR
and corrected by its issuer, and the revisions that keep its history."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import PurePath
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Coalesce
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nidaa.directory.models import Territory

DEFAULT_TIMEZONE = "Africa/Casablanca"


def call_zone(name: str) -> ZoneInfo:
    """The time zone a call's ``timezone`` names, Africa/Casablanca when it
    names none this machine knows."""
    try:
        return ZoneInfo(name or DEFAULT_TIMEZONE)
    except (ValueError, OSError):
        return ZoneInfo(DEFAULT_TIMEZONE)


class CallType(models.TextChoices):
    CONSULTANT = "consultant", _("Consultant")
    TRAINER = "trainer", _("Trainer")
    EXPERT = "expert", _("Expert")
    STAFF = "staff", _("Staff")
    FIRM = "firm", _("Firm")
    OTHER = "other", _("Other")


class CallStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")
    AWARDED = "awarded", _("Awarded")
    CANCELLED = "cancelled", _("Cancelled")


# Statuses anyone may see; drafts and cancelled calls stay with their organisation.
PUBLIC_STATUSES = (CallStatus.PUBLISHED, CallStatus.CLOSED, CallStatus.AWARDED)
# A call's own page is also public once it was published and then cancelled, so
# that applicants who had the link read why (the catalogue no longer lists it).
PAGE_VISIBLE = Q(status__in=PUBLIC_STATUSES) | Q(status=CallStatus.CANCELLED, published_at__isnull=False)
# Stand-ins for a missing deadline in the catalogue's sort key: a published call
# without a deadline stays open and comes after every dated open call; a closed
# one comes after every dated closed call.
NO_DEADLINE_OPEN = datetime(9999, 12, 31, tzinfo=UTC)
NO_DEADLINE_CLOSED = datetime(1, 1, 2, tzinfo=UTC)
# Statuses in which the issuer may still correct the call.
EDITABLE_STATUSES = (CallStatus.DRAFT, CallStatus.PUBLISHED)


class RequiredDocument(models.TextChoices):
    """The extraction contract's vocabulary of application pieces
    (anything else is stored as ``other:<words>``)."""

    CV = "cv", _("CV")
    COVER_LETTER = "cover_letter", _("Cover letter")
    METHODOLOGY_NOTE = "methodology_note", _("Methodology note")
    TECHNICAL_OFFER = "technical_offer", _("Technical offer")
    FINANCIAL_OFFER = "financial_offer", _("Financial offer")
    TIMELINE = "timeline", _("Timeline")
    TOR_UNDERSTANDING_NOTE = "tor_understanding_note", _("Note on the understanding of the ToR")
    REFERENCES = "references", _("References")
    DIPLOMAS = "diplomas", _("Diplomas")
    LEGAL_DOCUMENTS = "legal_documents", _("Legal documents")
    PORTFOLIO = "portfolio", _("Portfolio")


class DocumentLanguage(models.TextChoices):
    FR = "fr", _("French")
    AR = "ar", _("Arabic")
    EN = "en", _("English")
    MIXED = "mixed", _("Mixed")


def tor_upload_to(instance: Call, filename: str) -> str:
    """Content-addressed path: the uploaded name never reaches the storage."""
    return tor_storage_name(instance.sha256, filename)


def tor_storage_name(sha256: str, filename: str) -> str:
    ext = PurePath(filename).suffix.lower().lstrip(".")
    if not re.fullmatch(r"[a-z0-9]{1,10}", ext):
        ext = "bin"
    return f"tor/{sha256[:2]}/{sha256}.{ext}"


# The columns only the reader, the review page and the catalogue's search read:
# the ToR text, its extraction and the search documents can weigh more than
# everything else in a call put together. Lists, feeds, receipts and filing
# leave them out (``CallQuerySet.without_document``, ``document_fields``).
DOCUMENT_FIELDS = ("text", "extraction", "search_document", "funders_document")


def document_fields(through: str = "") -> tuple[str, ...]:
    """``DOCUMENT_FIELDS`` as seen through a relation (``"application__call__"``),
    for a queryset of another model that selects its call."""
    return tuple(f"{through}{name}" for name in DOCUMENT_FIELDS)


class CallQuerySet(models.QuerySet["Call"]):
    def without_document(self) -> CallQuerySet:
        """These calls without ``DOCUMENT_FIELDS`` (read on first use)."""
        return self.defer(*DOCUMENT_FIELDS)


class Call(models.Model):
    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="calls",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    status = models.CharField(
        _("status"), max_length=20, choices=CallStatus.choices, default=CallStatus.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # Why a call was cancelled, shown on its page (which stays public once published).
    cancellation_reason = models.TextField(_("reason for cancelling"), blank=True, default="")
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    # Applications stay closed to the issuer until the deadline, as in sealed tenders.
    sealed = models.BooleanField(
        _("sealed until the deadline"),
        default=True,
        help_text=_("Before the deadline the issuer sees how many applications arrived, not their content."),
    )
    # The latest deadline the call had while it held applications: the seal holds
    # until then even if the deadline is later removed or the call closed, so no
    # edit (review form, admin, shell) opens applications early (access.is_sealed).
    sealed_until = models.DateTimeField(_("sealed until"), null=True, blank=True, editable=False)
    acknowledge_emails = models.BooleanField(
        _("acknowledge e-mailed applications"),
        default=False,
        help_text=_("Send each sender a receipt when an e-mailed application is filed."),
    )

    # The extraction contract (schemas/tor-extraction.md), one column per field.
    title = models.CharField(_("title"), max_length=500)
    call_type = models.CharField(_("type"), max_length=20, choices=CallType.choices, default=CallType.OTHER)
    issuer = models.CharField(_("issuer"), max_length=300, blank=True)
    project = models.CharField(_("project"), max_length=500, blank=True)
    partners_funders = models.JSONField(_("partners and funders"), default=list, blank=True)
    reference = models.CharField(_("reference"), max_length=200, blank=True)
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True, db_index=True)
    # False when the ToR gives only a date: the deadline is then 23:59 that day.
    deadline_has_time = models.BooleanField(_("deadline states a time"), default=False)
    deadline_text = models.CharField(_("deadline as written"), max_length=500, blank=True)
    timezone = models.CharField(_("time zone"), max_length=64, default=DEFAULT_TIMEZONE)
    submission_emails = models.JSONField(_("submission e-mails"), default=list, blank=True)
    contact_emails = models.JSONField(_("contact e-mails"), default=list, blank=True)
    email_subject = models.CharField(_("required e-mail subject"), max_length=500, blank=True)
    required_documents = models.JSONField(_("required documents"), default=list, blank=True)
    deliverables = models.JSONField(_("deliverables"), default=list, blank=True)
    locations = models.JSONField(_("locations"), default=list, blank=True)
    territories = models.ManyToManyField(
        "directory.Territory", verbose_name=_("territories"), blank=True, related_name="calls"
    )
    duration_days = models.DecimalField(
        _("duration (days)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    languages = models.JSONField(_("working languages"), default=list, blank=True)
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    document_language = models.CharField(
        _("document language"), max_length=10, choices=DocumentLanguage.choices, blank=True
    )
    objectives = models.JSONField(_("objectives"), default=list, blank=True)
    tasks = models.JSONField(_("tasks"), default=list, blank=True)
    profile = models.JSONField(_("profile"), default=list, blank=True)

    # The source document.
    file = models.FileField(_("original document"), upload_to=tor_upload_to, max_length=255, blank=True)
    original_filename = models.CharField(_("original file name"), max_length=255, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    text = models.TextField(_("normalised text"), blank=True)
    extraction = models.JSONField(_("extraction"), default=dict, blank=True)

    # The catalogue (nidaa/calls/search.py, docs/catalogue.md). Folded text of the
    # searchable fields, written by ``refresh_search_document``; SQLite indexes it
    # in an FTS5 table, PostgreSQL in a stored tsvector column (both made by
    # migration 0002, outside the model because they exist on one database only).
    search_document = models.TextField(_("search document"), blank=True, default="")
    funders_document = models.TextField(_("funders, folded"), blank=True, default="")
    # The deadline with stand-ins for a missing one, so that both halves of the
    # catalogue (open calls, then closed ones) are plain ranges of an index.
    sort_deadline = models.GeneratedField(
        expression=Coalesce(
            F("deadline"),
            Case(
                When(status=CallStatus.PUBLISHED, then=Value(NO_DEADLINE_OPEN)),
                default=Value(NO_DEADLINE_CLOSED),
            ),
        ),
        output_field=models.DateTimeField(),
        db_persist=True,
    )
    # ``sort_deadline`` of a published call, null for every other status: "open"
    # is then one test on one column (``open_until > now``), so the planner's
    # statistics see that ~5% of calls are open. Written as two (status =
    # published, sort_deadline > now), it multiplied their selectivities, thought
    # 250 calls open instead of 5,000, and read a medium-frequency word's every
    # open match through a bitmap instead of walking the order index for a page.
    # (A generated column cannot name another one, hence the repeated Coalesce.)
    open_until = models.GeneratedField(
        expression=Case(
            When(
                status=CallStatus.PUBLISHED,
                then=Coalesce(F("deadline"), Value(NO_DEADLINE_OPEN)),
            ),
            default=None,
        ),
        output_field=models.DateTimeField(),
        db_persist=True,
    )
    # " CODE CODE … ": the codes of the linked territories and of the places that
    # contain them (province, region), so a region or province filter is a test
    # on the row itself instead of a subquery over the M2M table. Kept by
    # ``refresh_territory_codes`` (every change of ``territories``, see below).
    territory_codes = models.TextField(_("territory codes"), blank=True, default="", editable=False)

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "deadline"]),
            # The catalogue's two halves: open calls by nearest deadline, and every
            # public call by latest deadline (the closed half skips the open ones).
            models.Index(
                F("open_until"),
                F("id").desc(),
                name="calls_open_until_order",
                condition=Q(open_until__isnull=False),
            ),
            # The same with the type as a key column: a type filter on the open
            # half is tested in the index rather than on ~5,000 scattered rows.
            models.Index(
                F("open_until"),
                F("id").desc(),
                F("call_type"),
                name="calls_open_until_type_order",
                condition=Q(open_until__isnull=False),
            ),
            models.Index(
                F("sort_deadline").desc(),
                F("id").desc(),
                "status",
                name="calls_public_order",
                condition=Q(status__in=["published", "closed", "awarded"]),
            ),
            # max(updated_at) tells whether the cached catalogue counts are still true.
            models.Index(fields=["updated_at"], name="calls_updated_at"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    @property
    def is_taking_applications(self) -> bool:
        """Published and its deadline (if any) still ahead."""
        return self.is_open_at(timezone.now())

    @property
    def state_label(self) -> str:
        """The status as readers say it: a published call is "Open" until its
        deadline, then "Closed" (as the catalogue says), never "Published"."""
        if self.status == CallStatus.PUBLISHED:
            return str(_("Open") if self.is_taking_applications else _("Closed"))
        return str(self.get_status_display())

    @property
    def state_class(self) -> str:
        """The badge's class: ``published`` (open) or ``closed`` for a published call."""
        if self.status == CallStatus.PUBLISHED and not self.is_taking_applications:
            return CallStatus.CLOSED
        return str(self.status)

    @property
    def was_withdrawn(self) -> bool:
        """Cancelled after being published: its page stays public, with the reason."""
        return self.status == CallStatus.CANCELLED and self.published_at is not None

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    def is_open_at(self, now: datetime) -> bool:
        """Open: published and its deadline (if any) still ahead of ``now``; a
        deadline equal to ``now`` has passed. ``calls.selectors.open_q`` is the
        same rule in SQL (``open_until > now``); a test holds them together at
        the boundary so a page never says open what the catalogue says closed."""
        return self.status == CallStatus.PUBLISHED and not self.deadline_passed_at(now)

    def deadline_passed_at(self, moment: datetime) -> bool:
        """Whether the deadline (if any) has passed at ``moment``: from the
        deadline itself on, as ``is_open_at`` says. What arrives then is late."""
        return self.deadline is not None and self.deadline <= moment

    @property
    def seal_deadline(self) -> datetime | None:
        """When the seal on its applications lifts: the later of the deadline
        and the latest deadline the call had while it held applications
        (``sealed_until``), so that removing or moving the deadline, by any
        path, never opens them earlier."""
        dates = [d for d in (self.deadline, self.sealed_until) if d is not None]
        return max(dates) if dates else None


def territory_codes_for(call_id: int) -> str:
    """The space-delimited codes of the call's territories and their ancestors."""
    codes: set[str] = set()
    for territory in Territory.objects.filter(calls=call_id).select_related("parent__parent"):
        place: Any = territory
        while place is not None and len(codes) < 1000:
            codes.add(place.code)
            place = place.parent
    return f" {' '.join(sorted(codes))} " if codes else ""


def refresh_territory_codes(call_ids: Iterable[int]) -> None:
    for call_id in call_ids:
        Call.objects.filter(pk=call_id).update(territory_codes=territory_codes_for(call_id))


@receiver(m2m_changed, sender=Call.territories.through, dispatch_uid="calls_territory_codes")
def _territories_changed(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: set[int] | None, **kwargs: Any
) -> None:
    """Whoever links calls and territories (services, admin, tests, loaders),
    the calls' ``territory_codes`` follow."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        refresh_territory_codes([instance.pk])
    elif action == "post_clear":
        # The territory's former calls are unknown here: rebuild those still naming it.
        code = f" {instance.code} "
        refresh_territory_codes(
            Call.objects.filter(territory_codes__contains=code).values_list("pk", flat=True)
        )
    else:
        refresh_territory_codes(pk_set or ())


class CallRevision(models.Model):
    """The call's fields as they were after one edit, and which ones changed."""

    call = models.ForeignKey(Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("number"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    status = models.CharField(_("status when edited"), max_length=20, choices=CallStatus.choices)
    snapshot = models.JSONField(_("snapshot"), default=dict)
    changed_fields = models.JSONField(_("changed fields"), default=list)

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["call", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["call", "number"], name="one_revision_number_per_call")
        ]

    def __str__(self) -> str:
        return f"{self.call_id} r{self.number}"

    def changed_labels(self) -> list[Any]:
        """The changed fields' verbose names, for display."""
        labels = []
        for name in self.changed_fields:
            try:
                labels.append(getattr(Call._meta.get_field(name), "verbose_name", name))
            except FieldDoesNotExist:  # a field since removed
                labels.append(name)
        return labels
