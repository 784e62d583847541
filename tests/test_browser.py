"""Every notebook as a student uses it: a real JupyterLab in headless Chromium.

Unit tests and nbval run kernels, not the page: a widget extension that fails to load,
a figure that does not render or a slider that moves nothing would pass them all.

Needs Chromium at /usr/bin/chromium (or CHROMIUM_PATH); without it these tests skip
with a message, unless BP_REQUIRE_BROWSER=1 (as in CI), where a skip is a failure.
Screenshots go to artifacts/screenshots/ (git-ignored), or E2E_ARTIFACT_DIR.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("E2E_ARTIFACT_DIR", ROOT / "artifacts" / "screenshots"))
CHROMIUM_ARGS = [  # without the networking flags Chromium keeps dialling out and is refused
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
STARTUP_S = 60
RUN_MS = 180_000  # Run All: kernel start, first matplotlib import, a 10,000-step sweep
UI_MS = 30_000
LAB_SETTINGS = {  # no news popup, every cell kept in the DOM, never write the notebook back
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}


def _unavailable(why: str):
    hint = ("install Chromium (Debian/Ubuntu: `sudo apt-get install chromium`) or point "
            "CHROMIUM_PATH at it to run the browser tests")
    if os.environ.get("BP_REQUIRE_BROWSER"):
        pytest.fail(f"browser tests required (BP_REQUIRE_BROWSER) but {why}; {hint}")
    pytest.skip(f"{why}: {hint}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _api(base: str, token: str | None, path: str, method: str = "GET", body: bool = False):
    headers = {"Authorization": f"token {token}"} if token else {}
    req = urllib.request.Request(f"{base}{path}", method=method, headers=headers)
    with urllib.request.urlopen(req, timeout=5) as r:
        return json.loads(r.read() or "null") if body else r.status


def _shutdown_kernels(lab) -> None:
    """Two cores: a finished notebook's kernel must not compete with the next one."""
    for kernel in _api(lab["base"], lab["token"], "/api/kernels", body=True):
        _api(lab["base"], lab["token"], f"/api/kernels/{kernel['id']}", method="DELETE")


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on a free 127.0.0.1 port with a random token, serving a copy of the notebooks."""
    tmp = tmp_path_factory.mktemp("lab")
    root, home = tmp / "root", tmp / "home"
    shutil.copytree(ROOT / "notebooks", root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    for rel, data in LAB_SETTINGS.items():
        f = home / "settings" / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(json.dumps(data))
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(home / "config"), JUPYTER_DATA_DIR=str(home / "data"),
               JUPYTER_RUNTIME_DIR=str(home / "runtime"), IPYTHONDIR=str(home / "ipython"))
    env.pop("MPLBACKEND", None)  # an inherited Agg backend would hide every figure
    port, token = _free_port(), secrets.token_hex(24)
    cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1",
           f"--port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
           f"--ServerApp.root_dir={root}", f"--LabApp.user_settings_dir={home / 'settings'}",
           f"--LabApp.workspaces_dir={home / 'workspaces'}"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    log_path = tmp / "jupyter.log"
    with open(log_path, "w") as log:
        proc = subprocess.Popen(cmd, cwd=root, env=env, stdin=subprocess.DEVNULL, stdout=log,
                                stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + STARTUP_S
        while True:
            if proc.poll() is not None:
                pytest.fail(f"jupyter lab exited ({proc.returncode}):\n{log_path.read_text()}")
            try:
                if _api(base, token, "/api/status") == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"jupyter lab not ready in {STARTUP_S} s:\n{log_path.read_text()}")
            time.sleep(0.25)
        yield {"base": base, "token": token}
        try:  # shuts kernels down too
            _api(base, token, "/api/shutdown", method="POST")
            proc.wait(timeout=30)
        except (OSError, subprocess.TimeoutExpired):  # the server did not stop by itself
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        _unavailable(f"no Chromium at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[test]')")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, request):
    from playwright.sync_api import expect

    expect.set_options(timeout=20_000)
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = ctx.new_page()
    pg.set_default_timeout(UI_MS)
    errors: list[str] = []
    pg.on("console", lambda m: m.type == "error" and errors.append(m.text))
    failed_before = request.session.testsfailed
    yield pg
    if request.session.testsfailed > failed_before:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        pg.screenshot(path=str(ARTIFACTS / f"FAILED-{request.node.name}.png"))
        print("browser console errors:", *errors, sep="\n  ")
    ctx.close()


def test_server_refuses_the_api_without_its_token(lab):
    for token in (None, "not-the-token"):
        with pytest.raises(urllib.error.HTTPError) as denied:
            _api(lab["base"], token, "/api/contents")
        denied.value.close()
        assert denied.value.code == 403
    assert _api(lab["base"], lab["token"], "/api/contents") == 200


def _wait_idle(page, need_executed=False, settle_ms=700):
    """Kernel idle and no cell queued or running ('[*]'), continuously for settle_ms."""
    page.evaluate("window.__bpIdleSince = null")
    page.wait_for_function(
        """([needExecuted, settleMs]) => {
            const ind = document.querySelector('.jp-NotebookPanel .jp-Notebook-ExecutionIndicator');
            const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
            const ok = !!ind && ind.dataset.status === 'idle'
                && !prompts.some(p => p.textContent.includes('*'))
                && (!needExecuted || /\\[\\d+\\]/.test(prompts[0]?.textContent ?? ''));
            if (!ok) { window.__bpIdleSince = null; return false; }
            window.__bpIdleSince ??= performance.now();
            return performance.now() - window.__bpIdleSince >= settleMs;
        }""", arg=[need_executed, settle_ms], timeout=RUN_MS)


def _assert_no_errors(nb):
    from playwright.sync_api import expect

    stderr = nb.locator('.jp-RenderedText[data-mime-type="application/vnd.jupyter.stderr"]')
    errs = [t for t in stderr.all_inner_texts() if re.search(r"Traceback|Error|Warning", t)]
    assert errs == [], "error output in the notebook:\n" + "\n---\n".join(errs)
    for msg in ("Error displaying widget", "Model not found", "Failed to load model class"):
        expect(nb.locator(".jp-OutputArea-output", has_text=msg)).to_have_count(0)


def _stored(path: Path) -> tuple[int, int, int]:
    """Code cells, stored figures, and widget panels (cells whose output nbval ignores)."""
    cells = [c for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code"]
    figures = sum("image/png" in o.get("data", {}) for c in cells for o in c["outputs"])
    panels = sum("nbval-ignore-output" in c["metadata"].get("tags", []) for c in cells)
    return len(cells), figures, panels


def _rendered_images(scope) -> int:
    """Images that actually decoded (naturalWidth > 0), not just <img> tags."""
    return scope.locator("img").evaluate_all(
        "imgs => imgs.filter(i => i.complete && i.naturalWidth > 0).length")


def _open_and_run_all(page, lab, name):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout, expect

    # a fresh workspace per notebook: only this one open, so every locator means it
    page.goto(f"{lab['base']}/lab/workspaces/{Path(name).stem}/tree/{name}?reset&token={lab['token']}")
    nb = page.locator(".jp-NotebookPanel")
    expect(nb).to_be_visible(timeout=60_000)
    dialog = page.locator(".jp-Dialog")
    try:  # the kernel comes from the notebook's metadata; accept a "Select Kernel" prompt
        dialog.wait_for(state="visible", timeout=2_000)
        dialog.locator(".jp-Dialog-button.jp-mod-accept").click()
    except PlaywrightTimeout:  # no prompt: the kernel started by itself
        pass
    _wait_idle(page)
    page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
    page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click()
    _wait_idle(page, need_executed=True)
    return nb


def _panel_state(panel) -> str:
    """What a panel shows: every readout, its output's text and its figures' bytes."""
    return panel.evaluate("el => " + _STATE_JS)


def _images(panel) -> list[str]:
    return panel.locator(".widget-output img").evaluate_all("imgs => imgs.map(i => i.src)")


# Labels whose text is wider than their box (the browser then shows "target …"), measured
# with the label's own font in fractional pixels: a text 0.1 px too wide is already cut,
# and scrollWidth/clientWidth (whole pixels) miss it.
_CUT_LABELS_JS = """labels => {
    const ctx = document.createElement("canvas").getContext("2d");
    return labels.filter(l => {
        const css = getComputedStyle(l);
        ctx.font = css.font;
        const room = l.getBoundingClientRect().width - ["paddingLeft", "paddingRight", "borderLeftWidth",
            "borderRightWidth"].reduce((sum, side) => sum + parseFloat(css[side]), 0);
        return ctx.measureText(l.textContent).width > room;
    }).map(l => l.textContent);
}"""


def _exercise_panel(page, panel, shot_name):
    """Keyboard on a slider, a typed readout, then reset: the panel must follow each."""
    from playwright.sync_api import expect

    sliders = panel.locator(".widget-slider")
    assert sliders.count() >= 2, "a panel without sliders"
    for i in range(sliders.count()):
        sliders.nth(i).scroll_into_view_if_needed()
        expect(sliders.nth(i)).to_be_visible()
    cut = panel.locator(".widget-slider .widget-label").evaluate_all(_CUT_LABELS_JS)
    assert cut == [], f"slider labels cut short (shown with an ellipsis): {cut}"
    assert _rendered_images(panel) >= 1, "the panel drew no figure"
    start, start_images = _panel_state(panel), _images(panel)
    start_text = panel.evaluate("el => " + _TEXT_JS)

    def changed_from(before: str) -> None:
        page.wait_for_function("([el, before]) => " + _STATE_JS + " !== before",
                               arg=[panel.element_handle(), before], timeout=UI_MS)
        _wait_idle(page)

    handle = sliders.first.locator(".noUi-handle")
    handle.focus()
    for _ in range(3):  # a few steps, so even a coarse slider moves visibly
        page.keyboard.press("ArrowRight")
    changed_from(start)
    moved = _panel_state(panel)
    assert _images(panel) != start_images, "moving a slider did not redraw the figure"

    readout = sliders.nth(1).locator(".widget-readout")
    readout.click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(_typed_value(readout.inner_text()))
    page.keyboard.press("Enter")
    changed_from(moved)

    panel.get_by_role("button", name=re.compile("reset", re.IGNORECASE)).click()
    # the article's values and numbers come back (the figure is redrawn, not byte-compared)
    page.wait_for_function("([el, want]) => " + _TEXT_JS + " === want",
                           arg=[panel.element_handle(), start_text], timeout=UI_MS)
    _wait_idle(page)
    panel.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / shot_name))


_TEXT_JS = """[
        ...[...el.querySelectorAll('.widget-readout')].map(r => r.textContent),
        ...[...el.querySelectorAll('.widget-output')].map(o => o.innerText),
    ].join('\\n')"""
_STATE_JS = "(" + _TEXT_JS + """ + '\\n' + [...el.querySelectorAll('.widget-output img')]
        .map(i => i.src.length + ':' + i.src.slice(-64)).join('\\n'))"""


def _typed_value(current: str) -> str:
    """A different value inside any of our sliders' ranges."""
    try:
        value = float(current)
    except ValueError:
        return "0.3"
    return "0.3" if abs(value - 0.3) > 1e-9 else "0.7"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_in_jupyterlab(lab, page, path):
    from playwright.sync_api import expect

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    code_cells, figures, panels = _stored(path)
    nb = _open_and_run_all(page, lab, path.name)
    _assert_no_errors(nb)

    prompts = nb.locator(".jp-CodeCell .jp-InputPrompt")
    expect(prompts).to_have_count(code_cells)
    expect(prompts).to_have_text([re.compile(r"\[\d+\]")] * code_cells)  # every code cell ran
    assert _rendered_images(nb.locator(".jp-OutputArea-output:not(:has(.widget-output))")) >= figures

    found = nb.locator(".bp-panel")
    expect(found).to_have_count(panels)
    for k in range(panels):
        _exercise_panel(page, found.nth(k), f"{path.stem}-panel{k + 1}.png")
    _assert_no_errors(nb)
    page.screenshot(path=str(ARTIFACTS / f"{path.stem}.png"))
    _shutdown_kernels(lab)
    print(f"{path.name}: {time.monotonic() - started:.1f} s, {code_cells} cells, "
          f"{figures} figures, {panels} panels")
