"""Break the slide decks so that every slide fits a 1280x720 projector (``make plan-slides``).

Run from the repository root after changing a notebook: ``python -m tools.plan_slides [NOTEBOOK ...]``.

The author decides what a deck shows: ``slide`` starts a new slide (each ``##`` heading),
``skip`` leaves a cell out, ``notes`` makes it speaker notes, ``fragment`` reveals it on a
click. This tool decides only where a slide that is too long continues on a subslide: it
builds each deck with every shown cell on a subslide of its own, measures every cell in
headless Chromium at the deck's size, and then packs the cells back together, starting a
subslide (``subslide``) where the next cell would not fit and continuing the slide (``-``)
where it would. A cell that alone is taller than a slide is reported (split it, or skip it on
the slides). Writes only ``metadata.slideshow.slide_type`` of the notebooks' cells.
"""

from __future__ import annotations

import argparse
import copy
import sys
import tempfile
from pathlib import Path

import nbformat

from tools import build_slides

ROOT = Path(__file__).resolve().parent.parent
ROOM = build_slides.SLIDE_SIZE[1] - 30  # px of a slide's height its cells may fill (reveal's own margin)
PACKED = ("-", "subslide")  # the only types this tool chooses between
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# The height of each slide's cells (in the slide's own pixels, before reveal scales it), in order.
MEASURE_JS = """async () => {
    const heights = [];
    for (const slide of document.querySelectorAll('.reveal .slides section')) {
        if (slide.querySelector(':scope > section')) continue;  // a stack of subslides, not a slide
        const [h, v] = [Reveal.getIndices(slide).h, Reveal.getIndices(slide).v || 0];
        Reveal.slide(h, v);
        await new Promise(done => MathJax.Hub.Queue(() => requestAnimationFrame(() => done())));
        for (const cell of slide.querySelectorAll(':scope > .jp-Cell')) {
            const css = getComputedStyle(cell);
            heights.push(cell.offsetHeight + parseFloat(css.marginTop) + parseFloat(css.marginBottom));
        }
    }
    return heights;
}"""


def shown(nb: nbformat.NotebookNode) -> list[int]:
    """Indices of the cells a deck shows (not skipped, not speaker notes)."""
    return [i for i, c in enumerate(nb.cells)
            if c.metadata.get("slideshow", {}).get("slide_type", "-") not in ("skip", "notes")]


def apart(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy with every shown cell that this tool may move on a subslide of its own."""
    nb = copy.deepcopy(nb)
    for i in shown(nb):
        meta = nb.cells[i].metadata.setdefault("slideshow", {})
        if meta.get("slide_type", "-") in PACKED:
            meta["slide_type"] = "subslide"
    return nb


def pack(nb: nbformat.NotebookNode, heights: dict[int, float]) -> list[tuple[int, int]]:
    """Set '-' or 'subslide' on every packable cell; returns the cells too tall for any slide."""
    used, too_tall = 0.0, []
    for i in shown(nb):
        meta = nb.cells[i].metadata.setdefault("slideshow", {})
        kind = meta.get("slide_type", "-")
        if heights[i] > ROOM:
            too_tall.append((i, round(heights[i])))
        if kind == "slide":
            used = heights[i]
        elif kind in PACKED:
            starts = used > 0 and used + heights[i] > ROOM
            meta["slide_type"] = "subslide" if starts else "-"
            used = heights[i] if starts else used + heights[i]
        else:  # a fragment stays with its slide
            used += heights[i]
    return too_tall


def measure(browser, nb: nbformat.NotebookNode, name: str, out: Path, exporter) -> dict[int, float]:
    """Every shown cell's height on a slide, by cell index."""
    body, _ = exporter.from_notebook_node(build_slides.deck_outputs(apart(nb)), resources={"metadata": {"name": name}})
    deck = out / f"{name}.slides.html"
    deck.write_text(body, encoding="utf-8")
    page = browser.new_page(viewport={"width": build_slides.SLIDE_SIZE[0], "height": build_slides.SLIDE_SIZE[1]})
    page.goto(deck.as_uri())
    page.wait_for_function("() => window.Reveal && Reveal.isReady() && document.documentElement.dataset.typeset === 'done'",
                           timeout=30_000)
    heights = page.evaluate(MEASURE_JS)
    page.close()
    cells = shown(nb)
    if len(heights) != len(cells):
        raise RuntimeError(f"{name}: measured {len(heights)} cells on the slides, expected {len(cells)}")
    return dict(zip(cells, heights, strict=True))


def plan(paths: list[Path], chromium: str = "/usr/bin/chromium") -> dict[Path, list[tuple[int, int]]]:
    """Re-pack every notebook's slides in place; returns each notebook's cells too tall for a slide."""
    from playwright.sync_api import sync_playwright

    report = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        out = Path(tmp)
        build_slides.copy_assets(out)
        exporter = build_slides.slides_exporter()
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        try:
            for path in paths:
                nb = nbformat.read(path, as_version=4)
                build_slides.require_outputs(nb, path)
                report[path] = pack(nb, measure(browser, nb, path.stem, out, exporter))
                nbformat.write(nb, path)
        finally:
            browser.close()
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every notebooks/*.ipynb")
    args = parser.parse_args(argv)
    try:
        report = plan(args.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb")))
    except build_slides.MissingOutputs as e:
        print(f"plan_slides: {e}", file=sys.stderr)
        return 1
    for path, too_tall in report.items():
        note = f"; cells taller than a slide (cell, px): {too_tall}" if too_tall else ""
        print(f"{path}: slides packed{note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
