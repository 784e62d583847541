"""Build the slide decks (``make slides``): one offline reveal.js deck per notebook.

Run from the repository root: ``make slides``, or ``python -m tools.build_slides [NOTEBOOK ...] [--out DIR]``.

Reads ``notebooks/*.ipynb`` with their stored outputs (nothing is executed) and writes
``build/slides/NN_name.slides.html`` beside local copies of reveal.js (``reveal.js/``, from the
sphinx-revealjs wheel) and MathJax 2.7 (``mathjax/``, from the jupyter-server-mathjax wheel);
touches nothing else. A deck refers to nothing outside that folder, so it works from
file:// with no network. Slides, subslides, fragments, skipped cells and speaker notes
come from each cell's ``metadata.slideshow.slide_type``.

The offline template parts and the stored-output check live here and are shared with
``build_handouts.py``.
"""

from __future__ import annotations

import copy
import importlib.util
import shutil
import sys
from pathlib import Path

import nbformat

from tools import cli
from jinja2 import DictLoader

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
OUT = ROOT / "build" / "slides"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
MATHJAX_CONFIG = "TeX-AMS-MML_HTMLorMML-full,Safe"  # the one combined config the wheel ships
SLIDE_SIZE = (1280, 720)  # a 16:9 projector; reveal.js scales the deck to any window


def offline_head(linebreaks: bool) -> str:
    """Template blocks that every offline page overrides: no require.js, jQuery, mermaid or widget
    manager from a CDN (nothing here needs them), and MathJax from the url the exporter is given,
    with only the STIX web fonts the local copy has; a figure's text (``<figure: ...>``) as its alt. <html data-typeset="done"> once MathJax has
    typeset the page (the browser tests and the PDF printer wait for it). Automatic line breaks
    suit a page; on a slide MathJax may measure the slide while it is hidden and break a short
    formula, so slides go without."""
    return """
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}
<script type="text/x-mathjax-config">
MathJax.Hub.Config({
  tex2jax: {inlineMath: [["$", "$"], ["\\\\(", "\\\\)"]], displayMath: [["$$", "$$"], ["\\\\[", "\\\\]"]],
            processEscapes: true, processEnvironments: true},
  "HTML-CSS": {availableFonts: [], webFont: "STIX-Web", imageFont: null, preferredFont: null,
               linebreaks: {automatic: LINEBREAKS}},
  displayAlign: "center", messageStyle: "none", showMathMenu: false
});
MathJax.Hub.Register.StartupHook("End", function () { document.documentElement.dataset.typeset = "done"; });
</script>
<script src="{{ resources.mathjax_url }}"></script>
{%- endblock html_head_js_mathjax -%}
{% block data_png scoped %}
<div class="jp-RenderedImage jp-OutputArea-output {{ extra_class }}">
<img src="data:image/png;base64,{{ output.data['image/png'] | escape_html }}"
     alt="{{ output.data.get('text/plain', 'figure') | trim('<>') | escape_html }}"
{%- set width = output | get_metadata('width', 'image/png') %}{% if width is not none %} width="{{ width }}"{% endif %}>
</div>
{% endblock data_png %}
""".replace("LINEBREAKS", "true" if linebreaks else "false")


SLIDES_TEMPLATE = "{%- extends 'index.html.j2' -%}" + offline_head(linebreaks=False) + """
{%- block html_head_css -%}
<style>
  /* A figure as large as the slide allows (its PNG has twice the pixels of its notebook size, so it
     stays sharp up to twice that): a projected diagram's numbers must reach the back row. */
  .reveal .jp-OutputArea-output img { display: block; margin: 0 auto; width: auto; height: auto;
                                      max-width: 100%; max-height: 560px; }
  .reveal .jp-RenderedHTMLCommon table { margin: 0 auto; }
  /* Prose at 32 px (the theme's 42 px is for a few words a slide), a section's equations, numbers and
     tables at 75 % of it, 24 px: a slide then holds four stacked three-line equations, and a verdict
     line is still 24 px on a 1280x720 projector (the back row reads 20 px and up) */
  .reveal-viewport .reveal { font-size: 32px; }  /* more specific than the theme's .reveal rule */
  .reveal .jp-OutputArea-output { font-size: 75%; }
  .reveal .jp-OutputArea-output .MathJax_Display { margin: 0.3em 0; }
  .reveal .jp-InputArea-editor pre { white-space: pre-wrap; }  /* a long line of code wraps, never cut */
  .reveal .slides section h1, .reveal .slides section h2, .reveal .slides section h3 { text-transform: none; }  /* names like out_h1 stay as written */
</style>
{%- endblock html_head_css -%}
{% block footer_js %}
<script src="{{ resources.reveal.url_prefix }}/dist/reveal.js"></script>
<script src="{{ resources.reveal.url_prefix }}/plugin/notes/notes.js"></script>
<script>
Reveal.initialize({
  controls: true, progress: true, history: true, center: true,
  transition: "{{ resources.reveal.transition }}", slideNumber: "{{ resources.reveal.number }}",
  width: {{ resources.reveal.width }}, height: {{ resources.reveal.height }},
  plugins: [RevealNotes]
});
// MathJax measures what it typesets: a slide that was hidden is typeset again when shown
Reveal.on("slidechanged", function (event) {
  MathJax.Hub.Queue(["Rerender", MathJax.Hub, event.currentSlide]);
});
</script>
{% endblock footer_js %}
"""


class MissingOutputs(RuntimeError):
    """A notebook without its stored outputs: slides and handouts show outputs, never run code."""


def package_dir(name: str) -> Path:
    """Where an installed package lives, without importing it (sphinx_revealjs imports Sphinx)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"the package {name!r} is not installed: run `make setup`")
    return Path(next(iter(spec.submodule_search_locations)))


def mathjax_dir() -> Path:
    return package_dir("jupyter_server_mathjax") / "static"


def reveal_dir() -> Path:
    return package_dir("sphinx_revealjs") / "_static" / "revealjs"


def require_outputs(nb: nbformat.NotebookNode, path: Path) -> None:
    """Refuse a notebook whose code cells were not all run and stored (``make notebooks``)."""
    missing = [i for i, c in enumerate(nb.cells)
               if c.cell_type == "code" and c.source.strip() and c.get("execution_count") is None]
    if missing:
        raise MissingOutputs(f"{path}: code cell(s) {missing} have no stored output (no execution count); "
                             f"run `make notebooks` first, slides and handouts show the stored outputs")


def static_outputs(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy whose widget views fall back to their text: no widget state is stored, so a view
    could only show a broken widget."""
    nb = copy.deepcopy(nb)
    if "widgets" not in nb.metadata:
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                output.get("data", {}).pop(WIDGET_VIEW, None)
    return nb


def deck_outputs(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """What a slide shows of the stored outputs: widget views as their text, and a figure alone
    (the numbers a figure cell also prints are there for the checks and the handout; the figure
    shows them, and both would not fit one slide)."""
    nb = static_outputs(nb)
    for cell in nb.cells:
        outputs = cell.get("outputs", [])
        if any("image/png" in o.get("data", {}) for o in outputs):
            cell.outputs = [o for o in outputs if o.get("output_type") != "stream"]
    return nb


REVEAL_THEME = "white"  # its fonts come with it (some other themes import web fonts)
REVEAL_FILES = ("dist/reveal.css", "dist/reveal.js", f"dist/theme/{REVEAL_THEME}.css",
                "dist/theme/fonts/source-sans-pro", "plugin/notes/notes.js")


def copy_assets(out: Path) -> None:
    """The parts of reveal.js the template loads, and MathJax, into ``out``; replaced every build."""
    for name, source in [(f"reveal.js/{f}", reveal_dir() / f) for f in REVEAL_FILES] + [("mathjax", mathjax_dir())]:
        target = out / name
        if target.is_dir():
            shutil.rmtree(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copyfile(source, target)


def slides_exporter():  # -> nbconvert.SlidesExporter (untyped package)
    from nbconvert import SlidesExporter

    exporter = SlidesExporter(
        extra_loaders=[DictLoader({"bp_slides.html.j2": SLIDES_TEMPLATE})], template_file="bp_slides.html.j2",
        reveal_url_prefix="reveal.js", mathjax_url=f"mathjax/MathJax.js?config={MATHJAX_CONFIG}",
        reveal_width=str(SLIDE_SIZE[0]), reveal_height=str(SLIDE_SIZE[1]), reveal_transition="slide",
        reveal_number="c/t", reveal_theme=REVEAL_THEME, exclude_input_prompt=True, exclude_output_prompt=True,
        exclude_input=True)  # a deck shows what the code computes: the formulas, numbers and figures
    return exporter


def build_deck(path: Path, out: Path, exporter=None) -> Path:
    """One notebook's deck in ``out`` (which must hold the assets: ``copy_assets``)."""
    nb = nbformat.read(path, as_version=4)
    require_outputs(nb, path)
    body, _ = (exporter or slides_exporter()).from_notebook_node(
        deck_outputs(nb), resources={"metadata": {"name": path.stem}})
    target = out / f"{path.stem}.slides.html"
    target.write_text(body, encoding="utf-8")
    return target


def build(notebooks: list[Path], out: Path) -> list[Path]:
    """One deck per notebook in ``out``, assets beside them; returns the decks written.
    Every notebook is checked for stored outputs before anything is written."""
    for path in notebooks:
        require_outputs(nbformat.read(path, as_version=4), path)
    out.mkdir(parents=True, exist_ok=True)
    copy_assets(out)
    exporter = slides_exporter()
    return [build_deck(path, out, exporter) for path in notebooks]


def main(argv: list[str] | None = None) -> int:
    return cli.run(argv, name="build_slides", description=__doc__.splitlines()[0], out=OUT, build=build,
                   refused=(MissingOutputs,))


if __name__ == "__main__":
    sys.exit(main())
