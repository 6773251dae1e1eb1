"""Reusable records editors pick from: references, taxonomy, glossary and people."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from ..choices import STUDY_TYPE_EVIDENCE_LEVEL, StudyType


def unique_slug(instance: models.Model, source: str, max_length: int) -> str:
    """A slug from `source` that no other row of the same model uses (adds -2, -3 …)."""
    base = slugify(source)[: max_length - 4] or "item"
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    candidate, counter = base, 2
    while others.filter(slug=candidate).exists():
        candidate, counter = f"{base}-{counter}", counter + 1
    return candidate


DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")
PMID_PATTERN = re.compile(r"^\d{1,9}$")


class SluggedSnippet(index.Indexed, models.Model):
    """A named taxonomy entry with a URL-safe slug used by API filters."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(
        max_length=120,
        unique=True,
        blank=True,
        help_text="Used in API filters, e.g. ?condition=ptsd. Filled from the name when left empty.",
    )
    description = models.TextField(blank=True)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name, 120)
        super().save(*args, **kwargs)


class Topic(SluggedSnippet):
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]


class Treatment(SluggedSnippet):
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]


class Condition(SluggedSnippet):
    icd10_code = models.CharField(
        "ICD-10 code", max_length=16, blank=True, help_text="For example F43.1 for PTSD."
    )
    icd11_code = models.CharField(
        "ICD-11 code", max_length=16, blank=True, help_text="For example 6B40 for PTSD."
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("icd10_code"), FieldPanel("icd11_code")]),
        FieldPanel("description"),
    ]


class GlossaryTerm(index.Indexed, models.Model):
    term = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True, blank=True)
    short_definition = models.CharField(
        max_length=280, help_text="One or two plain-language sentences, shown in tooltips."
    )
    long_definition = models.TextField(blank=True, help_text="Optional fuller explanation.")

    panels = [
        FieldPanel("term"),
        FieldPanel("slug"),
        FieldPanel("short_definition"),
        FieldPanel("long_definition"),
    ]
    search_fields = [
        index.SearchField("term"),
        index.AutocompleteField("term"),
        index.SearchField("short_definition"),
    ]

    class Meta:
        ordering = ["term"]

    def __str__(self) -> str:
        return self.term

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.term, 120)
        super().save(*args, **kwargs)


class Reference(index.Indexed, models.Model):
    """A published source. Its study type fixes its evidence level (DESIGN.md §2)."""

    authors = models.CharField(
        max_length=500, help_text="As cited, e.g. 'Feder A, Parides MK, Murrough JW, et al.'"
    )
    title = models.CharField(max_length=500)
    container_title = models.CharField(
        "journal or publisher", max_length=255, blank=True, help_text="e.g. JAMA Psychiatry"
    )
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    citation_details = models.CharField(
        max_length=120,
        blank=True,
        help_text="Volume, issue and pages, e.g. 71(6):681–688. Leave empty if unconfirmed.",
    )
    doi = models.CharField(
        "DOI",
        max_length=255,
        blank=True,
        help_text="Only a DOI you have confirmed at the publisher, e.g. 10.1001/jamapsychiatry.2014.62. "
        "Never guess one.",
    )
    pmid = models.CharField(
        "PMID", max_length=12, blank=True, help_text="Only a confirmed PubMed id (digits)."
    )
    url = models.URLField("URL", max_length=500, blank=True)
    study_type = models.CharField(
        max_length=32,
        choices=StudyType.choices,
        help_text="Determines the evidence level shown to readers.",
    )
    summary = models.TextField(
        blank=True, help_text="What the study found, in your own words (not the abstract)."
    )
    verified = models.BooleanField(
        default=False,
        help_text="Tick only after checking every field against the publisher's record. "
        "Unverified references are flagged to the medical reviewer and to readers.",
    )
    verification_note = models.TextField(
        blank=True, help_text="What still needs confirming, e.g. 'volume and pages unconfirmed'."
    )

    panels = [
        FieldPanel("authors"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("container_title"), FieldPanel("year")]),
        FieldPanel("citation_details"),
        MultiFieldPanel([FieldPanel("doi"), FieldPanel("pmid"), FieldPanel("url")], heading="Identifiers"),
        FieldPanel("study_type"),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("verified"), FieldPanel("verification_note")], heading="Verification"),
    ]
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("authors"),
        index.SearchField("container_title"),
    ]

    class Meta:
        ordering = ["authors", "year"]

    def __str__(self) -> str:
        year = f" ({self.year})" if self.year else ""
        return f"{self.authors}{year}. {self.title}"

    def clean(self) -> None:
        errors = {}
        self.doi = self.doi.strip().removeprefix("https://doi.org/").removeprefix("doi:")
        if self.doi and not DOI_PATTERN.match(self.doi):
            errors["doi"] = "A DOI starts with '10.' followed by a registrant code and a suffix."
        self.pmid = self.pmid.strip()
        if self.pmid and not PMID_PATTERN.match(self.pmid):
            errors["pmid"] = "A PMID is a number of up to nine digits."
        if self.verified and self.verification_note.strip() and "unconfirmed" in self.verification_note:
            errors["verified"] = (
                "The verification note still lists unconfirmed fields: confirm them "
                "(and clear the note) before ticking 'verified'."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def evidence_level(self) -> str:
        return STUDY_TYPE_EVIDENCE_LEVEL[self.study_type]


# Managing accounts and managing reviewer credentials are the same trust level.
CREDENTIALS_PERMISSION = "auth.change_user"


class Person(index.Indexed, models.Model):
    """An author or reviewer. Licence details are private: never part of any public API."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True, blank=True)
    credentials = models.CharField(
        max_length=120, blank=True, help_text="Post-nominal letters, e.g. MD, PhD, PsyD, RN."
    )
    role = models.CharField(max_length=120, blank=True, help_text="e.g. Medical writer")
    specialty = models.CharField(max_length=120, blank=True, help_text="e.g. Psychiatry")
    bio = models.TextField(blank=True)
    photo = models.ForeignKey(
        "articles.MedicalImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    conflict_of_interest = models.TextField(
        "conflict-of-interest statement",
        blank=True,
        help_text="Declare relevant financial or professional interests, or write 'None declared'.",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        help_text="The admin account of this person, if they review or write content.",
    )
    licence_number = models.CharField(
        max_length=64, blank=True, help_text="Private. Required for medical reviewers."
    )
    licence_expiry = models.DateField(
        null=True, blank=True, help_text="Private. Reviewers cannot approve after this date."
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("credentials"), FieldPanel("role"), FieldPanel("specialty")]),
        FieldPanel("bio"),
        FieldPanel("photo"),
        FieldPanel("conflict_of_interest"),
        # Who may approve medical content hangs on these fields (articles/review/eligibility.py): only
        # those who manage accounts (Administrators) see or change them; for everyone else the
        # fields are left out of the form, so posted values are ignored.
        MultiFieldPanel(
            [
                FieldPanel("user", permission=CREDENTIALS_PERMISSION),
                FieldPanel("licence_number", permission=CREDENTIALS_PERMISSION),
                FieldPanel("licence_expiry", permission=CREDENTIALS_PERMISSION),
            ],
            heading="Account and licence (private)",
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return f"{self.name}, {self.credentials}" if self.credentials else self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name, 200)
        super().save(*args, **kwargs)
