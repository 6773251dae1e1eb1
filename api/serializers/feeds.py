"""Search results, path resolution, sitemap and change feed."""

from __future__ import annotations

from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field

from rest_framework import serializers

from .fields import one_of
from .pages import ArticleSerializer, CaseStorySerializer, GuideSerializer

CONTENT_TYPES = ("article", "case_story", "guide")
SECTION_TYPES = ("home", "article_index", "case_story_index", "guide_index")


class SearchResultSerializer(serializers.Serializer):
    type = one_of(*CONTENT_TYPES)
    slug = serializers.SlugField()
    title = serializers.CharField()
    summary = serializers.CharField()
    path = serializers.CharField()
    url = serializers.URLField()
    snippet = serializers.CharField(help_text="HTML: an escaped excerpt with matches in <mark>.")


class SectionSerializer(serializers.Serializer):
    """The home page or a section index (/articles/, /case-stories/, /guides/)."""

    type = one_of(*SECTION_TYPES)
    title = serializers.CharField()
    introduction = serializers.CharField(allow_blank=True)
    path = serializers.CharField()
    url = serializers.URLField()


@extend_schema_field(
    PolymorphicProxySerializer(
        component_name="ResolvedPage",
        serializers={
            "article": ArticleSerializer,
            "case_story": CaseStorySerializer,
            "guide": GuideSerializer,
            **{name: SectionSerializer for name in SECTION_TYPES},
        },
        resource_type_field_name="type",
    )
)
class ResolvedDataField(serializers.JSONField):
    """The same body as the page's own detail endpoint (null for a redirect)."""


class RedirectSerializer(serializers.Serializer):
    location = serializers.CharField(help_text="Frontend path (or external URL) to redirect to.")
    url = serializers.URLField(help_text="Absolute URL to redirect to.")
    permanent = serializers.BooleanField(help_text="301 if true, 302 if false.")


class ResolveSerializer(serializers.Serializer):
    type = one_of(*CONTENT_TYPES, *SECTION_TYPES, "redirect")
    slug = serializers.SlugField(allow_null=True)
    path = serializers.CharField(help_text="The path that was resolved.")
    data = ResolvedDataField(allow_null=True)
    redirect = RedirectSerializer(allow_null=True)


class SitemapEntrySerializer(serializers.Serializer):
    type = one_of(*CONTENT_TYPES, *SECTION_TYPES)
    path = serializers.CharField()
    url = serializers.URLField()
    last_modified = serializers.DateTimeField(allow_null=True)


class ChangeSerializer(serializers.Serializer):
    """One page's change. `unpublished`/`deleted` are tombstones: drop `path` from the frontend."""

    event = one_of("published", "updated", "unpublished", "deleted")
    type = one_of(*CONTENT_TYPES)
    id = serializers.IntegerField()
    slug = serializers.SlugField()
    path = serializers.CharField()
    url = serializers.URLField()
    at = serializers.DateTimeField()
