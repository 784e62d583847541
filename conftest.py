"""Project-wide pytest setup: nbval's sanitiser, anchored to the repository."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent


def pytest_configure(config):
    # nbval reads --nbval-sanitize-with relative to the working directory; anchor it so
    # `pytest` works from any folder, and so nobody needs to remember the option.
    if getattr(config.option, "nbval_sanitize_with", "unset") is None:
        config.option.nbval_sanitize_with = str(ROOT / "tests" / "nbval_sanitize.cfg")
