"""Putting back the migrated database state after transactional tests (DESIGN.md §8).

`transactional_db` and `live_server` flush every table after each test, which also removes what
migrations created (Wagtail's root page, default site, root collection, the role groups and the
review workflow). Test modules that use them restore the state pytest-django serialised at
database creation, through this one function.
"""

from __future__ import annotations

import json

from django.contrib.contenttypes.models import ContentType
from django.db import connection


def load_migrated_state(contents: str) -> None:
    """Load the serialized migrated state into empty tables, content types first.

    Building a Wagtail `Task` subclass from its serialized row looks up (and, if missing,
    creates) its content type; with the table still empty that row collides with the serialized
    one ("duplicate key ... django_content_type"). Cached ids may be stale after a flush too."""
    ContentType.objects.clear_cache()
    content_types = [row for row in json.loads(contents) if row["model"] == "contenttypes.contenttype"]
    connection.creation.deserialize_db_from_string(json.dumps(content_types))
    connection.creation.deserialize_db_from_string(contents)
