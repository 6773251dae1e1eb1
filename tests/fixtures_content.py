"""Published and draft content for the API tests (registered from conftest via `pytest_plugins`).

One live article, case story and guide with every block type, plus never-published drafts that
carry `DRAFT_MARKER` and fixed, greppable ids (`DRAFT_IDS`): the draft-safety tests assert that none
of them ever shows up in any endpoint.
"""

from __future__ import annotations

import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

import pytest

from django.core.files.base import ContentFile
from django.db import connection, models, transaction
from django.utils import timezone

from wagtail.documents.models import Document
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from articles.choices import AgeBand, Audience, CalloutKind, CaseSource, DownloadFormat, Sex, StudyType
from articles.models import (
    ArticlePage,
    ArticlePageReference,
    CaseOutcome,
    CaseStoryPage,
    Condition,
    GlossaryTerm,
    GuideDownload,
    GuidePage,
    MedicalImage,
    Person,
    Reference,
    Topic,
    Treatment,
)
from articles.site_tree import SiteTree, ensure_site_tree

DRAFT_MARKER = "zqxdraftmarker"
REVIEWER_USERNAME = "rhea.reviewer"
REVIEWER_LICENCE = "LIC-REVIEWER-0815"
# Fixed ids for never-published objects, so a leak is easy to spot in any response body.
DRAFT_IDS = {
    "article": 900001,
    "case_story": 900002,
    "guide": 900003,
    "image": 900011,
    "document": 900021,
}
# What the admin stores for an optional ImageBlock left empty.
NO_IMAGE = {"image": None, "decorative": False, "alt_text": ""}


def publish(page: Page) -> Page:
    """Approve `page`'s current state and publish it: the one place the API tests publish.

    Records the medical approval the way `articles.review.approval` does (review record with the
    revision's content hash and the frozen snapshot), without the workflow's task machinery, which
    the review tests cover and which costs ~170 ms a page (DESIGN.md §8). The publish gate then
    accepts the revision as approved.
    """
    from django.contrib.auth.models import User

    from articles.review.approval import record_approval
    from articles.review.finish import mark_published

    reviewer = Person.objects.filter(user__username=REVIEWER_USERNAME).first()
    if reviewer is None:
        user = User.objects.create_user(REVIEWER_USERNAME, "rhea@example.invalid", "pw-not-used")
        reviewer = Person.objects.create(
            name="Dr Rhea Reviewer",
            credentials="MD",
            specialty="Psychiatry",
            user=user,
            licence_number=REVIEWER_LICENCE,
            licence_expiry=timezone.localdate() + timedelta(days=365),
        )
    revision = page.save_revision()
    record = record_approval(revision, revision.as_object(), reviewer=reviewer)
    revision.publish()
    mark_published(page, record)
    page.refresh_from_db()
    return page


@contextmanager
def next_id(model: type[models.Model], pk: int):
    """Make the next row of `model` get id `pk`, then restore the sequence (SQLite and PostgreSQL).

    Wagtail's `Page.save()` cannot insert a page with a preset id, so the sequence is moved instead.
    """
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
            sequence = cursor.fetchone()[0]
            cursor.execute(f"SELECT last_value, is_called FROM {sequence}")
            previous, called = cursor.fetchone()
            cursor.execute("SELECT setval(%s, %s, false)", [sequence, pk])
            yield
            cursor.execute("SELECT setval(%s, %s, %s)", [sequence, previous, called])
        else:
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cursor.fetchone()
            cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [table])
            cursor.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, pk - 1])
            yield
            cursor.execute(
                "UPDATE sqlite_sequence SET seq = %s WHERE name = %s", [row[0] if row else 0, table]
            )


def block(block_type: str, value) -> dict:
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def items(values: list) -> list[dict]:
    """ListBlock raw data in Wagtail's current format."""
    return [{"type": "item", "value": value, "id": str(uuid.uuid4())} for value in values]


def page_link(page: Page, text: str) -> str:
    return f'<a linktype="page" id="{page.pk}">{text}</a>'


@dataclass
class ApiContent:
    tree: SiteTree
    topic: Topic
    draft_only_topic: Topic
    ptsd: Condition
    depression: Condition
    unused_condition: Condition
    ketamine: Treatment
    esketamine: Treatment
    author: Person
    rct: Reference
    case_report: Reference
    observational: Reference
    animal: Reference
    glossary_used: GlossaryTerm
    glossary_unused: GlossaryTerm
    image: MedicalImage
    draft_image: MedicalImage
    document: Document
    draft_document: Document
    article: ArticlePage
    second_article: ArticlePage
    case_story: CaseStoryPage
    guide: GuidePage
    draft_article: ArticlePage
    draft_case_story: CaseStoryPage
    draft_guide: GuidePage


def _reference(**fields) -> Reference:
    values = {"authors": "Feder A, Parides MK", "container_title": "JAMA Psychiatry", "year": 2014}
    values.update(fields)
    return Reference.objects.create(**values)


def make_image(title: str, **fields) -> MedicalImage:
    return MedicalImage.objects.create(
        title=title, file=get_test_image_file(filename=f"{title}.png", size=(1000, 600)), **fields
    )


def _document(title: str, **fields) -> Document:
    return Document.objects.create(
        title=title, file=ContentFile(b"%PDF-1.4 test", name=f"{title}.pdf"), **fields
    )


@pytest.fixture(scope="module")
def _api_content_module(django_db_setup, django_db_blocker):
    """Built once per test module inside a transaction that is rolled back afterwards; each test
    runs in a savepoint within it (like Django's `setUpTestData`)."""
    with django_db_blocker.unblock(), transaction.atomic():
        content = build_api_content(ensure_site_tree())
        yield content
        transaction.set_rollback(True)


@pytest.fixture
def api_content(_api_content_module: ApiContent, db) -> ApiContent:
    """The shared content; re-fetch a page before changing it (instances are shared)."""
    return _api_content_module


def build_api_content(site_tree: SiteTree) -> ApiContent:
    topic = Topic.objects.create(name="Mental health", slug="mental-health")
    draft_only_topic = Topic.objects.create(name="Anaesthesia", slug="anaesthesia")
    ptsd = Condition.objects.create(name="PTSD", slug="ptsd", icd10_code="F43.1", icd11_code="6B40")
    depression = Condition.objects.create(name="Depression", slug="depression", icd10_code="F32")
    unused_condition = Condition.objects.create(name="Chronic pain", slug="chronic-pain")
    ketamine = Treatment.objects.create(name="Ketamine", slug="ketamine")
    esketamine = Treatment.objects.create(name="Esketamine", slug="esketamine")
    author = Person.objects.create(
        name="Dana Writer",
        credentials="MD",
        role="Medical writer",
        licence_number="LIC-PRIVATE-4711",
        conflict_of_interest="None declared",
    )
    rct = _reference(
        title="Efficacy of intravenous ketamine for chronic PTSD",
        study_type=StudyType.RCT,
        doi="10.1001/jamapsychiatry.2014.62",
        verified=True,
    )
    case_report = _reference(
        title="Ketamine during surgery and PTSD symptoms: a case report",
        study_type=StudyType.CASE_REPORT,
        verified=False,
        verification_note="pages unconfirmed",
    )
    observational = _reference(
        title="Open-label ketamine in veterans", study_type=StudyType.HUMAN_OBSERVATIONAL
    )
    animal = _reference(title="Ketamine and synaptogenesis in rats", study_type=StudyType.ANIMAL)
    glossary_used = GlossaryTerm.objects.create(
        term="Dissociation", short_definition="Feeling detached from your body or surroundings."
    )
    glossary_unused = GlossaryTerm.objects.create(
        term="Neuroplasticity", short_definition="The brain's ability to form new connections."
    )
    image = make_image("infusion-room", alt_text="An infusion chair beside a window", credit="CC BY 4.0")
    image.focal_point_x, image.focal_point_y = 500, 300
    image.focal_point_width, image.focal_point_height = 200, 100
    image.save()
    with next_id(MedicalImage, DRAFT_IDS["image"]):
        draft_image = make_image(f"{DRAFT_MARKER}-image", alt_text="Hidden")
    document = _document("infusion-guide")
    with next_id(Document, DRAFT_IDS["document"]):
        draft_document = _document(f"{DRAFT_MARKER}-document")

    tree = site_tree
    draft_article = ArticlePage(
        live=False,
        title=f"Unpublished {DRAFT_MARKER} article",
        slug=f"{DRAFT_MARKER}-article",
        summary=f"Never published: {DRAFT_MARKER}.",
        hero_image=draft_image,
        body=[block("paragraph", {"text": f"<p>{DRAFT_MARKER} body</p>", "citations": []})],
    )
    draft_article.topics = [draft_only_topic]
    draft_article.conditions = [unused_condition]
    with next_id(Page, DRAFT_IDS["article"]):
        tree.articles.add_child(instance=draft_article)
    draft_article.save_revision()

    draft_case_story = CaseStoryPage(
        live=False,
        title=f"Unpublished {DRAFT_MARKER} story",
        slug=f"{DRAFT_MARKER}-story",
        summary=f"Never published: {DRAFT_MARKER}.",
        age_band=AgeBand.ADULT_25_34,
        narrative=f"<p>{DRAFT_MARKER} narrative</p>",
        source_reference=case_report,
        treatment=ketamine,
    )
    with next_id(Page, DRAFT_IDS["case_story"]):
        tree.case_stories.add_child(instance=draft_case_story)
    draft_case_story.save_revision()

    draft_guide = GuidePage(
        live=False,
        title=f"Unpublished {DRAFT_MARKER} guide",
        slug=f"{DRAFT_MARKER}-guide",
        summary=f"Never published: {DRAFT_MARKER}.",
        steps=[block("step", {"title": DRAFT_MARKER, "body": f"<p>{DRAFT_MARKER}</p>", "image": NO_IMAGE})],
    )
    draft_guide.downloads = [GuideDownload(format=DownloadFormat.PDF, document=draft_document)]
    with next_id(Page, DRAFT_IDS["guide"]):
        tree.guides.add_child(instance=draft_guide)
    draft_guide.save_revision()

    guide = GuidePage(
        live=False,
        title="Preparing for a ketamine infusion",
        slug="preparing-for-infusion",
        summary="What to do before, during and after an infusion appointment.",
        audience=Audience.PATIENTS,
        hero_image=image,
        steps=[
            block(
                "step",
                {
                    "title": "Arrange a lift home",
                    "body": "<p>You cannot drive after an infusion. See also "
                    + page_link(draft_article, "the hidden article")
                    + ".</p>",
                    "image": {"image": image.pk, "decorative": False, "alt_text": "A car park"},
                },
            ),
            block("step", {"title": "Eat lightly", "body": "<p>Have a light meal.</p>", "image": NO_IMAGE}),
        ],
    )
    guide.downloads = [
        GuideDownload(format=DownloadFormat.PDF, document=document, language="en", version="2026.1"),
        GuideDownload(
            format=DownloadFormat.AUDIO,
            external_url="https://media.example.org/guide.mp3",
            size_bytes=1_234_567,
            language="es",
        ),
    ]
    guide.topics = [topic]
    guide.treatments = [ketamine]
    tree.guides.add_child(instance=guide)
    publish(guide)

    case_story = CaseStoryPage(
        live=False,
        title="A veteran's first infusions",
        slug="veteran-ptsd-ketamine",
        summary="A veteran with long-standing PTSD and his course of infusions.",
        source=CaseSource.PUBLISHED_CASE_REPORT,
        source_reference=case_report,
        age_band=AgeBand.ADULT_35_44,
        sex=Sex.MALE,
        context="Military veteran",
        prior_treatments_note="Two antidepressants and prolonged exposure therapy helped little.",
        treatment=ketamine,
        administration_route="iv_infusion",
        dose_descriptor="Low-dose",
        setting="Outpatient clinic",
        number_of_sessions=6,
        time_to_effect="Within a day of the first infusion",
        effect_duration_min_days=7,
        effect_duration_max_days=21,
        follow_up="Symptoms stayed lower at three months.",
        narrative="<p>He noticed a change after the first session. "
        + page_link(draft_article, "Hidden link")
        + "</p>",
        patient_perspective="I slept through the night for the first time in years.",
    )
    case_story.outcomes = [CaseOutcome(domain="Sleep", change="Slept through the night")]
    case_story.conditions = [ptsd]
    case_story.comorbidities = [depression]
    case_story.prior_treatments = [esketamine]
    tree.case_stories.add_child(instance=case_story)
    publish(case_story)

    body = [
        block("heading", {"text": "What is ketamine?", "level": "h2"}),
        block(
            "paragraph",
            {
                "text": "<p>Ketamine can cause <b>dissociation</b>. Read "
                + page_link(guide, "the guide")
                + " and not "
                + page_link(draft_article, "the hidden draft")
                + ".</p>",
                "citations": items([observational.pk, rct.pk]),
            },
        ),
        block("statistic", {"value": "44%", "label": "responded", "reference": rct.pk, "context": ""}),
        block("key_points", {"title": "Key points", "points": items(["One", "Two"])}),
        block("quote", {"text": "It helped.", "attribution": "A patient", "reference": None}),
        block(
            "image",
            {"image": {"image": image.pk, "decorative": False, "alt_text": "Block alt"}, "caption": "Room"},
        ),
        block(
            "callout",
            {"kind": CalloutKind.URGENT, "title": "In crisis?", "text": "<p>Call 988.</p>"},
        ),
        block(
            "faq",
            {
                "title": "FAQ",
                "items": items([{"question": "Is it safe?", "answer": "<p>Under supervision.</p>"}]),
            },
        ),
        block("case_story", {"case_story": case_story.pk, "introduction": "One patient's course."}),
        block("case_story", {"case_story": draft_case_story.pk, "introduction": "Hidden story."}),
        block("guide_cta", {"guide": guide.pk, "heading": "Get ready", "text": "Read the guide."}),
        block("guide_cta", {"guide": draft_guide.pk, "heading": "Hidden guide", "text": ""}),
    ]
    article = ArticlePage(
        live=False,
        title="Ketamine for PTSD",
        slug="ketamine-for-ptsd",
        summary="What the evidence says about ketamine infusions for PTSD.",
        audience=Audience.PATIENTS,
        hero_image=image,
        body=body,
        seo_title="Ketamine for PTSD: the evidence",
        search_description="A plain-language summary of ketamine for PTSD.",
    )
    article.reference_links = [
        ArticlePageReference(reference=rct, note="Main trial"),
        ArticlePageReference(reference=observational),
    ]
    article.topics = [topic]
    article.conditions = [ptsd]
    article.treatments = [ketamine]
    article.authors = [author]
    tree.articles.add_child(instance=article)
    publish(article)

    second_article = ArticlePage(
        live=False,
        title="Esketamine nasal spray",
        slug="esketamine-for-depression",
        summary="How the nasal spray is used for depression.",
        audience=Audience.CLINICIANS,
        body=[block("paragraph", {"text": "<p>A nasal spray.</p>", "citations": []})],
    )
    second_article.reference_links = [ArticlePageReference(reference=animal)]
    second_article.conditions = [depression]
    second_article.treatments = [esketamine]
    tree.articles.add_child(instance=second_article)
    publish(second_article)
    # A newer draft of a live page: the marker must never replace the live content.
    second_article.summary = f"Draft change {DRAFT_MARKER}"
    second_article.save_revision()

    case_story.linked_articles = [article, draft_article]
    publish(case_story)

    return ApiContent(
        tree=tree,
        topic=topic,
        draft_only_topic=draft_only_topic,
        ptsd=ptsd,
        depression=depression,
        unused_condition=unused_condition,
        ketamine=ketamine,
        esketamine=esketamine,
        author=author,
        rct=rct,
        case_report=case_report,
        observational=observational,
        animal=animal,
        glossary_used=glossary_used,
        glossary_unused=glossary_unused,
        image=image,
        draft_image=draft_image,
        document=document,
        draft_document=draft_document,
        article=ArticlePage.objects.get(pk=article.pk),
        second_article=ArticlePage.objects.get(pk=second_article.pk),
        case_story=CaseStoryPage.objects.get(pk=case_story.pk),
        guide=GuidePage.objects.get(pk=guide.pk),
        draft_article=draft_article,
        draft_case_story=draft_case_story,
        draft_guide=draft_guide,
    )
