"""Load the whole demo data set in one transaction. Safe to run any number of times."""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.test.utils import override_settings

from wagtail.models import Page

from ..models import ArticlePage
from ..site_tree import ensure_site_tree
from .content import article as article_content
from .content.case_stories import CASE_STORIES
from .documents import ensure_guide_documents
from .in_review import ensure_article_in_review
from .keys import ImageKey, Key, PageKey, RefKey
from .media import ensure_images
from .pages import PageSpec, sync_page
from .publishing import publish_reviewed
from .records import (
    ensure_people,
    ensure_references,
    ensure_safety_settings,
    ensure_taxonomy,
)
from .report import STATUSES, LoadReport, Status
from .specs import article_spec, case_story_spec, guide_spec
from .users import ensure_demo_users


def _stronger(first: Status, second: Status) -> Status:
    # A page synced twice in one run reports its most significant outcome ("created" wins).
    return min(first, second, key=STATUSES.index)


def load_demo_content(*, reset: bool = False) -> LoadReport:
    """Create whatever demo content is missing; with `reset`, also restore edited demo content.

    Users are always brought back to their documented usernames, groups and passwords.
    """
    # The loader approves its own pages: workflow notification e-mails would only be noise.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        return _load(reset=reset)


@transaction.atomic
def _load(*, reset: bool) -> LoadReport:
    report = LoadReport()
    tree = ensure_site_tree()
    users = ensure_demo_users(report)
    references = ensure_references(report, overwrite=reset)
    taxonomy = ensure_taxonomy(report, overwrite=reset)
    people = ensure_people(report, users, overwrite=reset)
    image_ids = ensure_images(report, overwrite=reset)
    documents = ensure_guide_documents(report, overwrite=reset)
    ensure_safety_settings(tree.home.get_site(), report, overwrite=reset)

    pages: dict[str, Page] = {}
    statuses: dict[str, tuple[str, Status]] = {}

    def lookup(key: Key) -> int:
        if isinstance(key, RefKey):
            return references[key.key].pk
        if isinstance(key, ImageKey):
            return image_ids[key.key]
        if isinstance(key, PageKey):
            return pages[key.key].pk
        raise TypeError(key)

    publish = partial(publish_reviewed, writer=users.writer, editor=users.editor, reviewer=users.reviewer)

    def sync(kind: str, parent: Page, spec: PageSpec, *, overwrite: bool) -> Page:
        page, status = sync_page(parent, spec, publish, overwrite=overwrite)
        pages[spec.slug] = page
        previous = statuses.get(spec.slug, (kind, "kept"))[1]
        statuses[spec.slug] = (kind, _stronger(previous, status))
        return page

    # Order matters: the article embeds the case stories and the guide, which must be live first.
    existing_article = ArticlePage.objects.filter(slug=article_content.SLUG).first()
    for row in CASE_STORIES:
        spec = case_story_spec(row, taxonomy, references, existing_article)
        sync("Case stories", tree.case_stories, spec, overwrite=reset)
    sync("Guides", tree.guides, guide_spec(taxonomy, image_ids, documents, lookup), overwrite=reset)
    article = sync(
        "Articles",
        tree.articles,
        article_spec(taxonomy, people, references, image_ids, lookup),
        overwrite=reset,
    )
    # Second pass: stories created in this run now link back to the article.
    for row in CASE_STORIES:
        created_now = statuses[row["slug"]][1] == "created"
        spec = case_story_spec(row, taxonomy, references, article)
        sync("Case stories", tree.case_stories, spec, overwrite=reset or created_now)

    for kind, status in statuses.values():
        report.record(kind, status)
    ensure_article_in_review(tree.articles, users, report)
    return report
