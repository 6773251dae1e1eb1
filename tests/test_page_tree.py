"""Where each page type lives in the tree, and where its URL points (the CMS renders no public HTML)."""

import pytest

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase

from articles.models import (
    ArticleIndexPage,
    ArticlePage,
    CaseStoryIndexPage,
    CaseStoryPage,
    GuideIndexPage,
    GuidePage,
    HomePage,
)
from articles.site_tree import ensure_site_tree

from .helpers import paragraph_block

PAGE_TYPES = [
    Page,
    HomePage,
    ArticleIndexPage,
    ArticlePage,
    CaseStoryIndexPage,
    CaseStoryPage,
    GuideIndexPage,
    GuidePage,
]


class TestEachPageTypeIsCreatableOnlyWhereItBelongs(WagtailPageTestCase):
    def assert_created_only_under(self, child, parents):
        self.assertAllowedParentPageTypes(child, set(parents))
        for parent in PAGE_TYPES:
            if parent in parents:
                self.assertCanCreateAt(parent, child)
            else:
                self.assertCanNotCreateAt(parent, child)

    def test_home_page_sits_directly_under_the_tree_root(self):
        self.assert_created_only_under(HomePage, [Page])
        self.assertAllowedSubpageTypes(HomePage, {ArticleIndexPage, CaseStoryIndexPage, GuideIndexPage})

    def test_article_index_sits_under_the_home_page_and_holds_only_articles(self):
        self.assert_created_only_under(ArticleIndexPage, [HomePage])
        self.assertAllowedSubpageTypes(ArticleIndexPage, {ArticlePage})

    def test_articles_live_only_in_the_article_index_and_have_no_children(self):
        self.assert_created_only_under(ArticlePage, [ArticleIndexPage])
        self.assertAllowedSubpageTypes(ArticlePage, set())

    def test_case_story_index_sits_under_the_home_page_and_holds_only_case_stories(self):
        self.assert_created_only_under(CaseStoryIndexPage, [HomePage])
        self.assertAllowedSubpageTypes(CaseStoryIndexPage, {CaseStoryPage})

    def test_case_stories_live_only_in_the_case_story_index_and_have_no_children(self):
        self.assert_created_only_under(CaseStoryPage, [CaseStoryIndexPage])
        self.assertAllowedSubpageTypes(CaseStoryPage, set())

    def test_guide_index_sits_under_the_home_page_and_holds_only_guides(self):
        self.assert_created_only_under(GuideIndexPage, [HomePage])
        self.assertAllowedSubpageTypes(GuideIndexPage, {GuidePage})

    def test_guides_live_only_in_the_guide_index_and_have_no_children(self):
        self.assert_created_only_under(GuidePage, [GuideIndexPage])
        self.assertAllowedSubpageTypes(GuidePage, set())


# --- One home page and one index per content type ----------------------------------------------


def add_page_url(model, parent) -> str:
    return reverse("wagtailadmin_pages:add", args=(model._meta.app_label, model._meta.model_name, parent.pk))


@pytest.mark.parametrize("index_model", [ArticleIndexPage, CaseStoryIndexPage, GuideIndexPage])
def test_a_second_index_page_cannot_be_added(site_tree, superuser_client, index_model):
    assert index_model.objects.count() == 1
    assert not index_model.can_create_at(site_tree.home)

    response = superuser_client.get(add_page_url(index_model, site_tree.home))

    # Wagtail's admin answers PermissionDenied by sending the user back to the dashboard.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert index_model.objects.count() == 1


def test_a_second_home_page_cannot_be_added(site_tree, superuser_client):
    root = Page.get_first_root_node()

    response = superuser_client.get(add_page_url(HomePage, root))

    assert not HomePage.can_create_at(root)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert HomePage.objects.count() == 1


def test_editors_can_open_the_form_for_a_page_type_where_it_belongs(site_tree, superuser_client):
    response = superuser_client.get(add_page_url(ArticlePage, site_tree.articles))

    assert response.status_code == 200


# --- The site tree ----------------------------------------------------------------------------


def test_site_tree_can_be_built_on_a_freshly_migrated_database(db):
    # Wagtail's migrations leave a welcome page with the slug "home" as the default site's root.
    tree = ensure_site_tree()

    assert Site.objects.get(is_default_site=True).root_page_id == tree.home.pk


def test_site_tree_puts_one_index_per_content_type_under_the_default_sites_home_page(site_tree):
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific == site_tree.home
    assert [(type(child.specific), child.slug) for child in site_tree.home.get_children()] == [
        (ArticleIndexPage, "articles"),
        (CaseStoryIndexPage, "case-stories"),
        (GuideIndexPage, "guides"),
    ]
    # Wagtail's placeholder welcome page is gone.
    assert not Page.objects.filter(content_type=ContentType.objects.get_for_model(Page), depth=2).exists()


def test_building_the_site_tree_again_changes_nothing(site_tree):
    pages_before = list(Page.objects.order_by("path").values_list("pk", "path"))

    again = ensure_site_tree()

    assert again == site_tree
    assert list(Page.objects.order_by("path").values_list("pk", "path")) == pages_before


# --- URLs point at the frontend; Wagtail's routes redirect there -------------------------------


@pytest.fixture
def pages(site_tree, make_article, make_case_story, make_guide):
    """One page of each public kind, as drafts; tests publish the ones they need."""
    return {
        "home": site_tree.home,
        "article index": site_tree.articles,
        "article": make_article("ketamine-and-depression", body=[paragraph_block()]),
        "case story": make_case_story("veteran-with-ptsd"),
        "guide": make_guide("preparing-for-an-infusion"),
    }


EXPECTED_PATHS = {
    "home": "/",
    "article index": "/articles/",
    "article": "/articles/ketamine-and-depression/",
    "case story": "/case-stories/veteran-with-ptsd/",
    "guide": "/guides/preparing-for-an-infusion/",
}


@pytest.mark.parametrize("name", EXPECTED_PATHS)
def test_page_url_points_at_the_frontend(pages, name):
    page = pages[name].specific

    assert page.full_url == settings.FRONTEND_BASE_URL + EXPECTED_PATHS[name]
    assert page.full_url.startswith("https://frontend.test/")
    assert page.frontend_path == EXPECTED_PATHS[name]


@pytest.mark.parametrize("name", EXPECTED_PATHS)
def test_visiting_a_live_page_on_the_cms_redirects_to_the_frontend(client, pages, publish_reviewed, name):
    page = pages[name].specific
    if not page.live:
        publish_reviewed(page)
    assert page.live

    response = client.get(EXPECTED_PATHS[name])

    assert response.status_code == 302
    assert response["Location"] == "https://frontend.test" + EXPECTED_PATHS[name]


@pytest.mark.parametrize("name", ["article", "guide"])
def test_a_draft_page_is_not_served_or_redirected(client, pages, name):
    assert not pages[name].live

    response = client.get(EXPECTED_PATHS[name])

    assert response.status_code == 404
