"""What the browser tests share: a JupyterLab to drive, and the checks a class needs.

Sizes: a 1280x720 window, and 150 % zoom, which a 853x480 viewport shows the way the
browser lays it out (the device pixel ratio changes only how sharp it is, so it is set
through the DevTools protocol, without reloading the page).
"""

from __future__ import annotations

import itertools
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
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("E2E_ARTIFACT_DIR", ROOT / "artifacts" / "screenshots"))
CHROMIUM_ARGS = [  # without the networking flags Chromium keeps dialling out and is refused
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
SIZES = {"1280x720": (1280, 720, 1.0), "150pc": (853, 480, 1.5)}
STARTUP_S = 60
RUN_MS = 180_000  # Run All: kernel start, first matplotlib import, a 20,000-step sweep
UI_MS = 30_000
LAB_SETTINGS = {  # no news popup, every cell kept in the DOM, never write the notebook back
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}


def unavailable(why: str) -> None:
    hint = ("install Chromium (Debian/Ubuntu: `sudo apt-get install chromium`) or point "
            "CHROMIUM_PATH at it to run the browser tests")
    if os.environ.get("BP_REQUIRE_BROWSER"):
        pytest.fail(f"browser tests required (BP_REQUIRE_BROWSER) but {why}; {hint}")
    pytest.skip(f"{why}: {hint}")


def api(base: str, token: str | None, path: str, method: str = "GET", body: bool = False):
    headers = {"Authorization": f"token {token}"} if token else {}
    req = urllib.request.Request(f"{base}{path}", method=method, headers=headers)
    with urllib.request.urlopen(req, timeout=5) as r:
        return json.loads(r.read() or "null") if body else r.status


def start_lab(tmp: Path, notebooks: list[Path]):
    """JupyterLab on a free 127.0.0.1 port with a random token, serving copies of ``notebooks``.

    A generator: yields {"base", "token", "root"}, shuts the server down after."""
    root, home = tmp / "root", tmp / "home"
    root.mkdir(parents=True)
    for path in notebooks:
        shutil.copy(path, root / path.name)
    for rel, data in LAB_SETTINGS.items():
        f = home / "settings" / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(json.dumps(data))
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(home / "config"), JUPYTER_DATA_DIR=str(home / "data"),
               JUPYTER_RUNTIME_DIR=str(home / "runtime"), IPYTHONDIR=str(home / "ipython"))
    env.pop("MPLBACKEND", None)  # an inherited Agg backend would hide every figure
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = secrets.token_hex(24)
    cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
           "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
           f"--LabApp.user_settings_dir={home / 'settings'}", f"--LabApp.workspaces_dir={home / 'workspaces'}"]
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
                if api(base, token, "/api/status") == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"jupyter lab not ready in {STARTUP_S} s:\n{log_path.read_text()}")
            time.sleep(0.25)
        yield {"base": base, "token": token, "root": root}
        try:  # shuts kernels down too
            api(base, token, "/api/shutdown", method="POST")
            proc.wait(timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()


def launch(playwright):
    if not Path(CHROMIUM).exists():
        unavailable(f"no Chromium at {CHROMIUM}")
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def shutdown_kernels(lab) -> None:
    """Two cores: a finished notebook's kernel must not compete with the next one."""
    for kernel in api(lab["base"], lab["token"], "/api/kernels", body=True):
        api(lab["base"], lab["token"], f"/api/kernels/{kernel['id']}", method="DELETE")


def resize(page, size: str) -> None:
    """The page at one of SIZES, without a reload (device pixel ratio through DevTools), once
    JupyterLab has laid itself out again: the window's new size seen by the page, then the
    shell's layout unchanged from one animation frame to the next."""
    width, height, dpr = SIZES[size]
    changed = page.evaluate(RESIZE_WATCH_JS, [width, height])
    page.set_viewport_size({"width": width, "height": height})
    session = page.context.new_cdp_session(page)
    session.send("Emulation.setDeviceMetricsOverride",
                 {"width": width, "height": height, "deviceScaleFactor": dpr, "mobile": False})
    page.wait_for_function("([w, h, dpr, changed]) => innerWidth === w && innerHeight === h"
                           " && devicePixelRatio === dpr && (!changed || window.__bpResized)",
                           arg=[width, height, dpr, changed], timeout=UI_MS)
    page.evaluate("window.__bpLayout = null")
    page.wait_for_function(LAID_OUT_JS, polling="raf", timeout=UI_MS)


# Before a resize: whether the size changes, and a flag that the page's resize event sets
# (Lumino lays the shell out again in the frame after it).
RESIZE_WATCH_JS = """([w, h]) => {
    window.__bpResized = false;
    window.addEventListener('resize', () => { window.__bpResized = true; }, {once: true});
    return innerWidth !== w || innerHeight !== h;
}"""
# True once the boxes of the shell's panels and the notebook are the same in two frames in a row.
LAID_OUT_JS = """() => {
    const boxes = [...document.querySelectorAll('#jp-main-dock-panel, .jp-NotebookPanel, .jp-Notebook, .bp-panel')]
        .map(el => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.width, r.height].join(); }).join(';');
    const same = window.__bpLayout === boxes;
    window.__bpLayout = boxes;
    return same;
}"""

# The notebook's own state, read from the page: the execution indicator (its "idle" is also
# what it shows before any kernel exists), the status bar's kernel item ("Python 3
# (ipykernel) | Idle" once the session's kernel is connected and idle), every code cell's
# prompt ("[*]" queued or running, "[3]" ran), and any dialog JupyterLab opened.
NOTEBOOK_JS = """() => {
    const ind = document.querySelector('.jp-NotebookPanel .jp-Notebook-ExecutionIndicator');
    const kernel = document.querySelector('#jp-main-statusbar [title^="Change kernel for"]');
    const prompts = [...document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell .jp-InputPrompt')];
    return {indicator: ind?.dataset.status ?? null, kernel: kernel?.textContent ?? '',
            running: prompts.some(p => p.textContent.includes('*')),
            ran: prompts.filter(p => /\\[\\d+\\]/.test(p.textContent)).length, cells: prompts.length,
            dialog: document.querySelector('.jp-Dialog')?.innerText ?? null};
}"""


def wait_idle(page, settle_ms: int = 700) -> None:
    """Kernel connected and idle, no dialog open, no cell queued or running ('[*]'),
    continuously for settle_ms."""
    page.evaluate("window.__bpIdleSince = null")
    page.wait_for_function(
        """settleMs => {
            const s = (""" + NOTEBOOK_JS + """)();
            const ok = s.indicator === 'idle' && /\\| Idle$/.test(s.kernel) && !s.kernel.startsWith('No Kernel')
                && !s.running && s.dialog === null;
            if (!ok) { window.__bpIdleSince = null; return false; }
            window.__bpIdleSince ??= performance.now();
            return performance.now() - window.__bpIdleSince >= settleMs;
        }""", arg=settle_ms, timeout=RUN_MS)


def wait_kernel(page) -> None:
    """The notebook's kernel started, connected and idle. Run All before that is lost: with
    no kernel yet, JupyterLab asks for one in a dialog and runs nothing (the cells keep the
    stored outputs and prompts), and while the kernel connects it runs only some cells. A
    "Select Kernel" dialog (a notebook naming a kernel that is not installed) is accepted."""
    while True:
        page.wait_for_function(
            "() => { const s = (" + NOTEBOOK_JS + """)();
                return s.dialog !== null || (/\\| Idle$/.test(s.kernel) && !s.kernel.startsWith('No Kernel')); }""",
            timeout=RUN_MS)
        dialog = page.locator(".jp-Dialog")
        if dialog.count() == 0:
            break
        assert "Select Kernel" in dialog.inner_text(), f"unexpected dialog: {dialog.inner_text()}"
        dialog.locator(".jp-Dialog-button.jp-mod-accept").click()
        dialog.wait_for(state="detached")
    wait_idle(page)


# Notes every code cell that Run All queues or runs ('[*]'), whichever order the DOM changes in.
RUN_WATCH_JS = """() => {
    const seen = new Set();
    window.__bpRunSeen = seen;
    const prompts = () => [...document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell .jp-InputPrompt')];
    const note = () => prompts().forEach((p, k) => p.textContent.includes('*') && seen.add(k));
    window.__bpRunWatch?.disconnect();
    window.__bpRunWatch = new MutationObserver(note);
    window.__bpRunWatch.observe(document.querySelector('.jp-NotebookPanel'),
                                {subtree: true, childList: true, characterData: true});
}"""


def run_all(page) -> None:
    """Run > Run All Cells, then wait until every code cell has been queued by it and has run
    (its prompt a number again), and the kernel has stayed idle (wait_idle)."""
    page.evaluate(RUN_WATCH_JS)
    page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
    page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click()
    page.wait_for_function("() => { const s = (" + NOTEBOOK_JS + """)();
        return window.__bpRunSeen.size === s.cells && s.ran === s.cells && !s.running; }""", timeout=RUN_MS)
    page.evaluate("window.__bpRunWatch.disconnect()")
    wait_idle(page)


def open_and_run_all(page, lab, name: str):
    from playwright.sync_api import expect

    # a fresh workspace per notebook: only this one open, so every locator means it
    page.goto(f"{lab['base']}/lab/workspaces/{Path(name).stem}/tree/{name}?reset&token={lab['token']}")
    nb = page.locator(".jp-NotebookPanel")
    expect(nb).to_be_visible(timeout=60_000)
    wait_kernel(page)
    run_all(page)
    wait_typeset(page)
    return nb


def wait_typeset(page) -> None:
    """MathJax has typeset every formula: no TeX left in any rendered text."""
    page.wait_for_function("""() => ![...document.querySelectorAll('.jp-RenderedMarkdown, .jp-RenderedLatex')]
        .some(el => /\\$\\$|\\\\frac|\\\\begin/.test(el.textContent))""", timeout=UI_MS)


def assert_no_errors(nb) -> None:
    from playwright.sync_api import expect

    stderr = nb.locator('.jp-RenderedText[data-mime-type="application/vnd.jupyter.stderr"]')
    errs = [t for t in stderr.all_inner_texts() if re.search(r"Traceback|Error|Warning", t)]
    assert errs == [], "error output in the notebook:\n" + "\n---\n".join(errs)
    for msg in ("Error displaying widget", "Model not found", "Failed to load model class",
                "Cannot display an untrusted SVG"):
        expect(nb.locator(".jp-OutputArea-output", has_text=msg)).to_have_count(0)


# --- what a class needs: nothing cut, nothing too small -------------------------------------------

# Every element of the notebook's outputs and text that is wider than the room it has: it
# scrolls (overflow auto/scroll), is cut (hidden), or pokes out of its cell (visible).
OVERFLOW_JS = """root => {
    const bad = [];
    const name = el => `${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 2).join('.')}`;
    for (const area of root.querySelectorAll('.jp-Cell .jp-OutputArea-output, .jp-MarkdownCell .jp-RenderedMarkdown')) {
        const room = area.getBoundingClientRect();
        let culprit = null;
        for (const el of [area, ...area.querySelectorAll('*')]) {
            if ((el.closest('svg') && el.tagName.toLowerCase() !== 'svg') || el.closest('mjx-assistive-mml')) continue;
            const css = getComputedStyle(el);
            if (css.display === 'none' || css.visibility === 'hidden') continue;
            const box = el.getBoundingClientRect();
            if (box.width === 0) continue;
            const scrolls = el.scrollWidth > el.clientWidth + 1 && ['auto', 'scroll', 'hidden'].includes(css.overflowX);
            if (box.right > room.right + 1 || scrolls) culprit = `${name(el)} ${Math.round(box.width)} px`
                + (scrolls ? ` holding ${el.scrollWidth} px` : '') + ` (room ${Math.round(room.width)}): `
                + (el.textContent || '').trim().slice(0, 40)  // the last one found is the innermost
                + ` in: ${(area.textContent || '').trim().slice(0, 80)}`;
        }
        if (culprit) bad.push(culprit);
    }
    return bad;
}"""

# Monospace print that the browser had to wrap: taller than its lines.
WRAPPED_JS = """root => [...root.querySelectorAll('.jp-RenderedText pre')].filter(pre => {
    const lines = pre.textContent.replace(/\\n$/, '').split('\\n').length;
    const height = parseFloat(getComputedStyle(pre).lineHeight);
    return pre.getBoundingClientRect().height > lines * height + 2;
}).map(pre => pre.textContent.slice(0, 60))"""

# Labels and buttons whose text is wider than their box (shown cut or with an ellipsis),
# measured with their own font in fractional pixels: a text 0.1 px too wide is already cut.
CUT_JS = """els => {
    const ctx = document.createElement("canvas").getContext("2d");
    return els.filter(l => {
        if (!l.textContent.trim() || l.offsetParent === null) return false;  // empty or hidden
        const css = getComputedStyle(l);
        ctx.font = css.font;
        const room = l.getBoundingClientRect().width - ["paddingLeft", "paddingRight", "borderLeftWidth",
            "borderRightWidth"].reduce((sum, side) => sum + parseFloat(css[side]), 0);
        const icon = l.querySelector('i') ? l.querySelector('i').getBoundingClientRect().width + 4 : 0;
        return ctx.measureText(l.textContent.trim()).width + icon > room + 0.01;  // 0.1 px too wide is already cut
    }).map(l => l.textContent.trim());
}"""

# Every text of every SVG figure in the scope: its size in CSS px as shown, its colour, and
# whether it is a live number (a gid of value texts), read from the SVG the <img> shows.
SVG_TEXT_JS = """async scope => {
    const out = [];
    for (const img of scope.querySelectorAll('img')) {
        const source = await (await fetch(img.src)).text();
        if (!source.startsWith('<?xml')) continue;  // a PNG
        const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
        const svg = doc.documentElement;
        const scale = img.getBoundingClientRect().width / parseFloat(svg.getAttribute('viewBox').split(' ')[2]);
        for (const t of doc.querySelectorAll('text, tspan')) {
            const size = parseFloat((t.getAttribute('style') || '').match(/font-size: ([\\d.]+)px/)?.[1]
                                    || t.closest('[style*=font-size]')?.getAttribute('style').match(/font-size: ([\\d.]+)px/)[1]);
            if (!t.textContent.trim() || t.querySelector('tspan') || !size) continue;
            const fill = ((t.getAttribute('style') || '') + ';' + (t.closest('text')?.getAttribute('style') || ''))
                .match(/fill: (#[0-9a-f]{6})/i)?.[1] || '#000000';
            const gid = t.closest('g[id]')?.id || '';
            out.push({text: t.textContent.trim(), px: size * scale, fill, live: /^(value|net|out|target|weight|new|bias|error|slope|road):|^(sum|product|update|delta)$/.test(gid)});
        }
    }
    return out;
}"""


def contrast(hex_colour: str) -> float:
    """WCAG contrast of a colour against white (the figures' background)."""
    from bp_helpers.style import contrast as ratio

    return ratio(hex_colour.upper(), "#FFFFFF")


def check_figures(scope, where: str, *, natural: bool) -> dict[str, float]:
    """Figures decoded, sharp (SVG, or PNG with twice the pixels), no wider than the room;
    at their natural size (100 % zoom) every SVG text >= 12 CSS px, every live number >= 14,
    dark enough. Returns each figure's shown width by its position."""
    images = scope.locator(".jp-OutputArea-output img").evaluate_all("""imgs => imgs.map(i => ({
        complete: i.complete, natural: i.naturalWidth, width: i.getBoundingClientRect().width,
        svg: i.classList.contains('bp-figure'),
        room: i.closest('.jp-OutputArea-output').getBoundingClientRect().width}))""")
    for k, img in enumerate(images):
        assert img["complete"] and img["natural"] > 0, f"{where}: figure {k} did not decode"
        assert img["width"] <= img["room"] + 1, f"{where}: figure {k} is wider than its column"
        if not img["svg"]:
            assert img["natural"] >= 2 * img["width"] - 1, f"{where}: figure {k} blurs ({img})"
    if natural:
        for t in scope.evaluate(SVG_TEXT_JS):
            assert t["px"] >= 12 - 0.05, f"{where}: text {t['text']!r} at {t['px']:.1f} px"
            if t["live"]:
                assert t["px"] >= 14 - 0.05, f"{where}: number {t['text']!r} at {t['px']:.1f} px"
            assert contrast(t["fill"]) >= 4.5, f"{where}: text {t['text']!r} in {t['fill']}"
    return {str(k): img["width"] for k, img in enumerate(images)}


def check_fit(nb, where: str) -> None:
    """Nothing in the notebook scrolls sideways, pokes out or wraps mid-number."""
    overflow = nb.evaluate(OVERFLOW_JS)
    assert overflow == [], f"{where}: wider than the column:\n" + "\n".join(overflow)
    wrapped = nb.evaluate(WRAPPED_JS)
    assert wrapped == [], f"{where}: print wrapped by the browser: {wrapped}"


def check_panel_fit(page, panel, where: str) -> None:
    """Sliders, banner and the whole figure within 1.5 screen heights; every slider, label
    and button whole and inside the panel."""
    height = page.viewport_size["height"]
    box = panel.evaluate("""el => {
        const r = e => e.getBoundingClientRect();
        const sliders = [...el.querySelectorAll('.widget-slider, .widget-toggle-buttons, .widget-checkbox')]
            .filter(s => s.offsetParent !== null);  // not the ones in a closed accordion
        const fig = el.querySelector('img.bp-figure');
        return {top: Math.min(...sliders.map(s => r(s).top)), figure: fig ? r(fig).bottom : null,
                right: r(el).right, widest: Math.max(...sliders.map(s => r(s).right))};
    }""")
    assert box["figure"] is not None, f"{where}: the panel shows no figure"
    assert box["figure"] - box["top"] <= 1.5 * height + 1, (
        f"{where}: sliders to the figure's bottom span {box['figure'] - box['top']:.0f} px, "
        f"more than 1.5 screens of {height} px")
    assert box["widest"] <= box["right"] + 1, f"{where}: a control sticks out of the panel"
    tracks = panel.locator(".widget-slider .noUi-target").evaluate_all(
        "ts => ts.filter(t => t.offsetParent !== null).map(t => t.getBoundingClientRect().width)")
    assert min(tracks) >= 90, f"{where}: a slider's track is only {min(tracks):.0f} px long"
    cut = panel.locator(".widget-label, .widget-readout, button").evaluate_all(CUT_JS)
    assert cut == [], f"{where}: cut short: {cut}"


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))


# --- a panel, moved as a student moves it ------------------------------------------------------

TEXT_JS = """el => [
        ...[...el.querySelectorAll('.widget-readout')].map(r => r.textContent),
        ...[...el.querySelectorAll('.widget-output, .widget-html')].map(o => o.innerText),
    ].join('\\n')"""
STATE_JS = "el => (" + TEXT_JS + ")(el) + [...el.querySelectorAll('img')].map(i => i.src).join()"


def _typed_value(current: str) -> str:
    """A different value inside any of our sliders' ranges."""
    try:
        value = float(current)
    except ValueError:
        return "0.3"
    return "0.3" if abs(value - 0.3) > 1e-9 else "0.7"


def exercise_panel(page, panel, where: str) -> None:
    """Keyboard on a slider, a typed readout, then reset: the panel must follow each."""
    from playwright.sync_api import expect

    sliders = panel.locator(".widget-slider:visible")  # not those on a closed tab
    assert sliders.count() >= 1, f"{where}: a panel without sliders"
    for i in range(sliders.count()):
        sliders.nth(i).scroll_into_view_if_needed()
        expect(sliders.nth(i)).to_be_visible()
    images = lambda: panel.locator("img").evaluate_all("imgs => imgs.map(i => i.src)")
    start, start_images = panel.evaluate(STATE_JS), images()
    start_text = panel.evaluate(TEXT_JS)

    def changed_from(before: str) -> None:
        page.wait_for_function("([el, before]) => (" + STATE_JS + ")(el) !== before",
                               arg=[panel.element_handle(), before], timeout=UI_MS)
        wait_idle(page)

    handle = sliders.first.locator(".noUi-handle")
    handle.focus()
    for _ in range(3):  # a few steps, so even a coarse slider moves visibly
        page.keyboard.press("ArrowRight")
    changed_from(start)
    moved = panel.evaluate(STATE_JS)
    assert images() != start_images, f"{where}: moving a slider did not redraw the figure"

    typed = [k for k in range(sliders.count())  # a number slider's readout takes typing, a choice slider's not
             if sliders.nth(k).locator(".widget-readout").get_attribute("contenteditable") == "true"]
    if typed:
        readout = sliders.nth(typed[min(1, len(typed) - 1)]).locator(".widget-readout")
        readout.click()
        page.keyboard.press("ControlOrMeta+a")
        page.keyboard.type(_typed_value(readout.inner_text()))
        page.keyboard.press("Enter")
    else:  # only choice sliders: jump to the last choice instead
        page.keyboard.press("End")
    changed_from(moved)

    panel.get_by_role("button", name=re.compile("reset|back to", re.IGNORECASE)).click()  # "Reset to the article", "Back to the start"
    # the article's values and numbers come back
    page.wait_for_function("([el, want]) => (" + TEXT_JS + ")(el) === want",
                           arg=[panel.element_handle(), start_text], timeout=UI_MS)
    wait_idle(page)
    wait_typeset(page)


# Every change in the player: its caption, figure and formula (what the kernel showed) and the
# step slider's readout (where the browser's Play is: it moves the slider without the kernel).
RECORD_JS = """el => {
    window.__bpFrames = [];
    const note = () => window.__bpFrames.push({caption: el.querySelector('.bp-caption').innerText,
        figure: el.querySelector('img.bp-figure').src, formula: el.querySelector('.widget-output').textContent,
        step: +el.querySelector('.bp-step .widget-readout').textContent});
    new MutationObserver(note).observe(el, {subtree: true, childList: true, attributes: true, characterData: true});
}"""


# From the n-th record on: [caption's step, slider's step] of each record.
STEPS_JS = """n => window.__bpFrames.slice(n).map(r => [+(r.caption.match(/step (\\d+) of/) || [0, 0])[1], r.step])"""
# True once some record shows the last step with a new, non-blank formula (typeset after its figure).
LAST_FORMULA_JS = """count => window.__bpFrames.some((r, i) => i > 0 && r.caption.startsWith(`step ${count} of`)
    && r.formula.trim() !== '' && r.formula !== window.__bpFrames[i - 1].formula)"""
# The player at rest: its (hidden) Play model not playing, and the caption showing the step the slider reads.
STOPPED_JS = """el => {
    const icon = el.querySelector('.widget-play button i');
    const readout = el.querySelector('.bp-step .widget-readout').textContent.trim();
    return icon.classList.contains('fa-play')
        && el.querySelector('.bp-caption').innerText.startsWith(`step ${readout} of`);
}"""


def exercise_player(page, player, where: str) -> None:
    """Arrow keys on the step slider, then Play through every step to the end (each frame a new
    figure and a new formula), Play again from the end (it starts over at step 1 and goes on,
    never back), Pause that holds, and Previous."""
    from playwright.sync_api import expect

    caption = player.locator(".bp-caption")
    count = int(re.search(r"of (\d+)", caption.inner_text()).group(1))
    first = player.locator("img.bp-figure").get_attribute("src")
    player.locator(".bp-step .noUi-handle").focus()
    page.keyboard.press("ArrowRight")
    expect(caption).to_contain_text(f"step 2 of {count}")
    page.wait_for_function("([el, before]) => el.querySelector('img.bp-figure').src !== before",
                           arg=[player.element_handle(), first], timeout=UI_MS)
    page.keyboard.press("ArrowLeft")
    expect(caption).to_contain_text(f"step 1 of {count}")

    speed = player.locator(".widget-slider").nth(1).locator(".noUi-handle")  # slow, normal, fast, fastest
    speed.focus()
    page.keyboard.press("ArrowRight")  # fast: 400 ms a step
    player.evaluate(RECORD_JS)
    player.get_by_role("button", name="Play").click()
    expect(caption).to_contain_text(f"step {count} of {count}", timeout=count * 1_000 + UI_MS)
    page.wait_for_function(LAST_FORMULA_JS, arg=count, timeout=UI_MS)
    # the player shows a step's caption first, then its figure, then (typeset) its formula:
    # every step from 2 on must bring a new figure and a new formula while its caption shows
    records = page.evaluate("window.__bpFrames")
    new_figure, new_formula = set(), set()
    for before, now in itertools.pairwise(records):
        k = int(re.search(r"step (\d+) of", now["caption"]).group(1))
        if now["figure"] != before["figure"]:
            new_figure.add(k)
        if now["formula"] != before["formula"] and now["formula"].strip():
            new_formula.add(k)
    every = set(range(2, count + 1))
    assert every <= new_figure, f"{where}: steps without a new figure: {sorted(every - new_figure)}"
    assert every <= new_formula, f"{where}: steps without a new formula: {sorted(every - new_formula)}"
    expect(player.get_by_role("button", name="Play")).to_be_visible()  # it stopped at the end
    page.wait_for_function(STOPPED_JS, arg=player.element_handle(), timeout=UI_MS)

    # from the end, Play starts again at step 1 and goes on from there: the slider steps 1, 2, 3, ...
    # and the kernel shows them in order (a busy machine may skip some, never go back)
    since = len(page.evaluate("window.__bpFrames"))
    player.get_by_role("button", name="Play").click()
    page.wait_for_function("([n, count]) => (" + STEPS_JS + """)(n).some(([shown, step]) => shown > 1 && shown < count
        && step >= 3)""", arg=[since, count], timeout=UI_MS)
    player.get_by_role("button", name="Pause").click()
    page.wait_for_function(STOPPED_JS, arg=player.element_handle(), timeout=UI_MS)  # held: nothing plays
    held = caption.inner_text()
    k = int(re.search(r"step (\d+) of", held).group(1))
    played = page.evaluate(STEPS_JS, since)
    moves = [step for _, step in played]
    moves = [b for a, b in itertools.pairwise([count, *moves]) if b != a]
    assert moves == list(range(1, k + 1)), f"{where}: from the end, the slider went {moves}"
    shown = [s for s, _ in played]
    shown = shown[next(i for i, s in enumerate(shown) if s < count):]
    assert shown == sorted(shown) and shown[-1] == k, f"{where}: from the end, Play showed steps {shown}"
    player.get_by_role("button", name="Previous").click()
    expect(caption).to_contain_text(f"step {k - 1} of {count}")
    later = page.evaluate(STEPS_JS, since + len(played))
    assert {s for s, _ in later} <= {k, k - 1}, f"{where}: Pause did not hold at step {k}: {later}"
    wait_idle(page)
    wait_typeset(page)


def stored(path: Path) -> tuple[int, int, int]:
    """Code cells, stored figures, and widget panels (cells whose output nbval ignores)."""
    cells = [c for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code"]
    figures = sum("image/png" in o.get("data", {}) for c in cells for o in c["outputs"])
    panels = sum("nbval-ignore-output" in c["metadata"].get("tags", []) for c in cells)
    return len(cells), figures, panels


def check_notebook(lab, page, path: Path) -> None:
    """One notebook as a class uses it: Run All at 1280x720, every panel moved, everything
    checked for fit and legibility there and at 150 % zoom, screenshots of both."""
    from playwright.sync_api import expect

    started = time.monotonic()
    code_cells, figures, panels = stored(path)
    resize(page, "1280x720")
    nb = open_and_run_all(page, lab, path.name)
    assert_no_errors(nb)
    prompts = nb.locator(".jp-CodeCell .jp-InputPrompt")
    expect(prompts).to_have_count(code_cells)
    expect(prompts).to_have_text([re.compile(r"\[\d+\]")] * code_cells)  # every code cell ran
    found = nb.locator(".bp-panel")
    expect(found).to_have_count(panels)
    for k in range(panels):
        panel = found.nth(k)
        if "bp-player" in (panel.get_attribute("class") or ""):
            exercise_player(page, panel, f"{path.stem} player")
        else:
            exercise_panel(page, panel, f"{path.stem} panel {k + 1}")
    assert_no_errors(nb)
    widths = {}
    for size in SIZES:
        resize(page, size)
        where = f"{path.stem} at {size}"
        check_fit(nb, where)
        widths[size] = check_figures(nb, where, natural=size == "1280x720")
        for k in range(panels):
            panel = found.nth(k)
            panel.scroll_into_view_if_needed()
            check_panel_fit(page, panel, f"{where}, panel {k + 1}")
            panel.locator(".widget-slider").first.scroll_into_view_if_needed()
            page.evaluate("el => el.scrollIntoView({block: 'start'})", panel.element_handle())
            screenshot(page, f"{path.stem}-panel{k + 1}-{size}.png")
        nb.locator(".jp-Cell").first.scroll_into_view_if_needed()
        screenshot(page, f"{path.stem}-{size}.png")
    small, large = widths["1280x720"], widths["150pc"]
    dpr = SIZES["150pc"][2]
    for k, width in small.items():  # zoomed in, a figure may fill a narrower column, never get smaller
        assert large[k] * dpr >= width - 1, f"{path.stem}: figure {k} shrinks at 150 % ({width} -> {large[k]} css px)"
    assert len(small) >= figures
    shutdown_kernels(lab)
    print(f"{path.name}: {time.monotonic() - started:.1f} s, {code_cells} cells, {figures} figures, {panels} panels")
