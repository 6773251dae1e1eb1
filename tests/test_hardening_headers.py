"""Deploy hygiene: every response carries the security headers, with a Content-Security-Policy the
admin works under (its browser tests in tests/e2e run with it). The deployment checks of the
production settings (nothing silenced) are in test_project_setup.py."""

import pytest


def csp(response) -> dict[str, str]:
    directives = (part.strip() for part in response["Content-Security-Policy"].split(";"))
    return dict(directive.split(" ", 1) for directive in directives if directive)


def test_api_responses_may_load_and_be_framed_by_nothing(client, api_content):
    response = client.get("/api/v1/articles/")
    policy = csp(response)
    assert policy["default-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.parametrize("path", ["/api/v1/articles/?limit=0", "/api/v1/nowhere/", "/api/v2/pages/?limit=x"])
def test_api_errors_carry_the_same_headers(client, db, path):
    response = client.get(path)
    assert response.status_code in (400, 404)
    assert csp(response)["default-src"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_admin_has_a_policy_and_cannot_be_framed(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    policy = csp(response)
    assert policy["frame-ancestors"] == "'none'" and response["X-Frame-Options"] == "DENY"
    assert policy["object-src"] == "'none'" and policy["form-action"] == "'self'"
    assert "https:" not in policy["script-src"] and "*" not in policy["script-src"]


def test_the_admin_preview_may_be_framed_by_the_admin_only(superuser_client, api_content):
    from wagtail.models import Page

    page = Page.objects.get(pk=api_content.article.pk)
    response = superuser_client.get(f"/admin/pages/{page.pk}/edit/preview/?mode=")
    assert response.status_code == 200, response.status_code
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert csp(response)["frame-ancestors"] == "'self'"


def test_the_admin_loads_no_third_party_avatars(superuser_client, db):
    body = superuser_client.get("/admin/").content.decode()
    assert "gravatar.com" not in body
