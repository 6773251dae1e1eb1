"""Site-wide disclaimer and crisis resources, following safe-messaging practice.

Help is listed most urgent first, with no detail about means of self-harm; every entry says
how to reach help now.
"""

from __future__ import annotations

MEDICAL_DISCLAIMER = (
    "This content is for general education only and is not medical advice. It does not replace "
    "a consultation with a qualified clinician who knows your situation. Do not start, stop or "
    "change any treatment because of something you read here without talking to your doctor."
)

CRISIS_HEADING = "If you are in crisis, get help now"

CRISIS_RESOURCES: list[dict] = [
    {
        "type": "resource",
        "value": {
            "name": "Emergency services",
            "region": "Anywhere",
            "phone": "",
            "text": "",
            "url": "",
            "description": "If you or someone else is in immediate danger, call your local "
            "emergency number (for example 911 in the US, 999 in the UK, 112 in the EU).",
        },
    },
    {
        "type": "resource",
        "value": {
            "name": "988 Suicide & Crisis Lifeline",
            "region": "United States",
            "phone": "988",
            "text": "988",
            "url": "https://988lifeline.org",
            "description": "Free, confidential support at any time, by call, text or online "
            "chat. Veterans can press 1 after dialling 988.",
        },
    },
    {
        "type": "resource",
        "value": {
            "name": "Samaritans",
            "region": "United Kingdom and Ireland",
            "phone": "116 123",
            "text": "",
            "url": "https://www.samaritans.org",
            "description": "Free to call, day or night, whatever you are going through.",
        },
    },
]
