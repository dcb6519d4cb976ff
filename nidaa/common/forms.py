"""Form behaviour every app shares (nothing of ours above common)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import QueryDict

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
