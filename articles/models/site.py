"""The site root page and per-site settings (disclaimer, crisis resources)."""

from django.db import models

from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page

from .mixins import HeadlessPageMixin


class HomePage(HeadlessPageMixin, Page):
    """Root of the site tree; the index pages for each content type live directly under it."""

    introduction = models.TextField(blank=True, help_text="Optional strap line for the frontend.")

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "articles.ArticleIndexPage",
        "articles.CaseStoryIndexPage",
        "articles.GuideIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = "home page"

    def permissions_for_user(self, user):
        # Publishing directly is a signature too: second factor for reviewers and administrators.
        from ..review.permissions import DirectPublishPermissionTester

        return DirectPublishPermissionTester(user, self)


class CrisisResourceBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=120, help_text="e.g. 988 Suicide & Crisis Lifeline")
    region = blocks.CharBlock(max_length=60, required=False, help_text="e.g. United States")
    phone = blocks.CharBlock(max_length=40, required=False)
    text = blocks.CharBlock(max_length=60, required=False, help_text="SMS number or keyword")
    url = blocks.URLBlock(required=False)
    description = blocks.CharBlock(max_length=240, required=False)


@register_setting(icon="warning")
class SafetySettings(BaseSiteSetting):
    """Shown with every piece of content: safe-messaging practice for topics touching on suicide."""

    medical_disclaimer = models.TextField(
        help_text="Shown with every article, case story and guide. The medical reviewer checks "
        "that it is present before approving.",
    )
    crisis_heading = models.CharField(max_length=120, default="If you are in crisis, get help now")
    crisis_resources = StreamField(
        [("resource", CrisisResourceBlock())],
        blank=True,
        help_text="Helplines and emergency contacts, most urgent first.",
    )

    panels = [
        FieldPanel("medical_disclaimer"),
        FieldPanel("crisis_heading"),
        FieldPanel("crisis_resources"),
    ]

    class Meta:
        verbose_name = "medical disclaimer and crisis resources"
