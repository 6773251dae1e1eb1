"""API v1 viewsets; `api.router` registers them."""

from .content import ArticleViewSet, CaseStoryViewSet, GuideViewSet
from .feeds import ChangesViewSet, SearchViewSet, SitemapViewSet
from .preview import PreviewViewSet
from .resolve import ResolveViewSet
from .taxonomy import ConditionViewSet, GlossaryViewSet, TopicViewSet, TreatmentViewSet

__all__ = [
    "ArticleViewSet",
    "CaseStoryViewSet",
    "ChangesViewSet",
    "ConditionViewSet",
    "GlossaryViewSet",
    "GuideViewSet",
    "PreviewViewSet",
    "ResolveViewSet",
    "SearchViewSet",
    "SitemapViewSet",
    "TopicViewSet",
    "TreatmentViewSet",
]
