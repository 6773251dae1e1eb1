"""Sign-in protection: brute-force lock-out per (username, address) with an administrator's reset,
and the second factor reviewers and administrators need before a clinical sign-off or a publish.

The lock-out tests post to the real Wagtail sign-in form (Client.login() cannot pass django-axes,
DESIGN.md §8); everything else signs in with force_login.
"""

from __future__ import annotations

import logging

import pytest
from axes.models import AccessAttempt
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.conf import settings
from django.test import Client
from django.urls import reverse

from wagtail.models import TaskState

from articles.models import ArticlePage, HomePage, ReviewRecord
from articles.review.approval import ApprovalRefused
from articles.review.service import FULL_CHECKLIST, act_on_current_task, submit_for_review
from security.second_factor import second_factor_missing

from .factories import role_user
from .second_factor import current_code, totp_device, verified_client

PASSWORD = "correct-horse-battery-staple"
LOGIN_URL = "/admin/login/"


def attempt(username: str, password: str, ip: str = "10.0.0.1", **extra) -> object:
    return Client(REMOTE_ADDR=ip).post(LOGIN_URL, {"username": username, "password": password}, **extra)


def fail_until_locked(username: str, ip: str = "10.0.0.1"):
    responses = [attempt(username, "wrong-password", ip) for _ in range(settings.AXES_FAILURE_LIMIT)]
    return responses


@pytest.fixture
def staff(review_team):
    editor = review_team["editor"]  # "eddie.editor"
    editor.set_password(PASSWORD)
    editor.save()
    other = role_user("olga.other", "Writers")
    other.set_password(PASSWORD)
    other.save()
    return {
        "editor": editor,
        "other": other,
        "administrator": role_user("ada.admin", "Administrators"),
        "superuser": role_user("sam.super", "Administrators", is_superuser=True),
    }


# --- Brute-force lock-out ----------------------------------------------------------------------


def test_failures_below_the_limit_show_the_normal_form_error(staff):
    response = attempt("eddie.editor", "wrong-password")
    assert response.status_code == 200
    assert "locked" not in response.content.decode()
    assert attempt("eddie.editor", PASSWORD).status_code == 302


def test_lockout_after_the_limit_for_one_username_from_one_address(staff, caplog):
    caplog.set_level(logging.INFO, logger="security")
    responses = fail_until_locked("eddie.editor")
    assert [r.status_code for r in responses[:-1]] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    locked = responses[-1]
    assert locked.status_code == 429
    body = locked.content.decode()
    assert "Sign-in temporarily locked" in body and "Try again in 15 minutes" in body
    assert locked["Retry-After"] == str(15 * 60)

    # The right password no longer helps from this address...
    assert attempt("eddie.editor", PASSWORD).status_code == 429
    # ...while another account from the same address and this account from elsewhere sign in.
    assert attempt("olga.other", PASSWORD).status_code == 302
    assert attempt("eddie.editor", PASSWORD, ip="10.0.0.2").status_code == 302

    lockouts = [r for r in caplog.records if r.name == "security" and "locked out" in r.getMessage()]
    assert lockouts and "eddie.editor" in lockouts[0].getMessage() and "10.0.0.1" in lockouts[0].getMessage()
    assert lockouts[0].levelno == logging.WARNING
    # The stored attempt never holds the password.
    assert "wrong-password" not in AccessAttempt.objects.get(username="eddie.editor").post_data


def test_a_forged_forwarded_for_header_does_not_escape_the_lockout(staff):
    fail_until_locked("eddie.editor")
    # No trusted proxies configured: X-Forwarded-For is the client's to invent and is ignored.
    response = attempt("eddie.editor", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert response.status_code == 429


def test_an_administrator_resets_the_lockout_in_the_admin(staff, caplog):
    caplog.set_level(logging.INFO, logger="security")
    fail_until_locked("eddie.editor")
    record = AccessAttempt.objects.get(username="eddie.editor")
    admin = Client()
    admin.force_login(staff["administrator"])

    listing = admin.get(reverse("signin_lockouts:index"))
    assert listing.status_code == 200
    assert "eddie.editor" in listing.content.decode()
    assert admin.get(reverse("signin_lockouts:delete", args=(record.pk,))).status_code == 200
    response = admin.post(reverse("signin_lockouts:delete", args=(record.pk,)))

    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="eddie.editor").exists()
    assert attempt("eddie.editor", PASSWORD).status_code == 302
    assert any("reset by ada.admin" in r.getMessage() for r in caplog.records if r.name == "security")


@pytest.mark.parametrize("role", ["editor", "reviewer", "writer"])
def test_non_administrators_cannot_see_or_reset_lockouts(staff, review_team, role):
    fail_until_locked("olga.other")
    record = AccessAttempt.objects.get(username="olga.other")
    user = {"editor": staff["editor"], "reviewer": review_team["reviewer"], "writer": review_team["writer"]}[
        role
    ]
    client = verified_client(Client(), user) if role == "reviewer" else Client()
    client.force_login(user)
    for response in (
        client.get(reverse("signin_lockouts:index")),
        client.post(reverse("signin_lockouts:delete", args=(record.pk,))),
        client.get(reverse("two_factor_devices:index")),
    ):
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert response["Location"] == reverse("wagtailadmin_home")
    assert AccessAttempt.objects.filter(pk=record.pk).exists()


def test_settings_menu_lists_lockouts_for_administrators_only(staff):
    admin = Client()
    admin.force_login(staff["administrator"])
    assert reverse("signin_lockouts:index") in admin.get(reverse("wagtailadmin_home")).content.decode()
    editor = Client()
    editor.force_login(staff["editor"])
    assert reverse("signin_lockouts:index") not in editor.get(reverse("wagtailadmin_home")).content.decode()


# --- Second factor for clinical sign-off --------------------------------------------------------


@pytest.fixture
def in_medical_review(review_team, make_article) -> ArticlePage:
    page = make_article("awaiting-sign-off")
    page.save_revision(user=review_team["writer"])
    submit_for_review(page, review_team["writer"])
    act_on_current_task(page, review_team["editor"], "approve")  # editorial step: no second factor
    return ArticlePage.objects.get(pk=page.pk)


def action_url(page: ArticlePage, action: str = "approve") -> str:
    page = ArticlePage.objects.get(pk=page.pk)
    return reverse(
        "wagtailadmin_pages:workflow_action", args=(page.pk, action, page.current_workflow_task_state.pk)
    )


def edit_page(client: Client, page) -> str:
    return client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()


def dashboard(client: Client) -> str:
    """The "Awaiting your review" panel lists each task's actions (the page itself is locked)."""
    return client.get(reverse("wagtailadmin_home")).content.decode()


def assert_still_in_review(page):
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS
    assert not page.live
    assert not ReviewRecord.objects.filter(page_id=page.pk).exists()


def test_unverified_reviewer_gets_no_approve_action_and_a_crafted_post_is_refused(
    review_team, in_medical_review
):
    client = Client()
    client.force_login(review_team["reviewer"])
    home = dashboard(client)
    assert "Awaiting sign off" in home and "Approve (clinical sign-off)" not in home
    assert "Second factor needed to approve or publish" in home
    html = edit_page(client, in_medical_review)
    assert "verify this session with your authenticator app" in html
    assert reverse("security_two_factor_verify") in html

    response = client.post(action_url(in_medical_review), {**FULL_CHECKLIST, "comment": "Looks fine."})
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert_still_in_review(in_medical_review)


def test_on_action_refuses_an_unverified_request_user_with_a_clear_message(review_team, in_medical_review):
    reviewer = review_team["reviewer"]
    reviewer.is_verified = lambda: False  # what OTPMiddleware gives an unverified session's user
    assert second_factor_missing(reviewer)
    task_state = in_medical_review.current_workflow_task_state
    with pytest.raises(ApprovalRefused, match="clinical signature: verify this session"):
        task_state.task.specific.on_action(task_state, reviewer, "approve", **FULL_CHECKLIST)
    assert_still_in_review(in_medical_review)


def test_setting_up_totp_then_approving_works(review_team, in_medical_review):
    reviewer = review_team["reviewer"]
    client = Client()
    client.force_login(reviewer)
    setup = client.get(reverse("security_two_factor"))
    assert setup.status_code == 200
    device = TOTPDevice.objects.get(user=reviewer, confirmed=False)
    body = setup.content.decode()
    assert "otpauth://totp/" in body and "data-totp-secret" in body

    wrong = client.post(
        reverse("security_two_factor"), {"token": "000000" if current_code(device) != "000000" else "111111"}
    )
    assert wrong.status_code == 200 and "That code is not valid" in wrong.content.decode()
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed

    device.throttling_failure_count = 0  # the wrong code above starts django-otp's back-off
    device.throttling_failure_timestamp = None
    device.save()
    next_url = reverse("wagtailadmin_pages:edit", args=(in_medical_review.pk,))
    confirmed = client.post(reverse("security_two_factor"), {"token": current_code(device), "next": next_url})
    assert confirmed.status_code == 302 and confirmed["Location"] == next_url
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id

    assert "Approve (clinical sign-off)" in dashboard(client)
    response = client.post(action_url(in_medical_review), {**FULL_CHECKLIST, "comment": "Sources checked."})
    assert response.status_code == 302
    page = ArticlePage.objects.get(pk=in_medical_review.pk)
    assert page.live
    assert ReviewRecord.objects.get(page_id=page.pk).reviewer_user_id == reviewer.pk


def test_verification_page_refuses_a_wrong_code_and_accepts_the_current_one(review_team, in_medical_review):
    reviewer = review_team["reviewer"]
    device = totp_device(reviewer)
    client = Client()
    client.force_login(reviewer)
    assert "Second factor needed to approve or publish" in dashboard(client)

    code = current_code(device)
    wrong = str((int(code) + 1) % 1_000_000).zfill(6)
    response = client.post(reverse("security_two_factor_verify"), {"token": wrong})
    assert response.status_code == 200 and "That code is not valid" in response.content.decode()
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert "Approve (clinical sign-off)" not in dashboard(client)

    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    response = client.post(reverse("security_two_factor_verify"), {"token": current_code(device)})
    assert response.status_code == 302
    home = dashboard(client)
    assert "Second factor needed" not in home and "Approve (clinical sign-off)" in home

    # A code is good once: replaying it in another session is refused.
    other = Client()
    other.force_login(reviewer)
    assert other.post(reverse("security_two_factor_verify"), {"token": code}).status_code == 200


def test_verify_page_sends_a_user_without_a_device_to_the_setup(review_team):
    client = Client()
    client.force_login(review_team["reviewer"])
    response = client.get(reverse("security_two_factor_verify"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("security_two_factor"))


def test_editorial_approval_needs_no_second_factor(review_team, make_article):
    """Decision: only the medical step is a clinical signature; the editor's step is not."""
    page = make_article("editorial-step")
    page.save_revision(user=review_team["writer"])
    submit_for_review(page, review_team["writer"])
    client = Client()
    client.force_login(review_team["editor"])
    response = client.post(action_url(page), {"comment": ""})
    assert response.status_code == 302
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.current_workflow_task.name == "Medical review"


def test_service_layer_is_a_trusted_path_without_a_request(review_team, in_medical_review):
    """articles.review.service runs without a request (demo loader, fixtures): no session, no
    second factor to check; the admin's request path is where it is enforced."""
    record = act_on_current_task(in_medical_review, review_team["reviewer"], "approve", **FULL_CHECKLIST)
    assert record is not None


# --- Second factor for publishing directly --------------------------------------------------------


def test_superusers_publish_the_home_page_only_from_a_verified_session(staff, site_tree):
    home = HomePage.objects.get()
    url = reverse("wagtailadmin_pages:edit", args=(home.pk,))
    client = Client()
    client.force_login(staff["superuser"])
    assert 'name="action-publish"' not in client.get(url).content.decode()
    verified_client(client, staff["superuser"])
    assert 'name="action-publish"' in client.get(url).content.decode()


@pytest.mark.parametrize("verified", [False, True])
def test_publish_permission_on_home_and_index_pages_follows_the_second_factor(staff, site_tree, verified):
    """The permission tester every publish path asks (edit view, bulk action, admin API)."""
    superuser = staff["superuser"]
    superuser.is_verified = lambda: verified  # as OTPMiddleware leaves a request's user
    for page in (HomePage.objects.get(), site_tree.articles):
        perms = page.specific.permissions_for_user(superuser)
        assert perms.can_publish() is verified, page
        assert perms.can_unpublish() is True or not page.live  # taking down is never blocked
    editor = staff["editor"]
    editor.is_verified = lambda: False
    home_perms = HomePage.objects.get().permissions_for_user(editor)
    assert not second_factor_missing(editor)  # editors need no second factor
    assert (
        home_perms.can_publish()
        == HomePage.objects.get().permissions_for_user(type(editor).objects.get(pk=editor.pk)).can_publish()
    )
