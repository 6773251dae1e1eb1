"""The one client helper for API tests: GET, check the status and the JSON content type, decode."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.test import Client


def get_json(client: Client, url: str, status: int = 200, **extra: Any) -> Any:
    response = client.get(url, **extra)
    assert response.status_code == status, (url, response.status_code, response.content[:500])
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    return response.json()


def assert_error(client: Client, url: str, status: int, code: str | None = None, **extra: Any) -> dict:
    """The v1 error shape, with the expected status and (optionally) code."""
    body = get_json(client, url, status=status, **extra)
    error = body["error"]
    assert set(error) == {"status", "code", "message", "details"}
    assert error["status"] == status and error["message"]
    if code:
        assert error["code"] == code, error
    return error


def walk(value: Any, key: str | None = None) -> Iterator[tuple[str | None, Any]]:
    """Every (key, scalar) pair in a JSON document."""
    if isinstance(value, dict):
        for child_key, child in value.items():
            yield from walk(child, child_key)
    elif isinstance(value, list):
        for child in value:
            yield from walk(child, key)
    else:
        yield key, value


def slugs(body: dict) -> list[str]:
    return [item["slug"] for item in body["results"]]
