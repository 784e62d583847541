"""The slide decks as a projector shows them: opened from file:// with the network blocked,
at 1280x720, every slide and fragment walked with the right-arrow key alone; math typeset
(with MathJax's assistive MathML beside it), every image decoded, nothing cut off the slide;
type the back row reads (body text >= 28 px, every part of a formula >= 24 px, on the screen),
figures shown large, speaker notes from the guide on every slide, a slide number readable
(contrast >= 4.5:1). Screenshots of each deck's first slides (and of any failing slide) go to
artifacts/slides/, and of every slide of lesson 03, as the arrow key walks it, to
artifacts/screenshots/deck-03/."""

from __future__ import annotations

import base64
import io
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from labtools import ARTIFACTS, ROOT

from bp_helpers.style import contrast
from tools import build_slides, lessons

pytestmark = pytest.mark.browser

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
SHOTS = ARTIFACTS.parent / "slides"
FIRST_SLIDES = 2  # screenshots of each deck's opening
WALKED_WHOLE = "03_backward_output_layer"  # a lesson given to oneself: every slide's screenshot
BODY_PX, MATH_PX = 28, 24  # the least type size on the screen at 1280x720 (issue 17)
FIGURE_SCALE = 1.4  # a figure is shown at least this many times its size in the notebook (plan_slides)
VIEWPORT = {"width": 1280, "height": 720}

# What is wrong with the slide on screen (fragments shown so far): raw TeX, a MathJax error,
# an image that did not decode, content beyond the slide or the window, a block that is cut or scrolls.
SLIDE_JS = r"""() => {
    const slide = Reveal.getCurrentSlide(), config = Reveal.getConfig(), bad = [];
    const name = el => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
        ? '.' + el.className.trim().split(/\s+/).slice(0, 2).join('.') : '');
    const visible = el => !el.closest('aside.notes');
    const mathPart = el => !!el.parentElement?.closest('.MathJax');  // MathJax's clipped inner spans
    const raw = slide.innerText.match(/\$\$|\\frac|\\begin|\\tfrac|\\partial/);
    if (raw) bad.push(`raw TeX on the slide: ${raw[0]}`);
    if (slide.querySelector('.MathJax_Error, .merror')) bad.push('MathJax reported an error');
    for (const s of slide.querySelectorAll('script[type^="math/tex"]')) {
        const frame = document.getElementById(s.id + '-Frame');
        if (visible(s) && (!frame || frame.getBoundingClientRect().width === 0))
            bad.push(`math not rendered: ${s.textContent.slice(0, 40)}`);
    }
    for (const img of slide.querySelectorAll('img'))
        if (visible(img) && !(img.complete && img.naturalWidth > 0)) bad.push(`image did not decode: ${img.src.slice(0, 60)}`);
    if (slide.scrollHeight > config.height + 1 || slide.scrollWidth > config.width + 1)
        bad.push(`content ${slide.scrollWidth}x${slide.scrollHeight} is larger than the ${config.width}x${config.height} slide`);
    for (const el of slide.querySelectorAll('*')) {
        if (!visible(el) || mathPart(el)) continue;
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.height > 0 && (r.left < -1 || r.top < -1 || r.right > innerWidth + 1 || r.bottom > innerHeight + 1)) {
            bad.push(`${name(el)} reaches outside the ${innerWidth}x${innerHeight} window`);
            break;
        }
    }
    for (const el of slide.querySelectorAll('*')) {  // text beyond a box that cuts or scrolls
        if (!visible(el) || mathPart(el) || !/auto|scroll|hidden|clip/.test(getComputedStyle(el).overflowX)) continue;
        const range = document.createRange();
        range.selectNodeContents(el);
        const text = range.getBoundingClientRect(), box = el.getBoundingClientRect();
        if (text.width > 0 && (text.right > box.right + 1 || text.left < box.left - 1))
            bad.push(`${name(el)} cuts its text or scrolls sideways (${Math.round(text.width)} px of text in ${Math.round(box.width)} px)`);
    }
    return bad;
}"""
# What the slide on screen shows a class: the smallest text and formula part (in screen px), each
# figure's scale against its notebook size, whether every formula has its MathML twin, its notes.
MEASURE_JS = r"""() => {
    const slide = Reveal.getCurrentSlide(), scale = Reveal.getScale();
    const px = el => parseFloat(getComputedStyle(el).fontSize) * scale;
    let body = Infinity, math = Infinity;
    const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const el = walker.currentNode.parentElement;
        if (!walker.currentNode.textContent.trim() || el.closest('aside.notes, script, .MJX_Assistive_MathML')) continue;
        if (el.getBoundingClientRect().width === 0) continue;
        if (el.closest('.MathJax, .MathJax_Display')) math = Math.min(math, px(el));
        else body = Math.min(body, px(el));
    }
    const figures = [...slide.querySelectorAll('img')].map(img => {
        const natural = Number(img.getAttribute('width')) || img.naturalWidth;
        const box = img.getBoundingClientRect();  // object-fit: contain keeps the picture's own shape
        const fit = Math.min(box.width / img.naturalWidth, box.height / img.naturalHeight);
        // full: the picture is as tall as the room the slide leaves it (a tall figure cannot grow more)
        return {scale: fit * img.naturalWidth / scale / natural, full: fit * img.naturalHeight >= box.height - 1};
    });
    const typeset = [...slide.querySelectorAll('.MathJax, .MathJax_Display')].filter(m => !m.closest('aside.notes'));
    const twins = typeset.filter(m => (m.classList.contains('MathJax_Display') ? m : m.parentElement)
                                       .querySelector('.MJX_Assistive_MathML math'));
    const notes = [...slide.querySelectorAll('aside.notes')].map(a => a.textContent).join(' ');
    return {body, math, figures, formulas: typeset.length, twins: twins.length, notes};
}"""
# One step of the walk: (the right-arrow key was pressed) let MathJax typeset the slide again, check it.
STEP_JS = """async () => {
    await new Promise(done => MathJax.Hub.Queue(() => requestAnimationFrame(() => done())));
    const {h, v, f} = Reveal.getIndices();
    return {h, v: v || 0, f: f ?? -1, bad: (SLIDE_JS)(), seen: (MEASURE_JS)(),
            end: Reveal.isLastSlide() && !Reveal.availableFragments().next};
}""".replace("SLIDE_JS", SLIDE_JS).replace("MEASURE_JS", MEASURE_JS)


def _png(width_in: float, height_in: float) -> str:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width_in, height_in), dpi=100)
    ax = fig.subplots()
    ax.plot([0, 1, 2, 3], [0.3, 0.1, 0.05, 0.02])
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return base64.b64encode(buffer.getvalue()).decode()


def _cell(kind: str, source: str, slide_type: str, outputs: list | None = None, count: int | None = None):
    cell = new_markdown_cell(source) if kind == "md" else new_code_cell(source, outputs=outputs or [],
                                                                           execution_count=count)
    cell.metadata["slideshow"] = {"slide_type": slide_type}
    return cell


def fixture_notebook(folder: Path) -> Path:
    """A small deck using every slide type: math inline, displayed and in an output, a figure
    on a subslide shown as a fragment, speaker notes, a skipped cell, a widget's fallback text."""
    figure = new_output("display_data", data={"image/png": _png(6, 3), "text/plain": "<Figure size 600x300 with 1 Axes>"})
    steps = new_output("display_data", data={
        "text/markdown": r"$$\begin{aligned}E_{o1} &= \tfrac{1}{2}\left(0.01 - 0.75136507\right)^{2} \\ &= 0.274811083\end{aligned}$$",
        "text/plain": "StepsView"})
    widget = new_output("execute_result", execution_count=4, data={
        build_slides.WIDGET_VIEW: {"model_id": "x", "version_major": 2, "version_minor": 0},
        "text/plain": "SectionPanel: the panel (interactive: run the notebook to use its sliders)"})
    nb = new_notebook(cells=[
        _cell("md", "# A fixture deck\n\nThe slope $\\frac{\\partial E}{\\partial w}$, displayed:\n\n"
                    "$$\\begin{aligned}E &= \\tfrac{1}{2}(t - o)^2\\end{aligned}$$", "slide"),
        _cell("code", 'print("E_total = 0.298371109")', "-",
              [new_output("stream", name="stdout", text="E_total = 0.298371109\n")], 1),
        _cell("md", "## A figure\n\nIt appears as a fragment.", "subslide"),
        _cell("code", "show(figure)", "fragment", [figure], 2),
        _cell("md", "Speaker notes with math: $\\frac{1}{2}$", "notes"),
        _cell("code", "x = 1", "skip", [], 3),
        _cell("md", "## Steps, as a section prints them", "slide"),
        _cell("code", "StepsView(...)", "-", [steps], 5),
        _cell("code", "panel", "fragment", [widget], 4),
    ], metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    path = folder / "fixture_deck.ipynb"
    nbformat.write(nb, path)
    return path


def broken_notebook(folder: Path) -> Path:
    """A deck with one slide too long and one image that cannot load: the walk must see both."""
    nb = new_notebook(cells=[
        _cell("md", "# Too long\n\n" + "\n\n".join(f"Line {k} of a slide that never ends." for k in range(30)), "slide"),
        _cell("md", "## A missing picture\n\n![missing](no-such-file.png)", "slide"),
    ], metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    path = folder / "broken_deck.ipynb"
    nbformat.write(nb, path)
    return path


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> dict[str, Path | Exception]:
    """Every deck built once into one folder: the real notebooks' and the fixtures'. A notebook
    that cannot be built (no stored outputs) is kept as its error, for its own test to report."""
    out = tmp_path_factory.mktemp("slides")
    sources = tmp_path_factory.mktemp("fixtures")
    build_slides.copy_assets(out)
    exporter = build_slides.slides_exporter()
    built: dict[str, Path | Exception] = {}
    for path in [*NOTEBOOKS, fixture_notebook(sources), broken_notebook(sources)]:
        try:
            built[path.stem] = build_slides.build_deck(path, out, exporter)
        except build_slides.MissingOutputs as e:
            built[path.stem] = e
    return built


def open_deck(browser, deck: Path):
    """A page showing ``deck`` with every non-file request refused; returns (page, refused urls)."""
    context = browser.new_context(viewport=VIEWPORT)
    refused: list[str] = []

    def only_files(route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    context.route("**/*", only_files)
    page = context.new_page()
    page.goto(deck.as_uri())
    page.wait_for_function("() => window.Reveal && Reveal.isReady() && document.documentElement.dataset.typeset === 'done'",
                           timeout=30_000)
    page.evaluate("() => Reveal.configure({transition: 'none', backgroundTransition: 'none'})")
    return page, refused


def walk(page, stem: str) -> tuple[int, dict[str, list[str]], dict[str, dict]]:
    """Every slide, subslide and fragment in order, reached with the right-arrow key alone;
    returns the slides seen, the problems of each, and what each shows a class."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob(f"FAILED-{stem}-*.png"):
        old.unlink()
    whole = ARTIFACTS.parent / "screenshots" / f"deck-{stem[:2]}" if stem == WALKED_WHOLE else None
    if whole is not None:
        whole.mkdir(parents=True, exist_ok=True)
        for old in whole.glob("*.png"):
            old.unlink()
    seen: list[tuple[int, int]] = []
    problems: dict[str, list[str]] = {}
    shows: dict[str, dict] = {}
    total = page.evaluate("() => Reveal.getTotalSlides()")
    page.locator(".reveal").click(position={"x": 640, "y": 360})  # the keyboard goes to the deck
    for step in range(20 * total + 20):  # a bound on fragments too
        if step:
            page.keyboard.press("ArrowRight")
        state = page.evaluate(STEP_JS)
        h, v = state["h"], state["v"]
        where = f"slide {h}.{v}"
        if (h, v) not in seen:
            seen.append((h, v))
            if len(seen) <= FIRST_SLIDES:
                page.screenshot(path=str(SHOTS / f"{stem}-{len(seen)}.png"))
        if whole is not None:
            page.screenshot(path=str(whole / f"{step + 1:02d}-slide-{h}.{v}.{state['f']}.png"))
        shows[where] = state["seen"]
        if state["bad"] and where not in problems:
            problems[where] = state["bad"]
            page.screenshot(path=str(SHOTS / f"FAILED-{stem}-{h}.{v}.png"))
        if state["end"]:
            break
    assert len(seen) == total, f"{stem}: the right-arrow key reached {len(seen)} of {total} slides"
    return total, problems, shows


FITS = re.compile(r"larger than the|reaches outside|cuts its text")  # the problems a shorter slide solves


@dataclass
class Walked:
    total: int
    problems: dict[str, list[str]]
    shows: dict[str, dict]
    refused: list[str]
    badge: tuple[str, str]  # the slide number's colour and background

    def report(self, fit: bool) -> dict[str, list[str]]:
        """The problems about fitting the slide (fit) or all the others."""
        found = {k: [p for p in v if bool(FITS.search(p)) == fit] for k, v in self.problems.items()}
        return {k: v for k, v in found.items() if v}


@pytest.fixture(scope="module")
def walks(browser, decks) -> dict[str, Walked | Exception]:
    """Every deck opened and walked once (or why it could not be)."""
    from playwright.sync_api import Error as PlaywrightError

    done: dict[str, Walked | Exception] = {}
    for stem, deck in decks.items():
        if isinstance(deck, Exception):
            done[stem] = deck
            continue
        page, refused = open_deck(browser, deck)
        try:
            badge = page.evaluate("""() => { const b = getComputedStyle(document.querySelector('.reveal .slide-number'));
                                           return [b.color, b.backgroundColor]; }""")
            done[stem] = Walked(*walk(page, stem), refused, tuple(badge))
        except (AssertionError, PlaywrightError) as e:  # reported by the deck's own test
            done[stem] = e
        finally:
            page.context.close()
    return done


def walked(walks, stem: str) -> Walked:
    found = walks[stem]
    if isinstance(found, Exception):
        pytest.fail(f"{stem}: {found}")
    return found


def describe(problems: dict[str, list[str]]) -> str:
    return "; ".join(f"{where}: {', '.join(found)}" for where, found in problems.items())


def test_fixture_deck_passes_every_check(walks):
    deck = walked(walks, "fixture_deck")
    assert deck.total == 3 and deck.refused == []
    assert deck.problems == {}, describe(deck.problems)


def test_the_walk_sees_an_overflowing_slide_and_a_broken_image(walks):
    deck = walked(walks, "broken_deck")
    assert deck.total == 2 and deck.refused == []
    assert any("larger than the 1280x720 slide" in p for p in deck.report(fit=True)["slide 0.0"]), deck.problems
    assert any("image did not decode" in p for p in deck.report(fit=False)["slide 1.0"]), deck.problems


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_deck_is_offline_typeset_and_whole(walks, path):
    deck = walked(walks, path.stem)
    assert deck.refused == [], f"{path.stem} asked the network for {deck.refused}"
    assert deck.report(fit=False) == {}, describe(deck.report(fit=False))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_deck_fits_the_slides(walks, path):
    deck = walked(walks, path.stem)
    assert deck.report(fit=True) == {}, describe(deck.report(fit=True))


def _rgb(css: str) -> str:
    """'rgb(26, 26, 26)' (opaque) as '#1A1A1A'."""
    parts = [float(x) for x in re.findall(r"[\d.]+", css)]
    assert len(parts) == 3 or parts[3] == 1, f"a see-through colour {css}: its contrast depends on the slide"
    return "#" + "".join(f"{round(c):02X}" for c in parts[:3])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_deck_is_set_for_the_back_row(walks, path):
    deck = walked(walks, path.stem)
    small = {w: round(s["body"], 1) for w, s in deck.shows.items() if s["body"] < BODY_PX}
    assert small == {}, f"{path.stem}: text below {BODY_PX} px on the screen: {small}"
    small = {w: round(s["math"], 1) for w, s in deck.shows.items() if s["math"] < MATH_PX}
    assert small == {}, f"{path.stem}: a formula's part below {MATH_PX} px on the screen: {small}"
    small = {w: [round(f["scale"], 2) for f in s["figures"]] for w, s in deck.shows.items()
             if any(f["scale"] < FIGURE_SCALE and not f["full"] for f in s["figures"])}
    assert small == {}, (f"{path.stem}: a figure shown at less than {FIGURE_SCALE} times its notebook size, "
                         f"though its slide has room: {small}")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_deck_keeps_every_formulas_mathml(walks, path):
    deck = walked(walks, path.stem)
    bare = {w: f"{s['twins']} of {s['formulas']}" for w, s in deck.shows.items() if s["twins"] < s["formulas"]}
    assert bare == {}, f"{path.stem}: formulas without MathJax's assistive MathML: {bare}"
    assert any(s["formulas"] for s in deck.shows.values()) or path.stem.startswith("00")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_deck_has_the_guides_notes_on_every_slide(walks, path):
    deck = walked(walks, path.stem)
    plans = lessons.plans()[path.stem[:2]]
    for where, seen in deck.shows.items():
        assert " min. " in seen["notes"], f"{path.stem} {where}: no row of the guide in its speaker notes"
    asked = " ".join(s["notes"] for s in deck.shows.values())
    for row in plans:
        if row.ask != "—":
            assert lessons.plain(row.ask) in " ".join(asked.split()), f"{path.stem}: the question {row.ask!r} is on no slide"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_deck_slide_number_is_readable(walks, path):
    deck = walked(walks, path.stem)
    colour, background = (_rgb(c) for c in deck.badge)
    assert contrast(colour, background) >= 4.5, f"{path.stem}: slide number {colour} on {background}"


def test_the_fixture_deck_is_walked_with_the_arrow_key_through_its_subslide_and_fragments(walks):
    deck = walked(walks, "fixture_deck")
    assert set(deck.shows) == {"slide 0.0", "slide 0.1", "slide 1.0"}
