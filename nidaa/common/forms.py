from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from nidaa.accounts.models import Organization


class OrganizationFileForm(forms.Form):
    """An upload into one of the user's organisations (the view passes the
    organisations the user may act for; anything else is an invalid choice)."""

    organization = forms.ModelChoiceField(queryset=Organization.objects.none(), label=_("Organisation"))

    def __init__(self, *args: Any, organizations: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organizations
        field.empty_label = None
