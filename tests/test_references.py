"""References: identifiers editors can trust, and an evidence level that follows the study type."""

import pytest

from django.urls import reverse

from articles.choices import EvidenceLevel, StudyType
from articles.models import Reference

ADD_URL = reverse("wagtailsnippets_articles_reference:add")
DOI_MESSAGE = "A DOI starts with '10.' followed by a registrant code and a suffix."
PMID_MESSAGE = "A PMID is a number of up to nine digits."


def reference_form(**fields) -> dict[str, str]:
    data = {
        "authors": "Feder A, Parides MK, Murrough JW, et al.",
        "title": "Efficacy of intravenous ketamine for treatment of chronic PTSD",
        "container_title": "JAMA Psychiatry",
        "year": "2014",
        "citation_details": "",
        "doi": "",
        "pmid": "",
        "url": "",
        "study_type": StudyType.RCT,
        "summary": "",
        "verification_note": "",
    }
    data.update(fields)
    return data


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"doi": "jamapsychiatry.2014.62"}, "doi", DOI_MESSAGE),
        ({"doi": "10.12/too-short-registrant"}, "doi", DOI_MESSAGE),
        ({"doi": "10.1001/has spaces"}, "doi", DOI_MESSAGE),
        ({"pmid": "PMID24740528"}, "pmid", PMID_MESSAGE),
        ({"pmid": "1234567890"}, "pmid", PMID_MESSAGE),
    ],
    ids=[
        "doi without 10. prefix",
        "doi registrant too short",
        "doi with spaces",
        "pmid with letters",
        "pmid too long",
    ],
)
def test_invalid_identifiers_are_refused_with_a_helpful_message(superuser_client, fields, field, message):
    response = superuser_client.post(ADD_URL, reference_form(**fields))

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert not Reference.objects.exists()


@pytest.mark.parametrize(
    "typed_doi",
    [
        "10.1001/jamapsychiatry.2014.62",
        "https://doi.org/10.1001/jamapsychiatry.2014.62",
        "doi:10.1001/jamapsychiatry.2014.62",
        "  10.1001/jamapsychiatry.2014.62 ",
    ],
)
def test_doi_is_stored_bare_however_it_was_pasted(superuser_client, typed_doi):
    response = superuser_client.post(ADD_URL, reference_form(doi=typed_doi, pmid=" 24740528 "))

    assert response.status_code == 302
    reference = Reference.objects.get()
    assert reference.doi == "10.1001/jamapsychiatry.2014.62"
    assert reference.pmid == "24740528"


def test_reference_cannot_be_verified_while_its_note_lists_unconfirmed_fields(superuser_client):
    data = reference_form(verified="on", verification_note="Volume and pages unconfirmed.")

    response = superuser_client.post(ADD_URL, data)

    assert response.status_code == 200
    assert "confirm them (and clear the note)" in response.context["form"].errors["verified"][0]
    assert not Reference.objects.exists()


def test_reference_without_identifiers_is_accepted(superuser_client):
    # Identifiers are optional: editors must never guess one.
    response = superuser_client.post(ADD_URL, reference_form())

    assert response.status_code == 302
    assert Reference.objects.get().doi == ""


@pytest.mark.parametrize(
    ("study_type", "level"),
    [
        (StudyType.SYSTEMATIC_REVIEW, EvidenceLevel.HIGH),
        (StudyType.RCT, EvidenceLevel.HIGH),
        (StudyType.HUMAN_OBSERVATIONAL, EvidenceLevel.MODERATE),
        (StudyType.CASE_REPORT, EvidenceLevel.LOW),
        (StudyType.ANIMAL, EvidenceLevel.PRECLINICAL),
        (StudyType.EXPERT_OPINION, EvidenceLevel.OPINION),
        (StudyType.ANECDOTAL, EvidenceLevel.OPINION),
    ],
)
def test_reference_evidence_level_follows_its_study_type(make_reference, study_type, level):
    assert make_reference(study_type=study_type).evidence_level == level


def test_every_study_type_has_an_evidence_level(make_reference):
    for study_type in StudyType:
        assert make_reference(study_type=study_type).evidence_level in EvidenceLevel.values
