"""Shared fixtures: the page tree and a few snippets. Real database, real cache, no mocks."""

import pytest
from django.core.cache import cache

from articles.site_tree import SiteTree, ensure_site_tree


@pytest.fixture(autouse=True)
def _clear_cache():
    # The cache backend is real (local memory or Redis): start every test from empty.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_tree(db) -> SiteTree:
    return ensure_site_tree()
