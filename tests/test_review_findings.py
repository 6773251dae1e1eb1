"""Pre-review findings: each blocking finding stops clinical sign-off; warnings need a note.
Snippet edits after approval leave live content unchanged and queue it for re-review."""

from datetime import date

import pytest

from django.core.exceptions import PermissionDenied

from wagtail.models import Site

from articles.choices import AgeBand, CaseSource
from articles.models import ArticlePage, CaseStoryConsent, CaseStoryPage, ReviewRecord, SafetySettings
from articles.review.findings import findings_for_page
from articles.review.service import (
    FULL_CHECKLIST,
    act_on_current_task,
    publish_through_review,
    submit_for_review,
)
from tests.factories import (
    draft_article,
    verified_reference,
)


def send_to_medical_review(page, review_team):
    page.save_revision(user=review_team["writer"])
    submit_for_review(page, review_team["writer"])
    act_on_current_task(page, review_team["editor"], "approve")


def try_to_approve(page, review_team, **extra):
    return act_on_current_task(
        page, review_team["reviewer"], "approve", **{**FULL_CHECKLIST, "acknowledgement": "", **extra}
    )


def article_with_body(site_tree, body, slug="finding-article"):
    page = ArticlePage(title="Finding", slug=slug, summary="s", body=body, live=False)
    site_tree.articles.add_child(instance=page)
    return page


def assert_refused_with(page, review_team, code_text):
    with pytest.raises(PermissionDenied, match=code_text):
        try_to_approve(page, review_team)
    page = type(page).objects.get(pk=page.pk)
    assert not page.live
    assert not ReviewRecord.objects.filter(page_id=page.pk).exists()


def test_percentage_in_text_without_citation_blocks_approval(review_team, site_tree):
    page = article_with_body(
        site_tree, [("paragraph", {"text": "<p>About 44% recover without treatment.</p>", "citations": []})]
    )
    send_to_medical_review(page, review_team)
    assert_refused_with(page, review_team, "states a figure")


def test_statistic_block_without_reference_blocks_approval(review_team, site_tree):
    page = article_with_body(
        site_tree, [("statistic", {"value": "44%", "label": "recover", "reference": None, "context": ""})]
    )
    send_to_medical_review(page, review_team)
    assert_refused_with(page, review_team, "does not cite a reference")


def test_missing_disclaimer_blocks_approval(review_team, site_tree):
    settings = SafetySettings.for_site(Site.objects.get(is_default_site=True))
    settings.medical_disclaimer = ""
    settings.save()
    page = draft_article(site_tree)
    send_to_medical_review(page, review_team)
    assert_refused_with(page, review_team, "no medical disclaimer")


def test_image_without_alt_text_blocks_approval(review_team, site_tree, image):
    page = article_with_body(
        site_tree,
        [("image", {"image": {"image": image, "alt_text": "", "decorative": False}, "caption": ""})],
    )
    send_to_medical_review(page, review_team)
    assert_refused_with(page, review_team, "no alt text")


def test_link_to_a_page_that_is_not_live_blocks_approval(review_team, site_tree):
    draft = draft_article(site_tree, slug="unpublished-target")
    page = article_with_body(
        site_tree,
        [
            (
                "paragraph",
                {"text": f'<p>See <a linktype="page" id="{draft.pk}">this</a>.</p>', "citations": []},
            )
        ],
    )
    send_to_medical_review(page, review_team)
    assert_refused_with(page, review_team, "not live")


def clinic_story(site_tree, **fields):
    values = dict(
        title="A clinic patient",
        slug="clinic-patient",
        summary="A course of infusions.",
        source=CaseSource.CLINIC_PATIENT,
        age_band=AgeBand.ADULT_25_34,
        narrative="<p>The patient improved after three sessions.</p>",
        live=False,
    )
    values.update(fields)
    story = CaseStoryPage(**values)
    site_tree.case_stories.add_child(instance=story)
    return story


def valid_consent(story, **overrides):
    values = dict(
        consent_obtained=True,
        consent_date=date(2025, 1, 15),
        scope_includes_publication=True,
        deidentification_confirmed=True,
    )
    values.update(overrides)
    return CaseStoryConsent.objects.create(case_story=story, **values)


def test_clinic_patient_story_without_consent_blocks_approval(review_team, site_tree):
    story = clinic_story(site_tree)
    send_to_medical_review(story, review_team)
    assert_refused_with(story, review_team, "without valid consent")


def test_minor_without_guardian_consent_and_assent_blocks_approval(review_team, site_tree):
    story = clinic_story(site_tree, age_band=AgeBand.CHILD_0_12)
    valid_consent(story)
    send_to_medical_review(story, review_team)
    assert_refused_with(story, review_team, "guardian")


@pytest.mark.parametrize(
    "text, label",
    [
        ("Seen on 12/03/2021 in clinic.", "full date"),
        ("Admitted on 3 March 2021.", "full date"),
        ("Call 555-123-4567 for details.", "phone number"),
        ("Wrote to pat.smith@example.com.", "e-mail address"),
        ("Lives at 42 Elm Tree Road.", "street address"),
        ("MRN 12345678 on file.", "record number"),
        ("A 93-year-old veteran.", "exact age over 89"),
        ("Sarah said she slept better.", "first name"),
    ],
)
def test_personal_data_in_a_case_story_blocks_approval(review_team, site_tree, text, label):
    story = clinic_story(site_tree, narrative=f"<p>{text}</p>")
    valid_consent(story)
    send_to_medical_review(story, review_team)
    assert_refused_with(story, review_team, label)


def test_case_story_needs_consent_and_deidentification_ticked(review_team, site_tree):
    story = clinic_story(site_tree)
    valid_consent(story)
    send_to_medical_review(story, review_team)
    with pytest.raises(PermissionDenied, match="de-identified"):
        try_to_approve(story, review_team, consent_and_deidentification=False)
    assert not CaseStoryPage.objects.get(pk=story.pk).live


def test_clean_clinic_patient_story_with_valid_consent_can_be_approved(review_team, site_tree):
    story = clinic_story(site_tree)
    valid_consent(story)
    send_to_medical_review(story, review_team)
    try_to_approve(story, review_team)
    assert CaseStoryPage.objects.get(pk=story.pk).live


def test_unverified_reference_needs_an_acknowledgement_note(review_team, site_tree):
    unverified = verified_reference(verified=False, verification_note="pages unconfirmed")
    page = article_with_body(site_tree, [("paragraph", {"text": "<p>Text.</p>", "citations": [unverified]})])
    send_to_medical_review(page, review_team)
    assert_refused_with(page, review_team, "add a note")

    record = try_to_approve(page, review_team, acknowledgement="Checked the journal's table of contents.")
    assert record.acknowledgement == "Checked the journal's table of contents."
    assert [f["code"] for f in record.findings] == ["unverified_reference"]
    assert ArticlePage.objects.get(pk=page.pk).live


def test_findings_say_where_the_problem_is(site_tree, db):
    page = article_with_body(
        site_tree,
        [
            ("paragraph", {"text": "<p>Fine.</p>", "citations": []}),
            ("paragraph", {"text": "<p>Half (50%) improve.</p>", "citations": []}),
        ],
    )
    findings = [f for f in findings_for_page(page) if f.code == "statistic_without_citation"]
    assert len(findings) == 1
    assert findings[0].location.startswith("body[2]")


def test_snippet_edit_after_approval_keeps_snapshot_and_marks_changed_since_review(review_team, site_tree):
    reference = verified_reference()
    page = article_with_body(
        site_tree,
        [("paragraph", {"text": "<p>Half (50%) improve.</p>", "citations": [reference]})],
    )
    page.reference_links.create(reference=reference)
    record = publish_through_review(
        ArticlePage.objects.get(pk=page.pk),
        writer=review_team["writer"],
        editor=review_team["editor"],
        reviewer=review_team["reviewer"],
    )
    snapshot_before = record.snapshot
    live_revision_before = ArticlePage.objects.get(pk=page.pk).live_revision_id

    reference.title = "A different title entirely"
    reference.save()

    record.refresh_from_db()
    assert record.snapshot == snapshot_before
    assert record.changed_since_review
    assert (
        "Reference" in record.changed_since_review_reason or "reference" in record.changed_since_review_reason
    )
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.live_revision_id == live_revision_before
    assert page.get_review_summary()["review_status"] == "changed_since_review"


def test_withdrawing_consent_unpublishes_the_story_at_once(review_team, site_tree):
    story = clinic_story(site_tree)
    consent = valid_consent(story)
    publish_through_review(
        CaseStoryPage.objects.get(pk=story.pk),
        writer=review_team["writer"],
        editor=review_team["editor"],
        reviewer=review_team["reviewer"],
    )
    assert CaseStoryPage.objects.get(pk=story.pk).live

    consent.withdrawn = True
    consent.save()

    story = CaseStoryPage.objects.get(pk=story.pk)
    assert not story.live
    from wagtail.models import PageLogEntry

    assert PageLogEntry.objects.filter(page=story, action="articles.consent.withdrawn").exists()
    assert PageLogEntry.objects.filter(page=story, action="wagtail.unpublish").exists()


def test_api_keeps_serving_the_approved_snapshot_after_a_snippet_edit(review_team, site_tree, client):
    reference = verified_reference(title="Title at approval")
    page = article_with_body(
        site_tree, [("paragraph", {"text": "<p>Half (50%) improve.</p>", "citations": [reference]})]
    )
    page.reference_links.create(reference=reference)
    publish_through_review(
        ArticlePage.objects.get(pk=page.pk),
        writer=review_team["writer"],
        editor=review_team["editor"],
        reviewer=review_team["reviewer"],
    )
    reference.title = "Title edited later"
    reference.save()

    detail = client.get(f"/api/v1/articles/{page.slug}/").json()
    assert "Title at approval" in str(detail["references"])
    assert "Title edited later" not in str(detail)
    assert detail["review"]["review_status"] == "changed_since_review"


def test_unpublishing_a_linked_page_queues_the_linking_page_for_re_review(review_team, site_tree):
    target = draft_article(site_tree, slug="link-target")
    publish_through_review(
        target, writer=review_team["writer"], editor=review_team["editor"], reviewer=review_team["reviewer"]
    )
    page = article_with_body(
        site_tree,
        [
            (
                "paragraph",
                {"text": f'<p>See <a linktype="page" id="{target.pk}">this</a>.</p>', "citations": []},
            )
        ],
        slug="linking-article",
    )
    record = publish_through_review(
        ArticlePage.objects.get(pk=page.pk),
        writer=review_team["writer"],
        editor=review_team["editor"],
        reviewer=review_team["reviewer"],
    )
    ArticlePage.objects.get(pk=target.pk).unpublish()
    record.refresh_from_db()
    assert record.changed_since_review


def test_editing_a_condition_the_article_is_about_queues_re_review(review_team, site_tree):
    from articles.models import Condition

    condition = Condition.objects.create(name="Post-traumatic stress disorder", slug="ptsd")
    page = draft_article(site_tree, slug="about-ptsd")
    page.conditions.add(condition)
    page.save()
    record = publish_through_review(
        ArticlePage.objects.get(pk=page.pk),
        writer=review_team["writer"],
        editor=review_team["editor"],
        reviewer=review_team["reviewer"],
    )
    condition.icd10_code = "F43.1"
    condition.save()
    record.refresh_from_db()
    assert record.changed_since_review
