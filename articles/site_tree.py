"""Create (or find) the fixed page tree: root → home → /articles/, /case-stories/, /guides/."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from wagtail.models import Page, Site

from .models import ArticleIndexPage, CaseStoryIndexPage, GuideIndexPage, HomePage


@dataclass(frozen=True)
class SiteTree:
    home: HomePage
    articles: ArticleIndexPage
    case_stories: CaseStoryIndexPage
    guides: GuideIndexPage


INDEXES = (
    (ArticleIndexPage, "Articles", "articles"),
    (CaseStoryIndexPage, "Case stories", "case-stories"),
    (GuideIndexPage, "Guides", "guides"),
)


@transaction.atomic
def ensure_site_tree(site_name: str = "Medical Education") -> SiteTree:
    """Idempotent: reuses existing pages, replaces Wagtail's placeholder welcome page once."""
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        # Wagtail's placeholder welcome page already holds the slug "home" on a fresh database.
        slug = "home" if not root.get_children().filter(slug="home").exists() else "medical-education"
        home = root.add_child(instance=HomePage(title=site_name, slug=slug))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=site_name
        )
    elif site.root_page_id != home.pk:
        placeholder = site.root_page
        site.root_page = home
        site.site_name = site.site_name or site_name
        site.save()
        # Wagtail's initial migration creates a plain "Welcome" page: remove it once unused.
        if type(placeholder.specific) is Page and not placeholder.get_children().exists():
            placeholder.delete()

    found = {}
    for model, title, slug in INDEXES:
        index = model.objects.first()
        if index is None:
            index = home.add_child(instance=model(title=title, slug=slug))
        found[model] = index
    return SiteTree(
        home=home,
        articles=found[ArticleIndexPage],
        case_stories=found[CaseStoryIndexPage],
        guides=found[GuideIndexPage],
    )
