"""The patient guide. Steps are plain text so the page and every download share one source."""

from __future__ import annotations

from dataclasses import dataclass

from articles.choices import DownloadFormat

from ..keys import ImageKey


@dataclass(frozen=True)
class GuideStep:
    title: str
    paragraphs: tuple[str, ...]
    image: ImageKey | None = None


@dataclass(frozen=True)
class DownloadSpec:
    format: str
    title: str  # identifies the document on later runs
    filename: str


SLUG = "ketamine-therapy-step-by-step-guide"
TITLE = "Your step-by-step guide to ketamine therapy"
SUMMARY = (
    "What to ask before ketamine treatment for PTSD, what a session involves and how to stay "
    "safe. Download it as a PDF, a large-print PDF, plain text or an e-book."
)
HERO_IMAGE = ImageKey("guide-path")
VERSION = "2026.1"

INTRODUCTION = (
    "Ketamine is being studied as a treatment for post-traumatic stress disorder (PTSD), but the "
    "evidence so far is early and mixed. This guide helps you talk it through with your own care "
    "team and know what to expect. It does not replace advice from a clinician who knows you."
)

STEPS: tuple[GuideStep, ...] = (
    GuideStep(
        "Start with your own care team",
        (
            "Talk to your family doctor, psychiatrist or therapist before you look for ketamine "
            "treatment. They know your history and can tell you whether it is worth considering "
            "and which other options you have not tried yet.",
            "Trauma-focused talking therapies and antidepressant medicines have the strongest "
            "evidence for PTSD.",
        ),
        image=ImageKey("guide-path"),
    ),
    GuideStep(
        "Understand what the research shows",
        (
            "Small trials found that some people felt better within a day of an infusion, but "
            "the improvement faded within days or weeks. The largest trial so far, in 158 "
            "veterans and service members, found no benefit for PTSD over a placebo.",
            "Ask any clinic which studies they rely on, and what results they see in their own patients.",
        ),
    ),
    GuideStep(
        "Have a full assessment first",
        (
            "A careful clinic assesses you before any treatment: your diagnosis, your physical "
            "health, the medicines you take, and any past problems with alcohol or drugs. Be open "
            "about all of these, because they affect whether ketamine is suitable for you.",
        ),
    ),
    GuideStep(
        "Know what a session involves",
        (
            "In the trials, ketamine for PTSD was given as a slow drip into a vein while a "
            "clinician watched over the person.",
            "You may feel detached, dreamy or unreal during the infusion. In the trials these "
            "feelings faded within a couple of hours.",
            "Ask how long you will stay at the clinic afterwards and whether someone needs to take you home.",
        ),
    ),
    GuideStep(
        "Keep your other treatment going",
        (
            "Do not stop or change your medicines or therapy without talking to the person who "
            "prescribes them. Where ketamine has helped in studies, the benefit has not lasted "
            "long, so ongoing support matters.",
        ),
    ),
    GuideStep(
        "Track how you feel, and know when to get help",
        (
            "Keep a simple diary of your sleep, mood and symptoms, and share it with your care team.",
            "If you feel worse, or have thoughts of ending your life, get help straight away. In "
            "an emergency, call your local emergency number. In the US, call or text 988. In the "
            "UK and Ireland, call Samaritans free on 116 123, day or night.",
        ),
    ),
)

DISCLAIMER = (
    "This guide is general information for education only. It is not medical advice and does not "
    "replace a consultation with a qualified clinician who knows your situation."
)

DOWNLOADS: tuple[DownloadSpec, ...] = (
    DownloadSpec(DownloadFormat.PDF, f"{TITLE} (PDF)", "ketamine-therapy-guide.pdf"),
    DownloadSpec(
        DownloadFormat.LARGE_PRINT, f"{TITLE} (large-print PDF)", "ketamine-therapy-guide-large-print.pdf"
    ),
    DownloadSpec(DownloadFormat.PLAIN_TEXT, f"{TITLE} (plain text)", "ketamine-therapy-guide.txt"),
    DownloadSpec(DownloadFormat.EPUB, f"{TITLE} (EPUB e-book)", "ketamine-therapy-guide.epub"),
)
