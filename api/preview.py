"""Headless draft preview: signed, expiring tokens that name one page and one preview snapshot.

The admin's Preview stores what the editor has in the form as a `PreviewSnapshot` and offers a
link to the frontend carrying a token; the frontend exchanges the token at `GET /api/v1/preview/`
for the draft in the shape of the live detail endpoint. The token is the only credential that
endpoint needs, so it is short-lived and checked in full on every use (DESIGN.md §7):

- signed with `django.core.signing` under its own salt, so no other signed value of this project
  (sessions, password resets) is accepted as a preview token, nor the other way round;
- `max_age` is `settings.PREVIEW_TOKEN_MAX_AGE` at the time of use, never at issue;
- it binds a page id *and* a snapshot id: a valid token cannot be pointed at another page;
- a preview made before the page was last published is superseded (404): an unapproved draft
  never outlives the publication that replaced it.

Frontend link: `{FRONTEND_BASE_URL}{FRONTEND_PREVIEW_PATH}?token=<token>&path=<frontend path>`,
e.g. `https://www.example.org/preview?token=eyJwIjo0Miwic…&path=/articles/ketamine-for-ptsd/`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.utils import timezone
from rest_framework import status

from wagtail.models import Page

from .errors import APIError, NotFound
from .live import detail_body
from .models import PreviewSnapshot
from .representation import PAGE_TYPES
from .representation.urls import frontend_path

SALT = "api.preview.token"
# Real tokens are ~70 characters; anything far longer is not worth a signature check.
MAX_TOKEN_LENGTH = 512
# Snapshots stay at least this long (longer if tokens are configured to live longer).
SNAPSHOT_RETENTION = timedelta(days=1)


class InvalidPreviewToken(APIError):
    """Malformed, forged or signed for something else: 401, never a hint which."""

    status_code = status.HTTP_401_UNAUTHORIZED
    code = "invalid_token"
    # RFC 9110 wants a challenge with every 401; the scheme tells a client what is missing.
    auth_header = 'PreviewToken realm="api-preview"'


class ExpiredPreviewToken(InvalidPreviewToken):
    code = "token_expired"


@dataclass(frozen=True)
class PreviewGrant:
    """What a verified token allows: reading one snapshot of one page, until `expires_at`."""

    page_id: int
    snapshot_id: int
    expires_at: datetime


@dataclass(frozen=True)
class FrontendPreview:
    """The link the admin preview offers the editor."""

    url: str
    token: str
    expires_at: datetime


def token_max_age() -> int:
    """Seconds a token is valid, read per use so a lowered setting also cuts existing tokens."""
    return int(settings.PREVIEW_TOKEN_MAX_AGE)


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def make_token(page_id: int, snapshot_id: int) -> str:
    """A token for one snapshot of one page, timestamped now."""
    return _signer().sign_object({"p": page_id, "s": snapshot_id})


def read_token(token: str) -> PreviewGrant:
    """Verify `token` (signature, age, payload shape) or raise a 401 `APIError`."""
    if len(token) > MAX_TOKEN_LENGTH or not token.isascii():
        raise InvalidPreviewToken("The preview token is not valid.")
    signer = _signer()
    try:
        data = signer.unsign_object(token, max_age=token_max_age())
    except signing.SignatureExpired as exc:
        raise ExpiredPreviewToken(
            "The preview token has expired; open the preview from the CMS again.",
            details={"max_age": token_max_age()},
        ) from exc
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise InvalidPreviewToken("The preview token is not valid.") from exc
    page_id, snapshot_id = (data.get("p"), data.get("s")) if isinstance(data, dict) else (None, None)
    if not all(isinstance(value, int) and not isinstance(value, bool) for value in (page_id, snapshot_id)):
        raise InvalidPreviewToken("The preview token is not valid.")
    # Verified above, so the timestamp is the signer's own.
    issued = signing.b62_decode(token.rsplit(signer.sep, 2)[1])
    expires_at = datetime.fromtimestamp(issued + token_max_age(), tz=UTC)
    return PreviewGrant(page_id=page_id, snapshot_id=snapshot_id, expires_at=expires_at)


def frontend_preview_url(token: str, path: str) -> str:
    """Where the editor opens the preview: the frontend's preview route, with token and path."""
    query = urlencode({"token": token, "path": path}, safe="/:")
    return f"{settings.FRONTEND_BASE_URL.rstrip('/')}{settings.FRONTEND_PREVIEW_PATH}?{query}"


def offer_frontend_preview(page: Page, user: Any, payload: dict[str, Any]) -> FrontendPreview | None:
    """Store `payload` (the editor's form state as the API presents it) and sign a token for it.

    None when there is nothing the public API could show (a page not saved yet, a type without a
    detail endpoint) or the user may not edit the page: only editors hand out previews, although
    the admin's preview views already check that for the editing form.
    """
    if page.pk is None or type(page) not in PAGE_TYPES:
        return None
    if not getattr(user, "is_authenticated", False) or not page.permissions_for_user(user).can_edit():
        return None
    snapshot = PreviewSnapshot.objects.create(page_id=page.pk, payload=payload)
    token = make_token(page.pk, snapshot.pk)
    path = payload.get("path") or frontend_path(page) or "/"
    return FrontendPreview(
        url=frontend_preview_url(token, path),
        token=token,
        expires_at=timezone.now() + timedelta(seconds=token_max_age()),
    )


def preview_detail(grant: PreviewGrant) -> dict[str, Any]:
    """The draft as its live detail endpoint would serve it, plus a `preview` block; 404 when the
    snapshot or page is gone, the ids do not belong together, or the page was published since."""
    snapshot = (
        PreviewSnapshot.objects.filter(pk=grant.snapshot_id, page_id=grant.page_id)
        .select_related("page")
        .first()
    )
    page = snapshot.page.specific if snapshot is not None else None
    if page is None or type(page) not in PAGE_TYPES:
        raise NotFound("This preview no longer exists; open the preview from the CMS again.")
    if page.last_published_at and page.last_published_at > snapshot.created_at:
        raise NotFound(
            "This preview was superseded: the page has been published since.",
            details={"reason": "superseded", "path": frontend_path(page)},
        )
    body = detail_body(page, snapshot.payload)
    body["type"] = PAGE_TYPES[type(page)]
    body["preview"] = {
        "created_at": snapshot.created_at.isoformat(),
        "expires_at": grant.expires_at.isoformat(),
    }
    return body


def prune_preview_snapshots() -> int:
    """Worker job: delete snapshots no token can still open. Returns how many went."""
    keep = max(SNAPSHOT_RETENTION, timedelta(seconds=token_max_age()))
    deleted, _ = PreviewSnapshot.objects.filter(created_at__lt=timezone.now() - keep).delete()
    return deleted
