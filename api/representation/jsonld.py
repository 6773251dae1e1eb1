"""schema.org `MedicalWebPage` for an article (https://schema.org/MedicalWebPage).

What publishing and review set (`datePublished`, `dateModified`, `reviewedBy`, `lastReviewed`) is
not known when the representation is frozen at approval; `with_request_time_data()` merges it in
when the page is served.
"""

from __future__ import annotations

from typing import Any

from articles.choices import Audience

AUDIENCE_TYPES = {Audience.PATIENTS: "Patient", Audience.CLINICIANS: "Clinician"}


def _medical_codes(condition: dict[str, Any]) -> list[dict[str, str]]:
    codes = []
    for key, system in (("icd10_code", "ICD-10"), ("icd11_code", "ICD-11")):
        if condition.get(key):
            codes.append({"@type": "MedicalCode", "code": condition[key], "codingSystem": system})
    return codes


def _citation(reference: dict[str, Any]) -> dict[str, Any]:
    citation: dict[str, Any] = {
        "@type": "ScholarlyArticle",
        "name": reference["title"],
        "author": reference["authors"],
    }
    if reference["year"]:
        citation["datePublished"] = str(reference["year"])
    if reference["container_title"]:
        citation["isPartOf"] = {"@type": "Periodical", "name": reference["container_title"]}
    if reference["doi"]:
        citation["sameAs"] = f"https://doi.org/{reference['doi']}"
    elif reference["url"]:
        citation["url"] = reference["url"]
    return citation


def article_json_ld(article: dict[str, Any]) -> dict[str, Any]:
    """Built from the article's own public representation, so it can never say more than it."""
    treatments = [{"@type": "MedicalTherapy", "name": t["name"]} for t in article["treatments"]]
    about = []
    for condition in article["conditions"]:
        entry: dict[str, Any] = {"@type": "MedicalCondition", "name": condition["name"]}
        codes = _medical_codes(condition)
        if codes:
            entry["code"] = codes
        if treatments:
            entry["possibleTreatment"] = treatments
        about.append(entry)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": article["title"],
        "headline": article["seo"]["title"],
        "description": article["seo"]["description"],
        "url": article["url"],
        "about": about,
        "audience": {
            "@type": "MedicalAudience",
            "audienceType": AUDIENCE_TYPES.get(article["audience"], "Patient"),
        },
        "citation": [_citation(reference) for reference in article["references"]],
        "author": [
            {"@type": "Person", "name": person["name"], "honorificSuffix": person["credentials"]}
            for person in article["authors"]
        ],
    }
    if article["hero_image"]:
        data["image"] = article["hero_image"]["url"]
    return data


def with_request_time_data(
    json_ld: dict[str, Any], dates: dict[str, str | None], review: dict[str, Any]
) -> dict[str, Any]:
    """`json_ld` plus publication dates, and `reviewedBy`/`lastReviewed` when the review has them."""
    data = dict(json_ld)
    if dates.get("first_published_at"):
        data["datePublished"] = dates["first_published_at"]
    if dates.get("last_published_at"):
        data["dateModified"] = dates["last_published_at"]
    reviewer = review.get("reviewed_by")
    if isinstance(reviewer, dict) and reviewer.get("name"):
        data["reviewedBy"] = {"@type": "Person", "name": reviewer["name"]}
        if reviewer.get("credentials"):
            data["reviewedBy"]["honorificSuffix"] = reviewer["credentials"]
    elif isinstance(reviewer, str) and reviewer:
        data["reviewedBy"] = {"@type": "Person", "name": reviewer}
    if review.get("last_reviewed_at"):
        data["lastReviewed"] = str(review["last_reviewed_at"])[:10]
    return data
