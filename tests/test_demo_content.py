"""`manage.py load_demo_content`: what it creates, that reruns change nothing, that demo users work.

The demo set is loaded once per module (inside a transaction rolled back at the end) because
each load takes every page through the review workflow; each test still runs in its own
rolled-back transaction, so tests that load again or edit rows do not affect each other.
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from PIL import Image

from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from articles.choices import AgeBand, DownloadFormat
from articles.demo import users as demo_users
from articles.demo.content import article as article_content
from articles.demo.content.references import REFERENCES, SEED_REFERENCE_KEYS
from articles.demo.keys import RefKey, keys_in
from articles.models import (
    ArticleIndexPage,
    ArticlePage,
    CaseStoryPage,
    Condition,
    GlossaryTerm,
    GuideDownload,
    GuidePage,
    Person,
    Reference,
    ReviewRecord,
    SafetySettings,
    Topic,
    Treatment,
)
from articles.review.findings import findings_for_page

REFERENCE_BY_KEY = {spec.key: spec for spec in REFERENCES}


def _load(*args: str) -> str:
    out = io.StringIO()
    call_command("load_demo_content", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo data set, loaded once for this module and rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        output = _load()
        yield output
        transaction.set_rollback(True)


@pytest.fixture
def loaded(demo, db) -> str:
    return demo


def _reference(key: str) -> Reference:
    spec = REFERENCE_BY_KEY[key]
    return Reference.objects.get(title=spec.title, year=spec.year)


def _counts() -> dict[str, int]:
    models = [
        Page,
        Revision,
        ReviewRecord,
        Reference,
        Topic,
        Treatment,
        Condition,
        GlossaryTerm,
        Person,
        GuideDownload,
        SafetySettings,
        get_image_model(),
        get_document_model(),
        get_user_model(),
    ]
    return {model._meta.label: model.objects.count() for model in models}


def test_load_publishes_the_article_its_three_case_stories_and_the_guide(loaded):
    article = ArticlePage.objects.get(slug="ketamine-for-ptsd")
    stories = CaseStoryPage.objects.all()
    guide = GuidePage.objects.get()
    assert article.title == "Ketamine infusion therapy for PTSD"
    assert isinstance(article.get_parent().specific, ArticleIndexPage)
    assert stories.count() == 3
    for page in [article, guide, *stories]:
        assert page.live and not page.has_unpublished_changes, page
        assert ReviewRecord.objects.filter(revision_id=page.live_revision_id).exists(), page
    assert article.hero_image is not None and article.hero_image.alt_text
    assert {t.slug for t in article.topics.all()} >= {"mental-health", "trauma", "treatment-options"}
    assert article.conditions.filter(slug="ptsd").exists()
    assert article.treatments.filter(slug="ketamine-infusion-therapy").exists()
    assert article.authors.filter(slug="wren-ashdown").exists()
    assert "Demo content loaded." in loaded


def test_article_body_embeds_the_stories_and_guide_and_has_every_required_block(loaded):
    article = ArticlePage.objects.get(slug="ketamine-for-ptsd")
    blocks = [block.block_type for block in article.body]
    for block_type in ("heading", "paragraph", "statistic", "key_points", "image", "callout", "faq"):
        assert block_type in blocks
    embedded = {block.value["case_story"].pk for block in article.body if block.block_type == "case_story"}
    assert embedded == set(CaseStoryPage.objects.values_list("pk", flat=True))
    (cta,) = [block.value for block in article.body if block.block_type == "guide_cta"]
    assert cta["guide"].pk == GuidePage.objects.get().pk
    kinds = {block.value["kind"] for block in article.body if block.block_type == "callout"}
    assert kinds == {"info", "caution", "urgent"}
    (statistic,) = [block.value for block in article.body if block.block_type == "statistic"]
    assert statistic["value"] == "44%" and statistic["reference"] == _reference("morina-2014")
    text = " ".join(article.body_text_chunks())
    assert "glutamate" in text and "glutamine" not in text
    assert "158" in text  # the negative veterans' trial is reported


def test_reference_list_holds_every_cited_reference_in_order_of_first_citation(loaded):
    article = ArticlePage.objects.get(slug="ketamine-for-ptsd")
    listed = [link.reference_id for link in article.reference_links.all()]
    cited = []
    for key in [ref.key for ref in keys_in(article_content.BODY, RefKey)]:
        if _reference(key).pk not in cited:
            cited.append(_reference(key).pk)
    assert listed[: len(cited)] == cited
    assert set(listed) >= {_reference("donoghue-2015").pk, _reference("womble-2013").pk}
    assert len(listed) == len(set(listed))


def test_references_keep_unconfirmed_identifiers_out_and_stay_unverified(loaded):
    assert SEED_REFERENCE_KEYS <= set(REFERENCE_BY_KEY)
    for spec in REFERENCES:
        reference = _reference(spec.key)
        assert reference.verified is (not reference.verification_note), spec.key
    feder = _reference("feder-2014")
    assert (feder.doi, feder.pmid, feder.verified) == ("", "", False)
    assert "DOI" in feder.verification_note and "PMID" in feder.verification_note
    assert _reference("brachman-2016").doi == ""
    assert _reference("feder-2021").doi == "10.1176/appi.ajp.2020.20050596"
    assert not _reference("feder-2021").verified
    morina = _reference("morina-2014")
    assert morina.verified and morina.doi == "10.1016/j.cpr.2014.03.002"
    # No PMID anywhere: references.md confirms none.
    assert not Reference.objects.exclude(pmid="").exists()
    # References from outside the confirmed list carry no identifiers at all.
    for key in set(REFERENCE_BY_KEY) - SEED_REFERENCE_KEYS:
        assert _reference(key).doi == "" and not _reference(key).verified
    assert _reference("krystal-2017").study_type == "expert_opinion"
    assert _reference("mcghee-2008").study_type == "human_observational"
    assert _reference("autry-2011").study_type == "animal"


def test_case_stories_are_anonymised_and_flag_unconfirmed_sources(loaded):
    child = CaseStoryPage.objects.get(slug="procedural-ketamine-child-ptsd")
    assert child.age_band == AgeBand.CHILD_0_12
    assert child.source_reference == _reference("donoghue-2015")
    assert not child.source_needs_verification
    assert {c.slug for c in child.comorbidities.all()} == {
        "reactive-attachment-disorder",
        "disruptive-behaviour-disorder",
    }
    assert (child.effect_duration_min_days, child.effect_duration_max_days) == (8, 13)
    assert child.number_of_sessions == 2
    adults = CaseStoryPage.objects.exclude(pk=child.pk)
    assert {story.age_band for story in adults} == {AgeBand.ADULT_18_24, AgeBand.ADULT_25_34}
    for story in adults:
        assert story.source_needs_verification
        assert story.source_reference == _reference("womble-2013")
    for story in CaseStoryPage.objects.all():
        assert story.outcomes.count() >= 3
        assert story.linked_articles.filter(slug="ketamine-for-ptsd").exists()
        assert not [f for f in findings_for_page(story) if f.code == "personal_data"]


def test_guide_offers_downloads_backed_by_valid_stored_files(loaded):
    guide = GuidePage.objects.get()
    assert guide.title == "Your step-by-step guide to ketamine therapy"
    assert len(guide.steps) >= 5
    downloads = {d.format: d for d in guide.downloads.all()}
    assert set(downloads) >= {DownloadFormat.PDF, DownloadFormat.LARGE_PRINT, DownloadFormat.PLAIN_TEXT}
    for download in downloads.values():
        assert download.language == "en" and download.version
        assert download.size_bytes == download.document.file.size > 0
        assert default_storage.exists(download.document.file.name)
    pdf = downloads[DownloadFormat.PDF].document.file.open("rb").read()
    assert pdf.startswith(b"%PDF-1.4") and pdf.rstrip().endswith(b"%%EOF")
    xref = int(re.search(rb"startxref\n(\d+)", pdf).group(1))
    assert pdf[xref : xref + 4] == b"xref"
    for number, offset in enumerate(re.findall(rb"(\d{10}) 00000 n ", pdf[xref:]), start=1):
        assert pdf[int(offset) :].startswith(b"%d 0 obj" % number)
    epub = zipfile.ZipFile(io.BytesIO(downloads[DownloadFormat.EPUB].document.file.open("rb").read()))
    first = epub.infolist()[0]
    assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
    assert epub.read("mimetype") == b"application/epub+zip"
    text = downloads[DownloadFormat.PLAIN_TEXT].document.file.open("rb").read().decode()
    assert "116 123" in text and "988" in text


def test_images_are_real_pictures_with_alt_text(loaded):
    images = get_image_model().objects.filter(title__startswith="Demo:")
    assert images.count() == 4
    for image in images:
        assert image.alt_text
        with image.file.open("rb") as handle:
            picture = Image.open(handle)
            assert picture.size == (image.width, image.height)


def test_taxonomy_people_and_safety_settings_are_filled_in(loaded):
    ptsd = Condition.objects.get(slug="ptsd")
    assert (ptsd.icd10_code, ptsd.icd11_code) == ("F43.1", "6B40")
    assert Condition.objects.get(slug="reactive-attachment-disorder").icd10_code == "F94.1"
    assert Condition.objects.get(slug="disruptive-behaviour-disorder").icd10_code == ""
    assert {"nmda-receptor", "glutamate", "bdnf", "dissociation", "midazolam"} <= set(
        GlossaryTerm.objects.values_list("slug", flat=True)
    )
    assert Treatment.objects.filter(slug="ketamine-infusion-therapy").exists()
    reviewer = Person.objects.get(user__username=demo_users.REVIEWER.username)
    assert reviewer.credentials == "MD" and reviewer.specialty == "Psychiatry"
    assert reviewer.licence_number and reviewer.licence_expiry
    assert all(person.conflict_of_interest for person in Person.objects.all())
    settings = SafetySettings.objects.get()
    assert settings.medical_disclaimer
    phones = {resource.value["phone"] for resource in settings.crisis_resources}
    assert {"988", "116 123"} <= phones


def test_demo_users_belong_to_their_role_groups(loaded):
    for account in demo_users.ACCOUNTS:
        user = get_user_model().objects.get(username=account.username)
        assert user.email.endswith("@demo-clinic.invalid")
        assert list(user.groups.values_list("name", flat=True)) == [account.group]
        assert user.check_password(account.password)
        assert user.has_perm("wagtailadmin.access_admin")
    assert get_user_model().objects.get(username=demo_users.ADMIN.username).is_superuser


def test_second_run_creates_nothing_and_adds_no_revisions(loaded):
    before = _counts()
    output = _load()
    assert _counts() == before
    assert "created" not in output and "updated" not in output


def test_reset_restores_edited_content_and_leaves_unchanged_pages_alone(loaded):
    morina = _reference("morina-2014")
    Reference.objects.filter(pk=morina.pk).update(summary="Edited in the admin.")
    _load()
    assert Reference.objects.get(pk=morina.pk).summary == "Edited in the admin."  # kept by default

    before = _counts()
    output = _load("--reset")
    assert Reference.objects.get(pk=morina.pk).summary == REFERENCE_BY_KEY["morina-2014"].summary
    assert _counts() == before  # unchanged pages get no new revision
    assert "References: 1 updated" in output


def test_reset_republishes_a_page_whose_content_was_edited(loaded):
    article = ArticlePage.objects.get(slug="ketamine-for-ptsd")
    article.summary = "An edited summary."
    article.save_revision()  # a draft, as an editor's edit would leave it
    _load("--reset")
    article.refresh_from_db()
    assert article.summary == article_content.SUMMARY
    assert article.live and not article.has_unpublished_changes


def test_demo_writer_can_sign_in_and_see_the_article_in_the_page_listing(loaded, client):
    # Through the sign-in form: django-axes' backend needs the request, so Client.login() fails.
    response = client.post(
        reverse("wagtailadmin_login"),
        {"username": demo_users.WRITER.username, "password": demo_users.WRITER.password},
    )
    assert response.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    index = ArticleIndexPage.objects.get()
    response = client.get(reverse("wagtailadmin_explore", args=[index.pk]))
    assert response.status_code == 200
    assert "Ketamine infusion therapy for PTSD" in response.content.decode()


def test_every_published_demo_page_carries_a_review_trail_from_the_demo_reviewer(loaded):
    from articles.demo.users import REVIEWER

    live = [*ArticlePage.objects.live(), *CaseStoryPage.objects.live(), *GuidePage.objects.live()]
    assert len(live) == 5
    for page in live:
        record = ReviewRecord.objects.get(revision_id=page.live_revision_id)
        assert record.reviewer_user_id == get_user_model().objects.get(username=REVIEWER.username).pk
        assert all(record.checklist.values())


def test_one_demo_article_waits_in_medical_review(loaded):
    waiting = ArticlePage.objects.get(slug="ptsd-and-depression-together")
    assert not waiting.live
    assert waiting.current_workflow_task.name == "Medical review"


def test_demo_loader_refuses_to_run_under_production_settings():
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "cms.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "load_demo_content"],
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "DEMO_CONTENT_ALLOWED" in result.stderr
