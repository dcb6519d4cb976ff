"""What the title tests read of the reader: its answer, its candidates, the rules' own choice."""

from nidaa.tor.extract import extract_fields
from nidaa.tor.fields.common import Doc
from nidaa.tor.fields.title import title_candidates
from nidaa.tor.sections import segment
from nidaa.tor.text import Views


def title_of(text: str) -> str | None:
    return extract_fields(text)["title"]


def candidates(text: str) -> list[str]:
    """Every candidate's text, in the reader's order."""
    views = Views.of(text)
    return [c.text for c in title_candidates(Doc(views, segment(views), None))]


def rules_choice(text: str) -> str | None:
    """The candidate the rules chose before the ranker scored them."""
    views = Views.of(text)
    found = title_candidates(Doc(views, segment(views), None))
    return next((c.text for c in found if c.features.get("rules_choice")), None)
