"""Group membership checks used on hot admin paths (permission testers run per page row)."""

from __future__ import annotations

from collections.abc import Iterable


def member_of_any(user, groups: Iterable[str]) -> bool:
    """Whether `user` belongs to any of `groups`; one query per user object and group set."""
    names = tuple(sorted(groups))
    # getattr/setattr, not __dict__: request.user is a lazy proxy that forwards attributes.
    memo = getattr(user, "_group_membership", None)
    if memo is None:
        memo = {}
        user._group_membership = memo
    if names not in memo:
        memo[names] = user.groups.filter(name__in=names).exists()
    return memo[names]
