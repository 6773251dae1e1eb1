"""API v1 routes: registration only."""

from rest_framework.routers import SimpleRouter

from . import views


class V1Router(SimpleRouter):
    # /articles/ and /articles/<slug>/ only; a trailing slash is required, as on Wagtail's v2.
    include_format_suffixes = False


router = V1Router()
router.register("articles", views.ArticleViewSet, basename="article")
router.register("case-stories", views.CaseStoryViewSet, basename="case-story")
router.register("guides", views.GuideViewSet, basename="guide")
router.register("topics", views.TopicViewSet, basename="topic")
router.register("conditions", views.ConditionViewSet, basename="condition")
router.register("treatments", views.TreatmentViewSet, basename="treatment")
router.register("glossary", views.GlossaryViewSet, basename="glossary-term")
router.register("search", views.SearchViewSet, basename="search")
router.register("resolve", views.ResolveViewSet, basename="resolve")
router.register("preview", views.PreviewViewSet, basename="preview")
router.register("sitemap", views.SitemapViewSet, basename="sitemap")
router.register("changes", views.ChangesViewSet, basename="changes")
