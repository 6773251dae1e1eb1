"""Educational articles and their index."""

import math

from django.db import models
from django.utils.html import strip_tags

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from ..blocks import ArticleBodyBlock
from ..choices import STUDY_TYPE_EVIDENCE_LEVEL, Audience, EvidenceLevel
from .mixins import (
    GatedPublishMixin,
    HeadlessPageMixin,
    ReviewedIndexMixin,
    UniqueSlugPerTypeMixin,
)
from .review import REVIEW_PANELS, ReviewedPageMixin
from .rich_text import SanitizedRichTextMixin

WORDS_PER_MINUTE = 200


class ArticleIndexPage(ReviewedIndexMixin, HeadlessPageMixin, Page):
    introduction = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["articles.HomePage"]
    subpage_types = ["articles.ArticlePage"]
    max_count = 1

    class Meta:
        verbose_name = "article index"


class ArticlePage(
    SanitizedRichTextMixin,
    GatedPublishMixin,
    UniqueSlugPerTypeMixin,
    HeadlessPageMixin,
    ReviewedPageMixin,
    Page,
):
    summary = models.TextField(
        max_length=400, help_text="One or two sentences for listings and search results."
    )
    hero_image = models.ForeignKey(
        "articles.MedicalImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown at the top of the article; its alt text comes from the image library.",
    )
    audience = models.CharField(
        max_length=16,
        choices=Audience.choices,
        default=Audience.PATIENTS,
        help_text="Who the article is written for; frontends filter on it.",
    )
    topics = ParentalManyToManyField("articles.Topic", blank=True, related_name="articles")
    conditions = ParentalManyToManyField("articles.Condition", blank=True, related_name="articles")
    treatments = ParentalManyToManyField("articles.Treatment", blank=True, related_name="articles")
    authors = ParentalManyToManyField("articles.Person", blank=True, related_name="articles")
    body = StreamField(ArticleBodyBlock(), help_text="Sections, statistics, callouts and FAQs.")
    reading_time_minutes = models.PositiveSmallIntegerField(default=1, editable=False)
    evidence_level = models.CharField(
        max_length=16,
        choices=EvidenceLevel.choices,
        default=EvidenceLevel.OPINION,
        editable=False,
        db_index=True,
        help_text="The level of the strongest reference in the reference list (DESIGN.md §2).",
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    evidence_panels = [
        InlinePanel(
            "reference_links",
            heading="References",
            label="Reference",
            help_text="Numbered in this order; cite them from paragraphs and statistics.",
        ),
    ]
    taxonomy_panels = [
        FieldPanel("audience"),
        MultiFieldPanel(
            [FieldPanel("topics"), FieldPanel("conditions"), FieldPanel("treatments")],
            heading="Taxonomy",
        ),
        FieldPanel("authors"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(evidence_panels, heading="Evidence"),
            ObjectList(taxonomy_panels, heading="Classification"),
            ObjectList(REVIEW_PANELS, heading="Review"),
            ObjectList(Page.promote_panels, heading="Promote"),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("audience"),
        index.FilterField("evidence_level"),
    ]
    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "article"

    def save(self, *args, **kwargs):
        self.reading_time_minutes = self.compute_reading_time()
        self.evidence_level = self.compute_evidence_level()
        return super().save(*args, **kwargs)

    def compute_reading_time(self) -> int:
        text = " ".join(strip_tags(chunk) for chunk in self.body_text_chunks())
        return max(1, math.ceil(len(text.split()) / WORDS_PER_MINUTE))

    def body_text_chunks(self) -> list[str]:
        return [
            str(chunk) for block in self.body for chunk in block.block.get_searchable_content(block.value)
        ]

    def compute_evidence_level(self) -> str:
        levels = [
            STUDY_TYPE_EVIDENCE_LEVEL[link.reference.study_type]
            for link in self.reference_links.all()
            if link.reference_id
        ]
        if not levels:
            return EvidenceLevel.OPINION
        return min(levels, key=EvidenceLevel.rank)


class ArticlePageReference(Orderable):
    """One entry of an article's ordered reference list (stored in revisions)."""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="reference_links")
    reference = models.ForeignKey(
        "articles.Reference", on_delete=models.PROTECT, related_name="article_links"
    )
    note = models.CharField(
        max_length=240, blank=True, help_text="Optional: what this source supports in the article."
    )

    panels = [FieldPanel("reference"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = "reference"
