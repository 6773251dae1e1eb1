"""GET /api/v1/schema/: OpenAPI 3.1 for v1 only, every parameter and 4xx declared, and real
responses validate against it (strictly: undeclared fields fail)."""

import copy

import pytest
from jsonschema import Draft202012Validator

from .api_helpers import get_json


@pytest.fixture
def schema(client, db) -> dict:
    return get_json(client, "/api/v1/schema/")


def strict(node):
    """A copy where every object with declared properties refuses undeclared ones."""
    if isinstance(node, dict):
        node = {key: strict(value) for key, value in node.items()}
        if node.get("type") == "object" and "properties" in node:
            node.setdefault("additionalProperties", False)
        return node
    if isinstance(node, list):
        return [strict(item) for item in node]
    return node


def response_validator(schema: dict, path: str, status: str = "200") -> Draft202012Validator:
    response = schema["paths"][path]["get"]["responses"][status]["content"]["application/json"]["schema"]
    root = {**copy.deepcopy(response), "components": strict(schema["components"])}
    return Draft202012Validator(strict(root))


def test_only_v1_paths(schema):
    assert schema["openapi"].startswith("3.1")
    assert schema["paths"]
    assert all(path.startswith("/api/v1/") for path in schema["paths"])
    assert {"/api/v1/articles/", "/api/v1/articles/{slug}/", "/api/v1/search/", "/api/v1/changes/"} <= set(
        schema["paths"]
    )
    assert not any("schema" in path or "docs" in path for path in schema["paths"])


def test_every_operation_declares_its_errors_and_types_its_parameters(schema):
    for path, operations in schema["paths"].items():
        assert set(operations) == {"get"}, path
        operation = operations["get"]
        declared = set(operation["responses"])
        assert {"200", "400", "406", "429"} <= declared, path
        if "{slug}" in path or path.endswith("/resolve/"):
            assert "404" in declared, path
        for status in declared - {"200"}:
            ref = operation["responses"][status]["content"]["application/json"]["schema"]["$ref"]
            assert ref == "#/components/schemas/Error"
        for parameter in operation.get("parameters", []):
            assert parameter["schema"].get("type") or parameter["schema"].get("enum"), (path, parameter)


def test_list_parameters(schema):
    names = {p["name"] for p in schema["paths"]["/api/v1/articles/"]["get"]["parameters"]}
    assert names == {
        "limit",
        "offset",
        "topic",
        "condition",
        "treatment",
        "audience",
        "evidence_level",
        "review_status",
        "updated_since",
        "ordering",
    }
    search = {p["name"]: p for p in schema["paths"]["/api/v1/search/"]["get"]["parameters"]}
    assert search["q"]["required"] is True


def test_blocks_are_polymorphic_on_type_with_one_value_enums(schema):
    components = schema["components"]["schemas"]
    article_block = components["ArticleBlock"]
    assert article_block["discriminator"]["propertyName"] == "type"
    assert set(article_block["discriminator"]["mapping"]) == {
        "heading",
        "paragraph",
        "statistic",
        "key_points",
        "quote",
        "image",
        "callout",
        "faq",
        "case_story",
        "guide_cta",
    }
    for block_type, ref in article_block["discriminator"]["mapping"].items():
        variant = components[ref.rsplit("/", 1)[1]]
        assert variant["properties"]["type"]["enum"] == [block_type]
        assert set(variant["required"]) >= {"type", "id", "value"}
    assert components["GuideBlock"]["discriminator"]["mapping"].keys() == {"step"}


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("/api/v1/articles/", "/api/v1/articles/"),
        ("/api/v1/articles/ketamine-for-ptsd/", "/api/v1/articles/{slug}/"),
        ("/api/v1/articles/esketamine-for-depression/", "/api/v1/articles/{slug}/"),
        ("/api/v1/case-stories/", "/api/v1/case-stories/"),
        ("/api/v1/case-stories/veteran-ptsd-ketamine/", "/api/v1/case-stories/{slug}/"),
        ("/api/v1/guides/", "/api/v1/guides/"),
        ("/api/v1/guides/preparing-for-infusion/", "/api/v1/guides/{slug}/"),
        ("/api/v1/topics/", "/api/v1/topics/"),
        ("/api/v1/conditions/ptsd/", "/api/v1/conditions/{slug}/"),
        ("/api/v1/treatments/", "/api/v1/treatments/"),
        ("/api/v1/glossary/", "/api/v1/glossary/"),
        ("/api/v1/search/?q=ketamine", "/api/v1/search/"),
        ("/api/v1/resolve/?path=/articles/ketamine-for-ptsd/", "/api/v1/resolve/"),
        ("/api/v1/resolve/?path=/guides/", "/api/v1/resolve/"),
        ("/api/v1/sitemap/", "/api/v1/sitemap/"),
        ("/api/v1/changes/?since=2000-01-01", "/api/v1/changes/"),
    ],
)
def test_responses_match_the_schema(client, api_content, schema, url, path):
    body = get_json(client, url)
    errors = sorted(response_validator(schema, path).iter_errors(body), key=str)
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


def test_redirect_and_error_responses_match_the_schema(client, api_content, schema):
    from wagtail.contrib.redirects.models import Redirect

    Redirect.add_redirect("/old", redirect_to=api_content.article)
    body = get_json(client, "/api/v1/resolve/?path=/old")
    assert not list(response_validator(schema, "/api/v1/resolve/").iter_errors(body))
    error = get_json(client, "/api/v1/articles/?limit=0", status=400)
    assert not list(response_validator(schema, "/api/v1/articles/", "400").iter_errors(error))


def test_interactive_docs_use_local_assets(client, db):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/" in html
    assert "cdn." not in html and "unpkg" not in html
    assert client.get("/api/v1/redoc/").status_code == 200


def test_validation_catches_undeclared_or_mistyped_fields(client, api_content, schema):
    """A control for the test above: the validator is strict."""
    validator = response_validator(schema, "/api/v1/articles/{slug}/")
    body = get_json(client, "/api/v1/articles/ketamine-for-ptsd/")
    assert not list(validator.iter_errors(body))
    body["body"][0]["value"]["surprise"] = 1
    assert list(validator.iter_errors(body))
    body = get_json(client, "/api/v1/articles/ketamine-for-ptsd/")
    body["body"][0]["type"] = "paragraph"  # a heading's value under another variant's type
    assert list(validator.iter_errors(body))


def test_schema_as_yaml_on_request(client, db):
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/yaml")
    assert response.status_code == 200 and response.content.startswith(b"openapi: 3.1")
