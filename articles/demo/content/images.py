"""Illustrations generated for the demo (no photographs, and no people)."""

from __future__ import annotations

from dataclasses import dataclass

CREDIT = "Illustration generated for demo content"


@dataclass(frozen=True)
class ImageSpec:
    key: str
    title: str  # identifies the image on later runs
    filename: str
    alt_text: str


IMAGES: tuple[ImageSpec, ...] = (
    ImageSpec(
        key="hero-network",
        title="Demo: abstract network of nerve cells",
        filename="demo-nerve-cell-network.png",
        alt_text="Abstract illustration of nerve cells linked by thin lines, on a background that "
        "fades from deep blue to teal.",
    ),
    ImageSpec(
        key="nmda-diagram",
        title="Demo: ketamine blocking an NMDA receptor",
        filename="demo-nmda-receptor-diagram.png",
        alt_text="Simplified diagram of a nerve cell membrane. Glutamate attaches to an NMDA "
        "receptor, and a ketamine molecule sits inside the receptor's channel, blocking it.",
    ),
    ImageSpec(
        key="recovery-chart",
        title="Demo: chart of natural recovery from PTSD",
        filename="demo-ptsd-natural-recovery-chart.png",
        alt_text="Bar chart of adults with PTSD followed for an average of 40 months without "
        "specific treatment: 44% no longer met the diagnosis and 56% still did.",
    ),
    ImageSpec(
        key="guide-path",
        title="Demo: six steps along a path",
        filename="demo-guide-six-steps.jpg",
        alt_text="Six numbered circles joined by a rising zigzag line, one circle for each step "
        "of the guide.",
    ),
)
