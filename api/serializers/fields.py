"""Field helpers for the OpenAPI description of responses."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field

from rest_framework import serializers


def constant(value: str, help_text: str = "") -> serializers.Field:
    """A string that is always `value`: a one-value enum in the schema, so each variant of a
    polymorphic list validates with plain JSON Schema (without the discriminator)."""
    field_class = extend_schema_field({"type": "string", "enum": [value]})(
        type(f"Constant{value.title().replace('_', '')}Field", (serializers.CharField,), {})
    )
    return field_class(help_text=help_text or f'Always "{value}".')


def one_of(*values: str, help_text: str = "") -> serializers.Field:
    field_class = extend_schema_field({"type": "string", "enum": list(values)})(
        type("EnumField", (serializers.CharField,), {})
    )
    return field_class(help_text=help_text)


def nullable(field: serializers.Field) -> serializers.Field:
    field.allow_null = True
    return field
