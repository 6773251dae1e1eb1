"""Turn the content modules into `PageSpec`s, resolving symbolic keys to database rows."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from django.db import models

from wagtail.documents.models import AbstractDocument

from articles.models import ArticlePage, CaseStoryPage, GuidePage, Reference

from .content import article, guide
from .content.images import IMAGES
from .keys import Key, RefKey, keys_in, resolve
from .pages import PageSpec

Taxonomy = dict[str, dict[str, models.Model]]


def _pick(rows: dict[str, models.Model], slugs: list[str]) -> list[models.Model]:
    return [rows[slug] for slug in slugs]


def case_story_spec(
    row: dict, taxonomy: Taxonomy, references: dict[str, Reference], article_page: ArticlePage | None
) -> PageSpec:
    plain = (
        "summary source source_needs_verification age_band sex context prior_treatments_note "
        "administration_route dose_descriptor setting number_of_sessions time_to_effect "
        "effect_duration_min_days effect_duration_max_days follow_up narrative"
    ).split()
    fields = {name: row[name] for name in plain}
    fields["patient_perspective"] = ""  # published reports carry no patient quotes of our own
    fields["source_reference_id"] = references[row["source_reference"].key].pk
    fields["treatment_id"] = taxonomy["treatments"][row["treatment"]].pk
    fields["conditions"] = _pick(taxonomy["conditions"], row["conditions"])
    fields["comorbidities"] = _pick(taxonomy["conditions"], row["comorbidities"])
    fields["prior_treatments"] = _pick(taxonomy["treatments"], row["prior_treatments"])
    # The article embeds the stories, so it is created after them; the link back is added once
    # the article exists (see loader.py).
    fields["linked_articles"] = [article_page] if article_page else []
    return PageSpec(
        model=CaseStoryPage,
        slug=row["slug"],
        title=row["title"],
        fields=fields,
        children={"outcomes": [{"domain": d, "change": c} for d, c in row["outcomes"]]},
    )


def _step_html(paragraphs: tuple[str, ...]) -> str:
    return "".join(f"<p>{escape(text, quote=False)}</p>" for text in paragraphs)


def guide_spec(
    taxonomy: Taxonomy,
    image_ids: dict[str, int],
    documents: dict[str, AbstractDocument],
    lookup: Callable[[Key], int],
) -> PageSpec:
    alt_texts = {spec.key: spec.alt_text for spec in IMAGES}
    steps = []
    for step in guide.STEPS:
        # An empty ImageBlock is stored as a struct with no image, not as null.
        image = {"image": None, "alt_text": "", "decorative": False}
        if step.image:
            image = {"image": step.image, "alt_text": alt_texts[step.image.key], "decorative": False}
        value = {"title": step.title, "body": _step_html(step.paragraphs), "image": image}
        steps.append({"type": "step", "value": value})
    downloads = [
        {
            "format": spec.format,
            "language": "en",
            "document_id": documents[spec.format].pk,
            "external_url": "",
            "size_bytes": documents[spec.format].file_size,
            "version": guide.VERSION,
        }
        for spec in guide.DOWNLOADS
    ]
    return PageSpec(
        model=GuidePage,
        slug=guide.SLUG,
        title=guide.TITLE,
        fields={
            "summary": guide.SUMMARY,
            "audience": article.AUDIENCE,
            "hero_image_id": image_ids[guide.HERO_IMAGE.key],
            "steps": resolve(steps, lookup),
            "topics": _pick(taxonomy["topics"], ["mental-health", "treatment-options"]),
            "treatments": _pick(taxonomy["treatments"], ["ketamine-infusion-therapy"]),
        },
        children={"downloads": downloads},
    )


def cited_reference_keys() -> list[str]:
    """References in order of first citation in the body, then those only the case stories cite."""
    keys: list[str] = []
    for key in [ref.key for ref in keys_in(article.BODY, RefKey)] + article.EXTRA_REFERENCES:
        if key not in keys:
            keys.append(key)
    return keys


def article_spec(
    taxonomy: Taxonomy,
    people: dict[str, models.Model],
    references: dict[str, Reference],
    image_ids: dict[str, int],
    lookup: Callable[[Key], int],
) -> PageSpec:
    reference_links = [
        {"reference_id": references[key].pk, "note": article.REFERENCE_NOTES.get(key, "")}
        for key in cited_reference_keys()
    ]
    return PageSpec(
        model=ArticlePage,
        slug=article.SLUG,
        title=article.TITLE,
        fields={
            "summary": article.SUMMARY,
            "audience": article.AUDIENCE,
            "hero_image_id": image_ids[article.HERO_IMAGE],
            "body": resolve(article.BODY, lookup),
            "topics": _pick(taxonomy["topics"], article.TOPICS),
            "conditions": _pick(taxonomy["conditions"], article.CONDITIONS),
            "treatments": _pick(taxonomy["treatments"], article.TREATMENTS),
            "authors": _pick(people, article.AUTHORS),
        },
        children={"reference_links": reference_links},
    )
