"""Compare and validate StreamField values written as raw JSON by demo content."""

from __future__ import annotations

from typing import Any

from wagtail.blocks import StreamValue
from wagtail.fields import StreamField


def _without_ids(data: Any) -> Any:
    # Wagtail gives every block and list item a random id; they say nothing about content.
    if isinstance(data, dict):
        return {key: _without_ids(value) for key, value in data.items() if key != "id"}
    if isinstance(data, list):
        return [_without_ids(item) for item in data]
    return data


def canonical_stream(field: StreamField, value: StreamValue | list) -> list:
    """`value` in a form that compares equal exactly when the content is the same."""
    stream = field.stream_block.to_python(value) if isinstance(value, list) else value
    # Reading `child.value` converts lazy raw data, so stored and new values end up alike.
    return _without_ids(
        [{"type": child.block_type, "value": child.block.get_prep_value(child.value)} for child in stream]
    )


def validate_stream(field: StreamField, value: StreamValue) -> None:
    """Full block validation (lengths, required alt text …), as the admin form would run it."""
    field.stream_block.clean(value)
