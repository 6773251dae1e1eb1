"""Plain builders for test data: role users, reviewer credentials, minimal valid pages."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth.models import Group, User

from wagtail.models import Site

from articles.models import ArticlePage, Person, Reference, SafetySettings
from articles.site_tree import SiteTree

DISCLAIMER = "This content is for education only and is not medical advice."


def role_user(username: str, group: str, **extra) -> User:
    user = User.objects.create_user(username, f"{username}@example.invalid", "pw-not-used", **extra)
    user.groups.add(Group.objects.get(name=group))
    return user


def credentialed_reviewer(username: str = "rhea.reviewer", *, licence_expiry: date | None = None) -> User:
    user = role_user(username, "Medical reviewers")
    Person.objects.create(
        name=f"Dr {username.title()}",
        credentials="MD",
        specialty="Psychiatry",
        user=user,
        licence_number="LIC-12345",
        licence_expiry=licence_expiry or date.today() + timedelta(days=365),
    )
    return user


def with_disclaimer(site: Site | None = None) -> None:
    site = site or Site.objects.get(is_default_site=True)
    settings = SafetySettings.for_site(site)
    settings.medical_disclaimer = DISCLAIMER
    settings.save()


def verified_reference(**overrides) -> Reference:
    fields = dict(
        authors="Morina N, Wicherts JM, Lobbrecht J, Priebe S",
        title="Remission from post-traumatic stress disorder in adults",
        container_title="Clinical Psychology Review",
        year=2014,
        study_type="systematic_review",
        verified=True,
    )
    fields.update(overrides)
    return Reference.objects.create(**fields)


def draft_article(tree: SiteTree, *, slug: str = "reviewed-article", text: str = "Plain text.", owner=None):
    page = ArticlePage(
        title=slug.replace("-", " ").title(),
        slug=slug,
        summary="A short summary.",
        body=[("paragraph", {"text": f"<p>{text}</p>", "citations": []})],
        live=False,
        owner=owner,
    )
    tree.articles.add_child(instance=page)
    return page
