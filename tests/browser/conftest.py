"""Fixtures of the browser tests: one JupyterLab per test module, one Chromium, fresh pages."""

from __future__ import annotations

import pytest
from labtools import ARTIFACTS, launch, start_lab, unavailable


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright package is not installed (pip install -e '.[test]')")
    with sync_playwright() as pw:
        b = launch(pw)
        yield b
        b.close()


@pytest.fixture(scope="module")
def lab(tmp_path_factory, request):
    """A JupyterLab serving the module's NOTEBOOKS (a module-level list of paths)."""
    yield from start_lab(tmp_path_factory.mktemp("lab"), getattr(request.module, "NOTEBOOKS", []))


@pytest.fixture
def page(browser, request):
    from playwright.sync_api import expect

    expect.set_options(timeout=20_000)
    ctx = browser.new_context(viewport={"width": 1280, "height": 720})
    pg = ctx.new_page()
    pg.set_default_timeout(30_000)
    errors: list[str] = []
    pg.on("console", lambda m: m.type == "error" and errors.append(m.text))
    failed_before = request.session.testsfailed
    yield pg
    if request.session.testsfailed > failed_before:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        pg.screenshot(path=str(ARTIFACTS / f"FAILED-{request.node.name}.png"))
        print("browser console errors:", *errors, sep="\n  ")
    ctx.close()
