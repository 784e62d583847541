"""Break the slide decks so that every slide fits a 1280x720 projector (``make plan-slides``).

Run from the repository root after changing a notebook: ``python -m tools.plan_slides [NOTEBOOK ...]``.

The author decides what a deck shows: ``slide`` starts a new slide (each heading, each
exercise, each erratum), ``skip`` leaves a cell out, ``notes`` makes it speaker notes (the
prose a teacher says rather than shows), ``fragment`` reveals it on a click. This tool decides
only where a slide that is too long continues on a next slide, and never inside a topic: a
markdown cell and the code cell after it (a cell's prose and its output) stay together. It
builds each deck with every topic on a slide of its own, measures every cell in headless
Chromium at the deck's size, and packs the topics back, starting a slide (``subslide``) where
the next topic would not fit and continuing the slide (``-``) where it would. A figure counts
at ``FIGURE_SCALE`` times its size in the notebook, the least a projected figure is shown at
(on the slide it takes all the room left), at most ``FIGURE_MAX`` px. A topic that alone is taller than a slide is
packed cell by cell (its prose on one slide, its output on the next); a cell that alone is taller
than a slide is reported: say more of its prose (``notes``), or skip it on the slides. Writes only
``metadata.slideshow.slide_type`` of the notebooks' cells.
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
ROOM = build_slides.SLIDE_SIZE[1] - 30  # px of a slide's height its cells may fill (the slide's own padding)
FIGURE_SCALE = 1.4  # a figure on a slide is at least this many times its notebook size
FIGURE_MAX = 460  # px: a taller figure counts as this (it takes the room left, shrinking to fit)
PACKED = ("-", "subslide")  # the only types this tool chooses between
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# The height of each slide's cells (in the slide's own pixels, before reveal scales it), in order;
# a cell holding a figure counts the figure at FIGURE_SCALE times its notebook size.
MEASURE_JS = """async scale => {
    const heights = [];
    for (const slide of document.querySelectorAll('.reveal .slides section')) {
        if (slide.querySelector(':scope > section')) continue;  // a stack of subslides, not a slide
        const [h, v] = [Reveal.getIndices(slide).h, Reveal.getIndices(slide).v || 0];
        Reveal.slide(h, v);
        await new Promise(done => MathJax.Hub.Queue(() => requestAnimationFrame(() => done())));
        for (const cell of slide.querySelectorAll(':scope > .jp-Cell')) {
            const css = getComputedStyle(cell);
            let height = cell.offsetHeight + parseFloat(css.marginTop) + parseFloat(css.marginBottom);
            for (const img of cell.querySelectorAll('img')) {
                const natural = img.naturalHeight * (Number(img.getAttribute('width')) || img.naturalWidth) / img.naturalWidth;
                height += Math.min(natural * scale, FIGURE_MAX) - img.offsetHeight;
            }
            heights.push(height);
        }
    }
    return heights;
}""".replace("FIGURE_MAX", str(FIGURE_MAX))


def shown(nb: nbformat.NotebookNode) -> list[int]:
    """Indices of the cells a deck shows (not skipped, not speaker notes)."""
    return [i for i, c in enumerate(nb.cells) if build_slides.slide_type(c) not in ("skip", "notes")]


def introduces(cell: nbformat.NotebookNode) -> bool:
    """Whether a markdown cell introduces the output after it (prose or a heading, not a list)."""
    first = cell.source.lstrip()
    return cell.cell_type == "markdown" and not first.startswith(("* ", "- ", "1. "))


def topics(nb: nbformat.NotebookNode) -> list[list[int]]:
    """The shown cells in topics: a markdown cell with the code cell that follows it (the
    output it introduces), every other cell alone; a slide always starts a topic."""
    found: list[list[int]] = []
    for i in shown(nb):
        cell = nb.cells[i]
        joins = (found and cell.cell_type == "code" and build_slides.slide_type(cell) != "slide"
                 and len(found[-1]) == 1 and introduces(nb.cells[found[-1][0]]))
        if not joins:
            found.append([i])
        else:
            found[-1].append(i)
    return found


def apart(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy with every topic that this tool may move on a slide of its own."""
    nb = copy.deepcopy(nb)
    for topic in topics(nb):
        meta = nb.cells[topic[0]].metadata.setdefault("slideshow", {})
        if meta.get("slide_type", "-") in PACKED:
            meta["slide_type"] = "subslide"
        for i in topic[1:]:
            inner = nb.cells[i].metadata.setdefault("slideshow", {})
            if inner.get("slide_type", "-") in PACKED:
                inner["slide_type"] = "-"
    return nb


def pack(nb: nbformat.NotebookNode, heights: dict[int, float]) -> list[tuple[int, int]]:
    """Set '-' or 'subslide' on the first cell of every packable topic ('-' on the rest of it);
    a topic too tall for a slide is packed cell by cell (its prose, then its output). Returns
    the cells too tall for any slide."""
    used, too_tall = 0.0, []
    for whole in topics(nb):
        parts = [whole] if sum(heights[i] for i in whole) <= ROOM else [[i] for i in whole]
        for topic in parts:
            height = sum(heights[i] for i in topic)
            meta = nb.cells[topic[0]].metadata.setdefault("slideshow", {})
            kind = meta.get("slide_type", "-")
            if height > ROOM:
                too_tall.append((topic[0], round(height)))
            if kind == "slide":
                used = height
            elif kind in PACKED:
                starts = used > 0 and used + height > ROOM
                meta["slide_type"] = "subslide" if starts else "-"
                used = height if starts else used + height
            else:  # a fragment stays with its slide
                used += height
            for i in topic[1:]:
                inner = nb.cells[i].metadata.setdefault("slideshow", {})
                if inner.get("slide_type", "-") in PACKED:
                    inner["slide_type"] = "-"
    return too_tall


def measure(browser, nb: nbformat.NotebookNode, name: str, out: Path, exporter) -> dict[int, float]:
    """Every shown cell's height on a slide, by cell index."""
    separate = apart(nb)
    for i, cell in enumerate(separate.cells):  # to find each cell again after the build adds its own
        cell.metadata["bp_index"] = i
    deck = build_slides.deck_notebook(separate, name)
    body, _ = exporter.from_notebook_node(deck, resources={"metadata": {"name": name}})
    path = out / f"{name}.slides.html"
    path.write_text(body, encoding="utf-8")
    page = browser.new_page(viewport={"width": build_slides.SLIDE_SIZE[0], "height": build_slides.SLIDE_SIZE[1]})
    page.goto(path.as_uri())
    page.wait_for_function("() => window.Reveal && Reveal.isReady() && document.documentElement.dataset.typeset === 'done'",
                           timeout=30_000)
    measured = page.evaluate(MEASURE_JS, FIGURE_SCALE)
    page.close()
    # the cells the deck shows, in order: the notebook's own and the build's (a panel's cue),
    # whose height counts with the notebook cell before it
    heights: dict[int, float] = {}
    kinds = [(c.metadata.get("bp_index"), build_slides.slide_type(c)) for c in deck.cells]
    owners = [index for index, kind in kinds if kind not in ("skip", "notes")]
    if len(measured) != len(owners):
        raise RuntimeError(f"{name}: measured {len(measured)} cells on the slides, expected {len(owners)}")
    last = None
    for index, height in zip(owners, measured, strict=True):
        last = index if index is not None else last
        if last is not None:
            heights[last] = heights.get(last, 0.0) + height
    return heights


def plan(paths: list[Path], chromium: str = "/usr/bin/chromium") -> dict[Path, list[tuple[int, int]]]:
    """Re-pack every notebook's slides in place; returns each notebook's topics too tall for a slide."""
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
        note = f"; topics taller than a slide (first cell, px): {too_tall}" if too_tall else ""
        print(f"{path}: slides packed{note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
