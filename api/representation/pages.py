"""Whole-page representations, one function per page type.

Every function takes a page *instance*, saved or not (`revision.as_object()` at approval time), and
reads relations the same way for both; nothing depends on the request or on the current time.
"""

from __future__ import annotations

import math
import re
from datetime import datetime
from typing import Any

from django.db.models import prefetch_related_objects

from wagtail.documents import get_document_model
from wagtail.models import Page

from articles.choices import STUDY_TYPE_EVIDENCE_LEVEL, AgeBand, DownloadFormat, EvidenceLevel, Sex
from articles.models import (
    ArticlePage,
    CaseStoryPage,
    GlossaryTerm,
    GuidePage,
    InterventionRoute,
)
from articles.models.articles import WORDS_PER_MINUTE

from .blocks import ARTICLE_BLOCKS, GUIDE_BLOCKS, collect_stream, represent_stream
from .images import load_images, represent_image
from .jsonld import article_json_ld
from .related import Found, load_related, represent_page_link
from .rich_text import expand_rich_text
from .snippets import (
    represent_condition,
    represent_glossary_term,
    represent_person,
    represent_reference,
    represent_topic,
    represent_treatment,
)
from .urls import absolute_url, frontend_path, frontend_url

# Shown with every case story (FTC/ASA guidance on testimonials; DESIGN.md §5).
INDIVIDUAL_RESULTS_VARY = (
    "This is one person's experience, not a typical result. Individual results vary, and a single "
    "case cannot show that a treatment works. Talk to a qualified clinician about your own care."
)

PAGE_TYPES: dict[type[Page], str] = {
    ArticlePage: "article",
    CaseStoryPage: "case_story",
    GuidePage: "guide",
}


def page_type_name(page: Page) -> str:
    return PAGE_TYPES[type(page)]


def _timestamp(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _choice(choices, value: str) -> dict[str, str] | None:
    if not value:
        return None
    return {"value": value, "label": str(choices(value).label) if value in choices.values else value}


def _common(page: Page) -> dict[str, Any]:
    path = frontend_path(page)
    return {
        "type": page_type_name(page),
        "id": page.pk,
        "slug": page.slug,
        "title": page.title,
        "summary": page.summary,
        "path": path,
        "url": frontend_url(path),
    }


def publication_dates(page: Page) -> dict[str, str | None]:
    """Set by publishing itself, so never part of a frozen representation (a revision object
    taken at approval time has none yet): listings read them from the page row, and
    `api.live.live_detail` adds them to whole pages."""
    return {
        "first_published_at": _timestamp(page.first_published_at),
        "last_published_at": _timestamp(page.last_published_at),
    }


def _seo(page: Page) -> dict[str, str]:
    return {
        "title": page.seo_title or page.title,
        "description": page.search_description or page.summary,
    }


def glossary_used(text: str) -> list[dict[str, Any]]:
    """Glossary terms that occur in `text` as whole words (case-insensitive)."""
    return [
        represent_glossary_term(term)
        for term in GlossaryTerm.objects.all()
        if re.search(rf"(?<!\w){re.escape(term.term)}(?!\w)", text, re.IGNORECASE)
    ]


def _reading_time(text: str) -> int:
    # The same rule as ArticlePage.compute_reading_time, over the text the API shows.
    return max(1, math.ceil(len(text.split()) / WORDS_PER_MINUTE))


def represent_article(page: ArticlePage) -> dict[str, Any]:
    links = list(page.reference_links.select_related("reference"))
    # A saved page has the references joined; a revision object has ids only (bulk-loaded).
    known = {link.reference_id: link.reference for link in links if type(link).reference.is_cached(link)}
    authors = list(page.authors.all())
    found = Found()
    found.image(page.hero_image_id)
    for person in authors:
        found.image(person.photo_id)
    found.text(page.title, page.summary)
    collect_stream(page.body, ARTICLE_BLOCKS, found)
    related = load_related(
        found,
        ordered_reference_ids=[link.reference_id for link in links if link.reference_id],
        reference_notes={link.reference_id: link.note for link in links if link.note},
        known_references=known,
    )
    listed = [
        related.references[link.reference_id] for link in links if link.reference_id in related.references
    ]
    levels = [STUDY_TYPE_EVIDENCE_LEVEL[reference.study_type] for reference in listed]
    data = {
        **_common(page),
        "audience": page.audience,
        "evidence_level": min(levels, key=EvidenceLevel.rank) if levels else EvidenceLevel.OPINION.value,
        "reading_time_minutes": _reading_time(found.all_text()),
        "seo": _seo(page),
        "hero_image": related.image(page.hero_image_id),
        "topics": [represent_topic(topic) for topic in page.topics.all()],
        "conditions": [represent_condition(condition) for condition in page.conditions.all()],
        "treatments": [represent_treatment(treatment) for treatment in page.treatments.all()],
        "authors": [represent_person(person, related.image(person.photo_id)) for person in authors],
        "body": represent_stream(page.body, ARTICLE_BLOCKS, related),
        "references": related.numbered_references(),
        "glossary": glossary_used(found.all_text()),
    }
    data["json_ld"] = article_json_ld(data)
    return data


def represent_case_story(page: CaseStoryPage) -> dict[str, Any]:
    from ..live import live_pages

    linked_ids = [article.pk for article in page.linked_articles.all()]
    articles = {a.pk: a for a in live_pages(ArticlePage).filter(pk__in=linked_ids).defer_streamfields()}
    html = expand_rich_text([page.narrative])
    text = " ".join([page.title, page.summary, page.narrative, page.patient_perspective])
    reference = page.source_reference
    return {
        **_common(page),
        "patient": {
            "age_band": _choice(AgeBand, page.age_band),
            "sex": _choice(Sex, page.sex),
            "context": page.context,
        },
        "conditions": [represent_condition(condition) for condition in page.conditions.all()],
        "comorbidities": [represent_condition(condition) for condition in page.comorbidities.all()],
        "prior_treatments": [represent_treatment(t) for t in page.prior_treatments.all()],
        "prior_treatments_note": page.prior_treatments_note,
        "intervention": {
            "treatment": represent_treatment(page.treatment) if page.treatment_id else None,
            "route": _choice(InterventionRoute, page.administration_route),
            "dose_descriptor": page.dose_descriptor,
            "setting": page.setting,
            "number_of_sessions": page.number_of_sessions,
        },
        "outcomes": [{"domain": o.domain, "change": o.change} for o in page.outcomes.all()],
        "time_to_effect": page.time_to_effect,
        "effect_duration": {
            "min_days": page.effect_duration_min_days,
            "max_days": page.effect_duration_max_days,
        },
        "follow_up": page.follow_up,
        "narrative": html.get(page.narrative, ""),
        "patient_perspective": page.patient_perspective,
        "disclosure": INDIVIDUAL_RESULTS_VARY,
        "source": {
            "kind": page.source,
            "reference": represent_reference(reference, 1) if reference else None,
            "needs_verification": page.source_needs_verification,
        },
        "articles": [represent_page_link(articles[pk], "article") for pk in linked_ids if pk in articles],
        "glossary": glossary_used(text),
    }


def represent_guide(page: GuidePage) -> dict[str, Any]:
    downloads = list(page.downloads.all())
    documents = get_document_model().objects.in_bulk([d.document_id for d in downloads if d.document_id])
    found = Found()
    found.image(page.hero_image_id)
    found.text(page.title, page.summary)
    collect_stream(page.steps, GUIDE_BLOCKS, found)
    related = load_related(found)
    return {
        **_common(page),
        "audience": page.audience,
        "hero_image": related.image(page.hero_image_id),
        "topics": [represent_topic(topic) for topic in page.topics.all()],
        "treatments": [represent_treatment(treatment) for treatment in page.treatments.all()],
        "steps": represent_stream(page.steps, GUIDE_BLOCKS, related),
        "downloads": [_download(download, documents.get(download.document_id)) for download in downloads],
        "glossary": glossary_used(found.all_text()),
    }


def _download(download, document) -> dict[str, Any]:
    if document is not None:
        url, size = absolute_url(document.url), download.size_bytes or document.file_size
    else:
        url, size = download.external_url, download.size_bytes
    return {
        "format": _choice(DownloadFormat, download.format),
        "url": url or None,
        "size_bytes": size,
        "language": download.language,
        "version": download.version,
    }


REPRESENTERS = {
    ArticlePage: represent_article,
    CaseStoryPage: represent_case_story,
    GuidePage: represent_guide,
}


def represent_page(page: Page) -> dict[str, Any]:
    """The public JSON of one page, by its specific type (saved page or `revision.as_object()`)."""
    page = page.specific if type(page) is Page else page
    try:
        represent = REPRESENTERS[type(page)]
    except KeyError:
        raise TypeError(f"The public API does not represent {type(page).__name__} pages") from None
    return represent(page)


# --- Listings -----------------------------------------------------------------------------------


def represent_summaries(pages: list[Page]) -> list[dict[str, Any]]:
    """Listing entries for `pages` (any mix of types), in order, with a bounded number of queries."""
    by_type: dict[type, list[Page]] = {}
    for page in pages:
        by_type.setdefault(type(page), []).append(page)
    prefetch = {
        ArticlePage: ("topics", "conditions", "treatments"),
        CaseStoryPage: ("conditions", "treatment"),
        GuidePage: ("topics", "treatments", "downloads"),
    }
    for model, group in by_type.items():
        prefetch_related_objects(group, *prefetch.get(model, ()))
    images = load_images(getattr(page, "hero_image_id", None) for page in pages)
    return [_summary(page, images) for page in pages]


def _summary(page: Page, images: dict) -> dict[str, Any]:
    data = {**_common(page), **publication_dates(page)}
    if isinstance(page, ArticlePage):
        data.update(
            audience=page.audience,
            evidence_level=page.evidence_level,
            reading_time_minutes=page.reading_time_minutes,
            hero_image=represent_image(images.get(page.hero_image_id)),
            topics=[represent_topic(topic) for topic in page.topics.all()],
            conditions=[represent_condition(condition) for condition in page.conditions.all()],
            treatments=[represent_treatment(treatment) for treatment in page.treatments.all()],
        )
    elif isinstance(page, CaseStoryPage):
        data.update(
            age_band=_choice(AgeBand, page.age_band),
            conditions=[represent_condition(condition) for condition in page.conditions.all()],
            treatment=represent_treatment(page.treatment) if page.treatment_id else None,
        )
    elif isinstance(page, GuidePage):
        data.update(
            audience=page.audience,
            hero_image=represent_image(images.get(page.hero_image_id)),
            topics=[represent_topic(topic) for topic in page.topics.all()],
            treatments=[represent_treatment(treatment) for treatment in page.treatments.all()],
            formats=sorted({download.format for download in page.downloads.all()}),
        )
    return data


def represent_listing(page: Page) -> dict[str, Any]:
    """One listing entry without publication dates, for freezing at approval time.

    No prefetching: `page` may be `revision.as_object()`, whose relations live in memory.
    """
    page = page.specific if type(page) is Page else page
    entry = _summary(page, load_images([getattr(page, "hero_image_id", None)]))
    for field in ("first_published_at", "last_published_at"):
        entry.pop(field, None)
    return entry
