"""Build the handouts (``make handouts``): each notebook as a PDF, in A4 and US Letter, and a booklet.

Run from the repository root: ``make handouts``, or ``python -m tools.build_handouts [NOTEBOOK ...] [--out DIR]``.

Reads ``notebooks/*.ipynb`` with their stored outputs (nothing is executed), takes the
solutions out as the student edition does (``build_student.student_notebook``: exercise stubs,
no worked solutions), renders each to HTML (nbconvert's lab template, code cells included, MathJax from the local copy the
jupyter-server-mathjax wheel installs) in a temporary folder, and prints it with headless
Chromium (Playwright, ``/usr/bin/chromium`` or ``CHROMIUM_PATH``) with every request but
file: refused. Writes ``build/handouts/NN_name-A4.pdf``, ``NN_name-Letter.pdf``,
``booklet-A4.pdf`` and ``booklet-Letter.pdf`` (the notebooks in order, one bookmark each);
touches nothing else. A print stylesheet keeps every figure and output block whole on a page.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import nbformat

from tools import cli
from jinja2 import DictLoader

from tools.build_slides import MATHJAX_CONFIG, MissingOutputs, mathjax_dir, offline_head, require_outputs, static_outputs
from tools.build_student import MalformedExercise, student_notebook

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
OUT = ROOT / "build" / "handouts"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [  # as tests/browser/labtools.py: without the networking flags Chromium keeps dialling out
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
MARGIN_MM = 14
MARGINS = {side: f"{MARGIN_MM}mm" for side in ("top", "bottom", "left", "right")}
PAPERS = {"A4": 210, "Letter": 215.9}  # paper widths in mm
FOOTER = ('<div style="font: 8px sans-serif; color: #555; width: 100%; text-align: center;">'
          '<span class="title"></span> · <span class="pageNumber"></span> / <span class="totalPages"></span></div>')
TYPESET_MS = 60_000

PRINT_CSS = """
@media print {
  /* a figure, an output block, a cell's code, a formula: whole on one page */
  .jp-OutputArea-child, .jp-Cell-inputWrapper, .jp-RenderedImage, img, table, .MathJax_Display { break-inside: avoid; }
  h1, h2, h3, h4 { break-after: avoid; }  /* a heading with what follows */
  .jp-OutputArea-child, .jp-OutputArea-output { display: block; }  /* no prompts: no table needed, and a table breaks worse */
  img { max-width: 100% !important; height: auto !important; }
  .jp-OutputArea-output pre, .jp-InputArea-editor pre { white-space: pre-wrap; }
  .jp-Cell-inputWrapper { --jp-code-font-size: 11px; }  /* about 100 characters of code to the line on A4 */
}
"""


class NoBrowser(RuntimeError):
    """Chromium is needed to print, and is missing."""


def handout_exporter(print_css: str = PRINT_CSS):  # -> nbconvert.HTMLExporter (untyped package)
    from nbconvert import HTMLExporter

    template = ("{%- extends 'index.html.j2' -%}" + offline_head(linebreaks=True)
                + "{%- block html_head_css -%}<style>" + print_css + "</style>{%- endblock html_head_css -%}")
    return HTMLExporter(
        template_name="lab", extra_loaders=[DictLoader({"bp_handout.html.j2": template})],
        template_file="bp_handout.html.j2", exclude_input_prompt=True, exclude_output_prompt=True,
        mathjax_url=f"{(mathjax_dir() / 'MathJax.js').as_uri()}?config={MATHJAX_CONFIG}")


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium (a playwright Browser) for a build run outside the tests."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise NoBrowser(f"handouts are printed by Chromium, and there is none at {CHROMIUM}: install it "
                        f"(Debian/Ubuntu: `apt-get install chromium`) or point CHROMIUM_PATH at it")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def print_pdfs(browser: Any, html: Path, pdfs: dict[str, Path]) -> None:
    """``html`` printed to each paper's PDF once MathJax has typeset it; no request but file: may
    leave. The page is laid out at the narrowest paper's printable width, so that MathJax breaks a
    long formula where every paper needs it."""
    width_px = round((min(PAPERS[paper] for paper in pdfs) - 2 * MARGIN_MM) / 25.4 * 96)
    context = browser.new_context(viewport={"width": width_px, "height": 1000})
    refused: list[str] = []

    def only_files(route: Any) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    try:
        context.route("**/*", only_files)
        page = context.new_page()
        page.goto(html.as_uri())
        page.wait_for_function("() => document.documentElement.dataset.typeset === 'done'", timeout=TYPESET_MS)
        page.evaluate("() => document.fonts.ready.then(() => Promise.all([...document.images].map(i => i.decode())))")
        if refused:
            raise RuntimeError(f"{html.name} asked the network for {refused}: a handout must be offline")
        for paper, pdf in pdfs.items():
            page.pdf(path=str(pdf), format=paper, print_background=True, margin=MARGINS,
                     display_header_footer=True, header_template="<span></span>", footer_template=FOOTER)
    finally:
        context.close()


def booklet(parts: list[Path], titles: list[str], target: Path) -> None:
    """The parts in order in one PDF, a bookmark at the start of each."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for part, title in zip(parts, titles, strict=True):
        writer.append(str(part), outline_item=title)
    with open(target, "wb") as f:
        writer.write(f)
    writer.close()


def build(notebooks: list[Path], out: Path, browser: Any = None, print_css: str = PRINT_CSS,
          papers: tuple[str, ...] = tuple(PAPERS)) -> list[Path]:
    """Every notebook's handouts and the booklets in ``out``; returns the PDFs written.
    ``browser``: a playwright Browser to print with (default: launch Chromium)."""
    loaded = []
    for path in notebooks:  # every notebook checked before anything is written
        nb = nbformat.read(path, as_version=4)
        require_outputs(nb, path)
        try:
            loaded.append((path, student_notebook(nb)))  # a handout is for students: no solutions
        except MalformedExercise as e:
            raise MalformedExercise(f"{path}: {e}") from None
    if browser is None:
        with chromium() as launched:
            return build(notebooks, out, launched, print_css, papers)
    out.mkdir(parents=True, exist_ok=True)
    exporter = handout_exporter(print_css)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        pages = []
        for path, nb in loaded:
            body, _ = exporter.from_notebook_node(static_outputs(nb), resources={"metadata": {"name": path.stem}})
            html = Path(tmp) / f"{path.stem}.html"
            html.write_text(body, encoding="utf-8")
            pages.append((path.stem, html))
        for stem, html in pages:
            print_pdfs(browser, html, {paper: out / f"{stem}-{paper}.pdf" for paper in papers})
        for paper in papers:
            parts = [out / f"{stem}-{paper}.pdf" for stem, _ in pages]
            written += parts
            if len(parts) > 1:
                booklet(parts, [stem for stem, _ in pages], out / f"booklet-{paper}.pdf")
                written.append(out / f"booklet-{paper}.pdf")
    return written


def main(argv: list[str] | None = None) -> int:
    return cli.run(argv, name="build_handouts", description=__doc__.splitlines()[0], out=OUT, build=build,
                   refused=(MissingOutputs, MalformedExercise, NoBrowser))


if __name__ == "__main__":
    sys.exit(main())
