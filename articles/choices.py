"""Enumerations shared by models, blocks and the API."""

from django.db import models


class EvidenceLevel(models.TextChoices):
    """DESIGN.md §2, strongest first."""

    HIGH = "high", "High (systematic review, meta-analysis or RCT)"
    MODERATE = "moderate", "Moderate (human observational or open-label study)"
    LOW = "low", "Low (case report or series)"
    PRECLINICAL = "preclinical", "Preclinical (animal or laboratory study)"
    OPINION = "opinion", "Opinion (expert opinion or anecdotal report)"

    @classmethod
    def rank(cls, level: str) -> int:
        """0 for the strongest level; higher numbers are weaker evidence."""
        return [choice.value for choice in cls].index(level)

    @classmethod
    def at_least(cls, level: str) -> list[str]:
        """This level and every stronger one, e.g. for `?evidence_level=moderate`."""
        return [choice.value for choice in cls][: cls.rank(level) + 1]


class StudyType(models.TextChoices):
    SYSTEMATIC_REVIEW = "systematic_review", "Systematic review or meta-analysis"
    RCT = "rct", "Randomised controlled trial"
    HUMAN_OBSERVATIONAL = "human_observational", "Human observational or open-label study"
    CASE_REPORT = "case_report", "Case report or case series"
    ANIMAL = "animal", "Animal or laboratory study"
    EXPERT_OPINION = "expert_opinion", "Expert opinion or narrative review"
    ANECDOTAL = "anecdotal", "Anecdotal report"


STUDY_TYPE_EVIDENCE_LEVEL: dict[str, str] = {
    StudyType.SYSTEMATIC_REVIEW: EvidenceLevel.HIGH,
    StudyType.RCT: EvidenceLevel.HIGH,
    StudyType.HUMAN_OBSERVATIONAL: EvidenceLevel.MODERATE,
    StudyType.CASE_REPORT: EvidenceLevel.LOW,
    StudyType.ANIMAL: EvidenceLevel.PRECLINICAL,
    StudyType.EXPERT_OPINION: EvidenceLevel.OPINION,
    StudyType.ANECDOTAL: EvidenceLevel.OPINION,
}


class Audience(models.TextChoices):
    PATIENTS = "patients", "Patients and caregivers"
    CLINICIANS = "clinicians", "Clinicians"


class CalloutKind(models.TextChoices):
    INFO = "info", "Information"
    CAUTION = "caution", "Caution"
    URGENT = "urgent", "Seek urgent help"


class CaseSource(models.TextChoices):
    PUBLISHED_CASE_REPORT = "published_case_report", "Published case report"
    CLINIC_PATIENT = "clinic_patient", "Clinic patient"


class AgeBand(models.TextChoices):
    CHILD_0_12 = "0-12", "Child (0–12)"
    ADOLESCENT_13_17 = "13-17", "Adolescent (13–17)"
    ADULT_18_24 = "18-24", "18–24"
    ADULT_25_34 = "25-34", "25–34"
    ADULT_35_44 = "35-44", "35–44"
    ADULT_45_54 = "45-54", "45–54"
    ADULT_55_64 = "55-64", "55–64"
    ADULT_65_89 = "65-89", "65–89"
    ADULT_90_PLUS = "90+", "90 or older"

    @property
    def is_minor(self) -> bool:
        return self in (AgeBand.CHILD_0_12, AgeBand.ADOLESCENT_13_17)


MINOR_AGE_BANDS = {AgeBand.CHILD_0_12.value, AgeBand.ADOLESCENT_13_17.value}


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    INTERSEX = "intersex", "Intersex"
    NOT_STATED = "", "Not stated"


class DownloadFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    EPUB = "epub", "EPUB e-book"
    AUDIO = "audio", "Audio"
    LARGE_PRINT = "large_print", "Large print PDF"
    PLAIN_TEXT = "text", "Plain text"
    EASY_READ = "easy_read", "Easy read"
