from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nidaa.accounts.forms import LANGUAGE_CHOICES
from nidaa.applications.models import ApplicantKind
from nidaa.applications.services import Identity
from nidaa.calls.models import RequiredDocument
from nidaa.common.forms import WithoutBidiControls
from nidaa.directory.models import Territory, TerritoryKind


class ApplicationForm(WithoutBidiControls, forms.Form):
    """Who applies, then one upload slot per required piece. Slots are
    optional here: a draft may lack pieces, a submission keeps the draft's or
    the previous version's file for a slot left empty, and the service
    names every missing piece at once."""

    applicant_kind = forms.ChoiceField(
        label=_("Applying as"), choices=ApplicantKind.choices, widget=forms.RadioSelect
    )
    applicant_name = forms.CharField(label=_("Full name"), max_length=255)
    firm_name = forms.CharField(
        label=_("Firm or organisation"),
        max_length=255,
        required=False,
        help_text=_("Required when you apply as a firm or organisation."),
    )
    phone = forms.CharField(label=_("Telephone"), max_length=40, required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=LANGUAGE_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Territory.objects.filter(kind=TerritoryKind.REGION).order_by("code"),
        required=False,
    )

    def __init__(self, *args: Any, pieces: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(RequiredDocument.choices)
        self.pieces = pieces
        for piece in pieces:
            self.fields[piece] = forms.FileField(label=labels[piece], required=False)

    @staticmethod
    def initial_from(identity: Identity) -> dict[str, Any]:
        return {
            "applicant_kind": identity.kind,
            "applicant_name": identity.name,
            "firm_name": identity.firm_name,
            "phone": identity.phone,
            "languages": identity.languages,
            "region": identity.region_id,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("applicant_kind") == ApplicantKind.FIRM and not data.get("firm_name"):
            self.add_error("firm_name", _("Give the name of the firm or organisation."))
        return data

    def identity(self) -> Identity:
        data = self.cleaned_data
        region = data.get("region")
        return Identity(
            kind=data["applicant_kind"],
            name=data["applicant_name"].strip(),
            phone=(data.get("phone") or "").strip(),
            firm_name=(data.get("firm_name") or "").strip(),
            languages=list(data.get("languages") or []),
            region_id=region.pk if region else None,
        )

    def uploads(self) -> dict[str, Any]:
        return {piece: self.cleaned_data.get(piece) for piece in self.pieces if self.cleaned_data.get(piece)}
