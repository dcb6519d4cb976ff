from __future__ import annotations

from typing import Any

from django import forms

from nidaa.calls.models import RequiredDocument


class ApplicationForm(forms.Form):
    """One upload slot per required piece. Slots are optional here: the
    service checks completeness and names every missing piece at once."""

    def __init__(self, *args: Any, pieces: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(RequiredDocument.choices)
        for piece in pieces:
            self.fields[piece] = forms.FileField(label=labels[piece], required=False)
