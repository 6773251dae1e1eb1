"""Automated pre-review checks (DESIGN.md §5), run on a revision and shown to the reviewer.

Blocking findings stop approval; warnings (unverified references) need an acknowledgement note.
They are findings rather than `clean()` errors so drafts always save.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from django.utils.html import strip_tags

from wagtail import blocks
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page, Revision
from wagtail.rich_text import RichText

BLOCKING = "blocking"
WARNING = "warning"

STATISTIC_IN_TEXT = re.compile(r"\b\d+(?:[.,]\d+)?\s?(?:%|per ?cent\b)|\b\d+ (?:in|out of) \d+\b", re.I)
# Attribute order varies: the editor (and `articles.rich_text` on save) writes `id` first.
PAGE_LINK = re.compile(r'<a\b(?=[^>]*\blinktype="page")[^>]*?\bid="(\d+)"')

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
PERSONAL_DATA_PATTERNS: dict[str, re.Pattern[str]] = {
    "a full date": re.compile(
        rf"\b\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b"
        rf"|\b\d{{1,2}}(?:st|nd|rd|th)? (?:{_MONTHS}),? \d{{4}}\b"
        rf"|\b(?:{_MONTHS}) \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}\b"
    ),
    "a phone number": re.compile(
        r"(?:\+\d{1,3}[\s.-]?)?\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b|\b0\d{3,4}[\s-]?\d{3}[\s-]?\d{3,4}\b"
    ),
    "an e-mail address": re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    "a street address": re.compile(
        r"\b\d{1,5}\s+(?:[A-Z][a-z]+\s){1,3}"
        r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Court|Ct|Close|Crescent)\b"
    ),
    "a record number": re.compile(
        r"\b(?:MRN|NHS (?:no|number)|medical record|record (?:no|number)|patient id|hospital number)\b"
        r"\D{0,20}\d{4,}|#\s?\d{5,}",
        re.I,
    ),
    "an exact age over 89": re.compile(
        r"\b(?:9\d|1[0-2]\d)[- ]years?[- ]old\b|\baged? (?:9\d|1[0-2]\d)\b", re.I
    ),
}
# A short list of common given names; case-sensitive so 'mark' (the verb) does not match.
COMMON_FIRST_NAMES = (
    "James John Robert Michael David William Richard Joseph Thomas Charles Christopher Daniel "
    "Matthew Anthony Steven Paul Andrew Joshua Kevin Brian George Edward Ronald Timothy Jason "
    "Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin Scott Brandon Benjamin "
    "Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy Betty "
    "Margaret Sandra Ashley Kimberly Emily Donna Michelle Dorothy Carol Amanda Melissa Deborah "
    "Stephanie Rebecca Sharon Laura Cynthia Kathleen Amy Shirley Angela Helen Anna Brenda Pamela "
    "Nicole Emma Samantha Katherine Christine Debra Rachel Catherine Carolyn Janet Maria Heather "
    "Diane Julie Joyce Victoria Kelly Christina Lauren Joan Evelyn Olivia Judith Megan Cheryl "
    "Andrea Hannah Jacqueline Martha Gloria Teresa Sara Madison Frances Kathryn Janice Jean Abigail "
    "Sophia Isabella Mohammed Muhammad Ahmed Ali Oliver Harry Jack Noah Liam Mason Ethan Lucas"
).split()
FIRST_NAME = re.compile(r"\b(?:" + "|".join(COMMON_FIRST_NAMES) + r")\b")


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    message: str
    location: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)

    @property
    def is_blocking(self) -> bool:
        return self.severity == BLOCKING


def findings_for_revision(revision: Revision) -> list[Finding]:
    return findings_for_page(revision.as_object())


def findings_for_page(page: Page) -> list[Finding]:
    from ..models import CaseStoryPage

    found: list[Finding] = []
    found += _disclaimer_findings(page)
    for field_name in ("body", "steps"):
        stream = getattr(page, field_name, None)
        if stream is not None:
            found += _stream_findings(stream, field_name)
    hero = getattr(page, "hero_image", None)
    if hero is not None and not hero.default_alt_text:
        found.append(
            Finding("image_without_alt_text", BLOCKING, "The hero image has no alt text.", "hero_image")
        )
    found += _reference_findings(page)
    if isinstance(page, CaseStoryPage):
        found += _case_story_findings(page)
    return found


def _disclaimer_findings(page: Page) -> list[Finding]:
    from ..models import SafetySettings

    site = page.get_site()
    disclaimer = SafetySettings.for_site(site).medical_disclaimer if site else ""
    if disclaimer.strip():
        return []
    return [
        Finding(
            "missing_disclaimer",
            BLOCKING,
            "The site has no medical disclaimer: add one under Settings › Medical disclaimer.",
            "site settings",
        )
    ]


def _walk(block: blocks.Block, value: Any, path: str) -> Iterator[tuple[str, blocks.Block, Any]]:
    yield path, block, value
    if value is None:
        return
    if isinstance(block, ImageBlock):
        return
    if isinstance(block, blocks.StreamBlock):
        for index, child in enumerate(value):
            yield from _walk(child.block, child.value, f"{path}[{index + 1}] {child.block.label}")
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from _walk(child_block, value.get(name), f"{path} › {child_block.label}")
    elif isinstance(block, blocks.ListBlock):
        for index, item in enumerate(value):
            yield from _walk(block.child_block, item, f"{path} #{index + 1}")


def _stream_findings(stream, field_name: str) -> list[Finding]:
    from ..blocks import ParagraphBlock, StatisticBlock

    found: list[Finding] = []
    linked_page_ids: dict[int, str] = {}
    for path, block, value in _walk(stream.stream_block, stream, field_name):
        if isinstance(block, StatisticBlock) and not value.get("reference"):
            found.append(
                Finding(
                    "statistic_without_citation",
                    BLOCKING,
                    f"The statistic '{value.get('value')}' does not cite a reference.",
                    path,
                )
            )
        elif isinstance(block, ParagraphBlock):
            text = strip_tags(value["text"].source if value.get("text") else "")
            match = STATISTIC_IN_TEXT.search(text)
            if match and not list(value.get("citations") or []):
                found.append(
                    Finding(
                        "statistic_without_citation",
                        BLOCKING,
                        f"The paragraph states a figure ('{match.group(0)}') but cites no reference.",
                        path,
                    )
                )
        elif isinstance(block, ImageBlock) and value is not None:
            if not value.decorative and not (value.contextual_alt_text or "").strip():
                found.append(
                    Finding(
                        "image_without_alt_text",
                        BLOCKING,
                        f"The image '{value.title}' has no alt text and is not marked decorative.",
                        path,
                    )
                )
        elif isinstance(block, blocks.PageChooserBlock) and value is not None:
            linked_page_ids.setdefault(value.pk, path)
        if isinstance(value, RichText):
            for page_id in PAGE_LINK.findall(value.source):
                linked_page_ids.setdefault(int(page_id), path)
    found += _non_live_link_findings(linked_page_ids)
    return found


def _non_live_link_findings(linked_page_ids: dict[int, str]) -> list[Finding]:
    if not linked_page_ids:
        return []
    live = set(Page.objects.filter(pk__in=linked_page_ids, live=True).values_list("pk", flat=True))
    return [
        Finding(
            "link_to_page_not_live",
            BLOCKING,
            f"Links to a page that is not live (page id {page_id}); publish it first or remove the link.",
            path,
        )
        for page_id, path in linked_page_ids.items()
        if page_id not in live
    ]


def cited_references(page: Page) -> list:
    """Every Reference the page lists or cites, in first-seen order."""
    from ..models import Reference

    seen: dict[int, Reference] = {}
    for link in getattr(page, "reference_links", None).all() if hasattr(page, "reference_links") else []:
        if link.reference_id:
            seen.setdefault(link.reference_id, link.reference)
    for field_name in ("body", "steps"):
        stream = getattr(page, field_name, None)
        if stream is None:
            continue
        for _path, _block, value in _walk(stream.stream_block, stream, field_name):
            if isinstance(value, Reference):
                seen.setdefault(value.pk, value)
    source = getattr(page, "source_reference", None)
    if source is not None:
        seen.setdefault(source.pk, source)
    return list(seen.values())


def _reference_findings(page: Page) -> list[Finding]:
    return [
        Finding(
            "unverified_reference",
            WARNING,
            f"Reference not yet verified: {reference}."
            + (f" ({reference.verification_note})" if reference.verification_note else ""),
            "references",
        )
        for reference in cited_references(page)
        if not reference.verified
    ]


def _case_story_text(page) -> list[tuple[str, str]]:
    fields = [
        "title",
        "summary",
        "context",
        "prior_treatments_note",
        "dose_descriptor",
        "setting",
        "time_to_effect",
        "follow_up",
        "narrative",
        "patient_perspective",
    ]
    texts = [(name, strip_tags(getattr(page, name) or "")) for name in fields]
    for index, outcome in enumerate(page.outcomes.all(), start=1):
        texts.append((f"outcome #{index}", f"{outcome.domain}: {outcome.change}"))
    return texts


def _case_story_findings(page) -> list[Finding]:
    from ..choices import CaseSource
    from ..models import CaseStoryConsent

    found: list[Finding] = []
    if page.source == CaseSource.CLINIC_PATIENT:
        record = CaseStoryConsent.objects.filter(case_story_id=page.pk).first()
        problems = record.problems(page) if record else ["no consent record exists"]
        if problems:
            found.append(
                Finding(
                    "consent_not_valid",
                    BLOCKING,
                    "Clinic-patient story without valid consent: " + "; ".join(problems) + ".",
                    "consent record",
                )
            )
    elif not page.source_reference_id:
        found.append(
            Finding(
                "case_report_without_source",
                BLOCKING,
                "A published case report must cite its source reference (Evidence tab).",
                "source",
            )
        )
    elif page.source_needs_verification:
        found.append(
            Finding(
                "source_needs_verification",
                WARNING,
                "The match between this story and its published source is unconfirmed.",
                "source",
            )
        )
    for location, text in _case_story_text(page):
        for label, pattern in PERSONAL_DATA_PATTERNS.items():
            match = pattern.search(text)
            if match:
                found.append(
                    Finding(
                        "personal_data",
                        BLOCKING,
                        f"Possible personal data ({label}): '{match.group(0)}'.",
                        location,
                    )
                )
        name = FIRST_NAME.search(text)
        if name:
            found.append(
                Finding(
                    "personal_data",
                    BLOCKING,
                    f"Possible personal data (a first name): '{name.group(0)}'.",
                    location,
                )
            )
    return found
