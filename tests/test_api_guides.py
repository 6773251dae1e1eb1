"""GET /api/v1/guides/ and /<slug>/: steps and downloadable formats."""

from .api_helpers import assert_error, get_json, slugs

LIST = "/api/v1/guides/"
DETAIL = "/api/v1/guides/preparing-for-infusion/"


def test_list(client, api_content):
    body = get_json(client, LIST)
    assert slugs(body) == ["preparing-for-infusion"]
    [item] = body["results"]
    assert item["formats"] == ["audio", "pdf"]
    assert item["topics"] == [{"slug": "mental-health", "name": "Mental health"}]


def test_filters(client, api_content):
    assert slugs(get_json(client, f"{LIST}?treatment=ketamine")) == ["preparing-for-infusion"]
    assert slugs(get_json(client, f"{LIST}?topic=anaesthesia")) == []
    assert slugs(get_json(client, f"{LIST}?audience=clinicians")) == []
    assert_error(client, f"{LIST}?condition=ptsd", 400, "unknown_parameter")


def test_steps(client, api_content):
    guide = get_json(client, DETAIL)
    steps = guide["steps"]
    assert [s["type"] for s in steps] == ["step", "step"]
    first, second = (s["value"] for s in steps)
    assert first["title"] == "Arrange a lift home"
    assert first["image"]["alt"] == "A car park"
    assert first["body"].startswith("<p>You cannot drive") and "the hidden article" in first["body"]
    assert "<a" not in first["body"]  # the link pointed at a draft
    assert second["image"] is None


def test_downloads(client, api_content):
    pdf, audio = get_json(client, DETAIL)["downloads"]
    assert pdf["format"] == {"value": "pdf", "label": "PDF"}
    assert pdf["url"].startswith("http://testserver/documents/") and pdf["url"].endswith(".pdf")
    assert pdf["size_bytes"] == len(b"%PDF-1.4 test")
    assert (pdf["language"], pdf["version"]) == ("en", "2026.1")
    assert audio == {
        "format": {"value": "audio", "label": "Audio"},
        "url": "https://media.example.org/guide.mp3",
        "size_bytes": 1_234_567,
        "language": "es",
        "version": "",
    }


def test_detail_query_count(client, api_content, django_assert_max_num_queries):
    get_json(client, DETAIL)
    with django_assert_max_num_queries(15):
        get_json(client, DETAIL)


def test_unknown_slug_is_404(client, api_content):
    assert_error(client, f"{LIST}zqxdraftmarker-guide/", 404, "not_found")
