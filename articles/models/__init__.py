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
from .review import (
    MEDICAL_WORKFLOW_NAME,
    MedicalReviewTask,
    MedicalReviewTaskState,
    ReviewedObject,
    ReviewRecord,
)
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
    "MEDICAL_WORKFLOW_NAME",
    "MedicalImage",
    "MedicalReviewTask",
    "MedicalReviewTaskState",
    "MedicalRendition",
    "Person",
    "PublishRefused",
    "Reference",
    "ReviewRecord",
    "ReviewedObject",
    "SafetySettings",
    "Topic",
    "Treatment",
]
