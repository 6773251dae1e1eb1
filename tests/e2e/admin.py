"""Helpers that drive Wagtail 8.0.1's admin the way an editor does (role, label and text selectors)."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from django.contrib.auth.models import AbstractBaseUser

from wagtail.models import Page as WagtailPage

from articles.models import ArticlePage, Reference
from articles.review.service import act_on_current_task, submit_for_review
from articles.site_tree import SiteTree
from tests.helpers import paragraph_block, statistic_block

EDIT_URL = re.compile(r"/admin/pages/\d+/edit/")


def edit_url(page: WagtailPage) -> str:
    return f"/admin/pages/{page.pk}/edit/"


def success_message(page: Page, text: str) -> Locator:
    return page.locator(".messages .success").filter(has_text=text)


def settle_autosave(page: Page) -> None:
    """Wagtail 8 autosaves the editor form after each change; never race it with a button."""
    indicator = page.locator("#w-autosave-indicator")
    if indicator.count():
        expect(indicator).not_to_have_attribute("data-w-autosave-state-value", "saving")


def open_actions_menu(page: Page) -> Locator:
    """The footer action menu's dropdown (Save draft is the default action beside it)."""
    footer = page.locator("footer")
    footer.locator(".w-dropdown__toggle").click()
    return footer


def save_draft(page: Page, title: str) -> None:
    settle_autosave(page)
    page.get_by_role("button", name="Save draft").click()
    expect(page).to_have_url(EDIT_URL)
    expect(success_message(page, title)).to_be_visible()


def add_block(page: Page, name: str) -> None:
    body = page.locator("#panel-child-content-body-content")
    body.get_by_title("Insert a block").last.click()
    page.get_by_role("option", name=name, exact=True).click()


def choose_in_modal(page: Page, opener: Locator, link_name: str | re.Pattern) -> None:
    opener.click()
    dialog = page.get_by_role("dialog").filter(has=page.get_by_role("link", name=link_name))
    dialog.get_by_role("link", name=link_name).first.click()
    expect(dialog).to_be_hidden()


def dashboard_task_action(page: Page, title: str, action: str) -> None:
    """Open a task's action (e.g. "Approve", "Request changes") from the dashboard's
    "Awaiting your review" panel; the action opens in a modal."""
    panel = page.get_by_role("region", name="Awaiting your review")
    row = panel.get_by_role("row").filter(has_text=title)
    expect(row).to_be_visible()
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name=action, exact=True).click()


# --- State built through the project's service functions (not what a scenario is about) -------


def draft_article(
    tree: SiteTree,
    writer: AbstractBaseUser,
    reference: Reference,
    *,
    slug: str = "ketamine-and-depression",
    title: str = "Ketamine and depression",
) -> ArticlePage:
    """A draft the writer saved: a paragraph and a statistic citing `reference`."""
    page = ArticlePage(
        title=title,
        slug=slug,
        summary="What the evidence says about ketamine for depression.",
        body=[paragraph_block(), statistic_block(reference)],
        live=False,
        owner=writer,
    )
    tree.articles.add_child(instance=page)
    page.save_revision(user=writer, log_action=True)
    return page


def in_medical_review(page: ArticlePage, writer, editor) -> ArticlePage:
    """Submitted by the writer and past the editorial step."""
    submit_for_review(page, writer)
    act_on_current_task(page, editor, "approve", comment="")
    return ArticlePage.objects.get(pk=page.pk)
