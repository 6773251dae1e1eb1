"""Response shapes of API v1. The content bodies are built by `api.representation`; these
serializers describe them for the OpenAPI schema (tests validate real responses against it).
Taxonomy records are serialised by them directly."""

from .common import ErrorSerializer
from .feeds import ChangeSerializer, ResolveSerializer, SearchResultSerializer, SitemapEntrySerializer
from .pages import (
    ArticleSerializer,
    ArticleSummarySerializer,
    CaseStorySerializer,
    CaseStorySummarySerializer,
    GuideSerializer,
    GuideSummarySerializer,
)
from .preview import PreviewPageSerializer
from .taxonomy import (
    ConditionEntrySerializer,
    GlossaryTermSerializer,
    TopicEntrySerializer,
    TreatmentEntrySerializer,
)

__all__ = [
    "ArticleSerializer",
    "ArticleSummarySerializer",
    "CaseStorySerializer",
    "CaseStorySummarySerializer",
    "ChangeSerializer",
    "ConditionEntrySerializer",
    "ErrorSerializer",
    "GlossaryTermSerializer",
    "GuideSerializer",
    "GuideSummarySerializer",
    "PreviewPageSerializer",
    "ResolveSerializer",
    "SearchResultSerializer",
    "SitemapEntrySerializer",
    "TopicEntrySerializer",
    "TreatmentEntrySerializer",
]
