"""Forms of the mailbox settings and triage pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from nidaa.accounts.forms import OrganizationFileForm
from nidaa.accounts.models import Organization
from nidaa.calls.models import Call
from nidaa.common.secrets import unseal_or_empty
from nidaa.inbox.models import Mailbox


class MailboxForm(forms.ModelForm):
    """Connect or edit a mailbox. The stored password is never sent back to
    the browser: on an existing mailbox an empty password keeps it."""

    organization = forms.ModelChoiceField(queryset=Organization.objects.none(), label=_("Organisation"))
    password = forms.CharField(
        label=_("Password"),
        max_length=255,
        strip=False,
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
    )

    class Meta:
        model = Mailbox
        fields = [
            "organization",
            "address",
            "host",
            "port",
            "use_ssl",
            "username",
            "password",
            "folder",
            "is_active",
        ]
        help_texts = {
            "address": _("The address applicants write to; messages sent to it are matched to calls."),
            "host": _("For example imap.example.org (no https://)."),
            "port": _("993 with SSL/TLS, 143 without."),
            "use_ssl": _(
                "Leave on unless the server is on your own network: without it the password travels in clear."
            ),
            "folder": _("The folder read for applications; messages are never deleted or marked as read."),
            "is_active": _("Polled every five minutes while active."),
        }

    def __init__(self, *args: Any, organizations: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Kept aside: validating a ModelForm copies the (empty) field onto the instance.
        self.stored_password = unseal_or_empty(self.instance.password) if self.instance.pk else ""
        field = self.fields["organization"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organizations
        field.empty_label = None
        if self.instance.pk:
            # A mailbox stays with its organisation.
            field.disabled = True
            self.fields["password"].help_text = _("Leave empty to keep the stored password.")
        else:
            self.fields["password"].required = True

    def clean_host(self) -> str:
        host = self.cleaned_data["host"].strip()
        if "://" in host or "/" in host or " " in host or not host:
            raise forms.ValidationError(_("Give the server's name only, for example imap.example.org."))
        return host

    def clean_port(self) -> int:
        port = self.cleaned_data["port"]
        if not 1 <= port <= 65535:
            raise forms.ValidationError(_("A port is a number from 1 to 65535."))
        return int(port)

    def clean_folder(self) -> str:
        return self.cleaned_data["folder"].strip() or "INBOX"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # The stored password goes only where it was meant to: a test or a save
        # that points it at another server, port or user must bring it again.
        if self.instance.pk and not data.get("password"):
            moved = [
                name
                for name in ("host", "port", "username")
                if name in data and data[name] != self.initial[name]
            ]
            if moved:
                self.add_error(
                    "password",
                    _("Type the password again: the server, port or user name changed."),
                )
        return data

    def settings(self) -> dict[str, Any]:
        """The connection settings as entered, the stored password standing in for an empty one."""
        data = self.cleaned_data
        return {
            "host": data["host"],
            "port": data["port"],
            "use_ssl": data["use_ssl"],
            "username": data["username"],
            "password": data.get("password") or self.stored_password,
            "folder": data["folder"],
        }


class AssignForm(forms.Form):
    call = forms.ModelChoiceField(queryset=Call.objects.none(), label=_("Call"))

    def __init__(self, *args: Any, calls: QuerySet[Call], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["call"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = calls
        field.empty_label = _("Choose a call…")


class ImportMessagesForm(OrganizationFileForm):
    """An .eml or .mbox file exported from a mail program, imported into one
    of the user's organisations."""

    file = forms.FileField(
        label=_("Messages (.eml or .mbox)"),
        help_text=_("One message (.eml) or a whole folder exported as .mbox; each message is stored once."),
    )
