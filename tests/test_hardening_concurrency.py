"""Integrity under concurrency (hardening item 8), on PostgreSQL.

Real threads, each with its own database connection, released together by a barrier:
1. two editors saving the same page through the admin keep both revisions;
2. 20 page creations under one parent succeed or fail cleanly and leave a valid tree;
3. two reviewers approving the same task produce one approval and one publish;
4. a database error between approval and publish rolls everything back (all or nothing).

SQLite serialises writers, so the races cannot happen there: the module is skipped before any
database fixture runs (no serialized rollback is even requested on SQLite).

`transaction=True` flushes every table after each test, Wagtail's root page, default site, root
collection and the role groups included (DESIGN.md §8). `serialized_rollback` reloads the migrated
state before each test. `_migrated_state_around_module` also empties the tables and loads that
state before the first test (whatever the previous transactional test left) and once more after
the last one, so the transactional tests that run after this module find it too (as
tests/e2e/conftest.py does for its package).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from io import StringIO
from typing import Any

import pytest

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import DatabaseError, connection
from django.test import Client
from django.urls import reverse

from wagtail.models import Page, PageLogEntry, Revision, TaskState, WorkflowState
from wagtail.signals import page_published

from api.webhooks.models import WebhookEndpoint, WebhookEvent
from articles.models import ArticleIndexPage, ArticlePage, ReviewRecord
from articles.review.service import FULL_CHECKLIST, act_on_current_task, submit_for_review
from tests.db_state import load_migrated_state
from tests.factories import credentialed_reviewer, draft_article, role_user, with_disclaimer
from tests.helpers import article_form_data, paragraph_form
from tests.second_factor import verified_client

IS_POSTGRES = connection.vendor == "postgresql"

pytestmark = [
    pytest.mark.postgres_only,
    # A mark, not a call in the test body: it skips before pytest-django touches the database.
    pytest.mark.skipif(
        not IS_POSTGRES, reason="Concurrency tests are PostgreSQL only: SQLite serialises writers."
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=IS_POSTGRES),
]

THREAD_TIMEOUT = 60  # seconds; a thread still alive after this is a deadlock, not slowness
CLEAN_FIXTREE = [
    "Checking page tree for problems...",
    "No problems found.",
    "Checking collection tree for problems...",
    "No problems found.",
]


@pytest.fixture(scope="module", autouse=True)
def _migrated_state_around_module(django_db_setup, django_db_blocker) -> Iterator[None]:
    contents = getattr(connection, "_test_serialized_contents", None)
    if not contents:
        yield
        return
    # A transactional test without serialized rollback flushes *with* post_migrate, which
    # recreates content types under new ids; loading the serialized state on top of those would
    # collide. Start from empty tables instead.
    with django_db_blocker.unblock():
        call_command(
            "flush", interactive=False, verbosity=0, inhibit_post_migrate=True, reset_sequences=False
        )
        load_migrated_state(contents)
    yield
    # The last test's flush left the tables empty (serialized rollback skips post_migrate).
    with django_db_blocker.unblock():
        load_migrated_state(contents)


def run_together(target: Callable[[Any], Any], arguments: Sequence[Any]) -> list[tuple[str, Any]]:
    """Call `target(argument)` for each argument in its own thread, all released at once.

    Returns ("ok", result) or ("error", exception) per argument, in order. Each thread opens its
    own connection before the barrier (so the calls overlap) and closes it at the end."""
    barrier = threading.Barrier(len(arguments))
    outcomes: list[tuple[str, Any]] = [("error", RuntimeError("thread did not run"))] * len(arguments)

    def work(index: int, argument: Any) -> None:
        try:
            connection.ensure_connection()
            barrier.wait(timeout=THREAD_TIMEOUT)
            outcomes[index] = ("ok", target(argument))
        except Exception as exc:  # reported to the test, which decides what is clean
            outcomes[index] = ("error", exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=work, args=(index, argument), daemon=True)
        for index, argument in enumerate(arguments)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=THREAD_TIMEOUT)
    assert not any(thread.is_alive() for thread in threads), "a thread hung (deadlock?)"
    return outcomes


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- 1. Two editors save the same page -----------------------------------------------------------


def test_two_editors_saving_the_same_page_at_once_keep_both_revisions(site_tree):
    writer = role_user("conc.writer", "Writers")
    editors = [role_user("conc.editor1", "Editors"), role_user("conc.editor2", "Editors")]
    page = draft_article(site_tree, slug="edited-twice")
    first = page.save_revision(user=writer)
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    # Both editors open the edit form on the same revision, then save at the same moment.
    sessions = [(logged_in(editor), f"Title by {editor.username}") for editor in editors]
    for client, _title in sessions:
        assert client.get(url).status_code == 200

    def save(session):
        client, title = session
        data = article_form_data(title=title, slug=page.slug, body=[paragraph_form(f"{title}.")])
        return client.post(url, data)

    outcomes = run_together(save, sessions)

    assert [kind for kind, _ in outcomes] == ["ok", "ok"], outcomes
    assert [response.status_code for _, response in outcomes] == [302, 302]
    new_revisions = list(Revision.page_revisions.filter(object_id=str(page.pk)).exclude(pk=first.pk))
    assert sorted(revision.content["title"] for revision in new_revisions) == sorted(
        title for _client, title in sessions
    )
    assert {revision.user_id for revision in new_revisions} == {editor.pk for editor in editors}
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.latest_revision_id in {revision.pk for revision in new_revisions}
    # The page row agrees with the revision it calls the latest (no mix of the two saves).
    latest = page.latest_revision.content
    assert page.draft_title == latest["title"] == page.title
    assert not page.live
    assert PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.edit").count() == 2


# --- 2. Twenty page creations under one parent ---------------------------------------------------


def test_twenty_parallel_page_creations_under_one_parent_leave_a_valid_tree(site_tree):
    parent_pk = site_tree.articles.pk
    # 18 distinct slugs and two that repeat one: exactly one of each pair may win.
    slugs = [f"parallel-{number:02d}" for number in range(18)] + ["parallel-00", "parallel-01"]

    def create(slug: str) -> int:
        parent = ArticleIndexPage.objects.get(pk=parent_pk)  # each thread its own instance
        page = ArticlePage(
            title=slug.replace("-", " ").title(),
            slug=slug,
            summary="Created in parallel.",
            body=[("paragraph", {"text": "<p>Parallel.</p>", "citations": []})],
            live=False,
        )
        parent.add_child(instance=page)
        return page.pk

    outcomes = run_together(create, slugs)

    created = [value for kind, value in outcomes if kind == "ok"]
    errors = [value for kind, value in outcomes if kind == "error"]
    # Clean failures only: the slug check (run under treebeard's lock on the parent row) refuses
    # the second page of each pair; no IntegrityError on the path, no deadlock.
    assert len(created) == 18, errors
    assert len(errors) == 2 and all(isinstance(error, ValidationError) for error in errors), errors
    assert all("slug" in error.message_dict for error in errors)

    # The tree is valid before fixtree gets a chance to repair anything ...
    assert Page.find_problems() == ([], [], [], [], [])
    parent = Page.objects.get(pk=parent_pk)
    children = list(parent.get_children())
    assert parent.numchild == len(children) == 18
    assert sorted(child.slug for child in children) == sorted(set(slugs))
    assert {child.depth for child in children} == {parent.depth + 1}
    assert len({child.path for child in children}) == 18
    for pk in created:
        page = Page.objects.get(pk=pk)
        assert page.get_parent().pk == parent_pk
        assert isinstance(page.specific, ArticlePage)
    # ... and Wagtail's own check agrees.
    out = StringIO()
    call_command("fixtree", "--noinput", stdout=out)
    assert [line for line in out.getvalue().splitlines() if line.strip()] == CLEAN_FIXTREE


# --- 3 and 4. The medical approval ---------------------------------------------------------------


def in_medical_review(site_tree, slug: str) -> ArticlePage:
    """A draft that passed editorial review and waits for the medical reviewer."""
    with_disclaimer()
    writer = role_user(f"{slug}.writer", "Writers")
    editor = role_user(f"{slug}.editor", "Editors")
    page = draft_article(site_tree, slug=slug)
    page.save_revision(user=writer)
    submit_for_review(page, writer)
    act_on_current_task(page, editor, "approve")
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.current_workflow_task.name == "Medical review"
    return page


def assert_published_once(page: ArticlePage, task_state: TaskState) -> ReviewRecord:
    record = ReviewRecord.objects.get(page_id=page.pk)
    assert record.revision_id == task_state.revision_id
    assert record.task_state_id == task_state.pk
    assert record.published_at is not None
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.live and page.live_revision_id == record.revision_id
    assert page.last_reviewed_at == record.approved_at
    logged = PageLogEntry.objects.filter(page_id=page.pk)
    assert logged.filter(action="wagtail.publish").count() == 1
    assert logged.filter(action="articles.medical_review.published").count() == 1
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_APPROVED
    assert WorkflowState.objects.get(pk=task_state.workflow_state_id).status == WorkflowState.STATUS_APPROVED
    return record


def test_two_reviewers_approving_through_the_admin_at_once_publish_once(site_tree):
    """The admin's workflow-action view, two reviewers' browsers; tests/test_review_currency.py
    races the same approval below the HTTP layer."""
    page = in_medical_review(site_tree, "approved-twice")
    task_state = page.current_workflow_task_state
    reviewers = [credentialed_reviewer("conc.rev1"), credentialed_reviewer("conc.rev2")]
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))
    # Sessions verified with a second factor, as approving requires (security/second_factor.py).
    sessions = [(verified_client(Client(), reviewer), reviewer) for reviewer in reviewers]

    def approve(session):
        client, reviewer = session
        return client.post(url, {**FULL_CHECKLIST, "comment": f"Checked by {reviewer}."})

    outcomes = run_together(approve, sessions)

    # No 500s. The loser waits on the task-state row lock and is refused (ApprovalRefused, a
    # PermissionDenied the admin answers with a redirect and a message), or arrives after the
    # workflow finished and is redirected with "not currently awaiting moderation".
    assert [kind for kind, _ in outcomes] == ["ok", "ok"], outcomes
    assert {response.status_code for _, response in outcomes} <= {302, 403}
    edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    assert edit_url in [response.get("Location") for _, response in outcomes]  # the winner's
    record = assert_published_once(page, task_state)
    assert record.reviewer_user_id in {reviewer.pk for reviewer in reviewers}
    assert ReviewRecord.objects.filter(revision_id=task_state.revision_id).count() == 1


def test_database_error_between_approval_and_publish_leaves_nothing_half_done(site_tree):
    page = in_medical_review(site_tree, "publish-fails")
    task_state = page.current_workflow_task_state
    reviewer = credentialed_reviewer("conc.rev3")
    # A webhook subscriber, so the publish also writes an outbox row that must roll back with it.
    WebhookEndpoint.objects.create(name="Frontend", url="https://hooks.example.test/publish")

    def publish_step_fails(sender, **kwargs) -> None:
        # A real database error inside the publish step, after the page row went live and
        # before the review record is marked published.
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM table_lost_during_publish")

    page_published.connect(publish_step_fails, weak=False, dispatch_uid="tests.concurrency.publish_fails")
    try:
        with pytest.raises(DatabaseError):
            act_on_current_task(page, reviewer, "approve", **FULL_CHECKLIST)
    finally:
        page_published.disconnect(dispatch_uid="tests.concurrency.publish_fails")

    # Nothing: no approval, the task still waits for a reviewer, the page is not live.
    assert not ReviewRecord.objects.filter(page_id=page.pk).exists()
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_IN_PROGRESS
    workflow_state = WorkflowState.objects.get(pk=task_state.workflow_state_id)
    assert workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    stored = ArticlePage.objects.get(pk=page.pk)
    assert not stored.live and stored.live_revision_id is None and stored.last_reviewed_at is None
    logged = PageLogEntry.objects.filter(page_id=page.pk)
    assert not logged.filter(action__in=["wagtail.publish", "articles.medical_review.published"]).exists()
    assert not WebhookEvent.objects.exists()

    # Everything, once the fault is gone: the same task can still be approved.
    act_on_current_task(page, reviewer, "approve", **FULL_CHECKLIST)
    assert_published_once(page, task_state)
    assert WebhookEvent.objects.filter(event=WebhookEvent.PUBLISHED).count() == 1
