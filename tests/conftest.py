"""Shared fixtures: the page tree, users and small content factories. Real database, real cache, no mocks."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client

from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from articles.choices import AgeBand, CaseSource, StudyType
from articles.models import (
    ArticlePage,
    ArticlePageReference,
    CaseStoryConsent,
    CaseStoryPage,
    GuidePage,
    MedicalImage,
    Reference,
    ReviewRecord,
)
from articles.review.service import publish_through_review
from articles.site_tree import SiteTree, ensure_site_tree

from .factories import credentialed_reviewer, role_user, with_disclaimer
from .helpers import paragraph_block


@pytest.fixture(autouse=True)
def _clear_cache():
    # The cache backend is real (local memory or Redis): start every test from empty.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what a committed transaction would run afterwards (the cache invalidation)."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


@pytest.fixture
def site_tree(db) -> SiteTree:
    return ensure_site_tree()


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser(
        username="admin", email="admin@example.org", password="unused-in-tests"
    )


@pytest.fixture
def superuser_client(client: Client, superuser) -> Client:
    # force_login: django-axes (if enabled) breaks Client.login() (DESIGN.md §8).
    client.force_login(superuser)
    return client


@pytest.fixture
def review_team(site_tree) -> dict:
    """A writer, an editor and a credentialed medical reviewer; the site has its disclaimer."""
    with_disclaimer()
    return {
        "writer": role_user("wren.writer", "Writers"),
        "editor": role_user("eddie.editor", "Editors"),
        "reviewer": credentialed_reviewer(),
    }


@pytest.fixture
def publish_reviewed(review_team) -> Callable[[Page], ReviewRecord]:
    """Take a page through the review workflow (the only way it goes live); returns the approval."""

    def publish(page: Page) -> ReviewRecord:
        record = publish_through_review(page, **review_team)
        page.refresh_from_db()
        return record

    return publish


@pytest.fixture
def make_reference(db) -> Callable[..., Reference]:
    """Create a Reference; defaults describe a verified RCT, any field can be overridden."""
    counter = iter(range(1, 10_000))

    def make(**fields: Any) -> Reference:
        number = next(counter)
        values = {
            "authors": f"Author{number} A, Coauthor B",
            "title": f"A trial of ketamine for depression, part {number}",
            "container_title": "JAMA Psychiatry",
            "year": 2014,
            "study_type": StudyType.RCT,
            "verified": True,
        }
        values.update(fields)
        return Reference.objects.create(**values)

    return make


@pytest.fixture
def reference(make_reference) -> Reference:
    return make_reference()


@pytest.fixture
def image(db) -> MedicalImage:
    return MedicalImage.objects.create(title="Brain scan", file=get_test_image_file())


@pytest.fixture
def make_article(site_tree: SiteTree) -> Callable[..., ArticlePage]:
    """Create a draft ArticlePage under /articles/ with valid minimal content.

    `body` is a list of (block type, raw value) pairs; `references` become the reference list.
    """

    def make(
        slug: str = "ketamine-and-depression",
        *,
        body: list[tuple] | None = None,
        references: list[Reference] = (),
        **fields: Any,
    ) -> ArticlePage:
        page = ArticlePage(
            title=fields.pop("title", slug.replace("-", " ").capitalize()),
            slug=slug,
            summary=fields.pop("summary", "What the evidence says."),
            body=body if body is not None else [paragraph_block()],
            live=False,
            **fields,
        )
        page.reference_links = [ArticlePageReference(reference=ref) for ref in references]
        site_tree.articles.add_child(instance=page)
        return page

    return make


@pytest.fixture
def make_guide(site_tree: SiteTree) -> Callable[..., GuidePage]:
    """Create a draft GuidePage under /guides/ with one step."""

    def make(slug: str = "preparing-for-an-infusion", **fields: Any) -> GuidePage:
        values = {
            "title": slug.replace("-", " ").capitalize(),
            "summary": "What to expect on the day.",
            "steps": [("step", {"title": "Eat lightly", "body": "<p>Before you come.</p>", "image": None})],
            "live": False,
        }
        values.update(fields)
        page = GuidePage(slug=slug, **values)
        site_tree.guides.add_child(instance=page)
        return page

    return make


@pytest.fixture
def make_case_story(site_tree: SiteTree, make_reference) -> Callable[..., CaseStoryPage]:
    """Create a draft CaseStoryPage under /case-stories/.

    Defaults to a published case report citing its source; pass `source=CaseSource.CLINIC_PATIENT`
    (and usually `source_reference=None`) for a clinic patient's story.
    """

    def make(slug: str = "veteran-with-ptsd", **fields: Any) -> CaseStoryPage:
        values = {
            "title": slug.replace("-", " ").capitalize(),
            "summary": "A course of infusions and what changed.",
            "source": CaseSource.PUBLISHED_CASE_REPORT,
            "age_band": AgeBand.ADULT_35_44,
            "narrative": "<p>The patient had tried several treatments before.</p>",
            "live": False,
        }
        values.update(fields)
        if values["source"] == CaseSource.PUBLISHED_CASE_REPORT and "source_reference" not in fields:
            values["source_reference"] = make_reference(study_type=StudyType.CASE_REPORT)
        page = CaseStoryPage(slug=slug, **values)
        site_tree.case_stories.add_child(instance=page)
        return page

    return make


@pytest.fixture
def make_consent(db) -> Callable[..., CaseStoryConsent]:
    """A consent record that satisfies every rule (for an adult or a minor); override to break one."""

    def make(story: CaseStoryPage, **overrides: Any) -> CaseStoryConsent:
        values = {
            "consent_obtained": True,
            "consent_date": datetime.date(2025, 1, 15),
            "scope_includes_publication": True,
            "guardian_consent": True,
            "child_assent": True,
            "deidentification_confirmed": True,
            "withdrawn": False,
        }
        values.update(overrides)
        return CaseStoryConsent.objects.create(case_story=story, **values)

    return make


pytest_plugins = ["tests.fixtures_content"]
