"""Anonymous throttling: 429 JSON with Retry-After, stricter budgets for search and preview, and a
client cannot multiply its budget by inventing X-Forwarded-For headers."""

import pytest

from django.test import override_settings

ARTICLES = "/api/v1/articles/"


def statuses(client, url: str, count: int, **headers) -> list[int]:
    return [client.get(url, **headers).status_code for _ in range(count)]


@override_settings(API_THROTTLE_ANON="2/minute")
def test_over_the_limit_is_a_429_with_retry_after(client, api_content):
    assert statuses(client, ARTICLES, 2) == [200, 200]
    response = client.get(ARTICLES)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json()["error"]["code"] == "throttled"


@override_settings(API_THROTTLE_ANON="2/minute")
def test_spoofed_forwarded_for_does_not_multiply_the_budget(client, api_content):
    spoofed = [client.get(ARTICLES, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code for n in range(4)]
    assert spoofed == [200, 200, 429, 429]


@override_settings(API_THROTTLE_ANON="2/minute", API_TRUSTED_PROXY_COUNT=1)
def test_behind_a_trusted_proxy_each_client_has_its_own_budget(client, api_content):
    first = statuses(client, ARTICLES, 3, HTTP_X_FORWARDED_FOR="198.51.100.7")
    second = statuses(client, ARTICLES, 1, HTTP_X_FORWARDED_FOR="198.51.100.8")
    assert first == [200, 200, 429] and second == [200]
    # What the client wrote left of our proxy's entry changes nothing.
    forged = [
        client.get(ARTICLES, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 198.51.100.7").status_code for n in range(2)
    ]
    assert forged == [429, 429]


@override_settings(API_THROTTLE_ANON="100/minute", API_THROTTLE_SEARCH="1/minute")
def test_search_has_a_stricter_budget_of_its_own(client, api_content):
    assert statuses(client, "/api/v1/search/?q=ketamine", 2) == [200, 429]
    assert client.get(ARTICLES).status_code == 200


@override_settings(API_THROTTLE_ANON="100/minute", API_THROTTLE_PREVIEW="1/minute")
def test_preview_has_a_stricter_budget_of_its_own(client, api_content):
    # Bad tokens count too: guessing tokens is what the budget is for.
    assert statuses(client, "/api/v1/preview/?token=abc", 2) == [401, 429]


@pytest.mark.parametrize("header", ["", "   ", ",,,", "x" * 5000])
@override_settings(API_THROTTLE_ANON="100/minute", API_TRUSTED_PROXY_COUNT=1)
def test_malformed_forwarded_for_is_never_a_500(client, api_content, header):
    assert client.get(ARTICLES, HTTP_X_FORWARDED_FOR=header).status_code == 200
