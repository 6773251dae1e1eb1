"""Content models, re-exported by name."""

from .articles import ArticleIndexPage, ArticlePage, ArticlePageReference
from .case_stories import (
    CaseOutcome,
    CaseStoryConsent,
    CaseStoryIndexPage,
    CaseStoryPage,
    InterventionRoute,
)
from .guides import GuideDownload, GuideIndexPage, GuidePage
from .media import MedicalImage, MedicalRendition
from .mixins import PublishRefused
from .site import HomePage, SafetySettings
from .snippets import Condition, GlossaryTerm, Person, Reference, Topic, Treatment

__all__ = [
    "ArticleIndexPage",
    "ArticlePage",
    "ArticlePageReference",
    "CaseOutcome",
    "CaseStoryConsent",
    "CaseStoryIndexPage",
    "CaseStoryPage",
    "Condition",
    "GlossaryTerm",
    "GuideDownload",
    "GuideIndexPage",
    "GuidePage",
    "HomePage",
    "InterventionRoute",
    "MedicalImage",
    "MedicalRendition",
    "Person",
    "PublishRefused",
    "Reference",
    "SafetySettings",
    "Topic",
    "Treatment",
]
