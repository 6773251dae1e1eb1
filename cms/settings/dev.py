"""Local development: `make run`. Insecure defaults that are fine on a laptop only."""

from .base import *  # noqa: F403
from .env import env_bool, env_str

DEBUG = env_bool("DEBUG", True)
# A fixed, clearly-marked development key; production refuses to start without its own.
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")

# load_demo_content creates accounts with published passwords: local environments only.
DEMO_CONTENT_ALLOWED = True
