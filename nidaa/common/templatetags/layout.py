"""``{% layout_header %}``: base.html's header, navigation and messages, printed
by Jinja2 templates (common/layout_menu.html, common/layout_header.html) rather
than by ~1,500 Python calls of Django's tags on every page.

The menu depends only on the language and on who reads (a visitor, someone
signed in, a member of an organisation): it is kept in the default cache, one
lookup a page where the layout's three ``{% cache %}`` fragments made three.
What depends on the request (the sign-out form's CSRF token, the language
links, the messages) is rendered every time.

The layout also prints pages rendered without a request (500.html: no context
processors), so every name is read with a default: no user is a visitor."""

from __future__ import annotations

from typing import Any

from django import template
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.utils.translation import get_language
from markupsafe import Markup

from nidaa.common.jinja import render_fragment

register = template.Library()

# As long as the {% cache 600 %} fragments that kept the menu before.
MENU_TIMEOUT = 600


def layout_menu(*, signed_in: bool, is_member: bool) -> Markup:
    """The menu in the active language for a visitor, someone signed in, or a
    member, from the default cache or rendered and kept there."""
    reader = "member" if is_member else "signed_in" if signed_in else "visitor"
    key = make_template_fragment_key("nidaa_layout_menu", [get_language(), reader])
    menu = cache.get(key)
    if menu is None:
        menu = str(
            render_fragment("common/layout_menu.html", {"signed_in": signed_in, "is_member": is_member})
        )
        cache.set(key, menu, MENU_TIMEOUT)
    # Rendered by an autoescaping template (here or by an earlier page), so markup.
    return Markup(menu)  # noqa: S704


@register.simple_tag(takes_context=True)
def layout_header(context: template.Context) -> Markup:
    user = context.get("user")
    signed_in = bool(user is not None and user.is_authenticated)
    # accounts' context processor: a callable (as {% if is_member %} called it),
    # asked only for a signed-in reader.
    member = context.get("is_member", False)
    is_member = signed_in and bool(member() if callable(member) else member)
    values: dict[str, Any] = {
        "menu": layout_menu(signed_in=signed_in, is_member=is_member),
        "signed_in": signed_in,
        "csrf_token": context.get("csrf_token", ""),
        "request": context.get("request"),
        "messages": context.get("messages", ()),
    }
    return render_fragment("common/layout_header.html", values)
