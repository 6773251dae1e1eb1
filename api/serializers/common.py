"""Shapes shared by several responses: errors, images, taxonomy, references, people."""

from __future__ import annotations

from rest_framework import serializers

from articles.choices import EvidenceLevel, StudyType

from .fields import one_of


class ErrorDetailSerializer(serializers.Serializer):
    status = serializers.IntegerField(help_text="The HTTP status, repeated.")
    code = serializers.CharField(
        help_text="Machine-readable: invalid_parameter, unknown_parameter, not_found, "
        "method_not_allowed, not_acceptable, throttled, invalid_token, token_expired, server_error."
    )
    message = serializers.CharField(help_text="What was wrong, for a developer.")
    details = serializers.DictField(help_text='e.g. {"parameter": "limit", "minimum": 1, "maximum": 100}')


class ErrorSerializer(serializers.Serializer):
    """`{"error": {"status": 400, "code": "invalid_parameter", "message": "...", "details": {}}}`"""

    error = ErrorDetailSerializer()


class ChoiceSerializer(serializers.Serializer):
    """`{"value": "35-44", "label": "35–44"}`"""

    value = serializers.CharField()
    label = serializers.CharField()


class RenditionSerializer(serializers.Serializer):
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    url = serializers.URLField(help_text="Absolute URL of this size.")


class FocalPointSerializer(serializers.Serializer):
    """Centre and size of the important area, in pixels of the original image."""

    x = serializers.IntegerField()
    y = serializers.IntegerField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()


class ImageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    alt = serializers.CharField(allow_blank=True, help_text="Empty for decorative images.")
    decorative = serializers.BooleanField()
    credit = serializers.CharField(allow_blank=True)
    width = serializers.IntegerField(help_text="Original width in pixels.")
    height = serializers.IntegerField(help_text="Original height in pixels.")
    focal_point = FocalPointSerializer(allow_null=True)
    url = serializers.URLField(help_text="A medium-sized rendition, for a plain <img src>.")
    renditions = RenditionSerializer(many=True, help_text="Ascending widths, for srcset.")


class TopicSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class TreatmentSerializer(TopicSerializer):
    pass


class ConditionSerializer(TopicSerializer):
    icd10_code = serializers.CharField(allow_blank=True)
    icd11_code = serializers.CharField(allow_blank=True)


class ReferenceSerializer(serializers.Serializer):
    number = serializers.IntegerField(allow_null=True, help_text="Citation number on this page.")
    authors = serializers.CharField()
    title = serializers.CharField()
    container_title = serializers.CharField(allow_blank=True, help_text="Journal or publisher.")
    year = serializers.IntegerField(allow_null=True)
    citation_details = serializers.CharField(allow_blank=True, help_text="Volume, issue, pages.")
    doi = serializers.CharField(allow_blank=True)
    pmid = serializers.CharField(allow_blank=True)
    url = serializers.CharField(allow_blank=True)
    study_type = one_of(*StudyType.values)
    study_type_label = serializers.CharField()
    evidence_level = one_of(*EvidenceLevel.values)
    verified = serializers.BooleanField(help_text="False: not yet checked against the publisher's record.")
    summary = serializers.CharField(allow_blank=True)
    note = serializers.CharField(allow_blank=True, help_text="What this source supports here.")


class PersonSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    credentials = serializers.CharField(allow_blank=True)
    role = serializers.CharField(allow_blank=True)
    specialty = serializers.CharField(allow_blank=True)
    bio = serializers.CharField(allow_blank=True)
    conflict_of_interest = serializers.CharField(allow_blank=True)
    photo = ImageSerializer(allow_null=True)


class GlossaryEntrySerializer(serializers.Serializer):
    slug = serializers.SlugField()
    term = serializers.CharField()
    short_definition = serializers.CharField()
    long_definition = serializers.CharField(allow_blank=True)


class ReviewerSerializer(serializers.Serializer):
    name = serializers.CharField()
    credentials = serializers.CharField(allow_blank=True)
    specialty = serializers.CharField(allow_blank=True)


class ReviewSerializer(serializers.Serializer):
    """Medical review, computed per request: `review_status` moves with the calendar."""

    reviewed_by = ReviewerSerializer(allow_null=True)
    last_reviewed_at = serializers.DateTimeField(allow_null=True)
    next_review_due = serializers.DateField(allow_null=True)
    review_status = serializers.ChoiceField(
        choices=["current", "due_soon", "overdue", "changed_since_review"], allow_null=True
    )


class SeoSerializer(serializers.Serializer):
    title = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
