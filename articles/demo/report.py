"""What a load did, per kind of object, for the command's summary."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Literal

# "kept": the row existed and was left alone without comparing (the default, see records.py).
Status = Literal["created", "updated", "unchanged", "kept"]

STATUSES: tuple[Status, ...] = ("created", "updated", "unchanged", "kept")


class LoadReport:
    def __init__(self) -> None:
        self._counts: dict[str, Counter] = defaultdict(Counter)

    def record(self, kind: str, status: Status) -> None:
        self._counts[kind][status] += 1

    @property
    def changed_anything(self) -> bool:
        return any(c["created"] or c["updated"] for c in self._counts.values())

    def lines(self) -> list[str]:
        return [
            f"{kind}: " + ", ".join(f"{c[status]} {status}" for status in STATUSES if c[status])
            for kind, c in self._counts.items()
        ]


def status_of(created: bool, changed: bool) -> Status:
    if created:
        return "created"
    return "updated" if changed else "unchanged"
