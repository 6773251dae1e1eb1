"""Strict parsing of query-parameter values; every failure is a 400 naming the parameter."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from rest_framework.request import Request

from .errors import InvalidParameter

_DIGITS = re.compile(r"^[0-9]{1,19}$")  # ASCII digits only; 19 digits stay inside 64 bits
SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,120}$")
MAX_LIST_ITEMS = 20


def single_value(request: Request, name: str) -> str | None:
    """The parameter's one value, or None if absent; repeated or empty values are errors."""
    values = request.query_params.getlist(name)
    if not values:
        return None
    if len(values) > 1:
        raise InvalidParameter(name, "give this parameter once (separate several values with commas).")
    value = values[0]
    if not value.strip():
        raise InvalidParameter(name, "must not be empty.")
    if "\x00" in value:
        raise InvalidParameter(name, "must not contain NUL characters.")
    return value


def parse_int(name: str, raw: str, *, minimum: int, maximum: int) -> int:
    if not _DIGITS.match(raw):
        raise InvalidParameter(name, f"must be a whole number from {minimum} to {maximum}.")
    value = int(raw)
    if not minimum <= value <= maximum:
        raise InvalidParameter(
            name, f"must be a whole number from {minimum} to {maximum}.", minimum=minimum, maximum=maximum
        )
    return value


def parse_timestamp(name: str, raw: str) -> datetime:
    """ISO 8601 date or date-time; without an offset it is taken as UTC."""
    # An unencoded "+02:00" arrives as " 02:00": accept it rather than blame the caller's client.
    raw = re.sub(r" (\d{2}:?\d{2})$", r"+\1", raw)
    try:
        value = parse_datetime(raw)
        if value is None:
            day = parse_date(raw)
            value = datetime.combine(day, time.min) if day else None
    except (ValueError, OverflowError):
        value = None
    if value is None:
        raise InvalidParameter(
            name, "must be an ISO 8601 date or date-time, e.g. 2026-01-31 or 2026-01-31T12:00:00Z."
        )
    if timezone.is_naive(value):
        value = timezone.make_aware(value, UTC)
    try:
        # In UTC: PostgreSQL refuses offsets beyond ±15:59 that Python accepts (up to ±23:59).
        return value.astimezone(UTC)
    except OverflowError:
        raise InvalidParameter(name, "is outside the supported range of dates.") from None


def parse_slugs(name: str, raw: str) -> list[str]:
    slugs = list(dict.fromkeys(part.strip() for part in raw.split(",") if part.strip()))
    if not slugs:
        raise InvalidParameter(name, "give one or more slugs separated by commas.")
    if len(slugs) > MAX_LIST_ITEMS:
        raise InvalidParameter(name, f"give at most {MAX_LIST_ITEMS} slugs.")
    bad = [slug for slug in slugs if not SLUG.match(slug)]
    if bad:
        raise InvalidParameter(name, "slugs contain only letters, digits, '-' and '_'.", invalid=bad)
    return slugs


def parse_choice(name: str, raw: str, choices: list[str]) -> str:
    if raw not in choices:
        raise InvalidParameter(name, f"must be one of: {', '.join(choices)}.", allowed=choices)
    return raw
