"""The draft preview response: a page type's detail body plus a `preview` block."""

from __future__ import annotations

from drf_spectacular.utils import PolymorphicProxySerializer

from rest_framework import serializers

from .pages import ArticleSerializer, CaseStorySerializer, GuideSerializer


class PreviewInfoSerializer(serializers.Serializer):
    """`{"created_at": "...", "expires_at": "..."}`: present only on previews, so a frontend can
    label the page as an unpublished draft and know when the link stops working."""

    created_at = serializers.DateTimeField(help_text="When the editor pressed Preview.")
    expires_at = serializers.DateTimeField(help_text="When this token stops working.")


def _with_preview(base: type[serializers.Serializer], name: str) -> type[serializers.Serializer]:
    return type(
        name,
        (base,),
        {
            "preview": PreviewInfoSerializer(),
            "__doc__": f"{base.__doc__.rstrip('.')}, as a draft preview.",
            "__module__": __name__,
        },
    )


PreviewPageSerializer = PolymorphicProxySerializer(
    component_name="PreviewPage",
    serializers={
        "article": _with_preview(ArticleSerializer, "ArticlePreview"),
        "case_story": _with_preview(CaseStorySerializer, "CaseStoryPreview"),
        "guide": _with_preview(GuideSerializer, "GuidePreview"),
    },
    resource_type_field_name="type",
)
