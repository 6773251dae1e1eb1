"""StreamField blocks in the schema: a list of `{"type", "id", "value"}` objects, one variant per
block type (oneOf + discriminator on `type`, `type` pinned to a one-value enum per variant)."""

from __future__ import annotations

from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field

from rest_framework import serializers

from articles.choices import CalloutKind

from .common import ImageSerializer, ReferenceSerializer
from .fields import constant, one_of


class PageLinkSerializer(serializers.Serializer):
    """A live page embedded in another: `{"id", "type", "slug", "title", "summary", "path", "url"}`."""

    id = serializers.IntegerField()
    type = one_of("article", "case_story", "guide")
    slug = serializers.SlugField()
    title = serializers.CharField()
    summary = serializers.CharField()
    path = serializers.CharField(help_text="Frontend path, e.g. /articles/ketamine-for-ptsd/")
    url = serializers.URLField(help_text="Absolute frontend URL.")


class HeadingValue(serializers.Serializer):
    text = serializers.CharField()
    level = one_of("h2", "h3")


class ParagraphValue(serializers.Serializer):
    text = serializers.CharField(help_text="Display HTML; internal links are frontend paths of live pages.")
    citations = serializers.ListField(
        child=serializers.IntegerField(min_value=1), help_text="Numbers into the page's `references`."
    )


class StatisticValue(serializers.Serializer):
    value = serializers.CharField(help_text='The figure, e.g. "44%".')
    label = serializers.CharField()
    context = serializers.CharField(allow_blank=True)
    reference = ReferenceSerializer(allow_null=True, help_text="The source of the figure.")


class KeyPointsValue(serializers.Serializer):
    title = serializers.CharField()
    points = serializers.ListField(child=serializers.CharField())


class QuoteValue(serializers.Serializer):
    text = serializers.CharField()
    attribution = serializers.CharField(allow_blank=True)
    reference = ReferenceSerializer(allow_null=True)


class ImageValue(serializers.Serializer):
    image = ImageSerializer(allow_null=True)
    caption = serializers.CharField(allow_blank=True)


class CalloutValue(serializers.Serializer):
    kind = one_of(*CalloutKind.values)
    title = serializers.CharField()
    text = serializers.CharField(help_text="Display HTML.")


class FAQItemValue(serializers.Serializer):
    question = serializers.CharField()
    answer = serializers.CharField(help_text="Display HTML.")


class FAQValue(serializers.Serializer):
    title = serializers.CharField()
    items = FAQItemValue(many=True)


class CaseStoryEmbedValue(serializers.Serializer):
    case_story = PageLinkSerializer()
    introduction = serializers.CharField(allow_blank=True)


class GuideCallToActionValue(serializers.Serializer):
    guide = PageLinkSerializer()
    heading = serializers.CharField()
    text = serializers.CharField(allow_blank=True)


class GuideStepValue(serializers.Serializer):
    title = serializers.CharField()
    body = serializers.CharField(help_text="Display HTML.")
    image = ImageSerializer(allow_null=True)


def _variant(block_type: str, value_serializer: type[serializers.Serializer]) -> type[serializers.Serializer]:
    name = "".join(part.title() for part in block_type.split("_")) + "Block"
    return type(
        name,
        (serializers.Serializer,),
        {
            "type": constant(block_type),
            "id": serializers.CharField(help_text="Stable block id (UUID)."),
            "value": value_serializer(),
            "__module__": __name__,
        },
    )


ARTICLE_BLOCK_VARIANTS = {
    "heading": _variant("heading", HeadingValue),
    "paragraph": _variant("paragraph", ParagraphValue),
    "statistic": _variant("statistic", StatisticValue),
    "key_points": _variant("key_points", KeyPointsValue),
    "quote": _variant("quote", QuoteValue),
    "image": _variant("image", ImageValue),
    "callout": _variant("callout", CalloutValue),
    "faq": _variant("faq", FAQValue),
    "case_story": _variant("case_story", CaseStoryEmbedValue),
    "guide_cta": _variant("guide_cta", GuideCallToActionValue),
}
GUIDE_BLOCK_VARIANTS = {"step": _variant("step", GuideStepValue)}


@extend_schema_field(
    PolymorphicProxySerializer(
        component_name="ArticleBlock",
        serializers=ARTICLE_BLOCK_VARIANTS,
        resource_type_field_name="type",
        many=True,
    )
)
class ArticleBodyField(serializers.JSONField):
    """The article body: typed blocks in reading order."""


@extend_schema_field(
    PolymorphicProxySerializer(
        component_name="GuideBlock",
        serializers=GUIDE_BLOCK_VARIANTS,
        resource_type_field_name="type",
        many=True,
    )
)
class GuideStepsField(serializers.JSONField):
    """A guide's steps in order."""
