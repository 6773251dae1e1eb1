"""One article page type, its blocks and a reference snippet: what a team would build on stock
Wagtail for the same content (`articles/blocks.py` shapes, as plain Wagtail blocks)."""

from django.db import models

from wagtail import blocks
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.blocks import SnippetChooserBlock
from wagtail.snippets.models import register_snippet


@register_snippet
class BenchReference(models.Model):
    key = models.SlugField(unique=True)
    authors = models.CharField(max_length=500)
    title = models.CharField(max_length=500)
    year = models.PositiveSmallIntegerField()

    def __str__(self) -> str:
        return self.title


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200)
    level = blocks.ChoiceBlock(choices=[("h2", "H2"), ("h3", "H3")], default="h2")


class ParagraphBlock(blocks.StructBlock):
    text = blocks.RichTextBlock()
    citations = blocks.ListBlock(SnippetChooserBlock(BenchReference), default=[])


class StatisticBlock(blocks.StructBlock):
    value = blocks.CharBlock(max_length=32)
    label = blocks.CharBlock(max_length=240)
    reference = SnippetChooserBlock(BenchReference)
    context = blocks.TextBlock(required=False)


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock()
    caption = blocks.CharBlock(max_length=300, required=False)


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    statistic = StatisticBlock()
    image = CaptionedImageBlock()


class BenchArticlePage(Page):
    summary = models.TextField(max_length=400)
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = StreamField(BodyBlock())

    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    api_fields = [
        APIField("summary"),
        APIField("hero_image"),
        APIField(
            "hero_image_rendition", serializer=ImageRenditionField("fill-1200x630", source="hero_image")
        ),
        APIField("body"),
    ]
