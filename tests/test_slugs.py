"""The API addresses pages by type and slug, so a slug is unique within its content type."""

import pytest

from django.core.exceptions import ValidationError
from django.urls import reverse

from articles.choices import AgeBand
from articles.models import ArticlePage, CaseStoryPage

from .helpers import article_form_data, paragraph_block

TAKEN = "ketamine-and-depression"


def add_article_url(site_tree) -> str:
    return reverse("wagtailadmin_pages:add", args=("articles", "articlepage", site_tree.articles.pk))


def unsaved_article(slug: str) -> ArticlePage:
    return ArticlePage(title="Another article", slug=slug, summary="Summary.", body=[paragraph_block()])


def unsaved_case_story(slug: str) -> CaseStoryPage:
    return CaseStoryPage(
        title="Another story",
        slug=slug,
        summary="Summary.",
        age_band=AgeBand.ADULT_25_34,
        narrative="<p>What happened.</p>",
    )


def slug_errors(page) -> list[str]:
    # path and depth are set when the page is added to the tree; only the slug matters here.
    with pytest.raises(ValidationError) as invalid:
        page.full_clean(exclude=["path", "depth"])
    return invalid.value.message_dict["slug"]


def test_second_article_with_a_taken_slug_is_refused_by_the_admin_form(
    superuser_client, site_tree, make_article
):
    make_article(TAKEN)

    response = superuser_client.post(
        add_article_url(site_tree), article_form_data(title="Another article", slug=TAKEN)
    )

    assert response.status_code == 200
    assert response.context["form"].errors["slug"] == [
        f"The slug '{TAKEN}' is already in use within the parent page."
    ]
    assert ArticlePage.objects.filter(slug=TAKEN).count() == 1


def test_article_with_a_taken_slug_fails_model_validation(make_article):
    make_article(TAKEN)

    assert slug_errors(unsaved_article(TAKEN)) == [
        f"Another article already uses the slug '{TAKEN}'. Choose a different slug."
    ]


def test_case_story_with_a_taken_slug_fails_model_validation(make_case_story):
    make_case_story(TAKEN)

    assert slug_errors(unsaved_case_story(TAKEN)) == [
        f"Another case story already uses the slug '{TAKEN}'. Choose a different slug."
    ]


def test_an_article_and_a_case_story_may_share_a_slug(make_article, make_case_story):
    article = make_article(TAKEN)
    story = make_case_story(TAKEN)

    article.full_clean()
    story.full_clean()
    assert article.full_url != story.full_url


def test_admin_accepts_an_article_slug_that_a_case_story_uses(superuser_client, site_tree, make_case_story):
    make_case_story(TAKEN)

    response = superuser_client.post(add_article_url(site_tree), article_form_data(slug=TAKEN))

    assert response.status_code == 302
    assert ArticlePage.objects.filter(slug=TAKEN).exists()


def test_an_article_keeps_its_own_slug_when_edited(superuser_client, make_article):
    article = make_article(TAKEN)

    response = superuser_client.post(
        reverse("wagtailadmin_pages:edit", args=(article.pk,)),
        article_form_data(title="Retitled", slug=TAKEN),
    )

    assert response.status_code == 302
    assert ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object().title == "Retitled"
