"""Step-by-step patient guides with downloadable formats."""

from django.core.exceptions import ValidationError
from django.db import models

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList, TabbedInterface
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from ..blocks import GuideStepsBlock
from ..choices import Audience, DownloadFormat
from .mixins import (
    GatedPublishMixin,
    HeadlessPageMixin,
    ReviewedIndexMixin,
    UniqueSlugPerTypeMixin,
)
from .review import REVIEW_PANELS, ReviewedPageMixin
from .rich_text import SanitizedRichTextMixin


class GuideIndexPage(ReviewedIndexMixin, HeadlessPageMixin, Page):
    introduction = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["articles.HomePage"]
    subpage_types = ["articles.GuidePage"]
    max_count = 1

    class Meta:
        verbose_name = "guide index"


class GuidePage(
    SanitizedRichTextMixin,
    GatedPublishMixin,
    UniqueSlugPerTypeMixin,
    HeadlessPageMixin,
    ReviewedPageMixin,
    Page,
):
    summary = models.TextField(max_length=400)
    audience = models.CharField(max_length=16, choices=Audience.choices, default=Audience.PATIENTS)
    hero_image = models.ForeignKey(
        "articles.MedicalImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    steps = StreamField(GuideStepsBlock(), help_text="The guide's steps, in order.")
    topics = ParentalManyToManyField("articles.Topic", blank=True, related_name="guides")
    treatments = ParentalManyToManyField("articles.Treatment", blank=True, related_name="guides")

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("steps"),
    ]
    download_panels = [InlinePanel("downloads", label="Download", heading="Downloadable formats")]
    taxonomy_panels = [FieldPanel("audience"), FieldPanel("topics"), FieldPanel("treatments")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(download_panels, heading="Downloads"),
            ObjectList(taxonomy_panels, heading="Classification"),
            ObjectList(REVIEW_PANELS, heading="Review"),
            ObjectList(Page.promote_panels, heading="Promote"),
        ]
    )
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("steps")]
    parent_page_types = ["articles.GuideIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "guide"


class GuideDownload(Orderable):
    """One downloadable edition of a guide: a library document or an external URL."""

    page = ParentalKey(GuidePage, on_delete=models.CASCADE, related_name="downloads")
    format = models.CharField(max_length=16, choices=DownloadFormat.choices)
    language = models.CharField(
        max_length=16, default="en", help_text="BCP 47 language tag, e.g. en, es, fr-CA."
    )
    document = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    external_url = models.URLField(max_length=500, blank=True)
    size_bytes = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="Filled from the document; give it for external files."
    )
    version = models.CharField(max_length=32, blank=True, help_text="e.g. 2026.1")

    panels = [
        FieldRowPanel([FieldPanel("format"), FieldPanel("language"), FieldPanel("version")]),
        FieldPanel("document"),
        FieldPanel("external_url"),
        FieldPanel("size_bytes"),
    ]

    def clean(self) -> None:
        if bool(self.document_id) == bool(self.external_url):
            raise ValidationError("Choose a document from the library or give an external URL (exactly one).")

    def save(self, *args, **kwargs):
        if self.document_id and not self.size_bytes:
            self.size_bytes = self.document.get_file_size()
        super().save(*args, **kwargs)
