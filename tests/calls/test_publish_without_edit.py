"""Issue 12: publishing a call without editing it records no revision."""

import html as html_module
import re

from nidaa.calls.models import CallRevision, CallStatus
from nidaa.calls.services import import_tor
from tests.calls.conftest import TOR_TEXT


def form_values(html: str) -> dict:
    """What the browser would post back: the review form's values as rendered."""
    form = html[html.index('class="stack review-form"') :]
    form = form[: form.index("</form>")]
    values: dict = {}
    for name, value in re.findall(
        r'<input type="(?:text|email|number|datetime-local|hidden)" name="([^"]+)" value="([^"]*)"', form
    ):
        values[name] = value
    for tag in re.findall(r"<input[^>]*checked[^>]*>", form):
        name = re.search(r'name="([^"]+)"', tag).group(1)
        value = re.search(r'value="([^"]*)"', tag)
        values.setdefault(name, []).append(value.group(1) if value else "on")
    for name, body in re.findall(r'<textarea name="([^"]+)"[^>]*>\n?(.*?)</textarea>', form, re.S):
        values[name] = body
    for name, options in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', options)
        values[name] = chosen.group(1) if chosen else ""
    return {
        name: [html_module.unescape(v) for v in value]
        if isinstance(value, list)
        else html_module.unescape(value)
        for name, value in values.items()
    }


def test_publishing_an_unedited_call_records_no_revision(member_client, member, org, fake_extractor):
    call = import_tor(organization=org, data=TOR_TEXT.encode(), filename="tdr.txt", actor=member)
    html = member_client.get(f"/fr/calls/{call.pk}/review/").content.decode()
    values = form_values(html)
    response = member_client.post(
        f"/fr/calls/{call.pk}/review/", {**values, "publish": "", "confirm_publish": "yes"}
    )
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.status == CallStatus.PUBLISHED
    assert list(CallRevision.objects.filter(call=call).values_list("changed_fields", flat=True)) == []
