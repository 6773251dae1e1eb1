"""Withdrawing a clinic patient's consent erases the story: gone from every API, the search index,
the response cache and the sitemap, announced to webhooks as unpublished, its revisions and
frozen review content deleted; only the audit entries remain."""

import pytest

from django.contrib.contenttypes.models import ContentType
from django.test import override_settings
from django.urls import reverse

from wagtail.models import Page, PageLogEntry, Revision
from wagtail.search.models import IndexEntry

from api.models import PreviewSnapshot
from api.webhooks.models import WebhookEndpoint, WebhookEvent
from articles.choices import CaseSource
from articles.models import CaseStoryConsent, CaseStoryPage, ReviewRecord

MARKER = "withdrawnmarker"
SLUG = "clinic-story-to-withdraw"


@pytest.fixture
def live_clinic_story(make_case_story, make_consent, publish_reviewed):
    story = make_case_story(
        SLUG,
        title=f"A clinic patient {MARKER}",
        source=CaseSource.CLINIC_PATIENT,
        source_reference=None,
        narrative=f"<p>Their course of treatment {MARKER} went well.</p>",
    )
    make_consent(story)
    publish_reviewed(story)
    return CaseStoryPage.objects.get(pk=story.pk)


def public_urls(story_id: int) -> list[str]:
    return [
        "/api/v1/case-stories/",
        f"/api/v1/case-stories/{SLUG}/",
        f"/api/v1/search/?q={MARKER}",
        "/api/v1/sitemap/",
        f"/api/v1/resolve/?path=/case-stories/{SLUG}/",
        "/api/v2/pages/",
        f"/api/v2/pages/{story_id}/",
        f"/api/v2/pages/?search={MARKER}",
    ]


def withdraw(story) -> None:
    consent = CaseStoryConsent.objects.get(case_story_id=story.pk)
    consent.withdrawn = True
    consent.save()


@override_settings(API_RESPONSE_CACHE=True)
def test_withdrawal_erases_the_story_everywhere_but_the_audit_log(
    client, live_clinic_story, django_capture_on_commit_callbacks
):
    story = live_clinic_story
    WebhookEndpoint.objects.create(name="Frontend", url="http://127.0.0.1:9/hook")
    for url in public_urls(story.pk)[:2]:
        assert MARKER in client.get(url).content.decode().lower(), url
        assert client.get(url)["X-Cache"] == "hit"  # cached before the withdrawal
    assert IndexEntry.objects.filter(object_id=str(story.pk)).exists()
    PreviewSnapshot.objects.create(page_id=story.pk, payload={"title": MARKER})

    with django_capture_on_commit_callbacks(execute=True):
        withdraw(story)

    for url in public_urls(story.pk):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        body = response.content.decode().lower()
        assert MARKER not in body, url
        if SLUG not in url:  # a 404 may echo the slug it was asked for
            assert SLUG not in body, url
    # Gone from the database, not only hidden.
    assert not Page.objects.filter(pk=story.pk).exists()
    page_type = ContentType.objects.get_for_model(Page)
    assert not Revision.objects.filter(base_content_type=page_type, object_id=str(story.pk)).exists()
    assert not IndexEntry.objects.filter(object_id=str(story.pk)).exists()
    assert not PreviewSnapshot.objects.filter(page_id=story.pk).exists()
    assert not CaseStoryConsent.objects.filter(case_story_id=story.pk).exists()
    for record in ReviewRecord.objects.filter(page_id=story.pk):
        assert MARKER not in str(record.snapshot) + str(record.listing) + record.page_title
    # Frontends are told to drop the page.
    assert WebhookEvent.objects.filter(payload__id=story.pk, payload__event="unpublished").exists()
    changes = client.get("/api/v1/changes/?since=2000-01-01").json()["results"]
    assert any(change["event"] == "unpublished" and change["id"] == story.pk for change in changes)
    # What remains: the audit trail.
    actions = set(PageLogEntry.objects.filter(page_id=story.pk).values_list("action", flat=True))
    assert {"articles.consent.withdrawn", "articles.consent.erased", "wagtail.delete"} <= actions


def test_the_story_is_offline_in_the_withdrawing_transaction_itself(client, live_clinic_story):
    # Without the commit (erasure runs after it), the story is already unpublished.
    withdraw(live_clinic_story)
    assert CaseStoryPage.objects.get(pk=live_clinic_story.pk).live is False
    assert client.get(f"/api/v1/case-stories/{SLUG}/").status_code == 404


def test_withdrawal_through_the_admin_erases_the_story(
    superuser_client, live_clinic_story, django_capture_on_commit_callbacks
):
    consent = CaseStoryConsent.objects.get(case_story_id=live_clinic_story.pk)
    edit_url = reverse("consent_records:edit", args=[consent.pk])
    data = {
        "case_story": live_clinic_story.pk,
        "consent_obtained": "on",
        "consent_date": "2025-01-15",
        "scope_includes_publication": "on",
        "guardian_consent": "on",
        "child_assent": "on",
        "deidentification_confirmed": "on",
        "withdrawn": "on",
        "notes": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = superuser_client.post(edit_url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert not Page.objects.filter(pk=live_clinic_story.pk).exists()
    assert superuser_client.get(response["Location"]).status_code == 200
