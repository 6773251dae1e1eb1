"""Taxonomy and glossary records, serialised directly (they have no drafts)."""

from __future__ import annotations

from rest_framework import serializers

from articles.models import Condition, GlossaryTerm, Topic, Treatment


def _counts_serializer(name: str, kinds: tuple[str, ...]) -> type[serializers.Serializer]:
    fields = {
        kind: serializers.IntegerField(source=f"{kind}_count", min_value=0, help_text=f"Live {kind}.")
        for kind in kinds
    }
    return type(name, (serializers.Serializer,), {**fields, "__module__": __name__})


TopicCounts = _counts_serializer("TopicCounts", ("articles", "guides"))
ConditionCounts = _counts_serializer("ConditionCounts", ("articles", "case_stories"))
TreatmentCounts = _counts_serializer("TreatmentCounts", ("articles", "case_stories", "guides"))


class TopicEntrySerializer(serializers.ModelSerializer):
    counts = TopicCounts(source="*", help_text="How much live content uses this topic.")

    class Meta:
        model = Topic
        fields = ["slug", "name", "description", "counts"]


class ConditionEntrySerializer(serializers.ModelSerializer):
    counts = ConditionCounts(source="*", help_text="Live content about this condition.")

    class Meta:
        model = Condition
        fields = ["slug", "name", "description", "icd10_code", "icd11_code", "counts"]


class TreatmentEntrySerializer(serializers.ModelSerializer):
    counts = TreatmentCounts(source="*", help_text="Live content about this treatment.")

    class Meta:
        model = Treatment
        fields = ["slug", "name", "description", "counts"]


class GlossaryTermSerializer(serializers.ModelSerializer):
    class Meta:
        model = GlossaryTerm
        fields = ["slug", "term", "short_definition", "long_definition"]
