"""What an article derives on save: its evidence level and reading time."""

import pytest

from django.urls import reverse

from articles.choices import EvidenceLevel, StudyType
from articles.models import ArticlePage, ArticlePageReference

from .helpers import article_form_data, paragraph_block, paragraph_form, statistic_block


@pytest.mark.parametrize(
    ("study_types", "level"),
    [
        ([StudyType.CASE_REPORT, StudyType.RCT, StudyType.ANIMAL], EvidenceLevel.HIGH),
        ([StudyType.ANECDOTAL, StudyType.HUMAN_OBSERVATIONAL], EvidenceLevel.MODERATE),
        ([StudyType.ANIMAL, StudyType.CASE_REPORT], EvidenceLevel.LOW),
        ([StudyType.EXPERT_OPINION, StudyType.ANIMAL], EvidenceLevel.PRECLINICAL),
        ([StudyType.EXPERT_OPINION], EvidenceLevel.OPINION),
    ],
)
def test_article_evidence_level_is_its_strongest_listed_reference(
    make_article, make_reference, study_types, level
):
    references = [make_reference(study_type=study_type) for study_type in study_types]

    article = make_article(references=references)

    assert ArticlePage.objects.get(pk=article.pk).evidence_level == level


def test_article_without_references_is_rated_opinion(make_article):
    assert ArticlePage.objects.get(pk=make_article().pk).evidence_level == EvidenceLevel.OPINION


def test_evidence_level_follows_the_reference_list_not_body_citations(make_article, make_reference):
    # Only the ordered reference list counts; a statistic citing an RCT that is not listed does not.
    rct = make_reference(study_type=StudyType.RCT)
    case_report = make_reference(study_type=StudyType.CASE_REPORT)

    article = make_article(body=[statistic_block(rct)], references=[case_report])

    assert ArticlePage.objects.get(pk=article.pk).evidence_level == EvidenceLevel.LOW


def test_evidence_level_is_updated_when_the_reference_list_changes(make_article, make_reference):
    article = make_article(references=[make_reference(study_type=StudyType.ANIMAL)])
    article.reference_links.add(
        ArticlePageReference(reference=make_reference(study_type=StudyType.SYSTEMATIC_REVIEW))
    )

    article.save()

    assert ArticlePage.objects.get(pk=article.pk).evidence_level == EvidenceLevel.HIGH


def test_article_created_in_the_admin_gets_the_evidence_level_of_its_references(
    superuser_client, site_tree, make_reference
):
    observational = make_reference(study_type=StudyType.HUMAN_OBSERVATIONAL)
    animal = make_reference(study_type=StudyType.ANIMAL)
    url = reverse("wagtailadmin_pages:add", args=("articles", "articlepage", site_tree.articles.pk))

    superuser_client.post(url, article_form_data(reference_ids=[animal.pk, observational.pk]))

    assert ArticlePage.objects.get(slug="ketamine-and-depression").evidence_level == EvidenceLevel.MODERATE


def words(count: int) -> str:
    return " ".join(["word"] * count)


@pytest.mark.parametrize(
    ("word_count", "minutes"),
    [(5, 1), (200, 1), (201, 2), (450, 3), (1000, 5)],
)
def test_reading_time_is_computed_from_the_body_at_200_words_a_minute(make_article, word_count, minutes):
    article = make_article(body=[paragraph_block(words(word_count))])

    assert ArticlePage.objects.get(pk=article.pk).reading_time_minutes == minutes


def test_reading_time_counts_every_text_block_not_only_paragraphs(make_article):
    # 200 words of paragraphs alone would read in 1 minute; the heading tips it over.
    body = [
        paragraph_block(f"<b>{words(100)}</b>"),
        ("heading", {"text": "Five words in this heading", "level": "h2"}),
        paragraph_block(words(100)),
    ]

    article = make_article(body=body)

    assert ArticlePage.objects.get(pk=article.pk).reading_time_minutes == 2


def test_reading_time_is_recomputed_when_an_edited_draft_is_saved_through_the_admin(
    superuser_client, make_article
):
    article = make_article(body=[paragraph_block(words(10))])
    assert article.reading_time_minutes == 1

    superuser_client.post(
        reverse("wagtailadmin_pages:edit", args=(article.pk,)),
        article_form_data(body=[paragraph_form(words(700))]),
    )

    assert ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object().reading_time_minutes == 4
