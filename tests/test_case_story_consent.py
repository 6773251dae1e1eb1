"""A clinic patient's story goes live only with valid consent; a published case report cites its source.

Drafts always save: consent is checked when a revision is published (`publish()`), before a
reviewer may approve, and by the pre_save backstop for paths that skip `publish()`.
"""

import pytest

from django.core.exceptions import PermissionDenied

from wagtail.models import Revision

from articles.choices import AgeBand, CaseSource
from articles.models import CaseStoryPage, PublishRefused, ReviewRecord

NOT_REVIEWED = "has not passed medical review"


def reload(story) -> CaseStoryPage:
    return CaseStoryPage.objects.get(pk=story.pk)


def assert_not_live(story) -> None:
    story = reload(story)
    assert story.live is False
    assert story.live_revision is None


@pytest.fixture
def clinic_story(make_case_story):
    def make(age_band: str = AgeBand.ADULT_35_44) -> CaseStoryPage:
        return make_case_story(
            "clinic-patient-story",
            source=CaseSource.CLINIC_PATIENT,
            source_reference=None,
            age_band=age_band,
        )

    return make


CONSENT_PROBLEMS = {
    "no consent record": (AgeBand.ADULT_35_44, None, "no consent record exists"),
    "consent withdrawn": (AgeBand.ADULT_35_44, {"withdrawn": True}, "consent has been withdrawn"),
    "consent not obtained": (
        AgeBand.ADULT_35_44,
        {"consent_obtained": False},
        "consent and its date are not recorded",
    ),
    "consent date missing": (
        AgeBand.ADULT_35_44,
        {"consent_date": None},
        "consent and its date are not recorded",
    ),
    "scope excludes publication": (
        AgeBand.ADULT_35_44,
        {"scope_includes_publication": False},
        "the consent scope does not include publication",
    ),
    "adolescent without guardian consent": (
        AgeBand.ADOLESCENT_13_17,
        {"guardian_consent": False},
        "a minor needs a guardian's consent and the child's assent",
    ),
    "child without assent": (
        AgeBand.CHILD_0_12,
        {"child_assent": False},
        "a minor needs a guardian's consent and the child's assent",
    ),
    "de-identification unconfirmed": (
        AgeBand.ADULT_35_44,
        {"deidentification_confirmed": False},
        "de-identification is not confirmed",
    ),
}


@pytest.mark.parametrize(("age_band", "consent", "problem"), CONSENT_PROBLEMS.values(), ids=CONSENT_PROBLEMS)
def test_clinic_story_without_valid_consent_saves_as_draft_but_cannot_be_published(
    clinic_story, make_consent, age_band, consent, problem
):
    story = clinic_story(age_band)
    if consent is not None:
        make_consent(story, **consent)

    revision = story.save_revision()

    assert reload(story).latest_revision == revision
    with pytest.raises(PublishRefused, match="cannot be published without valid consent") as refused:
        revision.publish()
    assert problem in str(refused.value)
    assert_not_live(story)


def test_refusal_lists_every_missing_consent_item(clinic_story, make_consent):
    story = clinic_story(AgeBand.CHILD_0_12)
    make_consent(
        story, scope_includes_publication=False, guardian_consent=False, deidentification_confirmed=False
    )

    with pytest.raises(PublishRefused) as refused:
        story.save_revision().publish()

    message = str(refused.value)
    assert "the consent scope does not include publication" in message
    assert "a minor needs a guardian's consent and the child's assent" in message
    assert "de-identification is not confirmed" in message
    assert "consent has been withdrawn" not in message


def test_reviewer_cannot_approve_a_clinic_story_without_consent(clinic_story, publish_reviewed):
    story = clinic_story()

    with pytest.raises(PermissionDenied, match="without valid consent: no consent record exists"):
        publish_reviewed(story)

    assert_not_live(story)
    assert not ReviewRecord.objects.filter(page_id=story.pk).exists()


@pytest.mark.parametrize(
    ("age_band", "consent"),
    [
        (AgeBand.ADULT_35_44, {"guardian_consent": False, "child_assent": False}),
        (AgeBand.ADOLESCENT_13_17, {"guardian_consent": True, "child_assent": True}),
    ],
    ids=["adult (no guardian needed)", "adolescent with guardian consent and assent"],
)
def test_clinic_story_with_complete_consent_publishes(
    clinic_story, make_consent, publish_reviewed, age_band, consent
):
    story = clinic_story(age_band)
    make_consent(story, **consent)

    record = publish_reviewed(story)

    story = reload(story)
    assert story.live is True
    assert story.live_revision_id == record.revision_id


def test_consent_is_checked_again_when_an_approved_revision_is_published(
    clinic_story, make_consent, publish_reviewed
):
    # E.g. a scheduled publish, or re-publishing after a take-down: the approval still stands,
    # but the consent record has changed since.
    story = clinic_story()
    consent = make_consent(story)
    approved = Revision.objects.get(pk=publish_reviewed(story).revision_id)
    story.unpublish()
    consent.scope_includes_publication = False
    consent.save()

    with pytest.raises(PublishRefused) as refused:
        approved.publish()

    assert "the consent scope does not include publication" in str(refused.value)
    assert NOT_REVIEWED not in str(refused.value)
    assert_not_live(story)


def test_withdrawing_consent_takes_a_live_story_offline_and_keeps_it_offline(
    clinic_story, make_consent, publish_reviewed
):
    story = clinic_story()
    consent = make_consent(story)
    approved = Revision.objects.get(pk=publish_reviewed(story).revision_id)
    assert reload(story).live is True

    consent.withdrawn = True
    consent.save()

    assert reload(story).live is False
    with pytest.raises(PublishRefused, match="consent has been withdrawn"):
        approved.publish()
    assert reload(story).live is False


# --- Published case reports -------------------------------------------------------------------


def test_published_case_report_without_source_reference_cannot_be_published(make_case_story):
    story = make_case_story(source=CaseSource.PUBLISHED_CASE_REPORT, source_reference=None)

    revision = story.save_revision()

    with pytest.raises(PublishRefused, match="A published case report must cite its source reference."):
        revision.publish()
    assert_not_live(story)


def test_published_case_report_without_source_reference_stays_offline_after_review(
    make_case_story, publish_reviewed
):
    story = make_case_story(source=CaseSource.PUBLISHED_CASE_REPORT, source_reference=None)

    with pytest.raises(PermissionDenied, match="must cite its source reference"):
        publish_reviewed(story)

    assert_not_live(story)


def test_published_case_report_citing_its_source_publishes_without_a_consent_record(
    make_case_story, publish_reviewed
):
    story = make_case_story(source=CaseSource.PUBLISHED_CASE_REPORT)
    assert story.source_reference is not None

    publish_reviewed(story)

    assert reload(story).live is True


# --- The pre_save backstop --------------------------------------------------------------------


def test_setting_the_live_revision_directly_is_refused_without_consent(clinic_story):
    story = clinic_story()
    revision = story.save_revision()

    story.live_revision = revision
    story.live = True
    with pytest.raises(PublishRefused, match="no consent record exists"):
        story.save()

    assert_not_live(story)


def test_setting_an_approved_revision_live_directly_is_refused_once_consent_is_invalid(
    clinic_story, make_consent, publish_reviewed
):
    story = clinic_story()
    consent = make_consent(story)
    approved = Revision.objects.get(pk=publish_reviewed(story).revision_id)
    story.unpublish()
    consent.deidentification_confirmed = False
    consent.save()

    story = reload(story)
    story.live_revision = approved
    story.live = True
    with pytest.raises(PublishRefused) as refused:
        story.save()

    assert "de-identification is not confirmed" in str(refused.value)
    assert NOT_REVIEWED not in str(refused.value)
    assert_not_live(story)
