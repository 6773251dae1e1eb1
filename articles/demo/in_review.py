"""A second article left waiting in medical review, so a newcomer can try the reviewer's side.

It is submitted by the demo writer and approved by the demo editor; the demo reviewer's task
is open on the dashboard.
"""

from __future__ import annotations

from wagtail.models import Page

from ..models import ArticlePage, ArticlePageReference, Reference
from ..review.service import act_on_current_task, submit_for_review
from .report import LoadReport
from .users import DemoUsers

SLUG = "ptsd-and-depression-together"
TITLE = "When PTSD and depression occur together"

BODY_PARAGRAPHS = [
    "Many people living with post-traumatic stress disorder also meet the criteria for "
    "depression. The two conditions share symptoms such as poor sleep, low mood and pulling "
    "away from others, which can make it harder to tell where one ends and the other begins.",
    "Treatment plans usually address both. Trauma-focused talking therapies remain the first "
    "choice for PTSD, and antidepressant medication is often added when depression is severe.",
    "Researchers are studying whether medicines that act on the glutamate system, such as "
    "ketamine, might ease both sets of symptoms. The early trials are small and their results "
    "are mixed, so this remains an area of research rather than routine care.",
]


def ensure_article_in_review(index: Page, users: DemoUsers, report: LoadReport) -> ArticlePage:
    existing = ArticlePage.objects.filter(slug=SLUG).first()
    if existing is not None:
        report.record("Articles in review", "kept")
        return existing
    trial = Reference.objects.filter(title__icontains="repeated ketamine administration").first()
    page = ArticlePage(
        title=TITLE,
        slug=SLUG,
        summary="Why PTSD and depression so often come together, and how care addresses both.",
        body=[("heading", {"text": "Two conditions, one person", "level": "h2"})]
        + [
            ("paragraph", {"text": f"<p>{text}</p>", "citations": [trial] if trial and i == 2 else []})
            for i, text in enumerate(BODY_PARAGRAPHS)
        ],
        live=False,
        owner=users.writer,
    )
    if trial is not None:
        page.reference_links = [ArticlePageReference(reference=trial)]
    index.add_child(instance=page)
    page.save_revision(user=users.writer, log_action=True)
    submit_for_review(page, users.writer)
    act_on_current_task(page, users.editor, "approve", comment="Reads well; over to medical review.")
    report.record("Articles in review", "created")
    return page
