"""The fictional people credited on demo content. Any likeness to real people is accidental."""

from __future__ import annotations

from ..users import EDITOR, REVIEWER, WRITER

PEOPLE: tuple[dict, ...] = (
    {
        "slug": "wren-ashdown",
        "name": "Wren Ashdown",
        "credentials": "MSc",
        "role": "Medical writer",
        "specialty": "",
        "bio": "Fictional demo author. Writes patient information on mental health.",
        "conflict_of_interest": "None declared. (Fictional person created for demo content.)",
        "username": WRITER.username,
    },
    {
        "slug": "idris-calloway",
        "name": "Idris Calloway",
        "credentials": "",
        "role": "Managing editor",
        "specialty": "",
        "bio": "Fictional demo editor. Checks that articles are clear, balanced and complete.",
        "conflict_of_interest": "None declared. (Fictional person created for demo content.)",
        "username": EDITOR.username,
    },
    {
        "slug": "maren-okafor",
        "name": "Dr Maren Okafor",
        "credentials": "MD",
        "role": "Medical reviewer",
        "specialty": "Psychiatry",
        "bio": "Fictional demo reviewer. A psychiatrist who checks content for medical accuracy.",
        "conflict_of_interest": "No financial links to ketamine clinics or manufacturers. Has "
        "taken part in clinical research on depression treatments. (Fictional person created for "
        "demo content.)",
        "username": REVIEWER.username,
        # Obviously fake, so it can never collide with a real registration number.
        "licence_number": "DEMO-PSY-000001",
        "licence_years": 2,
    },
)
