"""Create or update plain rows (snippets, settings) from demo content.

By default an existing row is kept as it is, so edits made in the admin (a reference a reviewer
has verified, say) survive the next `make run`. With `overwrite=True` (`--reset`) the row is
brought back to the demo content, and saved only if something differs.
"""

from __future__ import annotations

import datetime
from typing import Any, TypeVar

from django.db import models
from django.utils import timezone

from wagtail.models import Site

from articles.models import Condition, GlossaryTerm, Person, Reference, SafetySettings, Topic, Treatment

from .content import safety, taxonomy
from .content.people import PEOPLE
from .content.references import REFERENCES
from .report import LoadReport, Status, status_of
from .streams import canonical_stream, validate_stream
from .users import DemoUsers

M = TypeVar("M", bound=models.Model)


def upsert(
    model: type[M], lookup: dict[str, Any], values: dict[str, Any], *, overwrite: bool
) -> tuple[M, Status]:
    """The row matching `lookup`, created with `values` if missing."""
    row = model._default_manager.filter(**lookup).first()
    created = row is None
    if created:
        row = model(**lookup)
    elif not overwrite:
        return row, "kept"
    changed = False
    for field, value in values.items():
        if getattr(row, field) != value:
            setattr(row, field, value)
            changed = True
    if created or changed:
        row.full_clean()  # model rules apply to demo rows too (DOI format, verification note…)
        row.save()
    return row, status_of(created, changed)


def ensure_references(report: LoadReport, *, overwrite: bool) -> dict[str, Reference]:
    references = {}
    for spec in REFERENCES:
        # References have no slug: title and year identify them.
        reference, status = upsert(
            Reference,
            {"title": spec.title, "year": spec.year},
            {
                "authors": spec.authors,
                "container_title": spec.container_title,
                "citation_details": spec.citation_details,
                "doi": spec.doi,
                "pmid": spec.pmid,
                "study_type": spec.study_type,
                "summary": spec.summary,
                "verified": spec.verified,
                "verification_note": spec.verification_note,
            },
            overwrite=overwrite,
        )
        report.record("References", status)
        references[spec.key] = reference
    return references


def _by_slug(model: type[M], rows: tuple[dict, ...], report: LoadReport, *, overwrite: bool) -> dict[str, M]:
    found = {}
    for row in rows:
        values = {name: value for name, value in row.items() if name != "slug"}
        instance, status = upsert(model, {"slug": row["slug"]}, values, overwrite=overwrite)
        report.record(model._meta.verbose_name_plural.capitalize(), status)
        found[row["slug"]] = instance
    return found


def ensure_taxonomy(report: LoadReport, *, overwrite: bool) -> dict[str, dict[str, models.Model]]:
    """Topics, treatments, conditions and glossary terms, each by slug."""
    return {
        "topics": _by_slug(Topic, taxonomy.TOPICS, report, overwrite=overwrite),
        "treatments": _by_slug(Treatment, taxonomy.TREATMENTS, report, overwrite=overwrite),
        "conditions": _by_slug(Condition, taxonomy.CONDITIONS, report, overwrite=overwrite),
        "glossary": _by_slug(GlossaryTerm, taxonomy.GLOSSARY, report, overwrite=overwrite),
    }


def _licence_expiry(current: datetime.date | None, years: int) -> datetime.date:
    """About `years` ahead; an expiry still a year or more away is kept, so reruns change nothing."""
    today = timezone.localdate()
    if current and current >= today + datetime.timedelta(days=365):
        return current
    return today + datetime.timedelta(days=365 * years)


def ensure_people(report: LoadReport, users: DemoUsers, *, overwrite: bool) -> dict[str, Person]:
    accounts = {user.get_username(): user for user in (users.writer, users.editor, users.reviewer)}
    people = {}
    for row in PEOPLE:
        existing = Person.objects.filter(slug=row["slug"]).first()
        values = {
            name: row.get(name, "")
            for name in ("name", "credentials", "role", "specialty", "bio", "conflict_of_interest")
        }
        values["user"] = accounts[row["username"]]
        values["licence_number"] = row.get("licence_number", "")
        values["licence_expiry"] = (
            _licence_expiry(existing.licence_expiry if existing else None, row["licence_years"])
            if "licence_years" in row
            else None
        )
        person, status = upsert(Person, {"slug": row["slug"]}, values, overwrite=overwrite)
        report.record("People", status)
        people[row["slug"]] = person
    return people


def ensure_safety_settings(site: Site, report: LoadReport, *, overwrite: bool) -> SafetySettings:
    """The site's disclaimer and crisis resources (filled in once unless `overwrite`)."""
    settings = SafetySettings.for_site(site)
    # `for_site` creates an empty row on first use: treat an empty disclaimer as "not loaded yet".
    created = not settings.medical_disclaimer
    if not (created or overwrite):
        report.record("Safety settings", "kept")
        return settings
    field = SafetySettings._meta.get_field("crisis_resources")
    before = (
        settings.medical_disclaimer,
        settings.crisis_heading,
        canonical_stream(field, settings.crisis_resources),
    )
    settings.medical_disclaimer = safety.MEDICAL_DISCLAIMER
    settings.crisis_heading = safety.CRISIS_HEADING
    settings.crisis_resources = safety.CRISIS_RESOURCES
    after = (
        settings.medical_disclaimer,
        settings.crisis_heading,
        canonical_stream(field, settings.crisis_resources),
    )
    changed = before != after
    if created or changed:
        validate_stream(field, settings.crisis_resources)
        settings.save()
    report.record("Safety settings", status_of(created, changed))
    return settings
