"""The editorial team's admin in a real browser: writer, editor and medical reviewer (issue #7).

Each scenario builds the state it starts from with the project's service functions and drives
the browser only for what it is about; it then checks what the page shows and what the database
holds. See conftest.py for the live server, the browser and the database restore.
"""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from django.conf import settings
from django.utils import timezone

from wagtail.models import PageLogEntry, TaskState, WorkflowState

from articles.models import ArticlePage, ReviewRecord
from articles.review.service import FULL_CHECKLIST, act_on_current_task, submit_for_review

from .admin import (
    EDIT_URL,
    add_block,
    choose_in_modal,
    dashboard_task_action,
    draft_article,
    edit_url,
    in_medical_review,
    open_actions_menu,
    save_draft,
    settle_autosave,
    success_message,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Ketamine and depression"
SLUG = "ketamine-and-depression"
WRITER_PASSWORD = "pw-not-used"  # tests.factories.role_user
# Adds the publish action Wagtail does not offer to the page editor's form and submits it.
CRAFTED_PUBLISH = """() => {
    const form = document.querySelector('#page-edit-form');
    const action = document.createElement('input');
    action.type = 'hidden';
    action.name = 'action-publish';
    action.value = 'action-publish';
    form.appendChild(action);
    form.requestSubmit();
}"""


def api_article(page, app, slug: str = SLUG):
    """GET /api/v1/articles/<slug>/ from the browser's context: (status, JSON or None)."""
    response = page.request.get(app(f"/api/v1/articles/{slug}/"))
    return response.status, (response.json() if response.ok else None)


def test_writer_creates_an_article_and_submits_it_for_review(
    app, browse, site_tree, review_team, make_reference, image
):
    reference = make_reference(title="Ketamine infusion for treatment-resistant depression")
    writer = review_team["writer"]
    page = browse.new_page()

    # Log in through the real form (the other scenarios reuse a session cookie).
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(writer.username)
    page.get_by_label("Password").fill(WRITER_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Medical Education CMS")).to_be_visible()

    page.goto(f"/admin/pages/add/articles/articlepage/{site_tree.articles.pk}/")
    page.locator("#id_title").fill(TITLE)
    page.get_by_role("textbox", name="Summary").fill("What the evidence says about ketamine for depression.")
    add_block(page, "Heading")
    page.locator("#body-0-value-text").fill("What is ketamine?")
    add_block(page, "Paragraph")
    page.locator("[data-contentpath='body'] [role='textbox'][contenteditable='true']").click()
    page.keyboard.type("Ketamine is an anaesthetic also studied for depression.")
    add_block(page, "Statistic")
    page.locator("#body-2-value-value").fill("44%")
    page.locator("#body-2-value-label").fill("of patients responded")
    choose_in_modal(page, page.get_by_role("button", name="Choose reference"), reference.title)
    expect(page.locator("#body-2-value-reference")).to_have_value(str(reference.pk))
    add_block(page, "Image")
    choose_in_modal(
        page,
        page.locator("[data-contentpath='body']").get_by_role("button", name="Choose an image"),
        image.title,
    )
    expect(page.locator("#body-3-value-image-image")).to_have_value(str(image.pk))
    page.locator("#body-3-value-image-alt_text").fill("A brain scan with the frontal lobe highlighted")
    # On a new page the submit action names the workflow the article will really go through.
    submit_now = page.locator("footer").get_by_role("button", name="Submit to", include_hidden=True)
    expect(submit_now).to_have_text(re.compile(r"^\s*Submit to Editorial and medical review\s*$"))

    save_draft(page, TITLE)
    article = ArticlePage.objects.get(slug=SLUG)
    assert page.url.endswith(edit_url(article))
    assert not article.live and article.get_latest_revision() is not None

    footer = open_actions_menu(page)
    footer.get_by_role("button", name="Submit to Editorial and medical review").click()
    expect(success_message(page, "submitted for moderation")).to_be_visible()

    article = ArticlePage.objects.get(pk=article.pk)
    assert article.live is False
    state = WorkflowState.objects.get(object_id=str(article.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Editorial and medical review"
    assert state.current_task_state.task.name == "Editorial review"
    assert state.requested_by == writer
    # The revision under review is what the writer typed, block by block.
    submitted = state.current_task_state.revision.as_object()
    blocks = {block.block_type: block.value for block in submitted.body}
    assert [block.block_type for block in submitted.body] == ["heading", "paragraph", "statistic", "image"]
    assert blocks["heading"]["text"] == "What is ketamine?"
    assert "Ketamine is an anaesthetic" in blocks["paragraph"]["text"].source
    assert blocks["statistic"]["value"] == "44%" and blocks["statistic"]["reference"] == reference
    assert blocks["image"]["image"].pk == image.pk
    assert blocks["image"]["image"].contextual_alt_text == "A brain scan with the frontal lobe highlighted"


def test_editor_approves_the_editorial_step_and_the_page_stays_unpublished(
    app, browse, site_tree, review_team, reference
):
    writer, editor = review_team["writer"], review_team["editor"]
    article = draft_article(site_tree, writer, reference)
    submit_for_review(article, writer)
    page = browse.new_page(editor)

    page.goto("/admin/")
    dashboard_task_action(page, TITLE, "Approve with comment")
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Comment").fill("Reads well; over to medical review.")
    dialog.get_by_role("button", name="Approve with comment").click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("region", name="Awaiting your review")).to_have_count(0)

    page.goto(edit_url(article))
    expect(page.get_by_text("awaiting 'Medical review'")).to_be_visible()
    status, _ = api_article(page, app)
    assert status == 404

    article = ArticlePage.objects.get(pk=article.pk)
    assert article.live is False and article.live_revision_id is None
    editorial = TaskState.objects.get(
        workflow_state__object_id=str(article.pk), task__name="Editorial review"
    )
    assert editorial.status == TaskState.STATUS_APPROVED
    assert editorial.finished_by == editor
    assert editorial.get_comment() == "Reads well; over to medical review."
    assert article.current_workflow_task.name == "Medical review"
    assert not ReviewRecord.objects.filter(page_id=article.pk).exists()


def test_medical_reviewer_approves_with_the_checklist_and_the_article_goes_live(
    app, browse, site_tree, review_team, make_reference
):
    writer, editor, reviewer = review_team["writer"], review_team["editor"], review_team["reviewer"]
    unverified = make_reference(verified=False, verification_note="page numbers unconfirmed")
    article = in_medical_review(draft_article(site_tree, writer, unverified), writer, editor)
    page = browse.new_page(reviewer, second_factor=True)

    page.goto("/admin/")
    dashboard_task_action(page, TITLE, "Approve (clinical sign-off)")
    dialog = page.get_by_role("dialog")
    findings = dialog.get_by_role("region", name="Pre-review checks")
    expect(findings).to_contain_text("Reference not yet verified")
    expect(findings).to_contain_text("page numbers unconfirmed")

    # An unticked checklist is refused, and nothing is published.
    dialog.get_by_role("button", name="Approve (clinical sign-off)").click()
    expect(dialog.get_by_text("Confirm that every claim and statistic is sourced.")).to_be_visible()
    assert ArticlePage.objects.get(pk=article.pk).live is False
    assert not ReviewRecord.objects.filter(page_id=article.pk).exists()

    dialog.get_by_label("Every claim and statistic is supported by a cited source").check()
    dialog.get_by_label("Dosage and safety statements are accurate").check()
    dialog.get_by_label("The medical disclaimer is present").check()
    dialog.get_by_label("Note on warnings").fill("Checked the trial against the journal's PDF.")
    dialog.get_by_role("button", name="Approve (clinical sign-off)").click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("region", name="Awaiting your review")).to_have_count(0)

    article = ArticlePage.objects.get(pk=article.pk)
    assert article.live is True
    record = ReviewRecord.objects.get(page_id=article.pk)
    assert record.revision_id == article.live_revision_id
    assert record.reviewer_user_id == reviewer.pk
    assert record.checklist == {**FULL_CHECKLIST, "consent_and_deidentification": False}
    assert record.acknowledgement == "Checked the trial against the journal's PDF."
    assert [f["code"] for f in record.findings] == ["unverified_reference"]

    listing = page.request.get(app("/api/v1/articles/"))
    assert listing.ok
    assert [item["slug"] for item in listing.json()["results"]] == [SLUG]


def test_editing_a_live_article_keeps_the_approved_revision_live_until_re_review(
    app, browse, site_tree, review_team, reference
):
    writer, editor, reviewer = review_team["writer"], review_team["editor"], review_team["reviewer"]
    article = draft_article(site_tree, writer, reference)
    first = act_on_current_task(
        in_medical_review(article, writer, editor), reviewer, "approve", **FULL_CHECKLIST
    )
    page = browse.new_page(writer)

    page.goto(edit_url(article))
    summary = page.get_by_role("textbox", name="Summary")
    expect(summary).to_have_value("What the evidence says about ketamine for depression.")
    # fill() sets the value in one step, which Wagtail 8 does not autosave (typing would, 500 ms
    # later); save_draft() still waits for any autosave in flight before pressing the button.
    summary.fill("Updated: what the newest trials say.")
    save_draft(page, TITLE)
    open_actions_menu(page).get_by_role("button", name="Submit to Editorial and medical review").click()
    expect(success_message(page, "submitted for moderation")).to_be_visible()

    status, body = api_article(page, app)
    assert status == 200
    assert body["summary"] == "What the evidence says about ketamine for depression."
    article = ArticlePage.objects.get(pk=article.pk)
    assert article.live_revision_id == first.revision_id
    assert article.get_latest_revision().pk != first.revision_id
    assert article.has_unpublished_changes

    # The new review completes (not what this scenario is about): the edit goes live.
    with app.db_lock():
        act_on_current_task(article, editor, "approve", comment="")
        second = act_on_current_task(article, reviewer, "approve", **FULL_CHECKLIST)
    status, body = api_article(page, app)
    assert status == 200 and body["summary"] == "Updated: what the newest trials say."
    assert ArticlePage.objects.get(pk=article.pk).live_revision_id == second.revision_id != first.revision_id


def test_reviewer_requests_changes_and_the_writer_sees_the_comment(
    app, browse, site_tree, review_team, reference
):
    writer, editor, reviewer = review_team["writer"], review_team["editor"], review_team["reviewer"]
    article = in_medical_review(draft_article(site_tree, writer, reference), writer, editor)
    comment = "The 44% figure is from a different population; cite the 2014 trial instead."
    page = browse.new_page(reviewer, second_factor=True)

    page.goto("/admin/")
    dashboard_task_action(page, TITLE, "Request changes")
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("What needs to change").fill(comment)
    dialog.get_by_role("button", name="Request changes").click()
    expect(dialog).to_be_hidden()

    state = WorkflowState.objects.get(object_id=str(article.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    rejected = TaskState.objects.get(workflow_state=state, task__name="Medical review")
    assert rejected.status == TaskState.STATUS_REJECTED and rejected.get_comment() == comment
    assert ArticlePage.objects.get(pk=article.pk).live is False

    writer_page = browse.new_page(writer)
    writer_page.goto(edit_url(article))
    # Wagtail shows "Changes requested" in the status panel; the comment is in its details.
    writer_page.get_by_role("button", name="Toggle status").click()
    status = writer_page.get_by_text(re.compile(r"^\s*Changes requested")).filter(visible=True)
    expect(status.first).to_be_visible()
    writer_page.get_by_role("button", name="View details").click()
    details = writer_page.get_by_role("dialog", name="Editorial and medical review")
    expect(details).to_contain_text(f"Changes requested by {reviewer.username}")
    expect(details.get_by_text(comment)).to_be_visible()


def test_writer_has_no_publish_action_and_a_crafted_publish_is_refused(
    app, browse, site_tree, review_team, reference
):
    writer = review_team["writer"]
    article = draft_article(site_tree, writer, reference)
    page = browse.new_page(writer)

    page.goto(edit_url(article))
    footer = open_actions_menu(page)
    expect(footer.get_by_role("button", name="Submit to Editorial and medical review")).to_be_visible()
    expect(footer.get_by_role("button", name=re.compile("Publish", re.IGNORECASE))).to_have_count(0)

    # The edit form posted with a hand-added publish action: saved as a draft, never published.
    settle_autosave(page)

    def posted_to_edit(response) -> bool:
        return response.request.method == "POST" and response.url.endswith(edit_url(article))

    with page.expect_response(posted_to_edit) as posted:
        page.evaluate(CRAFTED_PUBLISH)
    assert posted.value.status == 302  # Wagtail redirects back to the editor: saved as a draft
    expect(page).to_have_url(EDIT_URL)
    expect(success_message(page, f"Page '{TITLE}' has been updated.")).to_be_visible()
    expect(page.locator(".messages")).not_to_contain_text("published")

    # Wagtail's admin API publish action, with the session and CSRF token: 403.
    csrf = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    response = page.request.post(
        app(f"/admin/api/main/pages/{article.pk}/action/publish/"),
        headers={"X-CSRFToken": csrf, "Referer": app(edit_url(article))},
        data={},
    )
    assert response.status == 403

    article = ArticlePage.objects.get(pk=article.pk)
    assert article.live is False and article.live_revision_id is None
    assert not PageLogEntry.objects.filter(page=article, action="wagtail.publish").exists()
    assert not ReviewRecord.objects.filter(page_id=article.pk).exists()
    status, _ = api_article(page, app)
    assert status == 404


def test_dashboard_lists_content_overdue_for_medical_review(
    app, browse, site_tree, review_team, publish_reviewed, reference
):
    writer, reviewer = review_team["writer"], review_team["reviewer"]
    overdue = draft_article(site_tree, writer, reference, slug="overdue-article", title="An overdue article")
    current = draft_article(site_tree, writer, reference, slug="current-article", title="A current article")
    overdue_record = publish_reviewed(overdue)
    publish_reviewed(current)
    due = timezone.localdate() - timedelta(days=3)
    ReviewRecord.objects.filter(pk=overdue_record.pk).update(next_review_due=due)
    page = browse.new_page(reviewer)

    page.goto("/admin/")
    panel = page.get_by_role("region", name="Content due for medical review")
    row = panel.get_by_role("row").filter(has_text="An overdue article")
    expect(row).to_be_visible()
    expect(row).to_contain_text("overdue")
    expect(row).to_contain_text(f"{due.day} {due:%b %Y}")
    expect(panel).not_to_contain_text("A current article")

    expect(row.get_by_role("link", name="An overdue article")).to_have_attribute("href", edit_url(overdue))
    assert ReviewRecord.objects.get(pk=overdue_record.pk).next_review_due == due


def test_headless_preview_opens_the_frontend_with_a_token_that_returns_the_draft(
    app, browse, site_tree, review_team, reference
):
    writer = review_team["writer"]
    article = draft_article(site_tree, writer, reference)
    page = browse.new_page(writer)

    page.goto(edit_url(article))
    page.get_by_role("textbox", name="Summary").fill("Draft summary only the preview shows.")
    settle_autosave(page)
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("#w-preview-iframe")
    link = preview.get_by_role("link", name="Open in frontend")
    expect(link).to_be_visible()
    with page.context.expect_page() as opened:
        link.click()
    frontend = opened.value
    frontend.wait_for_load_state()
    assert frontend.url.startswith(settings.FRONTEND_BASE_URL.rstrip("/") + settings.FRONTEND_PREVIEW_PATH)
    query = parse_qs(urlsplit(frontend.url).query)
    assert query["path"] == [f"/articles/{SLUG}/"]
    assert browse.frontend.urls == [frontend.url]
    expect(frontend.get_by_role("heading", name="Frontend stand-in")).to_be_visible()

    # What the frontend does with the token: the draft, from the preview endpoint, without a session.
    response = frontend.request.get(app("/api/v1/preview/"), params={"token": query["token"][0]})
    assert response.status == 200
    draft = response.json()
    assert draft["slug"] == SLUG and draft["summary"] == "Draft summary only the preview shows."
    assert "preview" in draft
    # The token names this page's preview only; the page itself is still not public.
    assert api_article(frontend, app)[0] == 404
    assert ArticlePage.objects.get(pk=article.pk).live is False
