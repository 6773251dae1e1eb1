"""Topics, conditions, treatments (with counts of live content) and the glossary."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view

from django.db.models import Count, Q, QuerySet
from rest_framework.mixins import ListModelMixin, RetrieveModelMixin
from rest_framework.request import Request
from rest_framework.response import Response

from wagtail.models import Page

from articles.models import ArticlePage, CaseStoryPage, GlossaryTerm, GuidePage

from ..errors import NotFound
from ..freshness import content_changed_at
from ..live import live_pages
from ..schema import DETAIL_ERRORS, LIST_ERRORS
from ..serializers import (
    ConditionEntrySerializer,
    GlossaryTermSerializer,
    TopicEntrySerializer,
    TreatmentEntrySerializer,
)
from .base import V1ViewSet


class RecordViewSet(ListModelMixin, RetrieveModelMixin, V1ViewSet):
    lookup_field = "slug"
    lookup_value_regex = "[^/]+"
    noun = "record"
    #: count name → (relation on the record, page model): only live pages are counted.
    counted: dict[str, tuple[str, type[Page]]] = {}
    ordering = ("name", "pk")

    def get_queryset(self) -> QuerySet:
        model = self.get_serializer_class().Meta.model
        counts = {
            f"{name}_count": Count(
                relation, filter=Q(**{f"{relation}__in": live_pages(page_model).values("pk")}), distinct=True
            )
            for name, (relation, page_model) in self.counted.items()
        }
        return model.objects.annotate(**counts).order_by(*self.ordering)

    def get_object(self):
        slug = self.kwargs[self.lookup_field]
        found = self.get_queryset().filter(slug=slug).first()
        if found is None:
            raise NotFound(f"No {self.noun} has the slug '{slug[:100]}'.", details={"slug": slug[:100]})
        return found

    def list(self, request: Request, *args, **kwargs) -> Response:
        self.last_modified = content_changed_at()
        return super().list(request, *args, **kwargs)

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        self.last_modified = content_changed_at()
        return super().retrieve(request, *args, **kwargs)


def _documented(name: str, serializer):
    return extend_schema_view(
        list=extend_schema(summary=f"List {name}", responses={200: serializer(many=True), **LIST_ERRORS}),
        retrieve=extend_schema(summary=f"One {name[:-1]}", responses={200: serializer, **DETAIL_ERRORS}),
    )


@_documented("topics", TopicEntrySerializer)
class TopicViewSet(RecordViewSet):
    serializer_class = TopicEntrySerializer
    noun = "topic"
    counted = {"articles": ("articles", ArticlePage), "guides": ("guides", GuidePage)}


@_documented("conditions", ConditionEntrySerializer)
class ConditionViewSet(RecordViewSet):
    serializer_class = ConditionEntrySerializer
    noun = "condition"
    counted = {"articles": ("articles", ArticlePage), "case_stories": ("case_stories", CaseStoryPage)}


@_documented("treatments", TreatmentEntrySerializer)
class TreatmentViewSet(RecordViewSet):
    serializer_class = TreatmentEntrySerializer
    noun = "treatment"
    counted = {
        "articles": ("articles", ArticlePage),
        "case_stories": ("case_stories", CaseStoryPage),
        "guides": ("guides", GuidePage),
    }


@_documented("terms", GlossaryTermSerializer)
class GlossaryViewSet(RecordViewSet):
    serializer_class = GlossaryTermSerializer
    noun = "glossary term"
    ordering = ("term", "pk")

    def get_queryset(self) -> QuerySet:
        return GlossaryTerm.objects.order_by(*self.ordering)
