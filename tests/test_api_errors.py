"""One JSON error shape on v1, strict parameters, read-only methods, throttling, CORS, caching."""

import pytest

from django.test import override_settings

from .api_helpers import assert_error, get_json

LIST_URLS = [
    "/api/v1/articles/",
    "/api/v1/case-stories/",
    "/api/v1/guides/",
    "/api/v1/topics/",
    "/api/v1/conditions/",
    "/api/v1/treatments/",
    "/api/v1/glossary/",
    "/api/v1/sitemap/",
    "/api/v1/changes/?since=2000-01-01",
    "/api/v1/search/?q=ketamine",
]


def _with(url: str, query: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}{query}"


@pytest.mark.parametrize("url", LIST_URLS)
@pytest.mark.parametrize(
    "query",
    [
        "limit=-1",
        "limit=0",
        "limit=abc",
        "limit=1.5",
        "limit=%2B5",
        "limit=99999999999999999999999999",
        "offset=-5",
        "offset=x",
        "offset=18446744073709551616",
        "offset=10001",
        "limit=1&limit=2",
    ],
)
def test_bad_limit_or_offset_is_400(client, api_content, url, query):
    error = assert_error(client, _with(url, query), 400, "invalid_parameter")
    assert error["details"]["parameter"] in {"limit", "offset"}


def test_limit_above_maximum_says_the_range(client, api_content):
    error = assert_error(client, "/api/v1/articles/?limit=101", 400)
    assert error["details"] == {"parameter": "limit", "minimum": 1, "maximum": 100}


@pytest.mark.parametrize(
    "url", [*LIST_URLS, "/api/v1/articles/ketamine-for-ptsd/", "/api/v1/resolve/?path=/"]
)
def test_unknown_parameters_are_400(client, api_content, url):
    error = assert_error(client, _with(url, "colour=blue"), 400, "unknown_parameter")
    assert error["details"]["unknown"] == ["colour"]


@pytest.mark.parametrize("value", ["html", "db_html", "markdown"])
def test_rich_text_format_is_rejected(client, api_content, value):
    error = assert_error(client, f"/api/v1/articles/ketamine-for-ptsd/?rich_text_format={value}", 400)
    assert "rich_text_format" in error["message"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize(
    "url", ["/api/v1/articles/", "/api/v1/articles/ketamine-for-ptsd/", "/api/v1/search/"]
)
def test_unsafe_methods_are_405(client, api_content, method, url):
    response = getattr(client, method)(url, data={}, content_type="application/json")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"
    assert "POST" not in response["Allow"]


@pytest.mark.parametrize("url", ["/api/v1/", "/api/v1/nope/", "/api/v1/articles/a/b/", "/api/v1/articles"])
def test_unknown_urls_are_json_404(client, db, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["code"] == "not_found"


def test_html_is_never_served(client, api_content):
    response = client.get("/api/v1/articles/", HTTP_ACCEPT="text/html")
    assert response.status_code == 406
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"]["code"] == "not_acceptable"
    assert get_json(client, "/api/v1/articles/", HTTP_ACCEPT="text/html,application/json;q=0.9")


def test_anonymous_throttle_from_settings(client, api_content):
    with override_settings(API_THROTTLE_ANON="3/minute"):
        for _ in range(3):
            get_json(client, "/api/v1/topics/")
        response = client.get("/api/v1/topics/")
        assert response.status_code == 429 and int(response["Retry-After"]) > 0
        assert response.json()["error"]["code"] == "throttled"


@pytest.mark.parametrize("rate", ["", "off", "OFF"])
def test_throttle_can_be_switched_off(client, api_content, rate):
    with override_settings(API_THROTTLE_ANON=rate):
        for _ in range(5):
            get_json(client, "/api/v1/topics/")


def test_malformed_throttle_rate_fails_the_system_check():
    from api.throttling import check_throttle_rates

    with override_settings(API_THROTTLE_ANON="lots"):
        [error] = check_throttle_rates(None)
    assert error.id == "api.E001"


@override_settings(CORS_ALLOWED_ORIGINS=["https://frontend.test"])
def test_cors_for_allowed_origins_on_api_paths(client, api_content):
    allowed = client.get("/api/v1/articles/", HTTP_ORIGIN="https://frontend.test")
    assert allowed["Access-Control-Allow-Origin"] == "https://frontend.test"
    assert "ETag" in allowed["Access-Control-Expose-Headers"]
    other = client.get("/api/v1/articles/", HTTP_ORIGIN="https://evil.example")
    assert "Access-Control-Allow-Origin" not in other
    preflight = client.options(
        "/api/v1/articles/", HTTP_ORIGIN="https://frontend.test", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert preflight.status_code == 200 and "GET" in preflight["Access-Control-Allow-Methods"]
    admin = client.get("/admin/login/", HTTP_ORIGIN="https://frontend.test")
    assert "Access-Control-Allow-Origin" not in admin


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/articles/",
        "/api/v1/articles/ketamine-for-ptsd/",
        "/api/v1/topics/",
        "/api/v1/resolve/?path=/",
    ],
)
def test_conditional_get(client, api_content, url):
    response = client.get(url)
    etag = response["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    assert response["Cache-Control"] == "public, max-age=60"
    assert response["Last-Modified"]
    not_modified = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert not_modified["ETag"] == etag
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]).status_code == 304


def test_etag_changes_with_the_content(client, api_content):
    from articles.models import ArticlePage

    from .fixtures_content import publish

    url = "/api/v1/articles/ketamine-for-ptsd/"
    etag = client.get(url)["ETag"]
    article = ArticlePage.objects.get(pk=api_content.article.pk)
    article.summary = "A new summary."
    publish(article)
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and response["ETag"] != etag


@override_settings(API_CACHE_MAX_AGE=5)
def test_cache_max_age_from_settings(client, api_content):
    assert client.get("/api/v1/topics/")["Cache-Control"] == "public, max-age=5"


def test_errors_are_not_cached_publicly(client, api_content):
    response = client.get("/api/v1/articles/nope/")
    assert "public" not in response.get("Cache-Control", "")


def test_head_matches_get(client, api_content):
    response = client.head("/api/v1/articles/")
    assert response.status_code == 200 and response["ETag"] == client.get("/api/v1/articles/")["ETag"]


@pytest.mark.parametrize(
    "query",
    [
        "since=4377-07-20T18:35:17%2B18:51",
        "since=2026-01-01T00:00:00-23:59",
        "since=9999-12-31T23:59:59-05:00",
    ],
)
def test_dates_with_extreme_offsets_are_answered_not_500(client, api_content, query):
    # Python accepts offsets to ±23:59, PostgreSQL only to ±15:59; the year 9999 overflows in UTC.
    response = client.get(f"/api/v1/changes/?{query}")
    assert response.status_code in (200, 400), response.content[:300]
    assert response["Content-Type"].startswith("application/json")
