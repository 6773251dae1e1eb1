"""Article, case story and guide: listing entries and whole pages."""

from __future__ import annotations

from rest_framework import serializers

from articles.choices import Audience, CaseSource, DownloadFormat, EvidenceLevel

from .blocks import ArticleBodyField, GuideStepsField, PageLinkSerializer
from .common import (
    ChoiceSerializer,
    ConditionSerializer,
    GlossaryEntrySerializer,
    ImageSerializer,
    PersonSerializer,
    ReferenceSerializer,
    ReviewSerializer,
    SeoSerializer,
    TopicSerializer,
    TreatmentSerializer,
)
from .fields import constant, one_of


def _page_fields(type_name: str) -> dict[str, serializers.Field]:
    return {
        "type": constant(type_name),
        "id": serializers.IntegerField(),
        "slug": serializers.SlugField(),
        "title": serializers.CharField(),
        "summary": serializers.CharField(),
        "path": serializers.CharField(help_text="Frontend path, e.g. /articles/ketamine-for-ptsd/"),
        "url": serializers.URLField(help_text="Absolute frontend URL (FRONTEND_BASE_URL + path)."),
        "first_published_at": serializers.DateTimeField(allow_null=True),
        "last_published_at": serializers.DateTimeField(allow_null=True),
    }


def _serializer(name: str, type_name: str, fields: dict[str, serializers.Field], doc: str):
    return type(
        name,
        (serializers.Serializer,),
        {**_page_fields(type_name), **fields, "__doc__": doc, "__module__": __name__},
    )


ArticleSummarySerializer = _serializer(
    "ArticleSummary",
    "article",
    {
        "audience": one_of(*Audience.values),
        "evidence_level": one_of(*EvidenceLevel.values),
        "reading_time_minutes": serializers.IntegerField(min_value=1),
        "hero_image": ImageSerializer(allow_null=True),
        "topics": TopicSerializer(many=True),
        "conditions": ConditionSerializer(many=True),
        "treatments": TreatmentSerializer(many=True),
        "review": ReviewSerializer(),
    },
    "An article in a listing.",
)


class JsonLdField(serializers.DictField):
    """schema.org MedicalWebPage (JSON-LD), ready for a <script type="application/ld+json">."""


ArticleSerializer = _serializer(
    "Article",
    "article",
    {
        "audience": one_of(*Audience.values),
        "evidence_level": one_of(
            *EvidenceLevel.values, help_text="The strongest level among the reference list."
        ),
        "reading_time_minutes": serializers.IntegerField(min_value=1),
        "seo": SeoSerializer(),
        "hero_image": ImageSerializer(allow_null=True),
        "topics": TopicSerializer(many=True),
        "conditions": ConditionSerializer(many=True),
        "treatments": TreatmentSerializer(many=True),
        "authors": PersonSerializer(many=True),
        "body": ArticleBodyField(),
        "references": ReferenceSerializer(many=True, help_text="Numbered in reference-list order."),
        "glossary": GlossaryEntrySerializer(many=True, help_text="Glossary terms used in the text."),
        "json_ld": JsonLdField(),
        "review": ReviewSerializer(),
    },
    "A whole article.",
)

CaseStorySummarySerializer = _serializer(
    "CaseStorySummary",
    "case_story",
    {
        "age_band": ChoiceSerializer(),
        "conditions": ConditionSerializer(many=True),
        "treatment": TreatmentSerializer(allow_null=True),
        "review": ReviewSerializer(),
    },
    "A case story in a listing.",
)


class PatientSerializer(serializers.Serializer):
    """Bands and contexts only; never names, dates or places."""

    age_band = ChoiceSerializer()
    sex = ChoiceSerializer(allow_null=True)
    context = serializers.CharField(allow_blank=True)


class InterventionSerializer(serializers.Serializer):
    treatment = TreatmentSerializer(allow_null=True)
    route = ChoiceSerializer(allow_null=True)
    dose_descriptor = serializers.CharField(allow_blank=True)
    setting = serializers.CharField(allow_blank=True)
    number_of_sessions = serializers.IntegerField(allow_null=True)


class OutcomeSerializer(serializers.Serializer):
    domain = serializers.CharField()
    change = serializers.CharField()


class EffectDurationSerializer(serializers.Serializer):
    min_days = serializers.IntegerField(allow_null=True)
    max_days = serializers.IntegerField(allow_null=True)


class CaseSourceSerializer(serializers.Serializer):
    kind = one_of(*CaseSource.values)
    reference = ReferenceSerializer(allow_null=True, help_text="The published case report.")
    needs_verification = serializers.BooleanField()


CaseStorySerializer = _serializer(
    "CaseStory",
    "case_story",
    {
        "patient": PatientSerializer(),
        "conditions": ConditionSerializer(many=True),
        "comorbidities": ConditionSerializer(many=True),
        "prior_treatments": TreatmentSerializer(many=True),
        "prior_treatments_note": serializers.CharField(allow_blank=True),
        "intervention": InterventionSerializer(),
        "outcomes": OutcomeSerializer(many=True),
        "time_to_effect": serializers.CharField(allow_blank=True),
        "effect_duration": EffectDurationSerializer(),
        "follow_up": serializers.CharField(allow_blank=True),
        "narrative": serializers.CharField(help_text="Display HTML."),
        "patient_perspective": serializers.CharField(allow_blank=True),
        "disclosure": serializers.CharField(help_text="'Individual results vary' statement to show."),
        "source": CaseSourceSerializer(),
        "articles": PageLinkSerializer(many=True, help_text="Live articles about the evidence."),
        "glossary": GlossaryEntrySerializer(many=True),
        "review": ReviewSerializer(),
    },
    "A whole case story: structured after the CARE checklist, never identifying.",
)

GuideSummarySerializer = _serializer(
    "GuideSummary",
    "guide",
    {
        "audience": one_of(*Audience.values),
        "hero_image": ImageSerializer(allow_null=True),
        "topics": TopicSerializer(many=True),
        "treatments": TreatmentSerializer(many=True),
        "formats": serializers.ListField(child=one_of(*DownloadFormat.values)),
        "review": ReviewSerializer(),
    },
    "A guide in a listing.",
)


class DownloadSerializer(serializers.Serializer):
    format = ChoiceSerializer()
    url = serializers.URLField(allow_null=True)
    size_bytes = serializers.IntegerField(allow_null=True)
    language = serializers.CharField(help_text="BCP 47 tag, e.g. en, es, fr-CA.")
    version = serializers.CharField(allow_blank=True)


GuideSerializer = _serializer(
    "Guide",
    "guide",
    {
        "audience": one_of(*Audience.values),
        "hero_image": ImageSerializer(allow_null=True),
        "topics": TopicSerializer(many=True),
        "treatments": TreatmentSerializer(many=True),
        "steps": GuideStepsField(),
        "downloads": DownloadSerializer(many=True),
        "glossary": GlossaryEntrySerializer(many=True),
        "review": ReviewSerializer(),
    },
    "A whole guide.",
)
