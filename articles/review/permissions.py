"""Layer 2 of the publish gate: nobody gets a publish button for reviewed page types.

Stock Wagtail ties unpublishing to publish permission; here taking content down stays possible
for Editors and Administrators, because it must never be blocked (DESIGN.md §3).
"""

from __future__ import annotations

from wagtail.models import PagePermissionTester

from security.roles import member_of_any
from security.second_factor import second_factor_missing

UNPUBLISHER_GROUPS = ("Editors", "Administrators")


def can_take_down(user) -> bool:
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    return member_of_any(user, UNPUBLISHER_GROUPS)


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


class SecondFactorPublishMixin:
    """Pages that can be published directly (home and index pages): reviewers, administrators and
    superusers publish only from a session verified with their second factor. Unpublishing is
    never blocked."""

    def can_publish(self) -> bool:
        return super().can_publish() and not second_factor_missing(self.user)

    def can_publish_subpage(self) -> bool:
        return super().can_publish_subpage() and not second_factor_missing(self.user)


class DirectPublishPermissionTester(SecondFactorPublishMixin, PagePermissionTester):
    """The home page."""


class ReviewedIndexPermissionTester(SecondFactorPublishMixin, PagePermissionTester):
    """Index pages can only hold reviewed types, so nothing may be created-and-published there."""

    def can_publish_subpage(self) -> bool:
        return False
