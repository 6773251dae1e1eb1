"""A stable fingerprint of a revision's content, to bind an approval to exact bytes (DESIGN.md §4)."""

import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder

from wagtail.models import Revision


def revision_content_hash(revision: Revision) -> str:
    canonical = json.dumps(revision.content, sort_keys=True, separators=(",", ":"), cls=DjangoJSONEncoder)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
