"""One filter backend per query parameter. Each declares its parameter for the OpenAPI schema, and
the v1 base view accepts exactly the parameters its backends declare (anything else is a 400)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Exists, F, Model, OuterRef, Q, QuerySet
from django.utils import timezone
from rest_framework.filters import BaseFilterBackend
from rest_framework.request import Request

from articles.choices import Audience, EvidenceLevel
from articles.models import Condition, ReviewRecord, Topic, Treatment
from articles.review.currency import DUE_SOON_DAYS, ReviewStatus

from .errors import InvalidParameter
from .params import parse_choice, parse_slugs, parse_timestamp, single_value


class QueryParameterFilter(BaseFilterBackend):
    parameter: str = ""
    description: str = ""
    schema: dict[str, Any] = {"type": "string"}

    def filter_queryset(self, request: Request, queryset: QuerySet, view: Any) -> QuerySet:
        raw = single_value(request, self.parameter)
        if raw is None:
            return queryset
        return self.apply(queryset, raw, view)

    def apply(self, queryset: QuerySet, raw: str, view: Any) -> QuerySet:
        raise NotImplementedError

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": self.parameter,
                "required": False,
                "in": "query",
                "description": self.description,
                "schema": self.schema,
            }
        ]


class TaxonomyFilter(QueryParameterFilter):
    """`?topic=a,b`: content tagged with any of the slugs. An unknown slug is a 400."""

    model: type[Model]
    relation: str
    schema = {"type": "string", "pattern": r"^[-a-zA-Z0-9_]+(,[-a-zA-Z0-9_]+)*$"}

    def apply(self, queryset: QuerySet, raw: str, view: Any) -> QuerySet:
        slugs = parse_slugs(self.parameter, raw)
        ids = dict(self.model.objects.filter(slug__in=slugs).values_list("slug", "pk"))
        unknown = [slug for slug in slugs if slug not in ids]
        if unknown:
            raise InvalidParameter(self.parameter, f"unknown {self.parameter} slug(s).", unknown=unknown)
        # A subquery, not a join, so several filters never duplicate rows.
        matching = queryset.model.objects.filter(**{f"{self.relation}__in": ids.values()}).values("pk")
        return queryset.filter(pk__in=matching)


class TopicFilter(TaxonomyFilter):
    parameter = "topic"
    description = "Topic slugs, comma-separated: content with any of them."
    model = Topic
    relation = "topics"


class ConditionFilter(TaxonomyFilter):
    parameter = "condition"
    description = "Condition slugs, comma-separated: content about any of them."
    model = Condition
    relation = "conditions"


class TreatmentFilter(TaxonomyFilter):
    parameter = "treatment"
    description = "Treatment slugs, comma-separated: content about any of them."
    model = Treatment
    relation = "treatments"


class CaseStoryTreatmentFilter(TreatmentFilter):
    description = "Treatment slugs, comma-separated: stories whose intervention is any of them."
    relation = "treatment"


class AudienceFilter(QueryParameterFilter):
    parameter = "audience"
    description = "Who the content is written for."
    schema = {"type": "string", "enum": list(Audience.values)}

    def apply(self, queryset: QuerySet, raw: str, view: Any) -> QuerySet:
        return queryset.filter(audience=parse_choice(self.parameter, raw, list(Audience.values)))


class EvidenceLevelFilter(QueryParameterFilter):
    parameter = "evidence_level"
    description = (
        "Articles at this evidence level or stronger (high > moderate > low > preclinical > opinion)."
    )
    schema = {"type": "string", "enum": list(EvidenceLevel.values)}

    def apply(self, queryset: QuerySet, raw: str, view: Any) -> QuerySet:
        level = parse_choice(self.parameter, raw, list(EvidenceLevel.values))
        return queryset.filter(evidence_level__in=EvidenceLevel.at_least(level))


class ReviewStatusFilter(QueryParameterFilter):
    """`?review_status=overdue,changed_since_review`: by the live revision's review currency.

    The status is derived from today's date and the approval record, exactly as the review
    block computes it (articles.review.currency), so the filter and the block always agree.
    """

    parameter = "review_status"
    description = (
        "Review currency, comma-separated: current, due_soon (next review within "
        f"{DUE_SOON_DAYS} days), overdue, changed_since_review (a cited record changed since approval)."
    )
    schema = {
        "type": "string",
        "pattern": r"^({0})(,({0}))*$".format("|".join(ReviewStatus.ALL)),
    }

    def apply(self, queryset: QuerySet, raw: str, view: Any) -> QuerySet:
        statuses = list(dict.fromkeys(part.strip() for part in raw.split(",") if part.strip()))
        unknown = [status for status in statuses if status not in ReviewStatus.ALL]
        if unknown or not statuses:
            raise InvalidParameter(
                self.parameter, f"must be among: {', '.join(ReviewStatus.ALL)}.", unknown=unknown
            )
        today = timezone.localdate()
        soon = today + timedelta(days=DUE_SOON_DAYS)
        unchanged = Q(changed_since_review=False)
        conditions = {
            ReviewStatus.CHANGED_SINCE_REVIEW: Q(changed_since_review=True),
            ReviewStatus.OVERDUE: unchanged & Q(next_review_due__lt=today),
            ReviewStatus.DUE_SOON: unchanged & Q(next_review_due__gte=today, next_review_due__lte=soon),
            ReviewStatus.CURRENT: unchanged & Q(next_review_due__gt=soon),
        }
        matching = Q()
        for status in statuses:
            matching |= conditions[status]
        records = ReviewRecord.objects.filter(matching, revision_id=OuterRef("live_revision_id"))
        return queryset.filter(Exists(records))


class UpdatedSinceFilter(QueryParameterFilter):
    parameter = "updated_since"
    description = "Only content published or updated at or after this ISO 8601 date-time (UTC if no offset)."
    schema = {"type": "string", "format": "date-time"}

    def apply(self, queryset: QuerySet, raw: str, view: Any) -> QuerySet:
        return queryset.filter(last_published_at__gte=parse_timestamp(self.parameter, raw))


def _has_field(model: type[Model], name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


class OrderingFilter(QueryParameterFilter):
    """`?ordering=`: one of a fixed list, always with a unique tie-breaker for stable pages."""

    parameter = "ordering"
    description = "Sort order."
    orderings = ["-first_published_at", "-last_published_at", "title"]
    # Offered only once the model has the field (the medical-review work adds it).
    optional_orderings = ["-last_reviewed_at"]

    def allowed(self, view: Any) -> list[str]:
        model = view.get_queryset().model
        return self.orderings + [o for o in self.optional_orderings if _has_field(model, o.lstrip("-"))]

    def apply(self, queryset: QuerySet, raw: str, view: Any) -> QuerySet:
        ordering = parse_choice(self.parameter, raw, self.allowed(view))
        field = ordering.lstrip("-")
        if ordering.startswith("-"):
            return queryset.order_by(F(field).desc(nulls_last=True), "-pk")
        return queryset.order_by(F(field).asc(), "pk")

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        [parameter] = super().get_schema_operation_parameters(view)
        parameter["schema"] = {"type": "string", "enum": self.allowed(view), "default": "-first_published_at"}
        return [parameter]


class ContentTypeFilter(QueryParameterFilter):
    """`?type=article,guide` on mixed-type endpoints (search)."""

    parameter = "type"
    description = "Content types, comma-separated: article, case_story, guide."
    schema = {"type": "string", "pattern": r"^(article|case_story|guide)(,(article|case_story|guide))*$"}

    def apply(self, queryset: QuerySet, raw: str, view: Any) -> QuerySet:
        from .representation import PAGE_TYPES

        by_name = {name: model for model, name in PAGE_TYPES.items()}
        names = [part.strip() for part in raw.split(",") if part.strip()]
        unknown = [name for name in names if name not in by_name]
        if unknown or not names:
            raise InvalidParameter(self.parameter, f"must be among: {', '.join(by_name)}.", unknown=unknown)
        return queryset.type(*(by_name[name] for name in names))
