from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import QueryDict
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from nidaa.accounts.models import Organization
from nidaa.common.text import clean_value


class WithoutBidiControls(forms.BaseForm):
    """A form whose typed values lose their bidi control characters before
    any field reads them (so "required" and "max_length" judge what is kept),
    as the ToR import and e-mail headers do: see ``nidaa.common.text``.
    Passwords are left as typed."""

    def full_clean(self) -> None:
        if self.is_bound:
            passwords = {
                self.add_prefix(name)
                for name, field in self.fields.items()
                if isinstance(field.widget, forms.PasswordInput)
            }
            self.data = _without_bidi_controls(self.data, keep=passwords)
        super().full_clean()


def _without_bidi_controls(data: Any, *, keep: set[str]) -> Any:
    if isinstance(data, QueryDict):
        cleaned = QueryDict(mutable=True)
        for key, values in data.lists():
            cleaned.setlist(key, values if key in keep else [clean_value(value) for value in values])
        return cleaned
    return {key: value if key in keep else clean_value(value) for key, value in dict(data).items()}


class OrganizationFileForm(forms.Form):
    """An upload (its field is ``file``) into one of the user's organisations
    (the view passes the organisations the user may act for; anything else is
    an invalid choice)."""

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
