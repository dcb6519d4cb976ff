"""Saving a catalogue search."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from nidaa.alerts.models import AlertFrequency
from nidaa.common.forms import WithoutBidiControls


class SaveSearchForm(WithoutBidiControls, forms.Form):
    query = forms.CharField(required=False, max_length=2000)
    name = forms.CharField(label=_("Name"), required=False, max_length=200)
    frequency = forms.ChoiceField(label=_("Alerts"), required=False, choices=AlertFrequency.choices)
    # Absent means yes: the catalogue's "save" button sends only the query and a name.
    remind_deadlines = forms.ChoiceField(
        label=_("Deadline reminders"), required=False, choices=[("1", _("Yes")), ("0", _("No"))]
    )

    def clean_remind_deadlines(self) -> bool:
        return self.cleaned_data.get("remind_deadlines") != "0"
