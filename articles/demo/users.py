"""One demo account per editorial role, in the Wagtail groups the review workflow uses.

LOCAL DEVELOPMENT ONLY: these passwords are published in the README. Never run the demo loader
against a production database.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group, Permission

from .report import LoadReport, Status, status_of

# Group names are shared with the review workflow (DESIGN.md §5): fetched or created by name.
WRITERS = "Writers"
EDITORS = "Editors"
MEDICAL_REVIEWERS = "Medical reviewers"
ADMINISTRATORS = "Administrators"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    first_name: str
    last_name: str
    group: str
    is_superuser: bool = False

    @property
    def email(self) -> str:
        # `.invalid` is reserved (RFC 2606): mail to these addresses can never be delivered.
        return f"{self.username}@demo-clinic.invalid"


# Distinctive names so nobody mistakes a demo account for a real one.
WRITER = DemoAccount("wren.writer.demo", "wren-drafts-demo-2026", "Wren", "Ashdown", WRITERS)
EDITOR = DemoAccount("idris.editor.demo", "idris-edits-demo-2026", "Idris", "Calloway", EDITORS)
REVIEWER = DemoAccount("maren.reviewer.demo", "maren-reviews-demo-2026", "Maren", "Okafor", MEDICAL_REVIEWERS)
ADMIN = DemoAccount(
    "ada.admin.demo", "ada-admin-demo-2026", "Ada", "Lindqvist", ADMINISTRATORS, is_superuser=True
)
ACCOUNTS: tuple[DemoAccount, ...] = (WRITER, EDITOR, REVIEWER, ADMIN)


@dataclass(frozen=True)
class DemoUsers:
    writer: AbstractBaseUser
    editor: AbstractBaseUser
    reviewer: AbstractBaseUser
    admin: AbstractBaseUser


def ensure_groups() -> dict[str, Group]:
    """The four role groups, fetched by name.

    Migration `0003_roles_and_review_workflow` creates them with their permissions. They are
    created here only if missing (e.g. a flushed test database), with `access_admin` as the one
    permission granted, so the demo accounts can always sign in to the admin.
    """
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    groups = {}
    for name in (WRITERS, EDITORS, MEDICAL_REVIEWERS, ADMINISTRATORS):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)  # no-op when already granted
        groups[name] = group
    return groups


def ensure_user(account: DemoAccount, group: Group) -> tuple[AbstractBaseUser, Status]:
    """Create or update one account and put it in its group."""
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(username=account.username)
    wanted = {
        "email": account.email,
        "first_name": account.first_name,
        "last_name": account.last_name,
        "is_active": True,
        "is_superuser": account.is_superuser,
        "is_staff": account.is_superuser,
    }
    changed = False
    for field, value in wanted.items():
        if getattr(user, field) != value:
            setattr(user, field, value)
            changed = True
    # Hashing again on every run would rewrite the row for nothing: reset only when it differs.
    if created or not user.check_password(account.password):
        user.set_password(account.password)
        changed = True
    if changed or created:
        user.save()
    if not user.groups.filter(pk=group.pk).exists():
        user.groups.add(group)
        changed = True
    return user, status_of(created, changed)


def ensure_demo_users(report: LoadReport) -> DemoUsers:
    groups = ensure_groups()
    users = {}
    for account in ACCOUNTS:
        user, status = ensure_user(account, groups[account.group])
        report.record("Users", status)
        users[account.username] = user
    return DemoUsers(
        writer=users[WRITER.username],
        editor=users[EDITOR.username],
        reviewer=users[REVIEWER.username],
        admin=users[ADMIN.username],
    )
