"""Django's Jinja2 template backend (``settings.TEMPLATES``), for the few
fragments every catalogue miss renders: compiled to Python, a template costs a
fraction of Django's node-by-node rendering. The pages around them stay Django
templates; a fragment is printed there as ``{{ fragment }}`` (``render_fragment``,
or a form whose renderer is ``FragmentRenderer``).

The fragments print what the Django templates printed, byte for byte:

- ``{{ value }}`` is escaped as Django escapes (``html.escape``: ``'`` as
  ``&#x27;``, ``"`` as ``&quot;``; markupsafe would write ``&#39;`` and
  ``&#34;``), through the environment's ``finalize``;
- a value in a ``{% trans %}`` sentence goes through ``|escaped`` (the same
  escaping; markupsafe's would apply otherwise);
- ``_("...")`` is Django's gettext (old-style, so its text is escaped as
  ``{% translate %}`` escapes it) and ``{% trans %}`` blocks are
  ``{% blocktranslate %}`` (their message ids are the same: ``%(name)s``);
- a template keeps its file's last newline, as Django's do.
"""

from __future__ import annotations

import html
from typing import Any, cast

from django.forms.renderers import BaseRenderer
from django.template import engines
from django.template.backends.jinja2 import Template
from django.template.defaultfilters import floatformat, linebreaksbr
from django.urls import reverse
from django.utils import translation
from jinja2 import Environment, StrictUndefined
from markupsafe import Markup

from nidaa.common.languages import language_links
from nidaa.common.lists import joined
from nidaa.common.templatetags.zones import zone_label


def django_escaped(value: Any) -> Any:
    """What ``{{ value }}`` prints, as Django's ``conditional_escape`` would:
    markup (anything with ``__html__``) as it is, anything else as text escaped
    as ``django.utils.html.escape`` does (``html.escape``). The environment's
    ``finalize``: what it returns is then escaped by markupsafe, which leaves
    markup alone and writes ``&``, ``<``, ``>`` as Django does."""
    if hasattr(value, "__html__"):
        return value
    text = str(value)
    if "'" in text or '"' in text:
        # Text escaped by html.escape, so markup.
        return Markup(html.escape(text))  # noqa: S704
    # Without quotes, the escaping that follows (markupsafe's, in C) writes &, <
    # and > as Django does: most values of a page cost no Python call here.
    return text


def url(name: str, *args: Any) -> str:
    """``{% url name arg ... %}`` as a function: ``url("organization", slug)``."""
    return reverse(name, args=args)


def environment(**options: Any) -> Environment:
    """The Jinja2 environment of ``settings.TEMPLATES``' Jinja2 backend."""
    # A name a fragment does not get is a mistake to see, not an empty string.
    options["undefined"] = StrictUndefined
    options.pop("autoescape", None)  # always on, as the backend's default
    env = Environment(
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        finalize=django_escaped,
        keep_trailing_newline=True,
        **options,
    )
    env.install_gettext_translations(translation, newstyle=False)  # type: ignore[attr-defined]
    # What the fragments use of Django's tags and filters, as functions.
    env.globals.update({"url": url, "language_links": language_links})
    env.filters.update(
        {
            # For a value put in a {% trans %} sentence, which markupsafe would escape its own way.
            "escaped": django_escaped,
            "floatformat": floatformat,
            # Names in the reader's language, as it writes a list ("a، b" in Arabic).
            "joined": joined,
            "linebreaksbr": linebreaksbr,
            "zone_label": zone_label,  # the Django templates' filter
        }
    )
    return env


def render_fragment(template_name: str, context: dict[str, Any]) -> Markup:
    """A Jinja2 template rendered with ``context`` (autoescaped as it renders),
    as markup that a Django template prints as it is: Django's own form
    renderers hand a widget's template output back the same way."""
    # An autoescaping template's output, so markup.
    return Markup(engines["jinja2"].get_template(template_name).render(context))  # noqa: S704


class FragmentRenderer(BaseRenderer):
    """A form renderer (``Form.default_renderer``) whose form and widget
    templates are the project's Jinja2 templates (``settings.TEMPLATES``), so
    they print as ``render_fragment``'s do. Django's own ``Jinja2`` renderer
    has an environment of its own, with markupsafe's escaping."""

    def get_template(self, template_name: str) -> Template:
        return cast(Template, engines["jinja2"].get_template(template_name))
