"""`manage.py api_examples --docs docs/api.md`: rewrite the example responses in the API docs from
the content in the database (`make api-examples` runs it against a fresh copy of the demo content).

Each example in the docs sits between `<!-- example: NAME -->` and `<!-- /example -->`; NAME is a
key of EXAMPLES. Examples are fetched in-process through the real URL routing (throttling and the
response cache off), and long lists are trimmed so the docs stay readable.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.test import Client, override_settings

CMS_HOST = "127.0.0.1:8000"
MAX_ITEMS = 2
MAX_BODY_BLOCKS = 6

# name → request path; the order is the order in the docs.
EXAMPLES: dict[str, str] = {
    "articles-list": "/api/v1/articles/?limit=2",
    "article-detail": "/api/v1/articles/ketamine-for-ptsd/",
    "case-stories-list": "/api/v1/case-stories/?limit=2",
    "case-story-detail": "/api/v1/case-stories/ketamine-infusions-young-adult-ptsd/",
    "guides-list": "/api/v1/guides/",
    "guide-detail": "/api/v1/guides/ketamine-therapy-step-by-step-guide/",
    "topics": "/api/v1/topics/",
    "conditions": "/api/v1/conditions/",
    "treatments": "/api/v1/treatments/",
    "condition-detail": "/api/v1/conditions/ptsd/",
    "glossary": "/api/v1/glossary/?limit=2",
    "glossary-term": "/api/v1/glossary/dissociation/",
    "search": "/api/v1/search/?q=ketamine&limit=2",
    "resolve": "/api/v1/resolve/?path=/articles/ketamine-for-ptsd/",
    "sitemap": "/api/v1/sitemap/?limit=3",
    "changes": "/api/v1/changes/?since=2000-01-01&limit=2",
    # A draft: the token is made for the newest article that is not live (the demo's article in
    # review), the way the admin's Preview makes one.
    "preview": "/api/v1/preview/?token=<token>",
    "error": "/api/v1/articles/?limit=500",
}

BLOCK = re.compile(r"(<!-- example: (?P<name>[a-z0-9-]+) -->\n)(?P<body>.*?)(<!-- /example -->)", re.DOTALL)


def fetch_examples(names: list[str] | None = None) -> dict[str, tuple[str, Any]]:
    """name → (request path, trimmed JSON body) for each example."""
    client = Client(HTTP_HOST=CMS_HOST)
    examples = {}
    with override_settings(
        API_THROTTLE_ANON="off",
        API_THROTTLE_SEARCH="off",
        API_THROTTLE_PREVIEW="off",
        API_RESPONSE_CACHE=False,
    ):
        for name, path in EXAMPLES.items():
            if names and name not in names:
                continue
            if "<token>" in path:
                request_path, shown_path = path.replace("<token>", preview_token()), path
            else:
                request_path, shown_path = path, path
            response = client.get(request_path)
            if not response["Content-Type"].startswith("application/json"):
                raise CommandError(f"{path} answered {response.status_code} {response['Content-Type']}")
            examples[name] = (shown_path, trim(response.json()))
    return examples


def preview_token() -> str:
    """A token for a preview of the newest article draft, as the admin's Preview would make."""
    from articles.models import ArticlePage

    from ...models import PreviewSnapshot
    from ...preview import make_token

    page = ArticlePage.objects.filter(live=False).order_by("-pk").first() or ArticlePage.objects.last()
    if page is None:
        raise CommandError("No article to preview: load the demo content first.")
    draft = page.get_latest_revision_as_object()
    snapshot = PreviewSnapshot.objects.create(page_id=page.pk, payload=draft.get_preview_payload())
    return make_token(page.pk, snapshot.pk)


def trim(value: Any, key: str | None = None) -> Any:
    """Shorten long lists (results, body blocks) so an example shows the shape, not everything."""
    if isinstance(value, dict):
        return {child_key: trim(child, child_key) for child_key, child in value.items()}
    if isinstance(value, list):
        limit = MAX_BODY_BLOCKS if key in ("body", "steps") else MAX_ITEMS
        if key == "json_ld" or len(value) <= limit + 1:
            return [trim(item) for item in value]
        return [trim(item) for item in value[:limit]] + [f"… {len(value) - limit} more"]
    return value


def render(path: str, body: Any) -> str:
    return f"`GET {path}`\n\n```json\n{compact_json(body)}\n```\n"


def compact_json(value: Any, indent: int = 0, width: int = 110) -> str:
    """Indented JSON that keeps any object or list fitting in `width` columns on one line."""
    flat = json.dumps(value, ensure_ascii=False)
    if len(flat) + indent <= width or not isinstance(value, (dict, list)) or not value:
        return flat
    inner = " " * (indent + 2)
    if isinstance(value, dict):
        items = [
            f"{inner}{json.dumps(key, ensure_ascii=False)}: {compact_json(child, indent + 2, width)}"
            for key, child in value.items()
        ]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    items = [inner + compact_json(child, indent + 2, width) for child in value]
    return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"


class Command(BaseCommand):
    help = "Rewrite the example responses in the API docs from the content in this database."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--docs", default="docs/api.md", help="Markdown file with example markers.")

    def handle(self, *args, docs: str, **options) -> None:
        # The error example is a deliberate 400: keep Django's request log quiet about it.
        logging.getLogger("django.request").setLevel(logging.ERROR)
        target = Path(docs)
        text = target.read_text()
        wanted = [match["name"] for match in BLOCK.finditer(text)]
        unknown = sorted(set(wanted) - set(EXAMPLES))
        if unknown:
            raise CommandError(f"{docs} has example markers this command does not know: {unknown}")
        examples = fetch_examples(wanted)

        def replace(match: re.Match) -> str:
            path, body = examples[match["name"]]
            return match.group(1) + render(path, body) + match.group(4)

        target.write_text(BLOCK.sub(replace, text))
        self.stdout.write(f"Rewrote {len(wanted)} examples in {docs}.")
