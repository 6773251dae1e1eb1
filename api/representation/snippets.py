"""Library records as the public sees them: taxonomy, references, people, glossary terms.

Private fields never appear: a person's licence number, licence expiry and user account, a
reference's internal verification note.
"""

from __future__ import annotations

from typing import Any

from articles.choices import StudyType
from articles.models import Condition, GlossaryTerm, Person, Reference, Topic, Treatment


def represent_topic(topic: Topic) -> dict[str, Any]:
    return {"slug": topic.slug, "name": topic.name}


def represent_treatment(treatment: Treatment) -> dict[str, Any]:
    return {"slug": treatment.slug, "name": treatment.name}


def represent_condition(condition: Condition) -> dict[str, Any]:
    return {
        "slug": condition.slug,
        "name": condition.name,
        "icd10_code": condition.icd10_code,
        "icd11_code": condition.icd11_code,
    }


def represent_reference(reference: Reference, number: int | None, note: str = "") -> dict[str, Any]:
    return {
        "number": number,
        "authors": reference.authors,
        "title": reference.title,
        "container_title": reference.container_title,
        "year": reference.year,
        "citation_details": reference.citation_details,
        "doi": reference.doi,
        "pmid": reference.pmid,
        "url": reference.url,
        "study_type": reference.study_type,
        "study_type_label": StudyType(reference.study_type).label,
        "evidence_level": reference.evidence_level,
        "verified": reference.verified,
        "summary": reference.summary,
        "note": note,
    }


def represent_person(person: Person, photo: dict[str, Any] | None) -> dict[str, Any]:
    return {
        "slug": person.slug,
        "name": person.name,
        "credentials": person.credentials,
        "role": person.role,
        "specialty": person.specialty,
        "bio": person.bio,
        "conflict_of_interest": person.conflict_of_interest,
        "photo": photo,
    }


def represent_glossary_term(term: GlossaryTerm) -> dict[str, Any]:
    return {
        "slug": term.slug,
        "term": term.term,
        "short_definition": term.short_definition,
        "long_definition": term.long_definition,
    }
