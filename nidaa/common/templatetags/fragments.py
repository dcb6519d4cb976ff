"""``{% fragment "common/pagination.html" page=page querystring=querystring %}``: a
Jinja2 fragment (``nidaa.common.jinja``) printed in a Django page, so that markup both
kinds of page share has one template."""

from typing import Any

from django import template
from markupsafe import Markup

from nidaa.common.jinja import render_fragment

register = template.Library()


@register.simple_tag
def fragment(template_name: str, **context: Any) -> Markup:
    return render_fragment(template_name, context)
