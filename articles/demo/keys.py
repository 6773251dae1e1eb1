"""Symbolic pointers from demo content to rows the loader creates.

Content modules cannot know database ids, so they name references, images and pages by a key;
`resolve()` swaps the keys for primary keys just before a value is stored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RefKey:
    """An `articles.Reference`, by its key in `content.references`."""

    key: str


@dataclass(frozen=True)
class ImageKey:
    """A `MedicalImage`, by its key in `content.images`."""

    key: str


@dataclass(frozen=True)
class PageKey:
    """A demo page, by its slug."""

    key: str


Key = RefKey | ImageKey | PageKey


def resolve(value: Any, lookup: Callable[[Key], int]) -> Any:
    """A deep copy of `value` with every key replaced by `lookup(key)`."""
    if isinstance(value, RefKey | ImageKey | PageKey):
        return lookup(value)
    if isinstance(value, dict):
        return {name: resolve(item, lookup) for name, item in value.items()}
    if isinstance(value, list | tuple):
        return [resolve(item, lookup) for item in value]
    return value


def keys_in(value: Any, kind: type) -> list:
    """Every key of `kind` in `value`, in document order (duplicates kept)."""
    if isinstance(value, kind):
        return [value]
    if isinstance(value, dict):
        return [found for item in value.values() for found in keys_in(item, kind)]
    if isinstance(value, list | tuple):
        return [found for item in value for found in keys_in(item, kind)]
    return []
