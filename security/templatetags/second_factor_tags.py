from __future__ import annotations

from django import template

from ..second_factor import second_factor_missing

register = template.Library()


@register.inclusion_tag("security/second_factor_hint.html", takes_context=True)
def second_factor_hint(context, next_url: str = "") -> dict:
    """A one-line hint with a link to verify (then back to `next_url`, default this page), for
    users who need a second factor to approve."""
    request = context.get("request")
    user = getattr(request, "user", None)
    show = user is not None and second_factor_missing(user)
    return {"show": show, "next": next_url or (request.get_full_path() if show else "")}
