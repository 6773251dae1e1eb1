"""Layer 2 of the publish gate: nobody gets a publish button for reviewed page types.

Stock Wagtail ties unpublishing to publish permission; here taking content down stays possible
for Editors and Administrators, because it must never be blocked (DESIGN.md §3).
"""

from __future__ import annotations

from wagtail.models import PagePermissionTester

UNPUBLISHER_GROUPS = ("Editors", "Administrators")


def can_take_down(user) -> bool:
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    cache_attr = "_can_take_down_content"
    if not hasattr(user, cache_attr):
        setattr(user, cache_attr, user.groups.filter(name__in=UNPUBLISHER_GROUPS).exists())
    return getattr(user, cache_attr)


class ReviewedPagePermissionTester(PagePermissionTester):
    """For article, case-story and guide pages: going live only through the review workflow."""

    def can_publish(self) -> bool:
        return False

    def can_publish_subpage(self) -> bool:
        return False

    def can_unpublish(self) -> bool:
        if not self.page.live or self.page_is_root:
            return False
        return can_take_down(self.user)

    def can_unschedule(self) -> bool:
        return can_take_down(self.user)

    def can_set_view_restrictions(self) -> bool:
        return can_take_down(self.user)


class ReviewedIndexPermissionTester(PagePermissionTester):
    """Index pages can only hold reviewed types, so nothing may be created-and-published there."""

    def can_publish_subpage(self) -> bool:
        return False
