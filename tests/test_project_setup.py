"""The project's own promises: migrations complete, settings refuse unsafe production config."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from django.core.management import call_command

REPO = Path(__file__).resolve().parent.parent


def test_models_and_migrations_are_in_sync(db):
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def _run_with_production_settings(args: list[str], **env: str) -> subprocess.CompletedProcess:
    # Only what production would have: no secrets from the test run, no test-harness switches.
    dropped = {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean_env = {k: v for k, v in os.environ.items() if k not in dropped}
    clean_env.update(DJANGO_SETTINGS_MODULE="cms.settings.production", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_refuse_to_start_without_secret_key():
    result = _run_with_production_settings(["check"], ALLOWED_HOSTS="cms.example.org")
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_production_settings_refuse_to_start_without_allowed_hosts():
    result = _run_with_production_settings(["check"], SECRET_KEY="x" * 60)
    assert result.returncode != 0
    assert "Set the ALLOWED_HOSTS environment variable" in result.stderr


@pytest.mark.parametrize("secret", ["k8#Zp2!qLw9@Rt4$Vx7^Nb1&Mc6*Hd3(Jf5)Gs0-Ye8+Ua2=Ti4?Oo9"])
def test_deploy_check_passes_with_production_settings(secret):
    result = _run_with_production_settings(
        ["check", "--deploy", "--fail-level", "WARNING"],
        SECRET_KEY=secret,
        ALLOWED_HOSTS="cms.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout and "(0 silenced)" in result.stdout
