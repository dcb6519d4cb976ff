"""Forms for applicants (their profile) and for organisations' staff (an upload
into one of their organisations)."""

from __future__ import annotations

import re
from typing import IO, Any

from allauth.account.adapter import get_adapter
from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from nidaa.accounts.models import Organization, Profile, Role
from nidaa.common.filetypes import detect_document_type
from nidaa.common.forms import WithoutBidiControls
from nidaa.directory.models import Territory, TerritoryKind

CV_MAX_BYTES = 5 * 1024 * 1024

# ISO 639 codes, the same the ToR reader gives a call's working languages.
LANGUAGE_CHOICES = [
    ("ar", _("Arabic")),
    ("zgh", _("Amazigh (Tamazight)")),
    ("fr", _("French")),
    ("en", _("English")),
    ("es", _("Spanish")),
    ("de", _("German")),
    ("it", _("Italian")),
    ("pt", _("Portuguese")),
]


CV_TYPES = ("pdf", "docx", "odt")


def detect_cv_type(stream: IO[bytes]) -> str | None:
    """ "pdf", "docx" or "odt" from the file's content (never its name), else None."""
    kind = detect_document_type(stream)
    return kind if kind in CV_TYPES else None


class ProfileForm(WithoutBidiControls, forms.ModelForm):
    # The account's name (User), edited with the profile: what receipts and
    # the issuer's lists show instead of the username.
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    skills = forms.CharField(
        label=_("Skills"),
        required=False,
        max_length=1000,
        help_text=_("Separated by commas, e.g. facilitation, advocacy, gender budgeting."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"), required=False, choices=LANGUAGE_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    regions = forms.ModelMultipleChoiceField(
        label=_("Regions"),
        required=False,
        queryset=Territory.objects.filter(kind=TerritoryKind.REGION).order_by("name_fr"),
        widget=forms.CheckboxSelectMultiple,
    )
    cv = forms.FileField(
        label=_("CV"),
        required=False,
        help_text=_("PDF, Word (.docx) or OpenDocument (.odt), 5 MB at most."),
    )

    class Meta:
        model = Profile
        fields = ["skills", "languages", "regions", "bio", "is_public"]
        labels = {"is_public": _("Show my profile in the public directory")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["skills"] = ", ".join(self.instance.skills)
            self.initial["first_name"] = self.instance.user.first_name
            self.initial["last_name"] = self.instance.user.last_name

    def clean_first_name(self) -> str:
        return " ".join(self.cleaned_data["first_name"].split())

    def clean_last_name(self) -> str:
        return " ".join(self.cleaned_data["last_name"].split())

    def clean_skills(self) -> list[str]:
        seen: dict[str, None] = {}
        # Arabic keyboards type "،" (and some people ";") between items.
        for raw in re.split(r"[,،;]", self.cleaned_data["skills"]):
            skill = " ".join(raw.split())[:100]
            if skill and skill.casefold() not in {s.casefold() for s in seen}:
                seen[skill] = None
        return list(seen)[:30]

    def clean_cv(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("cv")
        if not upload:
            return None
        if upload.size is not None and upload.size > CV_MAX_BYTES:
            raise forms.ValidationError(_("The CV is too large: 5 MB at most."), code="too_large")
        kind = detect_cv_type(upload)
        if kind is None:
            raise forms.ValidationError(
                _("The CV must be a PDF, Word (.docx) or OpenDocument (.odt) document."),
                code="unsupported_type",
            )
        upload.cv_kind = kind  # type: ignore[attr-defined]
        return upload


class OrganizationFileForm(forms.Form):
    """An upload into one of the user's organisations (the view passes the
    organisations the user may act for; anything else is an invalid choice)."""

    organization = forms.ModelChoiceField(queryset=Organization.objects.none(), label=_("Organisation"))

    def max_bytes(self) -> int:
        """The largest file this form takes: by default what the upload
        handler keeps (``NIDAA_MAX_UPLOAD_BYTES``)."""
        return int(getattr(settings, "NIDAA_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))

    def clean_file(self) -> Any:
        # Past the upload handler's limit the file arrives empty (its size is
        # what was seen): said here, before anything tries to read it as a
        # ToR or as mail and calls it unreadable.
        upload = self.cleaned_data["file"]
        limit = self.max_bytes()
        if getattr(upload, "oversized", False) or upload.size > limit:
            raise ValidationError(
                _("The file is too large (%(size)s); the limit is %(limit)s."),
                params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
                code="too_large",
            )
        return upload

    def __init__(self, *args: Any, organizations: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organizations
        field.empty_label = None


class AdminLoginForm(AdminAuthenticationForm):
    """The Django admin's sign-in, counted by the same limits as the site's
    (allauth's ``login_failed``: per address, and per account and address):
    otherwise /admin/login/ would let anyone guess passwords unthrottled."""

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            # Raises the translated "too many attempts" error past the limit.
            self.user_cache = get_adapter(self.request).authenticate(
                self.request, username=username, password=password
            )
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class SignupNamesForm(WithoutBidiControls, forms.Form):
    """The name asked at sign-up (allauth's ``ACCOUNT_SIGNUP_FORM_CLASS``):
    what receipts, issuers' lists and exports show, rather than the username."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)

    field_order = ["first_name", "last_name"]

    def signup(self, request: Any, user: Any) -> None:
        # allauth has already set the names from cleaned_data; saved by allauth.
        user.first_name = " ".join(self.cleaned_data["first_name"].split())
        user.last_name = " ".join(self.cleaned_data["last_name"].split())
        user.save(update_fields=["first_name", "last_name"])


class InviteForm(WithoutBidiControls, forms.Form):
    """An organisation admin invites someone by e-mail with a role."""

    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.EDITOR)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
